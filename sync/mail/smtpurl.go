package mail

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strings"
)

// Relay is where the server hands its mails over: an SMTP relay, as
// crosstalk-server's -smtp-url names it.
type Relay struct {
	Host     string // the relay's host name, which its certificate must name
	Addr     string // host:port to dial
	Implicit bool   // smtps: TLS from the first byte
	// RequireTLS is set for smtp:// to any host but loopback: the relay
	// must offer STARTTLS, or nothing is sent (credentials and mails do
	// not cross a network in clear). On loopback STARTTLS is used when
	// offered.
	RequireTLS bool
	Username   string
	Password   string
}

// Default ports of the two schemes.
const (
	SubmissionPort = "587" // smtp://: STARTTLS
	SMTPSPort      = "465" // smtps://: implicit TLS
)

// ParseSMTPURL reads an SMTP URL: smtp://user:pass@host:587 (STARTTLS,
// required unless host is loopback) or smtps://user:pass@host:465
// (implicit TLS). The user name and password are URL-decoded and may be
// left out; the port defaults to 587 and 465. Any other scheme, a path, a
// query or a fragment is refused.
func ParseSMTPURL(s string) (Relay, error) {
	var r Relay
	u, err := url.Parse(s)
	if err != nil {
		// url's errors quote the whole URL, password included.
		return r, errors.New("not a URL such as smtp://user:password@host:587")
	}
	switch u.Scheme {
	case "smtp":
		r.Implicit = false
	case "smtps":
		r.Implicit = true
	default:
		return r, fmt.Errorf("scheme %q: want smtp:// (STARTTLS) or smtps:// (implicit TLS)", u.Scheme)
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return r, errors.New("an SMTP URL has no path, query or fragment: want smtp://user:password@host:587")
	}
	r.Host = u.Hostname()
	if r.Host == "" {
		return r, errors.New("no host: want smtp://user:password@host:587")
	}
	port := u.Port()
	if port == "" {
		port = SubmissionPort
		if r.Implicit {
			port = SMTPSPort
		}
	}
	r.Addr = net.JoinHostPort(r.Host, port)
	if u.User != nil {
		r.Username = u.User.Username() // url.Parse has decoded them
		r.Password, _ = u.User.Password()
	}
	r.RequireTLS = !r.Implicit && !isLoopback(r.Host)
	return r, nil
}

// String is the relay's URL without its password.
func (r Relay) String() string {
	u := url.URL{Scheme: "smtp", Host: r.Addr}
	if r.Implicit {
		u.Scheme = "smtps"
	}
	if r.Username != "" {
		u.User = url.User(r.Username)
	}
	return u.String()
}

// isLoopback reports whether host names only the loopback interface.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ParseSender reads the -mail-from address: "crosstalk@example.jp" or
// "CrossTalk <crosstalk@example.jp>".
func ParseSender(s string) (Sender, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil {
		return Sender{}, fmt.Errorf("%q: want an address, optionally with a name: \"CrossTalk <crosstalk@example.jp>\": %w", s, err)
	}
	return Sender{Name: a.Name, Address: a.Address}, nil
}

// ParsePublicURL checks the -public-url, the address the mails tell
// people to open: an https URL (http only on loopback, for a trial), with
// no query or fragment. It returns it without a trailing slash.
func ParsePublicURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%q: want an https URL such as https://crosstalk.example.jp", s)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return "", fmt.Errorf("%q: want an https URL such as https://crosstalk.example.jp", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%q: want no user, query or fragment", s)
	}
	return strings.TrimRight(u.String(), "/"), nil
}
