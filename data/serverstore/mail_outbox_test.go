package serverstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"crosstalk/data"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// outgoing is a mail to person name at addr, numbered i.
func outgoing(name, addr string, i int) serverstore.OutgoingMail {
	return serverstore.OutgoingMail{ParticipantID: fixture.PID(name), Address: addr, Kind: "test",
		MessageID: fmt.Sprintf("m%d@example.jp", i), Message: []byte(fmt.Sprintf("Subject: %d\r\n\r\nbody\r\n", i))}
}

func setEmail(t *testing.T, st *serverstore.Store, name, addr string) {
	t.Helper()
	ctx := context.Background()
	if err := st.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE participants SET email = ? WHERE id = ?`, addr, fixture.PID(name))
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func states(t *testing.T, st *serverstore.Store) string {
	t.Helper()
	rs, err := st.MailOutbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s:%s/%d ", r.MessageID, r.State, r.Attempts)
	}
	return strings.TrimSpace(b.String())
}

// Mails are taken when due, oldest first, and move through the sender's
// states only in order.
func TestMailOutboxClaimsInOrder(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	now := fixture.At(0, 9)
	setEmail(t, st, "a1", "a1@example.jp")
	setEmail(t, st, "b1", "b1@example.jp")
	var called int
	st.SetMailQueued(func(n int) { called += n })
	if _, err := st.QueueMails(ctx, []serverstore.OutgoingMail{outgoing("a1", "a1@example.jp", 1)}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := st.QueueMails(ctx, []serverstore.OutgoingMail{outgoing("b1", "b1@example.jp", 2),
		outgoing("a1", "a1@example.jp", 3)}, now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if called != 3 {
		t.Fatalf("the sender was told of %d mails", called)
	}
	// Due: m2 and m3 (queued a minute earlier), by id; m1 only at now.
	ms, _, err := st.ClaimMails(ctx, 10, now.Add(-time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].MessageID != "m2@example.jp" || ms[1].MessageID != "m3@example.jp" || ms[0].Attempts != 1 {
		t.Fatalf("claimed %+v", ms)
	}
	if got := states(t, st); got != "m1@example.jp:queued/0 m2@example.jp:sending/1 m3@example.jp:sending/1" {
		t.Fatal(got)
	}
	if err := st.MailSent(ctx, ms[0].ID, ms[0].Attempt, "250 ok", now); err == nil {
		t.Fatal("sent without committing")
	}
	if err := st.MailCommitting(ctx, ms[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := st.MailSent(ctx, ms[0].ID, ms[0].Attempt, "250 ok", now); err != nil {
		t.Fatal(err)
	}
	if err := st.MailSent(ctx, ms[0].ID, ms[0].Attempt, "250 ok", now); err == nil {
		t.Fatal("sent twice")
	}
	if err := st.MailRetry(ctx, ms[1].ID, ms[1].Attempt, "451 later", now.Add(time.Hour), now); err != nil {
		t.Fatal(err)
	}
	// m3 waits an hour; m1 is due.
	more, _, err := st.ClaimMails(ctx, 10, now)
	if err != nil || len(more) != 1 || more[0].MessageID != "m1@example.jp" {
		t.Fatalf("claimed %+v %v", more, err)
	}
	if err := st.ReleaseMails(ctx, more); err != nil {
		t.Fatal(err)
	}
	if got := states(t, st); got != "m1@example.jp:queued/0 m2@example.jp:sent/1 m3@example.jp:queued/1" {
		t.Fatal(got)
	}
	as, err := st.MailAttempts(ctx, more[0].ID)
	if err != nil || len(as) != 0 {
		t.Fatalf("a released mail keeps its attempt: %+v %v", as, err)
	}
	c, err := st.CountMail(ctx)
	if err != nil || c != (serverstore.MailCounts{Queued: 2, Sent: 1}) {
		t.Fatalf("%+v %v", c, err)
	}
	if n, err := st.QueuedMail(ctx); err != nil || n != 2 {
		t.Fatal(n, err)
	}
	if due, ok, err := st.NextMailDue(ctx); err != nil || !ok || !due.Equal(now) {
		t.Fatal(due, ok, err)
	}
}

// A permanent failure marks the person's address, raising their version,
// and mails queued for it fail when taken; another person's same address
// is not held back by it. (A mail to an address that is not the person's
// fails as changed: TestMailOutboxAddressChanged.)
func TestMailOutboxFailingAddress(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	now := fixture.At(0, 9)
	setEmail(t, st, "a1", "A1@example.jp")
	version := func() int64 {
		var v int64
		if err := st.DB().QueryRow(`SELECT version FROM participants WHERE id = ?`, fixture.PID("a1")).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if _, err := st.QueueMails(ctx, []serverstore.OutgoingMail{outgoing("a1", "a1@example.jp", 1),
		outgoing("a1", "a1@example.jp", 2)}, now); err != nil {
		t.Fatal(err)
	}
	ms, _, err := st.ClaimMails(ctx, 1, now)
	if err != nil || len(ms) != 1 {
		t.Fatal(ms, err)
	}
	before := version()
	if err := st.MailFailed(ctx, ms[0].ID, ms[0].Attempt, "550 unknown user", true, now); err != nil {
		t.Fatal(err)
	}
	at, reply, err := st.MailAddressFailure(ctx, fixture.PID("a1"))
	if err != nil || !at.Equal(now) || reply != "550 unknown user" {
		t.Fatal(at, reply, err)
	}
	if version() <= before {
		t.Fatal("the version was not raised")
	}
	rest, failed, err := st.ClaimMails(ctx, 10, now)
	if err != nil || len(rest) != 0 || failed != 1 {
		t.Fatalf("claimed %+v, failed %d, %v", rest, failed, err)
	}
	if got := states(t, st); got != "m1@example.jp:failed/1 m2@example.jp:failed/0" {
		t.Fatal(got)
	}
	// Mail for another person's same-looking address is not affected.
	setEmail(t, st, "b1", "a1@example.jp")
	if _, err := st.QueueMails(ctx, []serverstore.OutgoingMail{outgoing("b1", "a1@example.jp", 3)}, now); err != nil {
		t.Fatal(err)
	}
	if ms, failed, err := st.ClaimMails(ctx, 10, now); err != nil || len(ms) != 1 || failed != 0 {
		t.Fatalf("claimed %+v, failed %d, %v", ms, failed, err)
	}
	// A failure without addressFailing (too many attempts) marks nothing.
	if at, _, _ := st.MailAddressFailure(ctx, fixture.PID("b1")); !at.IsZero() {
		t.Fatal("b1 marked")
	}
}

// RecoverMail puts back what a killed sender was sending and makes what
// it was ending uncertain.
func TestMailOutboxRecover(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	now := fixture.At(0, 9)
	setEmail(t, st, "a1", "a1@example.jp")
	if _, err := st.QueueMails(ctx, []serverstore.OutgoingMail{outgoing("a1", "a1@example.jp", 1),
		outgoing("a1", "a1@example.jp", 2), outgoing("a1", "a1@example.jp", 3)}, now); err != nil {
		t.Fatal(err)
	}
	ms, _, err := st.ClaimMails(ctx, 2, now)
	if err != nil || len(ms) != 2 {
		t.Fatal(ms, err)
	}
	if err := st.MailCommitting(ctx, ms[0].ID); err != nil {
		t.Fatal(err)
	}
	requeued, uncertain, err := st.RecoverMail(ctx, now.Add(time.Minute))
	if err != nil || requeued != 1 || len(uncertain) != 1 || uncertain[0] != ms[0].ID {
		t.Fatal(requeued, uncertain, err)
	}
	if got := states(t, st); got != "m1@example.jp:uncertain/1 m2@example.jp:queued/1 m3@example.jp:queued/0" {
		t.Fatal(got)
	}
	for i, want := range []string{"uncertain", "retry"} {
		as, err := st.MailAttempts(ctx, ms[i].ID)
		if err != nil || len(as) != 1 || as[0].Outcome != want {
			t.Fatalf("attempts of %d: %+v %v", i, as, err)
		}
	}
	if err := st.MailSent(ctx, ms[0].ID, ms[0].Attempt, "250", now); err == nil {
		t.Fatal("an uncertain mail became sent")
	}
}

// A mail queued for an address the person has since replaced is not
// sent: it fails, ReasonAddressChanged, with an attempt that says so;
// the same address in another case is still theirs; the code for a new
// address waiting and the notice to a replaced one go by design.
func TestMailOutboxAddressChanged(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	now := fixture.At(0, 9)
	setEmail(t, st, "a1", "old-a1@example.jp")
	kinds := []string{"offer.new", "offer.new", serverstore.KindEmailConfirm, serverstore.KindEmailReplaced}
	addrs := []string{"old-a1@example.jp", "New-A1@example.jp", "pending-a1@example.jp", "old-a1@example.jp"}
	var ms []serverstore.OutgoingMail
	for i, k := range kinds {
		m := outgoing("a1", addrs[i], i+1)
		m.Kind = k
		ms = append(ms, m)
	}
	if _, err := st.QueueMails(ctx, ms, now); err != nil {
		t.Fatal(err)
	}
	setEmail(t, st, "a1", "new-a1@example.jp")
	got, failed, err := st.ClaimMails(ctx, 10, now)
	if err != nil || failed != 1 || len(got) != 3 {
		t.Fatalf("claimed %+v, failed %d, %v", got, failed, err)
	}
	for i, m := range got {
		if want := fmt.Sprintf("m%d@example.jp", i+2); m.MessageID != want {
			t.Errorf("claimed %s, want %s", m.MessageID, want)
		}
	}
	rs, err := st.MailOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r := rs[0]; r.State != "failed" || r.LastError != serverstore.ReasonAddressChanged || r.Attempts != 1 {
		t.Fatalf("the mail to the old address: %+v", r)
	}
	as, err := st.MailAttempts(ctx, rs[0].ID)
	if err != nil || len(as) != 1 || as[0].Outcome != "failed" || as[0].Detail != serverstore.ReasonAddressChanged {
		t.Fatalf("its attempts: %+v %v", as, err)
	}
}
