package server

import (
	"context"
	"net/http"
	"net/smtp"
	"regexp"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
	"crosstalk/sync/wire"
)

// mailEnv is the administration's server that sends mail, and a real SMTP
// server that receives it.
type mailEnv struct {
	*env
	sink *mailsink.Sink
}

func newMailEnv(t *testing.T) mailEnv {
	t.Helper()
	sink := mailsink.Start(t)
	e := newEnv(t, func(c *envConfig) {
		c.ds = adminDataset()
		c.wrap = func(st *serverstore.Store) Store {
			// A sender that is never started: deliver hands the mails on.
			svc, err := mail.New(st, mail.Config{SMTPURL: sink.URL(), PublicURL: "https://crosstalk.example.jp",
				From: mail.Sender{Name: "CrossTalk", Address: "noreply@crosstalk.example.jp"}})
			if err != nil {
				t.Fatal(err)
			}
			c.opts.Mail = svc
			return st
		}
	})
	return mailEnv{env: e, sink: sink}
}

// deliver hands every mail queued in the outbox to the sink, as a sender
// would (mailsend's, not in this test's reach), and marks it sent. It
// returns how many it sent.
func (e mailEnv) deliver() int {
	e.t.Helper()
	rows, err := e.st.DB().Query(`SELECT id, address, message FROM mail_outbox WHERE state = 'queued' ORDER BY id`)
	if err != nil {
		e.t.Fatal(err)
	}
	type queued struct {
		id      int64
		address string
		message []byte
	}
	var qs []queued
	for rows.Next() {
		var q queued
		if err := rows.Scan(&q.id, &q.address, &q.message); err != nil {
			e.t.Fatal(err)
		}
		qs = append(qs, q)
	}
	rows.Close()
	for _, q := range qs {
		if err := smtp.SendMail(e.sink.Addr, nil, "noreply@crosstalk.example.jp", []string{q.address}, q.message); err != nil {
			e.t.Fatalf("deliver mail %d: %v", q.id, err)
		}
		e.exec(`UPDATE mail_outbox SET state = 'sent' WHERE id = ?`, q.id)
	}
	return len(qs)
}

// exec runs a write statement on the store.
func (e mailEnv) exec(query string, args ...any) {
	e.t.Helper()
	if err := e.st.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(query, args...)
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// codeFor delivers the mails queued and returns the code of the newest
// one, which must be to address.
func (e mailEnv) codeFor(address string) string {
	e.t.Helper()
	before := len(e.sink.Messages())
	if n := e.deliver(); n != 1 {
		e.t.Fatalf("%d mails queued, want 1", n)
	}
	ms := e.sink.WaitFor(before+1, 5*time.Second)
	m := ms[len(ms)-1]
	if len(m.Rcpt) != 1 || m.Rcpt[0] != address {
		e.t.Fatalf("the code went to %v, want %s", m.Rcpt, address)
	}
	code := sixDigits.FindString(m.Text)
	if code == "" || !strings.Contains(m.HTML, code) {
		e.t.Fatalf("no code in the mail:\n%s\n%s", m.Text, m.HTML)
	}
	return code
}

func (e mailEnv) start(token, address string) (int, []byte) {
	return e.call(http.MethodPost, wire.PathEmailStart, token, wire.EmailStartRequest{Address: address})
}

func (e mailEnv) confirm(token, code string) (int, []byte) {
	return e.call(http.MethodPost, wire.PathEmailConfirm, token, wire.EmailConfirmRequest{Code: code})
}

// emailOf reads a person's address and its failure in the store.
func (e mailEnv) emailOf(id string) (address string, failedAt int64, reason string) {
	e.t.Helper()
	if err := e.st.DB().QueryRow(`SELECT email, email_failed_at, email_error FROM participants WHERE id = ?`, id).
		Scan(&address, &failedAt, &reason); err != nil {
		e.t.Fatal(err)
	}
	return address, failedAt, reason
}

// ownMail is the mail account in the person's own pulled profile.
func (e mailEnv) ownMail(token, id string) *app.MailAccount {
	e.t.Helper()
	for _, raw := range e.pullAll(token).rows["participants"] {
		var p app.Participant
		decode(e.t, raw, &p)
		if p.ID == id {
			return p.Mail
		}
	}
	e.t.Fatalf("%s's profile is not in their pull", id)
	return nil
}

// TestEmailConfirmed: a person enters a new address; the code goes, in a
// real mail, to that address only, in Japanese unless they chose
// English; typed back (full-width digits too), it makes the address
// theirs, clears the failure of the old one, and reaches their devices.
// The code works once.
func TestEmailConfirmed(t *testing.T) {
	e := newMailEnv(t)
	p1 := e.login(apid("p1"))
	e.exec(`UPDATE participants SET email = 'old@example.jp', email_failed_at = 1,
		email_error = '550 no such user' WHERE id = ?`, apid("p1"))
	// Typed with an IME: a full-width ＠ and letters, a full-width space.
	status, body := e.start(p1.Token, "　ｎｅｗ.p1＠example.jp ")
	if status != http.StatusOK {
		t.Fatalf("start: %d %s", status, body)
	}
	var sr wire.EmailStartResponse
	decode(t, body, &sr)
	if sr.ValidSeconds != 30*60 {
		t.Errorf("valid for %d s", sr.ValidSeconds)
	}
	if a, _, _ := e.emailOf(apid("p1")); a != "old@example.jp" {
		t.Fatalf("the address changed before the code: %q", a)
	}
	code := e.codeFor("new.p1@example.jp")
	m := e.sink.Messages()[0]
	if !strings.Contains(m.Subject, "確認コード") || !strings.Contains(m.Text, "試験 p1 様") || !strings.Contains(m.Text, "30 分間") {
		t.Errorf("the mail: %q\n%s", m.Subject, m.Text)
	}
	wide := strings.Map(func(r rune) rune { return r - '0' + '０' }, code[:3]) + " " + code[3:]
	status, body = e.confirm(p1.Token, wide)
	if status != http.StatusOK {
		t.Fatalf("confirm: %d %s", status, body)
	}
	var cr wire.EmailConfirmResponse
	decode(t, body, &cr)
	if cr.Address != "new.p1@example.jp" {
		t.Errorf("confirmed %q", cr.Address)
	}
	if a, failed, reason := e.emailOf(apid("p1")); a != "new.p1@example.jp" || failed != 0 || reason != "" {
		t.Errorf("after the code: %q %d %q", a, failed, reason)
	}
	if got := e.ownMail(p1.Token, apid("p1")); got == nil || got.Email != "new.p1@example.jp" || got.Failing {
		t.Errorf("p1's devices pull %+v", got)
	}
	status, body = e.confirm(p1.Token, code)
	wantRejected(t, status, body, app.CodeEmailCodeExpired)

	// In English, for someone who chose it; HR too may change theirs.
	hp := e.login(apid("hp"))
	e.push(hp.Token, wire.Mutation{ID: 1, Name: app.MailSet, Args: app.Args(app.MailSettings{Mode: app.MailDigest, Language: "en", Weekly: true})})
	status, body = e.start(hp.Token, "hr.p@example.jp")
	if status != http.StatusOK {
		t.Fatalf("HR's start: %d %s", status, body)
	}
	code = e.codeFor("hr.p@example.jp")
	if m := e.sink.Messages()[1]; !strings.Contains(m.Subject, "confirmation code") || !strings.Contains(m.Text, "Dear 試験 hp") {
		t.Errorf("HR's mail: %q\n%s", m.Subject, m.Text)
	}
	if status, body = e.confirm(hp.Token, code); status != http.StatusOK {
		t.Fatalf("HR's confirm: %d %s", status, body)
	}
	if got := e.ownMail(hp.Token, apid("hp")); got == nil || got.Email != "hr.p@example.jp" || got.Mode != app.MailDigest || !got.Weekly {
		t.Errorf("HR's devices pull %+v", got)
	}
}

// TestEmailWrongCodes: a wrong code changes nothing but the count; the
// fifth locks the confirmation, after which even the right code is
// refused, until a new code is asked for.
func TestEmailWrongCodes(t *testing.T) {
	e := newMailEnv(t)
	p1 := e.login(apid("p1"))
	if status, body := e.start(p1.Token, "p1@example.jp"); status != http.StatusOK {
		t.Fatalf("start: %d %s", status, body)
	}
	code := e.codeFor("p1@example.jp")
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	for i := 1; i <= 5; i++ {
		status, body := e.confirm(p1.Token, wrong)
		want := app.CodeEmailCodeWrong
		if i == 5 {
			want = app.CodeEmailCodeLocked
		}
		wantRejected(t, status, body, want)
	}
	status, body := e.confirm(p1.Token, code)
	wantRejected(t, status, body, app.CodeEmailCodeLocked)
	for _, bad := range []string{"12345", "1234567", "abcdef", strings.Repeat("1", 100)} {
		status, body := e.confirm(p1.Token, bad)
		wantRejected(t, status, body, app.CodeEmailCodeWrong)
	}
	if a, _, _ := e.emailOf(apid("p1")); a != "" {
		t.Fatalf("a locked confirmation set %q", a)
	}
	if status, body := e.start(p1.Token, "p1@example.jp"); status != http.StatusOK {
		t.Fatalf("a new code: %d %s", status, body)
	}
	if status, body := e.confirm(p1.Token, e.codeFor("p1@example.jp")); status != http.StatusOK {
		t.Fatalf("the new code: %d %s", status, body)
	}
}

// TestEmailCodeExpires: after 30 minutes the code is refused, and the
// address stays as it was.
func TestEmailCodeExpires(t *testing.T) {
	e := newMailEnv(t)
	p1 := e.login(apid("p1"))
	if status, body := e.start(p1.Token, "p1@example.jp"); status != http.StatusOK {
		t.Fatalf("start: %d %s", status, body)
	}
	code := e.codeFor("p1@example.jp")
	e.clock.Add(30 * time.Minute)
	status, body := e.confirm(p1.Token, code)
	wantRejected(t, status, body, app.CodeEmailCodeExpired)
	if a, _, _ := e.emailOf(apid("p1")); a != "" {
		t.Fatalf("an expired code set %q", a)
	}
}

// TestEmailCodeIsTheOwners: a code confirms only its own person's
// address: another person who has it gets nothing, with or without an
// address of their own waiting, and the owner's code still works.
func TestEmailCodeIsTheOwners(t *testing.T) {
	e := newMailEnv(t)
	p1, q1 := e.login(apid("p1")), e.login(apid("q1"))
	if status, body := e.start(p1.Token, "p1@example.jp"); status != http.StatusOK {
		t.Fatalf("start: %d %s", status, body)
	}
	code := e.codeFor("p1@example.jp")
	status, body := e.confirm(q1.Token, code)
	wantRejected(t, status, body, app.CodeEmailCodeExpired) // q1 has none waiting
	if status, body := e.start(q1.Token, "p1@example.jp"); status != http.StatusOK {
		t.Fatalf("q1's start: %d %s", status, body)
	}
	e.deliver()
	status, body = e.confirm(q1.Token, code)
	wantRejected(t, status, body, app.CodeEmailCodeWrong)
	if a, _, _ := e.emailOf(apid("q1")); a != "" {
		t.Fatalf("q1 took p1's code: %q", a)
	}
	if status, body := e.confirm(p1.Token, code); status != http.StatusOK {
		t.Fatalf("p1's own code: %d %s", status, body)
	}
}

// TestEmailStartRefused: five codes an hour, then a refusal until the
// hour has passed; an address that is not one, a server without mail and
// a request without a token are refused, and queue nothing.
func TestEmailStartRefused(t *testing.T) {
	e := newMailEnv(t)
	p1 := e.login(apid("p1"))
	for i := range 5 {
		if status, body := e.start(p1.Token, "p1@example.jp"); status != http.StatusOK {
			t.Fatalf("code %d: %d %s", i+1, status, body)
		}
		e.clock.Add(time.Minute)
	}
	status, body := e.start(p1.Token, "other@example.jp")
	wantRejected(t, status, body, app.CodeEmailTooMany)
	if n := e.deliver(); n != 5 {
		t.Fatalf("%d codes mailed, want 5", n)
	}
	for _, m := range e.sink.WaitFor(5, 5*time.Second) {
		if m.Rcpt[0] != "p1@example.jp" {
			t.Fatalf("a refused code was mailed to %v", m.Rcpt)
		}
	}
	// Others are not held back by p1's codes.
	q1 := e.login(apid("q1"))
	if status, body := e.start(q1.Token, "q1@example.jp"); status != http.StatusOK {
		t.Fatalf("q1: %d %s", status, body)
	}
	e.clock.Add(56 * time.Minute) // the first code is an hour old
	if status, body := e.start(p1.Token, "p1@example.jp"); status != http.StatusOK {
		t.Fatalf("an hour on: %d %s", status, body)
	}
	for _, bad := range []string{"", "p1", "p1@example.jp other@example.jp", "<p1@example.jp>", strings.Repeat("a", 250) + "@example.jp"} {
		status, body := e.start(p1.Token, bad)
		wantRejected(t, status, body, app.CodeBadArgs)
	}
	status, body = e.start("", "p1@example.jp")
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)

	off := newEnv(t, func(c *envConfig) { c.ds = adminDataset() })
	status, body = off.call(http.MethodPost, wire.PathEmailStart, off.login(apid("p1")).Token, wire.EmailStartRequest{Address: "p1@example.jp"})
	wantRejected(t, status, body, app.CodeMailOff)
	var n int
	if err := off.st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM email_confirmations`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("a server without mail keeps %d confirmations (%v)", n, err)
	}
}
