package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
)

// A mail queued for an address the person has since replaced (it was
// being retried while the relay was down) does not go to that address,
// which may be a stranger's by now: it fails, "address changed since
// queued", on record in its attempts. The code to the new address
// (queued while that address was not yet theirs) and a mail to the new
// address written in another case are delivered.
func TestServiceSkipsReplacedAddress(t *testing.T) {
	sink := mailsink.Start(t)
	sink.Stop()
	st := newStore(t)
	ctx := context.Background()
	alice := person(t, st, "アリス", "alice.old@example.jp")
	old := encode(t, alice, "alice.old@example.jp", 1)
	svc := newService(t, st, sink.URL(), nil)
	svc.Start()
	queue(t, st, old)
	deadline := time.Now().Add(10 * time.Second)
	for svc.Stats().Retried < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no retry: %+v", svc.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}

	// Alice confirms a new address with the code mailed to it.
	hash := func(string) []byte { return []byte("hash of the code") }
	if err := st.StartEmailConfirmation(ctx, alice, "alice.new@example.jp", hash(""), time.Now(),
		func(to serverstore.EmailRecipient) (serverstore.OutgoingMail, error) {
			return mail.ConfirmMail(mail.ConfirmData{To: to, Code: "246810", ValidFor: serverstore.EmailCodeTTL}, from, time.Now())
		}); err != nil {
		t.Fatal(err)
	}
	if a, err := st.ConfirmEmail(ctx, alice, hash, time.Now()); err != nil || a != "alice.new@example.jp" {
		t.Fatalf("confirm: %q %v", a, err)
	}
	queue(t, st, encode(t, alice, "Alice.New@Example.jp", 1))
	sink.Restart()
	waitOutbox(t, st, 20*time.Second, func(c serverstore.MailCounts) bool { return c.Sent == 2 && c.Failed == 1 })
	time.Sleep(300 * time.Millisecond) // a late delivery to the old address would show by now
	got := sink.Messages()
	if len(got) != 2 {
		t.Fatalf("the sink has %d mails, want 2", len(got))
	}
	for _, g := range got {
		if len(g.Rcpt) != 1 || !strings.EqualFold(g.Rcpt[0], "alice.new@example.jp") {
			t.Errorf("a mail went to %v", g.Rcpt)
		}
	}
	if !strings.Contains(got[0].Text+got[1].Text, "246810") {
		t.Error("the code did not reach the new address")
	}
	r := rows(t, st)[old[0].MessageID]
	if r.State != "failed" || r.LastError != serverstore.ReasonAddressChanged {
		t.Fatalf("the mail to the old address: %+v", r)
	}
	as, err := st.MailAttempts(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) < 2 || as[0].Outcome != "retry" || as[len(as)-1].Outcome != "failed" || as[len(as)-1].Detail != serverstore.ReasonAddressChanged {
		t.Fatalf("its attempts: %+v", as)
	}
	if at, _, _ := st.MailAddressFailure(ctx, alice); !at.IsZero() {
		t.Fatal("the new address was marked as failing")
	}
	if s := svc.Stats(); s.Failed != 1 || s.Sent != 2 {
		t.Fatalf("stats %+v", s)
	}
}
