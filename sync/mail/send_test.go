package mail_test

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
)

// Queued mails reach the relay exactly as queued, once each, over one
// session, and the outbox says so.
func TestServiceDeliversAsQueued(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	alice := person(t, st, "アリス", "alice@example.jp")
	ms := encode(t, alice, "alice@example.jp", 5)
	svc := newService(t, st, sink.URL(), nil)
	svc.Start()
	queue(t, st, ms)
	got := sink.WaitFor(len(ms), 20*time.Second)
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Sent == len(ms) })
	time.Sleep(300 * time.Millisecond) // a second delivery would show by now
	if got = sink.Messages(); len(got) != len(ms) {
		t.Fatalf("the sink has %d mails, want %d", len(got), len(ms))
	}
	byID := map[string]mailsink.Mail{}
	for _, g := range got {
		byID[messageID(g.Header)] = g
	}
	for _, m := range ms {
		g, ok := byID[m.MessageID]
		if !ok {
			t.Fatalf("mail %s not received", m.MessageID)
		}
		if !bytes.Equal(g.Raw, m.Message) {
			t.Errorf("mail %s received as\n%q\nqueued as\n%q", m.MessageID, g.Raw, m.Message)
		}
		if len(g.Rcpt) != 1 || g.Rcpt[0] != "alice@example.jp" {
			t.Errorf("mail %s went to %v", m.MessageID, g.Rcpt)
		}
	}
	if !strings.Contains(strings.ReplaceAll(got[0].Text, "\r\n", "\n"), "\n.\n") {
		t.Errorf("a line holding a dot was lost: %q", got[0].Text)
	}
	for id, r := range rows(t, st) {
		if r.State != "sent" || r.Attempts != 1 || r.SentAt.IsZero() {
			t.Errorf("outbox row of %s: %+v", id, r)
		}
		as, err := st.MailAttempts(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(as) != 1 || as[0].Outcome != "sent" {
			t.Errorf("attempts of %s: %+v", id, as)
		}
	}
	if s := svc.Stats(); s.Queued != 5 || s.Sent != 5 || s.Retried+s.Failed+s.Uncertain != 0 {
		t.Errorf("stats %+v", s)
	}
}

// While the relay is down, mails wait and are tried again; once it is
// back they are delivered, once, and each attempt is on record.
func TestServiceRetriesWhileTheRelayIsDown(t *testing.T) {
	sink := mailsink.Start(t)
	sink.Stop()
	st := newStore(t)
	alice := person(t, st, "アリス", "alice@example.jp")
	ms := encode(t, alice, "alice@example.jp", 3)
	svc := newService(t, st, sink.URL(), nil)
	svc.Start()
	queue(t, st, ms)
	deadline := time.Now().Add(10 * time.Second)
	for svc.Stats().Retried < 6 { // each mail failed twice at least
		if time.Now().After(deadline) {
			t.Fatalf("no retries: %+v", svc.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, r := range rows(t, st) {
		if r.State == "sent" || !strings.Contains(r.LastError, "connect") {
			t.Fatalf("while the relay is down: %+v", r)
		}
	}
	sink.Restart()
	waitOutbox(t, st, 20*time.Second, func(c serverstore.MailCounts) bool { return c.Sent == len(ms) })
	time.Sleep(300 * time.Millisecond)
	got := sink.Messages()
	if len(got) != len(ms) {
		t.Fatalf("the sink has %d mails, want %d", len(got), len(ms))
	}
	seen := map[string]bool{}
	for _, g := range got {
		id := messageID(g.Header)
		if seen[id] {
			t.Fatalf("mail %s received twice", id)
		}
		seen[id] = true
	}
	for _, r := range rows(t, st) {
		as, err := st.MailAttempts(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(as) < 2 || len(as) != r.Attempts || as[len(as)-1].Outcome != "sent" {
			t.Fatalf("attempts of %d (%d): %+v", r.ID, r.Attempts, as)
		}
		for _, a := range as[:len(as)-1] {
			if a.Outcome != "retry" || a.Detail == "" {
				t.Fatalf("attempts of %d: %+v", r.ID, as)
			}
		}
	}
}

// A recipient the relay refuses for good (550) fails at once; the address
// is marked as failing, the person's devices are told, and nothing more is
// sent to it, while other people's mails go on.
func TestServiceBounceMarksTheAddressFailing(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	bob := person(t, st, "ボブ", "bounce-bob@example.jp")
	alice := person(t, st, "アリス", "alice@example.jp")
	before := version(t, st, bob)
	svc := newService(t, st, sink.URL(), nil)
	var told atomic.Int32
	svc.SetOnChange(func() { told.Add(1) })
	svc.Start()
	// Two to Bob in one batch: the second is not tried once the first bounced.
	queue(t, st, append(encode(t, bob, "bounce-bob@example.jp", 2), encode(t, alice, "alice@example.jp", 1)...))
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Failed == 2 && c.Sent == 1 })
	at, reply, err := st.MailAddressFailure(context.Background(), bob)
	if err != nil {
		t.Fatal(err)
	}
	if at.IsZero() || !strings.Contains(reply, "550") {
		t.Fatalf("bob's address: failed at %v, %q", at, reply)
	}
	if v := version(t, st, bob); v <= before {
		t.Fatalf("bob's version %d, was %d: his devices would not learn it", v, before)
	}
	if told.Load() != 1 {
		t.Fatalf("OnChange called %d times", told.Load())
	}
	reasons := map[string]int{}
	for _, r := range rows(t, st) {
		if r.Address == "bounce-bob@example.jp" {
			reasons[r.LastError]++
		}
	}
	if reasons[serverstore.ReasonAddressFailing] != 1 {
		t.Fatalf("reasons: %v", reasons)
	}

	// A later mail to the failing address is not even tried.
	queue(t, st, encode(t, bob, "bounce-bob@example.jp", 1))
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Failed == 3 })
	for _, r := range rows(t, st) {
		if r.Address != "bounce-bob@example.jp" {
			continue
		}
		as, err := st.MailAttempts(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.LastError != serverstore.ReasonAddressFailing && (len(as) != 1 || as[0].Outcome != "failed" || !strings.Contains(as[0].Detail, "550")) {
			t.Fatalf("the bounce's attempts: %+v", as)
		}
	}
	if got := sink.Messages(); len(got) != 1 || got[0].Rcpt[0] != "alice@example.jp" {
		t.Fatalf("the sink has %d mails", len(got))
	}
	if s := svc.Stats(); s.Failed != 3 || s.Sent != 1 {
		t.Fatalf("stats %+v", s)
	}
}

// A temporary refusal (451) is tried again, later each time, and given up
// after MaxAttempts; the address is not marked.
func TestServiceTempfailBacksOff(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	carol := person(t, st, "キャロル", "tempfail-carol@example.jp")
	svc := newService(t, st, sink.URL(), func(c *mail.Config) {
		c.RetryBase, c.RetryMax, c.MaxAttempts = 300*time.Millisecond, 10*time.Second, 3
	})
	svc.Start()
	start := time.Now()
	queue(t, st, encode(t, carol, "tempfail-carol@example.jp", 1))
	waitOutbox(t, st, 20*time.Second, func(c serverstore.MailCounts) bool { return c.Failed == 1 })
	// Waits of 300 ms and 600 ms at least, between three attempts.
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("three attempts in %v: no backoff", d)
	}
	for _, r := range rows(t, st) {
		as, err := st.MailAttempts(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Attempts != 3 || len(as) != 3 || as[0].Outcome != "retry" || as[1].Outcome != "retry" ||
			as[2].Outcome != "failed" || !strings.Contains(as[0].Detail, "451") || !strings.Contains(r.LastError, "gave up at attempt 3,") {
			t.Fatalf("row %+v attempts %+v", r, as)
		}
	}
	if at, _, _ := st.MailAddressFailure(context.Background(), carol); !at.IsZero() {
		t.Fatal("a temporary failure marked the address as failing")
	}
	if s := svc.Stats(); s.Retried != 2 || s.Failed != 1 {
		t.Fatalf("stats %+v", s)
	}
	if n := len(sink.Messages()); n != 0 {
		t.Fatalf("the sink has %d mails", n)
	}
}

// A sender that starts takes back what a stopped one left: a mail it was
// sending is sent (once), a mail it was ending DATA of is uncertain and
// not sent again.
func TestServiceRecoversAfterAStop(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	ctx := context.Background()
	alice := person(t, st, "アリス", "alice@example.jp")
	ms := encode(t, alice, "alice@example.jp", 3)
	queue(t, st, ms)
	// As a killed sender leaves them: two taken, one of them committing.
	taken, _, err := st.ClaimMails(ctx, 2, time.Now())
	if err != nil || len(taken) != 2 {
		t.Fatal(taken, err)
	}
	if err := st.MailCommitting(ctx, taken[0].ID); err != nil {
		t.Fatal(err)
	}
	svc := newService(t, st, sink.URL(), nil)
	svc.Start()
	c := waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Sent+c.Uncertain == 3 })
	if c.Sent != 2 || c.Uncertain != 1 {
		t.Fatalf("outbox %+v", c)
	}
	time.Sleep(300 * time.Millisecond)
	got := sink.Messages()
	if len(got) != 2 {
		t.Fatalf("the sink has %d mails, want 2", len(got))
	}
	for _, g := range got {
		if messageID(g.Header) == taken[0].MessageID {
			t.Fatal("the uncertain mail was sent again")
		}
	}
	r := rows(t, st)
	if u := r[taken[0].MessageID]; u.State != "uncertain" {
		t.Fatalf("the committing mail: %+v", u)
	}
	if s := r[taken[1].MessageID]; s.State != "sent" || s.Attempts != 2 {
		t.Fatalf("the sending mail: %+v", s)
	}
	as, err := st.MailAttempts(ctx, taken[0].ID)
	if err != nil || len(as) != 1 || as[0].Outcome != "uncertain" {
		t.Fatalf("the uncertain mail's attempts: %+v %v", as, err)
	}
	if s := svc.Stats(); s.Uncertain != 1 || s.Sent != 2 {
		t.Fatalf("stats %+v", s)
	}
}

// Stop lets the mail in flight end and puts back those not begun; a new
// start sends the rest, none twice.
func TestServiceStopAndStartAgain(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	slow := person(t, st, "スロー", "slow@example.jp")
	ms := encode(t, slow, "slow@example.jp", 3) // 3 s each
	svc := newService(t, st, sink.URL(), nil)
	svc.Start()
	queue(t, st, ms)
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Committing == 1 })
	svc.Stop()
	c := waitOutbox(t, st, time.Second, func(serverstore.MailCounts) bool { return true })
	if c.Sent != 1 || c.Queued != 2 || c.Sending+c.Committing+c.Uncertain != 0 {
		t.Fatalf("after Stop: %+v", c)
	}
	svc.Start()
	waitOutbox(t, st, 20*time.Second, func(c serverstore.MailCounts) bool { return c.Sent == 3 })
	if got := sink.Messages(); len(got) != 3 {
		t.Fatalf("the sink has %d mails", len(got))
	}
	for _, r := range rows(t, st) {
		if r.Attempts != 1 {
			t.Fatalf("mails put back count an attempt: %+v", r)
		}
	}
	svc.Stop()
	// Stop returns once the loop closed its done channel: the goroutine
	// itself may still be returning from that deferred close, so it is
	// given a moment to be gone.
	buf := make([]byte, 1<<20)
	var stacks string
	for range 200 {
		if stacks = string(buf[:runtime.Stack(buf, true)]); !strings.Contains(stacks, "crosstalk/sync/mail.") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("a goroutine of the sender outlived Stop:\n%s", stacks)
}

// A mail refused for now that was queued longer ago than MaxAge fails at
// its next refusal, whatever its attempts.
func TestServiceGivesUpAfterMaxAge(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	carol := person(t, st, "キャロル", "tempfail-carol@example.jp")
	queue(t, st, encode(t, carol, "tempfail-carol@example.jp", 1))
	svc := newService(t, st, sink.URL(), func(c *mail.Config) {
		c.Clock = func() time.Time { return time.Now().Add(mail.DefaultMaxAge + time.Minute) }
	})
	svc.Start()
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Failed == 1 })
	for _, r := range rows(t, st) {
		if r.Attempts != 1 || !strings.Contains(r.LastError, "gave up at attempt 1, 72h1m") {
			t.Fatalf("%+v", r)
		}
	}
}

// A refusal that is no verdict on the mailbox fails the mail but leaves
// the address alone: a content the relay's filter refuses at the end of
// DATA (a participant could otherwise silence a counterpart's mail with
// an offer's message), and the relay's policy at RCPT (relaying denied).
// Later mails to both addresses go out.
func TestServiceRefusedContentLeavesTheAddress(t *testing.T) {
	sink := mailsink.Start(t)
	st := newStore(t)
	dave := person(t, st, "デイブ", "dave@example.jp")
	erin := person(t, st, "エリン", "denied-erin@example.jp")
	svc := newService(t, st, sink.URL(), nil)
	svc.Start()
	refused, err := mail.Encode(mail.Message{To: mail.Recipient{ParticipantID: dave, Name: "デイブ", Address: "dave@example.jp"},
		Subject: "オファー", Text: "メッセージ: REJECT-CONTENT", Kind: "test"}, from, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	queue(t, st, append([]serverstore.OutgoingMail{refused}, encode(t, erin, "denied-erin@example.jp", 1)...))
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Failed == 2 })
	for _, who := range []string{dave, erin} {
		if at, reply, err := st.MailAddressFailure(context.Background(), who); err != nil || !at.IsZero() {
			t.Fatalf("%s's address marked failing (%q, %v) for a refusal that is not the mailbox's", who, reply, err)
		}
	}
	for _, r := range rows(t, st) {
		if !strings.Contains(r.LastError, "5.7.1") {
			t.Errorf("mail to %s failed with %q, want the relay's 5.7.1", r.Address, r.LastError)
		}
	}
	queue(t, st, encode(t, dave, "dave@example.jp", 1))
	waitOutbox(t, st, 10*time.Second, func(c serverstore.MailCounts) bool { return c.Sent == 1 })
	if got := sink.Messages(); len(got) != 1 || got[0].Rcpt[0] != "dave@example.jp" {
		t.Fatalf("the sink has %d mails, want dave's next one", len(got))
	}
}
