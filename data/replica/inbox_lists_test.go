package replica_test

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/replica"
)

// inboxLists are the inbox's lists, in the order the inbox shows them.
var inboxLists = []app.Box{app.BoxNeedsMyAnswer, app.BoxTheirAnswer, app.BoxScheduled, app.BoxFinished}

// listsOf reads the inbox's lists of who at clock: in which list each
// offer is, and how often offers were listed in all.
func listsOf(t *testing.T, st *replica.Store, who string, clock time.Time) (where map[string]app.Box, listed int) {
	t.Helper()
	where = map[string]app.Box{}
	for _, box := range inboxLists {
		items, err := st.Inbox(context.Background(), fixture.PID(who), box, clock)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			where[it.ID] = box
			listed++
		}
	}
	return where, listed
}

// Every offer is in exactly one of the inbox's lists, on both sides, in
// every state, whoever sent it, whoever's turn it is, before and after
// its deadline and its talk: waiting for my answer, waiting for theirs,
// a talk decided, or finished.
func TestInboxListsHoldEachOfferOnce(t *testing.T) {
	st := open(t, fixture.Dataset())
	must := func(who, mutator string, args any, clock time.Time) {
		t.Helper()
		fixture.Must(t, st, who, mutator, args, clock)
	}
	later := fixture.Now.Add(time.Hour)

	// Offers that no longer wait for an answer.
	scheduled := fixture.Send(t, st, "a1", "d2")
	must("d2", app.OfferAccept, app.AcceptOfferArgs{OfferID: scheduled, Start: fixture.At(3, 14)}, fixture.Now)
	moved := fixture.Send(t, st, "b2", "a1")
	must("a1", app.OfferAccept, app.AcceptOfferArgs{OfferID: moved, Start: fixture.At(4, 10)}, fixture.Now)
	// Moved by consent: a1 proposes, b2 accepts; the talk moves in place.
	must("a1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: app.TalkIDFor(moved), Start: fixture.At(6, 10)}, later)
	must("b2", app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: app.TalkIDFor(moved), Start: fixture.At(6, 10)}, later)
	cancelled := fixture.Send(t, st, "c1", "a1")
	must("a1", app.OfferAccept, app.AcceptOfferArgs{OfferID: cancelled, Start: fixture.At(3, 14)}, fixture.Now)
	must("c1", app.TalkCancel, app.CancelTalkArgs{TalkID: app.TalkIDFor(cancelled), Reason: "work"}, later)
	held := fixture.Send(t, st, "a1", "c2")
	must("c2", app.OfferAccept, app.AcceptOfferArgs{OfferID: held, Start: fixture.At(3, 14)}, fixture.Now)
	must("a1", app.TalkMarkHeld, app.TalkArgs{TalkID: app.TalkIDFor(held)}, fixture.At(3, 15))
	declined := fixture.Send(t, st, "b1", "a1")
	must("a1", app.OfferDecline, app.DeclineOfferArgs{OfferID: declined, Reason: "schedule"}, later)
	withdrawn := fixture.Send(t, st, "a1", "d1")
	must("a1", app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: withdrawn}, later)

	// Offers pending, in each direction and at each side's turn.
	mine := fixture.Send(t, st, "c1", "a1")   // sent to a1, a1's turn
	theirs := fixture.Send(t, st, "a1", "b1") // sent by a1, b1's turn
	counteredByThem := fixture.Send(t, st, "a1", "c2")
	must("c2", app.OfferCounter, app.CounterOfferArgs{OfferID: counteredByThem, Slots: []time.Time{fixture.At(5, 10)}}, later)
	counteredByMe := fixture.Send(t, st, "d1", "a1")
	must("a1", app.OfferCounter, app.CounterOfferArgs{OfferID: counteredByMe, Slots: []time.Time{fixture.At(5, 14)}}, later)

	other := map[string]string{
		scheduled: "d2", moved: "b2", cancelled: "c1", held: "c2", declined: "b1", withdrawn: "d1",
		mine: "c1", theirs: "b1", counteredByThem: "c2", counteredByMe: "d1",
	}
	label := map[string]string{
		scheduled: "scheduled", moved: "moved", cancelled: "cancelled", held: "held", declined: "declined",
		withdrawn: "withdrawn", mine: "sent to me, my turn", theirs: "sent by me, their turn",
		counteredByThem: "sent by me, countered by them", counteredByMe: "sent to me, countered by me",
	}
	// mirror is the list the other side sees an offer in.
	mirror := func(b app.Box) app.Box {
		switch b {
		case app.BoxNeedsMyAnswer:
			return app.BoxTheirAnswer
		case app.BoxTheirAnswer:
			return app.BoxNeedsMyAnswer
		}
		return b
	}
	need, wait, talk, done := app.BoxNeedsMyAnswer, app.BoxTheirAnswer, app.BoxScheduled, app.BoxFinished
	cases := []struct {
		name  string
		clock time.Time
		want  map[string]app.Box // a1's
	}{
		{"before the deadlines and talks", later.Add(time.Hour), map[string]app.Box{
			mine: need, counteredByThem: need, theirs: wait, counteredByMe: wait,
			scheduled: talk, moved: talk, cancelled: done, held: done, declined: done, withdrawn: done}},
		{"after the first talk", fixture.At(4, 12), map[string]app.Box{
			mine: need, counteredByThem: need, theirs: wait, counteredByMe: wait,
			scheduled: done, moved: talk, cancelled: done, held: done, declined: done, withdrawn: done}},
		{"past the first deadlines", fixture.Now.AddDate(0, 0, 7).Add(time.Minute), map[string]app.Box{
			mine: done, counteredByThem: need, theirs: done, counteredByMe: wait,
			scheduled: done, moved: done, cancelled: done, held: done, declined: done, withdrawn: done}},
		{"past every deadline", fixture.Now.AddDate(0, 0, 8), map[string]app.Box{
			mine: done, counteredByThem: done, theirs: done, counteredByMe: done,
			scheduled: done, moved: done, cancelled: done, held: done, declined: done, withdrawn: done}},
	}
	check := func(when string, clock time.Time, want map[string]app.Box) {
		t.Helper()
		where, listed := listsOf(t, st, "a1", clock)
		if listed != len(want) {
			t.Errorf("%s: a1's lists hold %d offers, want each of %d once", when, listed, len(want))
		}
		for id, box := range want {
			if got, ok := where[id]; !ok || got != box {
				t.Errorf("%s: a1's offer %q is in list %d (listed %v), want %d", when, label[id], got, ok, box)
			}
			seen, n := listsOf(t, st, other[id], clock)
			if got, ok := seen[id]; !ok || got != mirror(box) {
				t.Errorf("%s: %s sees offer %q in list %d (listed %v), want %d", when, other[id], label[id], got, ok, mirror(box))
			}
			if n != len(seen) {
				t.Errorf("%s: %s's lists hold an offer twice", when, other[id])
			}
		}
	}
	for _, c := range cases {
		check(c.name, c.clock, c.want)
	}
	// The server's expiry makes the late offers expired for good: still
	// finished.
	if _, err := app.Expire(context.Background(), st, fixture.Now.AddDate(0, 0, 8)); err != nil {
		t.Fatal(err)
	}
	check("expired", fixture.Now.AddDate(0, 0, 8), cases[3].want)

	// A decided talk's offer carries the talk at its new time.
	items, err := st.Inbox(context.Background(), fixture.PID("a1"), app.BoxScheduled, later)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.ID == moved && (it.Talk == nil || !it.Talk.Start.Equal(fixture.At(6, 10)) || it.Talk.State != app.TalkScheduled) {
			t.Errorf("the moved talk's offer carries %+v, want the talk at its new time", it.Talk)
		}
	}
}
