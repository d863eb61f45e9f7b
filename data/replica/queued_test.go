package replica_test

import (
	"context"
	"testing"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// The inbox tells which offers have a change of this device waiting in
// the outbox (sending it, or an answer), and only those; once a pull
// confirms the queue, none.
func TestInboxQueued(t *testing.T) {
	ctx := context.Background()
	rep := open(t, fixture.Dataset())
	received := fixture.Send(t, rep, "c1", "a1") // the server's rows
	settled := fixture.Send(t, rep, "a1", "d1")
	send := fixture.SendArgs("b1")
	if _, err := rep.Enqueue(ctx, app.OfferSend, fixture.Actor("a1"), app.Args(send), fixture.Now); err != nil {
		t.Fatal(err)
	}
	accept := app.AcceptOfferArgs{OfferID: received, Start: fixture.At(3, 14)}
	last, err := rep.Enqueue(ctx, app.OfferAccept, fixture.Actor("a1"), app.Args(accept), fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	queued := func() map[string]bool {
		t.Helper()
		out := map[string]bool{}
		for _, box := range []app.Box{app.BoxSent, app.BoxReceived} {
			items, err := rep.Inbox(ctx, fixture.PID("a1"), box, fixture.Now)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				out[it.ID] = it.Queued
			}
		}
		return out
	}
	got := queued()
	if !got[send.ID] || !got[received] || got[settled] {
		t.Errorf("queued: sent %v, accepted %v, untouched %v; want true, true, false", got[send.ID], got[received], got[settled])
	}
	if queued, err := rep.Queued(ctx, last); err != nil || !queued {
		t.Errorf("Queued(%d) = %v, %v", last, queued, err)
	}

	if err := rep.ApplyPull(ctx, data.PullResult{LastMutationID: last}); err != nil {
		t.Fatal(err)
	}
	for id, q := range queued() {
		if q {
			t.Errorf("offer %s queued after the pull confirmed the outbox", id)
		}
	}
	if queued, err := rep.Queued(ctx, last); err != nil || queued {
		t.Errorf("Queued(%d) after the pull = %v, %v", last, queued, err)
	}
}
