package e2e

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
)

// A change of time goes through the real server between two people on
// their own devices: B proposes, A sees the proposal with the talk still
// at its time, A accepts, and both see the new time and who did what;
// then B cancels, and A sees that B did.
func TestTalkTimeChangeBetweenTwoDevices(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	a := e.connect(pid("x1"), e.clock.Now)
	b := e.connect(pid("y1"), e.clock.Now)
	a.sync()
	b.sync()

	offerID, args := e.sendArgs(pid("y1"))
	mutate(t, a, app.OfferSend, args)
	a.sync()
	b.sync()
	mutate(t, b, app.OfferAccept, app.Args(app.AcceptOfferArgs{OfferID: offerID, Start: slot(10, 14)}))
	b.sync()
	a.sync()
	id := app.TalkIDFor(offerID)

	newStart := slot(12, 15)
	e.clock.Add(time.Hour)
	mutate(t, b, app.TalkProposeTime, app.Args(app.ProposeTimeArgs{TalkID: id, Start: newStart}))
	b.sync()
	a.sync()
	k := talkOn(t, a, id)
	if !k.Start.Equal(slot(10, 14)) || k.Proposal == nil || !k.Proposal.Start.Equal(newStart) || k.Proposal.By != pid("y1") {
		t.Fatalf("A's talk after B's proposal: %+v, proposal %+v", k, k.Proposal)
	}
	cs, err := a.r.TalkChanges(ctx, pid("x1"), e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].ID != id || !cs[0].Waiting(pid("x1"), e.clock.Now()) || !cs[0].Unseen {
		t.Fatalf("A's changes: %+v", cs)
	}

	e.clock.Add(time.Hour)
	mutate(t, a, app.TalkAcceptTime, app.Args(app.TimeAnswerArgs{TalkID: id, Start: newStart}))
	a.sync()
	b.sync()
	for _, d := range []*device{a, b} {
		k := talkOn(t, d, id)
		var kinds []app.TalkEventKind
		for _, ev := range k.History {
			kinds = append(kinds, ev.Kind)
		}
		last, _ := k.LastEvent()
		if !k.Start.Equal(newStart) || k.Proposal != nil || k.Sequence != 1 || len(kinds) != 3 ||
			kinds[0] != app.EventAgreed || kinds[1] != app.EventTimeProposed || kinds[2] != app.EventTimeAccepted || last.By != pid("x1") {
			t.Fatalf("%s's talk after A accepted: %+v, history %v", d.who, k, kinds)
		}
	}
	if cs, err := b.r.TalkChanges(ctx, pid("y1"), e.clock.Now()); err != nil || len(cs) != 1 || cs[0].Event.Kind != app.EventTimeAccepted {
		t.Fatalf("B's changes: %+v, %v", cs, err)
	}

	e.clock.Add(time.Hour)
	mutate(t, b, app.TalkCancel, app.Args(app.CancelTalkArgs{TalkID: id, Reason: "health"}))
	b.sync()
	a.sync()
	k = talkOn(t, a, id)
	last, _ := k.LastEvent()
	if k.State != app.TalkCancelled || last.Kind != app.EventCancelled || last.By != pid("y1") || last.Reason != "health" ||
		!last.At.Equal(e.clock.Now()) || k.Sequence != 2 {
		t.Fatalf("A's talk after B cancelled: %+v, last %+v", k, last)
	}
	if n := e.count(`SELECT count(*) FROM talks WHERE offer_id = ?`, offerID); n != 1 {
		t.Errorf("%d talks on the server for the offer, want 1 (moved in place)", n)
	}
}

// mutate runs a mutation on device d, which must take it.
func mutate(t testing.TB, d *device, name string, args []byte) {
	t.Helper()
	if _, err := d.c.Mutate(context.Background(), name, args); err != nil {
		t.Fatalf("%s on %s's device: %v", name, d.who, err)
	}
}

// talkOn reads talk id from d's replica.
func talkOn(t testing.TB, d *device, id string) app.Talk {
	t.Helper()
	talks, err := d.r.TalksBetween(context.Background(), d.who, start, start.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range talks {
		if k.ID == id {
			return k.Talk
		}
	}
	t.Fatalf("talk %s not on %s's device", id, d.who)
	return app.Talk{}
}
