package mailsink_test

import (
	"net/smtp"
	"strings"
	"testing"
	"time"

	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
)

func send(t *testing.T, s *mailsink.Sink, to string) error {
	t.Helper()
	out, err := mail.Encode(mail.Message{
		To: mail.Recipient{ParticipantID: "p", Name: "佐藤 花子", Address: to}, Subject: "テストです",
		Text: "本文です。", HTML: "<p>本文です。</p>",
		Attachments: []mail.Attachment{{Name: "talk.ics", ContentType: "text/calendar; charset=UTF-8", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}},
	}, mail.Sender{Name: "CrossTalk", Address: "noreply@example.jp"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return smtp.SendMail(s.Addr, nil, "noreply@example.jp", []string{to}, out.Message)
}

func TestSinkKeepsWhatItAccepts(t *testing.T) {
	s := mailsink.Start(t)
	if err := send(t, s, "hanako@example.jp"); err != nil {
		t.Fatal(err)
	}
	ms := s.WaitFor(1, 10*time.Second)
	m := ms[0]
	if len(ms) != 1 || m.Rcpt[0] != "hanako@example.jp" || m.Subject != "テストです" ||
		m.Text != "本文です。" || m.HTML != "<p>本文です。</p>" ||
		!strings.HasPrefix(string(m.Attachments["talk.ics"]), "BEGIN:VCALENDAR") {
		t.Fatalf("received %+v", m)
	}
}

func TestSinkRefusesOnPurpose(t *testing.T) {
	s := mailsink.Start(t)
	err := send(t, s, "bounce@example.jp")
	if err == nil || !strings.Contains(err.Error(), "550") {
		t.Fatalf("bounce: %v, want a 550", err)
	}
	err = send(t, s, "tempfail@example.jp")
	if err == nil || !strings.Contains(err.Error(), "451") {
		t.Fatalf("tempfail: %v, want a 451", err)
	}
	if n := len(s.Messages()); n != 0 {
		t.Fatalf("%d mails kept, want none", n)
	}
}

func TestSinkStopsAndRestarts(t *testing.T) {
	s := mailsink.Start(t)
	s.Stop()
	if err := send(t, s, "hanako@example.jp"); err == nil {
		t.Fatal("a stopped sink took a mail")
	}
	s.Restart()
	if err := send(t, s, "hanako@example.jp"); err != nil {
		t.Fatal(err)
	}
	s.WaitFor(1, 10*time.Second)
}
