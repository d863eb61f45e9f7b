package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/wneessen/go-mail/smtp"
)

// conn is one SMTP session with the relay, over which the sender delivers
// one mail after another.
type conn struct {
	c       *smtp.Client
	raw     net.Conn // the TCP connection under any TLS, whose deadline stops a stuck session
	timeout time.Duration
}

// dial opens a session with r: TLS at once (smtps), or STARTTLS when the
// relay offers it (required unless r is on loopback), then AUTH when r
// has a user name.
func dial(ctx context.Context, r Relay, hello string, tlsConf *tls.Config, timeout time.Duration) (*conn, error) {
	d := net.Dialer{Timeout: timeout}
	raw, err := d.DialContext(ctx, "tcp", r.Addr)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", r.Addr, err)
	}
	raw.SetDeadline(time.Now().Add(timeout))
	conf := &tls.Config{ServerName: r.Host, MinVersion: tls.VersionTLS12}
	if tlsConf != nil {
		conf = tlsConf.Clone()
		if conf.ServerName == "" {
			conf.ServerName = r.Host
		}
	}
	var nc net.Conn = raw
	if r.Implicit {
		tc := tls.Client(raw, conf)
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return nil, fmt.Errorf("TLS with %s: %w", r.Addr, err)
		}
		nc = tc
	}
	c, err := smtp.NewClient(nc, r.Host)
	if err != nil {
		raw.Close()
		return nil, fmt.Errorf("greeting of %s: %w", r.Addr, err)
	}
	s := &conn{c: c, raw: raw, timeout: timeout}
	if err := s.open(r, hello, conf); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// open says hello, starts TLS and authenticates.
func (s *conn) open(r Relay, hello string, conf *tls.Config) error {
	if err := s.c.Hello(hello); err != nil {
		return fmt.Errorf("EHLO to %s: %w", r.Addr, err)
	}
	if !r.Implicit {
		if ok, _ := s.c.Extension("STARTTLS"); ok {
			if err := s.c.StartTLS(conf); err != nil {
				return fmt.Errorf("STARTTLS with %s: %w", r.Addr, err)
			}
		} else if r.RequireTLS {
			return fmt.Errorf("the relay %s does not offer STARTTLS: nothing is sent in clear", r.Addr)
		}
	}
	if r.Username == "" {
		return nil
	}
	ok, mechs := s.c.Extension("AUTH")
	if !ok {
		return fmt.Errorf("the relay %s offers no AUTH for the user name of -smtp-url", r.Addr)
	}
	_, isTLS := s.c.TLSConnectionState()
	clear := !isTLS && isLoopback(r.Host) // on loopback only, as RequireTLS says
	var a smtp.Auth
	switch m := strings.Fields(strings.ToUpper(mechs)); {
	case slices.Contains(m, "PLAIN"):
		a = smtp.PlainAuth("", r.Username, r.Password, r.Host, clear)
	case slices.Contains(m, "LOGIN"):
		a = smtp.LoginAuth(r.Username, r.Password, r.Host, clear)
	default:
		return fmt.Errorf("the relay %s offers AUTH %s: want PLAIN or LOGIN", r.Addr, mechs)
	}
	if err := s.c.Auth(a); err != nil {
		return fmt.Errorf("AUTH with %s: %w", r.Addr, err)
	}
	return nil
}

// step names where in the SMTP exchange an error happened.
type step int

const (
	stepConnect step = iota // dialling, greeting, TLS, AUTH
	stepMail                // MAIL FROM
	stepRcpt                // RCPT TO
	stepData                // DATA and writing the message, before its end
	stepEnd                 // the final dot, until the relay's answer
)

// sendError is a failed delivery: where, and why.
type sendError struct {
	step step
	err  error
}

func (e *sendError) Error() string { return e.err.Error() }
func (e *sendError) Unwrap() error { return e.err }

// enhancedCode matches the enhanced status code (RFC 3463) a reply's
// text begins with, such as "5.1.1".
var enhancedCode = regexp.MustCompile(`^([245])\.(\d{1,3})\.(\d{1,3})\b`)

// mailboxRefused reports whether err, a permanent refusal at RCPT TO,
// says the mailbox itself is not there or takes no mail: an enhanced
// code 5.1.x (bad address, unknown user or domain, moved) or 5.2.1
// (disabled), or, from a relay that gives none, 550, 551 or 553. A
// refusal by the relay's policy (5.7.x, relaying denied), of the system
// or of the network is no verdict on the address.
func mailboxRefused(err error) bool {
	var te *textproto.Error
	if !errors.As(err, &te) || te.Code < 500 {
		return false
	}
	if m := enhancedCode.FindStringSubmatch(strings.TrimSpace(te.Msg)); m != nil {
		return m[1] == "5" && (m[2] == "1" || m[2] == "2" && m[3] == "1")
	}
	return te.Code == 550 || te.Code == 551 || te.Code == 553
}

// code is the relay's reply code to err, 0 when the relay did not answer
// (the connection failed, timed out).
func code(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

// send delivers msg from from to to over the session. committing runs
// after the whole message is written and just before its end (the final
// dot): if it fails, the session is dropped without ending DATA, so the
// relay discards the message. The reply to the end of DATA is returned.
func (s *conn) send(from, to string, msg []byte, committing func() error) (reply string, err error) {
	s.deadline()
	if err := s.c.Mail(from); err != nil {
		return "", &sendError{stepMail, err}
	}
	s.deadline()
	if err := s.c.Rcpt(to); err != nil {
		return "", &sendError{stepRcpt, err}
	}
	s.deadline()
	w, err := s.c.Data()
	if err != nil {
		return "", &sendError{stepData, err}
	}
	if _, err := w.Write(msg); err != nil {
		return "", &sendError{stepData, err}
	}
	if err := committing(); err != nil {
		s.close() // never end this DATA
		return "", &sendError{stepData, err}
	}
	s.deadline()
	if err := w.Close(); err != nil {
		return "", &sendError{stepEnd, err}
	}
	if dc, ok := w.(interface{ ServerResponse() string }); ok {
		reply = dc.ServerResponse()
	}
	return reply, nil
}

// deadline gives the next command its time.
func (s *conn) deadline() { s.raw.SetDeadline(time.Now().Add(s.timeout)) }

// stopWithin makes whatever the session waits for give up after d.
func (s *conn) stopWithin(d time.Duration) { s.raw.SetDeadline(time.Now().Add(d)) }

// reset ends a mail transaction the relay refused, keeping the session;
// false when the session is no longer usable.
func (s *conn) reset() bool {
	s.deadline()
	return s.c.Reset() == nil
}

// quit ends the session politely.
func (s *conn) quit() {
	s.raw.SetDeadline(time.Now().Add(2 * time.Second))
	if s.c.Quit() != nil {
		s.close()
	}
}

// close drops the session.
func (s *conn) close() {
	s.raw.Close()
}
