// Package mailsink starts a real SMTP server for tests: Debian's aiosmtpd
// (python3-aiosmtpd, run by /usr/bin/python3) on a loopback port, with a
// handler (sink.py) that keeps every message it accepts in a folder the
// test reads. Some recipients make it fail on purpose: an address whose
// local part starts with "bounce" is refused for good (550 5.1.1, no
// such mailbox), "denied" by the relay's policy (550 5.7.1), "tempfail"
// for now (451), and "slow" makes it answer DATA after 3 seconds; a
// message holding REJECT-CONTENT is refused at the end of DATA (554
// 5.7.1).
package mailsink

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

//go:embed sink.py
var handler []byte

// Python is the interpreter that has Debian's aiosmtpd module.
const Python = "/usr/bin/python3"

// Sink is a running SMTP server and the folder of what it received.
type Sink struct {
	Addr string // host:port it listens on
	Dir  string // its maildir

	t    testing.TB
	code string // the folder holding sink.py
	cmd  *exec.Cmd
	done chan struct{}
}

// Start starts a sink on a free loopback port; it stops when the test
// ends. A machine without aiosmtpd fails the test: CI installs it.
func Start(t testing.TB) *Sink {
	t.Helper()
	s := &Sink{t: t, code: t.TempDir(), Dir: filepath.Join(t.TempDir(), "maildir")}
	if err := os.WriteFile(filepath.Join(s.code, "sink.py"), handler, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	l.Close()
	s.start()
	t.Cleanup(s.Stop)
	return s
}

// URL is the sink's address as the server's -smtp-url takes it.
func (s *Sink) URL() string { return "smtp://" + s.Addr }

func (s *Sink) start() {
	s.t.Helper()
	cmd := exec.Command(Python, "-m", "aiosmtpd", "-n", "-l", s.Addr, "-c", "sink.Sink", s.Dir)
	cmd.Env = append(os.Environ(), "PYTHONPATH="+s.code, "PYTHONUNBUFFERED=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start aiosmtpd (apt install python3-aiosmtpd): %v", err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func(done chan struct{}) { cmd.Wait(); close(done) }(s.done)
	deadline := time.Now().Add(15 * time.Second)
	for {
		if greets(s.Addr) {
			return
		}
		select {
		case <-s.done:
			s.t.Fatalf("aiosmtpd ended at start: %s", out.String())
		default:
		}
		if time.Now().After(deadline) {
			s.Stop()
			s.t.Fatalf("aiosmtpd did not answer on %s: %s", s.Addr, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// greets reports whether an SMTP server answers 220 at addr.
func greets(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err == nil {
		fmt.Fprint(c, "QUIT\r\n")
	}
	return err == nil && strings.HasPrefix(line, "220")
}

// Stop stops the sink (what it received stays readable).
func (s *Sink) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

// Restart starts the sink again on the same port, after Stop.
func (s *Sink) Restart() {
	s.t.Helper()
	s.Stop()
	s.start()
}

// Mail is one message the sink accepted.
type Mail struct {
	Rcpt        []string // the envelope's recipients
	Raw         []byte   // the message as received
	Header      mail.Header
	Subject     string // decoded
	Text, HTML  string // the decoded text/plain and text/html parts
	Attachments map[string][]byte
}

// Messages returns what the sink has accepted so far, oldest first.
func (s *Sink) Messages() []Mail {
	s.t.Helper()
	entries, err := os.ReadDir(filepath.Join(s.Dir, "new"))
	if err != nil && !os.IsNotExist(err) {
		s.t.Fatal(err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names) // names start with the time in nanoseconds
	mails := make([]Mail, 0, len(names))
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(s.Dir, "new", n))
		if err != nil {
			s.t.Fatal(err)
		}
		m, err := Parse(b)
		if err != nil {
			s.t.Fatalf("sink message %s: %v", n, err)
		}
		mails = append(mails, m)
	}
	return mails
}

// WaitFor waits until the sink has at least n messages, or fails the test
// after timeout, and returns them all.
func (s *Sink) WaitFor(n int, timeout time.Duration) []Mail {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ms := s.Messages()
		if len(ms) >= n {
			return ms
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the sink has %d mails after %v, want %d", len(ms), timeout, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Parse reads a message as the sink keeps it: the X-Sink-Rcpt line, then
// the message.
func Parse(b []byte) (Mail, error) {
	var m Mail
	first, rest, ok := bytes.Cut(b, []byte("\r\n"))
	if !ok || !bytes.HasPrefix(first, []byte("X-Sink-Rcpt: ")) {
		return m, fmt.Errorf("no X-Sink-Rcpt line")
	}
	for _, a := range strings.Split(string(bytes.TrimPrefix(first, []byte("X-Sink-Rcpt: "))), ", ") {
		m.Rcpt = append(m.Rcpt, a)
	}
	m.Raw = rest
	msg, err := mail.ReadMessage(bytes.NewReader(rest))
	if err != nil {
		return m, err
	}
	m.Header = msg.Header
	if m.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return m, fmt.Errorf("subject: %w", err)
	}
	m.Attachments = map[string][]byte{}
	return m, m.readPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Disposition"),
		msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
}

// readPart reads one MIME part into m, going into multiparts.
func (m *Mail) readPart(contentType, disposition, encoding string, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := m.readPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"),
				p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
	}
	data, err := decode(encoding, body)
	if err != nil {
		return fmt.Errorf("%s: %w", mt, err)
	}
	if d, dp, err := mime.ParseMediaType(disposition); err == nil && d == "attachment" {
		m.Attachments[dp["filename"]] = data
		return nil
	}
	switch mt {
	case "text/plain":
		m.Text = string(data)
	case "text/html":
		m.HTML = string(data)
	default:
		m.Attachments[params["name"]] = data
	}
	return nil
}
