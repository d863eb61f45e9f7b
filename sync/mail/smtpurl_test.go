package mail_test

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
)

func TestParseSMTPURL(t *testing.T) {
	for _, c := range []struct {
		url  string
		want mail.Relay
	}{
		{"smtp://user%40example.jp:p%40ss%3Aw%2Frd@mail.example.jp:587",
			mail.Relay{Host: "mail.example.jp", Addr: "mail.example.jp:587", RequireTLS: true,
				Username: "user@example.jp", Password: "p@ss:w/rd"}},
		{"smtp://mail.example.jp", mail.Relay{Host: "mail.example.jp", Addr: "mail.example.jp:587", RequireTLS: true}},
		{"smtps://u:p@mail.example.jp", mail.Relay{Host: "mail.example.jp", Addr: "mail.example.jp:465", Implicit: true,
			Username: "u", Password: "p"}},
		{"smtps://mail.example.jp:2465/", mail.Relay{Host: "mail.example.jp", Addr: "mail.example.jp:2465", Implicit: true}},
		{"smtp://127.0.0.1:2525", mail.Relay{Host: "127.0.0.1", Addr: "127.0.0.1:2525"}},
		{"smtp://localhost:25", mail.Relay{Host: "localhost", Addr: "localhost:25"}},
		{"smtp://[::1]:25", mail.Relay{Host: "::1", Addr: "[::1]:25"}},
	} {
		got, err := mail.ParseSMTPURL(c.url)
		if err != nil || got != c.want {
			t.Errorf("%s: %+v, %v; want %+v", c.url, got, err, c.want)
		}
	}
	for _, c := range []struct{ url, says string }{
		{"http://mail.example.jp", "scheme"},
		{"mail.example.jp:587", "scheme"},
		{"smtp://mail.example.jp/inbox", "path"},
		{"smtp://mail.example.jp?tls=no", "path"},
		{"smtp://", "no host"},
		{"smtp://user:sec ret@mail.example.jp:%zz", "not a URL"},
	} {
		_, err := mail.ParseSMTPURL(c.url)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want an error that says %q", c.url, err, c.says)
		}
		if err != nil && strings.Contains(err.Error(), "sec ret") {
			t.Errorf("%s: the error shows the password: %v", c.url, err)
		}
	}
	r, _ := mail.ParseSMTPURL("smtps://user:secret@mail.example.jp")
	if s := r.String(); strings.Contains(s, "secret") || s != "smtps://user@mail.example.jp:465" {
		t.Errorf("String: %s", s)
	}
}

func TestParseSender(t *testing.T) {
	for in, want := range map[string]mail.Sender{
		"crosstalk@example.jp":             {Address: "crosstalk@example.jp"},
		"CrossTalk <crosstalk@example.jp>": {Name: "CrossTalk", Address: "crosstalk@example.jp"},
		`"クロストーク" <crosstalk@example.jp>`:  {Name: "クロストーク", Address: "crosstalk@example.jp"},
	} {
		if got, err := mail.ParseSender(in); err != nil || got != want {
			t.Errorf("%s: %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "crosstalk", "CrossTalk <>", "a@b, c@d"} {
		if _, err := mail.ParseSender(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestParsePublicURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://crosstalk.example.jp/": "https://crosstalk.example.jp",
		"https://example.jp/crosstalk":  "https://example.jp/crosstalk",
		"http://127.0.0.1:8080":         "http://127.0.0.1:8080",
	} {
		if got, err := mail.ParsePublicURL(in); err != nil || got != want {
			t.Errorf("%s: %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "crosstalk.example.jp", "http://crosstalk.example.jp", "ftp://x", "https://x/?a=b", "https://u:p@x"} {
		if _, err := mail.ParsePublicURL(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// Without STARTTLS offered, a relay that is not on loopback gets nothing
// in clear: the sink, reached through a relay of bytes on the machine's
// own non-loopback address.
func TestServiceNeedsSTARTTLSBeyondLoopback(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	alice := person(t, st, "アリス", "alice@example.jp")
	svc := newService(t, st, "smtp://"+forward(t, sink.Addr), nil)
	if !svc.Relay().RequireTLS {
		t.Fatal("STARTTLS not required")
	}
	svc.Start()
	queue(t, st, encode(t, alice, "alice@example.jp", 1))
	deadline := time.Now().Add(10 * time.Second)
	for svc.Stats().Retried == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no attempt: %+v", svc.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, r := range rows(t, st) {
		if r.State == "sent" || !strings.Contains(r.LastError, "does not offer STARTTLS") {
			t.Fatalf("%+v", r)
		}
	}
	if n := len(sink.Messages()); n != 0 {
		t.Fatalf("the sink has %d mails", n)
	}
}

// forward listens on a non-loopback address of the machine and forwards
// each connection to target; it returns its host:port.
func forward(t *testing.T, target string) string {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(nonLoopback(t).String(), "0"))
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
			go func() {
				defer c.Close()
				u, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer u.Close()
				go io.Copy(u, c)
				io.Copy(c, u)
			}()
		}
	}()
	return ln.Addr().String()
}

// nonLoopback is an IPv4 address of the machine beyond loopback.
func nonLoopback(t *testing.T) net.IP {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP
		}
	}
	t.Fatal("the machine has no non-loopback IPv4 address")
	return nil
}
