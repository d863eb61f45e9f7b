package e2e

import (
	"context"
	"errors"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/replica"
	"crosstalk/data/serverstore"
)

const day = 24 * time.Hour

// Device clocks a day behind (A) and a day ahead (B) of the server's
// change neither who wins nor when an offer expires: the server stamps
// and orders everything by its own clock, and each client corrects its
// clock by the offset it measured at its last pull.
func TestDeviceClockSkew(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	a := e.connect(pid("x1"), e.clock.offset(-day))
	b := e.connect(pid("y1"), e.clock.offset(day))
	a.sync()
	b.sync()
	for _, d := range []*device{a, b} {
		if got := d.c.Now(); !got.Equal(e.clock.Now()) {
			t.Fatalf("%s: Now() = %v after a sync, want the server's %v", d.who, got, e.clock.Now())
		}
	}

	// A's offer is stamped, and its expiry set, by the server's clock
	// when it arrives, not by A's clock when A wrote it.
	o1, args := e.sendArgs(b.who)
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	written := e.clock.Now()
	e.clock.Add(time.Hour)
	a.sync()
	sent := e.clock.Now()
	if q := outbox(t, a.r); len(q) != 0 {
		t.Fatalf("outbox after the sync: %+v", q)
	}
	o, ok := serverOffer(t, e.store, a.who, o1)
	if !ok || !o.CreatedAt.Equal(sent) || !o.UpdatedAt.Equal(sent) || !o.ExpiresAt.Equal(sent.AddDate(0, 0, 7)) {
		t.Fatalf("server's offer written at %v, pushed at %v: created %v, expires %v (found %v); want %v and %v",
			written, sent, o.CreatedAt, o.ExpiresAt, ok, sent, sent.AddDate(0, 0, 7))
	}
	if mine, _ := offer(t, a.r, a.who, o1); !mine.ExpiresAt.Equal(o.ExpiresAt) {
		t.Errorf("A's replica says the offer expires at %v, the server %v", mine.ExpiresAt, o.ExpiresAt)
	}

	// A withdraws, then B accepts a minute later; B's acceptance reaches
	// the server first and wins, although A's withdrawal is stamped
	// earlier.
	b.sync()
	if _, err := a.c.Mutate(ctx, app.OfferWithdraw, app.Args(app.WithdrawOfferArgs{OfferID: o1})); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(time.Minute)
	if _, err := b.c.Mutate(ctx, app.OfferAccept, app.Args(app.AcceptOfferArgs{OfferID: o1, Start: slot(10, 14)})); err != nil {
		t.Fatal(err)
	}
	aq, bq := outbox(t, a.r), outbox(t, b.r)
	if len(aq) != 1 || len(bq) != 1 || !aq[0].ClientTime.Before(bq[0].ClientTime) {
		t.Fatalf("the withdrawal (%+v) is not stamped before the acceptance (%+v)", aq, bq)
	}
	b.sync()
	accepted := e.clock.Now()
	a.sync()
	if rej := a.c.Status().Rejections; len(rej) != 1 || rej[0].Name != app.OfferWithdraw || rej[0].Code != app.CodeOfferNotPending {
		t.Errorf("A's rejections %+v, want its withdrawal refused with %s", rej, app.CodeOfferNotPending)
	}
	o, _ = serverOffer(t, e.store, a.who, o1)
	if o.State != app.OfferAccepted || o.AnsweredAt == nil || !o.AnsweredAt.Equal(accepted) {
		t.Errorf("server's offer %s answered at %v, want accepted at %v", o.State, o.AnsweredAt, accepted)
	}
	if k, ok := serverTalk(t, e.store, a.who, app.TalkIDFor(o1)); !ok || !k.CreatedAt.Equal(accepted) || k.State != app.TalkScheduled {
		t.Errorf("server's talk %+v (found %v), want scheduled, created at %v", k, ok, accepted)
	}
	if mine, _ := offer(t, a.r, a.who, o1); mine.State != app.OfferAccepted {
		t.Errorf("A's replica shows the offer %s, want accepted", mine.State)
	}

	// Near the end of the week: B's own clock, a day ahead, would say
	// the offer has expired, but B corrects it and may still accept, on
	// its replica and on the server.
	o2, args := e.sendArgs(b.who, slot(12, 15))
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	a.sync()
	o, _ = serverOffer(t, e.store, a.who, o2)
	e.clock.Add(6*day + 20*time.Hour)
	b.sync()
	raw := e.clock.Now().Add(day)
	if !raw.After(o.ExpiresAt) || !e.clock.Now().Before(o.ExpiresAt) {
		t.Fatalf("the test is wrong: expiry %v, server %v, B's clock %v", o.ExpiresAt, e.clock.Now(), raw)
	}
	if waiting(t, b, raw)[o2] {
		t.Error("by B's own clock the offer should look expired")
	}
	if !waiting(t, b, b.c.Now())[o2] {
		t.Error("by B's corrected clock the offer should wait for B's answer")
	}
	if _, err := b.c.Mutate(ctx, app.OfferAccept, app.Args(app.AcceptOfferArgs{OfferID: o2, Start: slot(12, 15)})); err != nil {
		t.Fatalf("B accepting before expiry by the server's clock: %v", err)
	}
	b.sync()
	if o, _ := serverOffer(t, e.store, b.who, o2); o.State != app.OfferAccepted {
		t.Errorf("server's offer %s, want accepted", o.State)
	}
	if rej := b.c.Status().Rejections; len(rej) != 0 {
		t.Errorf("B's rejections %+v", rej)
	}

	// Past the end of the week: A's own clock, a day behind, would say
	// an offer to A is still open. A's corrected clock refuses to accept
	// it, and so does the server when an uncorrected device pushes the
	// acceptance anyway.
	o3, args := e.sendArgs(a.who, slot(20, 11))
	y2 := app.Actor{ParticipantID: pid("y2"), CompanyID: testID("company", "Y"), Role: app.RoleParticipant}
	if err := app.Run(ctx, e.store, app.OfferSend, y2, args, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(7*day + time.Hour)
	a.sync()
	raw = e.clock.Now().Add(-day)
	accept := app.Args(app.AcceptOfferArgs{OfferID: o3, Start: slot(20, 11)})
	if _, err := a.c.Mutate(ctx, app.OfferAccept, accept); app.CodeOf(err) != app.CodeOfferExpired {
		t.Errorf("A accepting after expiry by the server's clock: %v, want %s", err, app.CodeOfferExpired)
	}
	actor, err := a.c.Actor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := a.r.Enqueue(ctx, app.OfferAccept, actor, accept, raw)
	if err != nil {
		t.Fatalf("by A's own clock the offer should still be open: %v", err)
	}
	a.sync()
	if _, results := e.processed(a.deviceID()); results[id] != app.CodeOfferExpired {
		t.Errorf("server's result for the late acceptance: %q, want %s", results[id], app.CodeOfferExpired)
	}
	if o, _ := serverOffer(t, e.store, a.who, o3); o.State == app.OfferAccepted {
		t.Error("the server accepted an expired offer")
	}
}

// outbox lists a replica's queued mutations.
func outbox(t *testing.T, r *replica.Store) []replica.OutboxEntry {
	t.Helper()
	q, err := r.Outbox(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// waiting is the set of offers waiting for d's answer in its replica at
// now.
func waiting(t *testing.T, d *device, now time.Time) map[string]bool {
	t.Helper()
	items, err := d.r.Inbox(context.Background(), d.who, app.BoxNeedsMyAnswer, now)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, it := range items {
		ids[it.ID] = true
	}
	return ids
}

// talk finds talk id of me's in st.
func talk(t *testing.T, st *replica.Store, me, id string) (app.Talk, bool) {
	t.Helper()
	items, err := st.TalksBetween(context.Background(), me, start.AddDate(-1, 0, 0), start.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.ID == id {
			return it.Talk, true
		}
	}
	return app.Talk{}, false
}

// serverTalk finds talk id of me's in the server's store.
func serverTalk(t *testing.T, st *serverstore.Store, me, id string) (app.Talk, bool) {
	t.Helper()
	var k app.Talk
	err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		k, err = tx.Talk(context.Background(), id)
		return err
	})
	if errors.Is(err, app.ErrNotFound) || (err == nil && k.AID != me && k.BID != me) {
		return app.Talk{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return k, true
}
