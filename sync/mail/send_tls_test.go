package mail_test

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"io"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
)

// smtps:// speaks TLS from the first byte and checks the relay's
// certificate: delivered with the relay's root, refused (and tried again
// later) with the system's, which do not know it.
func TestServiceImplicitTLS(t *testing.T) {
	sink := mailsink.Start(t)
	addr, roots := tlsFront(t, sink.Addr, "127.0.0.1", front{implicit: true})
	st := newStore(t)
	alice := person(t, st, "アリス", "alice@example.jp")

	untrusting := newService(t, st, "smtps://"+addr, nil)
	untrusting.Start()
	queue(t, st, encode(t, alice, "alice@example.jp", 1))
	deadline := time.Now().Add(10 * time.Second)
	for untrusting.Stats().Retried == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no attempt: %+v", untrusting.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
	untrusting.Stop()
	for _, r := range rows(t, st) {
		if r.State != "queued" || !strings.Contains(r.LastError, "certificate") {
			t.Fatalf("with an unknown certificate: %+v", r)
		}
	}

	svc := newService(t, st, "smtps://"+addr, func(c *mail.Config) {
		c.TLS = &tls.Config{RootCAs: roots}
		c.RetryBase, c.RetryMax = time.Millisecond, time.Millisecond
	})
	svc.Start()
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Sent == 1 })
	if got := sink.Messages(); len(got) != 1 {
		t.Fatalf("the sink has %d mails", len(got))
	}
}

// front is a relay in front of the sink, which forwards what it decrypts
// to it: TLS from the first byte (implicit), or after the client's
// STARTTLS, which it offers in its answer to EHLO (the sink offers none);
// with auth ("user\x00password"), it offers AUTH PLAIN over TLS and
// wants those credentials before anything goes to the sink.
type front struct {
	implicit bool
	auth     string
	conf     *tls.Config
}

// tlsFront starts f on ip, with a certificate of its own for it, in front
// of target. It returns its address and the roots that trust it.
func tlsFront(t *testing.T, target, ip string, f front) (string, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test relay"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP(ip)}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	f.conf = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c, target)
		}
	}()
	return ln.Addr().String(), roots
}

// serve passes the greeting and EHLO between the client c and the sink,
// adding its extensions, answers STARTTLS and AUTH itself, and from the
// first other command on forwards both ways.
func (f front) serve(c net.Conn, target string) {
	defer c.Close()
	u, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer u.Close()
	ur := bufio.NewReader(u)
	reply := func() ([]string, bool) { // a reply of the sink, its lines without the code
		var lines []string
		for {
			l, err := ur.ReadString('\n')
			if err != nil || len(l) < 4 {
				return nil, false
			}
			lines = append(lines, strings.TrimRight(l[4:], "\r\n"))
			if l[3] == ' ' {
				return lines, true
			}
		}
	}
	greeting, ok := reply()
	if !ok {
		return
	}
	tlsOn := f.implicit
	if f.implicit {
		c = tls.Server(c, f.conf)
	}
	fmt.Fprintf(c, "220 %s\r\n", greeting[0])
	cr := bufio.NewReader(c)
	authed := f.auth == ""
	for {
		cmd, err := cr.ReadString('\n')
		if err != nil {
			return
		}
		fields := strings.Fields(cmd + " x")
		switch strings.ToUpper(fields[0]) {
		case "EHLO":
			fmt.Fprint(u, cmd)
			lines, ok := reply()
			if !ok {
				return
			}
			ext := lines[1:]
			if !tlsOn {
				ext = append(ext, "STARTTLS")
			} else if f.auth != "" {
				ext = append(ext, "AUTH PLAIN")
			}
			lines = append(lines[:1], ext...)
			for i, l := range lines {
				sep := "-"
				if i == len(lines)-1 {
					sep = " "
				}
				fmt.Fprintf(c, "250%s%s\r\n", sep, l)
			}
		case "STARTTLS":
			fmt.Fprint(c, "220 2.0.0 Ready to start TLS\r\n")
			c = tls.Server(c, f.conf)
			cr, tlsOn = bufio.NewReader(c), true
		case "AUTH":
			b, _ := base64.StdEncoding.DecodeString(fields[2])
			if !tlsOn || string(b) != "\x00"+f.auth {
				fmt.Fprint(c, "535 5.7.8 Authentication credentials invalid\r\n")
				continue
			}
			authed = true
			fmt.Fprint(c, "235 2.7.0 Authentication successful\r\n")
		default:
			if !tlsOn || !authed {
				fmt.Fprint(c, "530 5.7.0 Must issue a STARTTLS command and authenticate first\r\n")
				continue
			}
			fmt.Fprint(u, cmd)
			go io.Copy(u, cr)
			io.Copy(c, ur)
			return
		}
	}
}

// smtp:// to a relay beyond loopback, which must offer STARTTLS: the
// sender starts TLS, checks the relay's certificate, authenticates with
// the URL's user and password, decoded, and delivers.
func TestServiceSTARTTLS(t *testing.T) {
	sink := mailsink.Start(t)
	addr, roots := tlsFront(t, sink.Addr, nonLoopback(t).String(), front{auth: "crosstalk@example.jp\x00p@ss:w/rd"})
	st := newStore(t)
	alice := person(t, st, "アリス", "alice@example.jp")
	svc := newService(t, st, "smtp://crosstalk%40example.jp:p%40ss%3Aw%2Frd@"+addr,
		func(c *mail.Config) { c.TLS = &tls.Config{RootCAs: roots} })
	if !svc.Relay().RequireTLS {
		t.Fatal("STARTTLS not required")
	}
	svc.Start()
	ms := encode(t, alice, "alice@example.jp", 2)
	queue(t, st, ms)
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Sent == 2 })
	// (The front forwards nothing before TLS: what arrived went through it.)
	got := map[string]bool{}
	for _, m := range sink.Messages() {
		got[messageID(m.Header)] = true
	}
	if len(got) != 2 || !got[ms[0].MessageID] || !got[ms[1].MessageID] {
		t.Fatalf("the sink has %v", got)
	}
}
