package server

import (
	"context"
	"slices"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/sync/mail"
	"crosstalk/sync/wire"
)

// With a Mailer on the store, a push queues the mail of its change, and
// the sweep queues a talk's reminders once however often it runs.
func TestSweepQueuesReminders(t *testing.T) {
	e := newEnv(t)
	c, err := mail.NewComposer(mail.ComposerConfig{From: mail.Sender{Name: "CrossTalk", Address: "noreply@example.jp"}})
	if err != nil {
		t.Fatal(err)
	}
	e.st.SetMailer(c)
	ctx := context.Background()
	// Only x1 and y1 have addresses (the demo's people have theirs).
	err = e.st.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.SQL().ExecContext(ctx, `UPDATE participants SET email = CASE WHEN id IN (?, ?) THEN id || '@example.jp' ELSE '' END`, pid("x1"), pid("y1"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	kinds := func() []string {
		t.Helper()
		if _, err := e.st.ComposeMail(ctx); err != nil { // as the store's renderer does
			t.Fatal(err)
		}
		rows, err := e.st.DB().Query(`SELECT kind || ' ' || address FROM mail_outbox ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			out = append(out, k)
		}
		return out
	}
	a, b := e.login(pid("x1")), e.login(pid("y1"))
	m, offer := e.sendOffer(1, pid("y1"))
	e.push(a.Token, m)
	start := slot(2, 14)
	e.push(b.Token, wire.Mutation{ID: 1, Name: app.OfferAccept, Args: app.Args(app.AcceptOfferArgs{OfferID: offer, Start: start})})
	want := []string{"offer.new " + pid("y1") + "@example.jp", "offer.accepted " + pid("x1") + "@example.jp"}
	if got := kinds(); !slices.Equal(got, want) {
		t.Fatalf("queued %v, want %v", got, want)
	}
	e.clock.Add(start.Sub(e.clock.Now()) - 23*time.Hour)
	for range 2 {
		if err := e.srv.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
	}
	want = append(want, "talk.remind_day "+pid("x1")+"@example.jp", "talk.remind_day "+pid("y1")+"@example.jp")
	if got := kinds(); !slices.Equal(got, want) {
		t.Fatalf("queued %v, want %v", got, want)
	}
}
