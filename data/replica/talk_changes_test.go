package replica_test

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// A change the other person made to a talk is listed until it is seen on
// the device; a proposal that waits for the person's answer stays listed
// until it is answered; one's own changes are never listed.
func TestTalkChanges(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	a, b := fixture.PID("a1"), fixture.PID("b1")
	k := fixture.Accepted(t, st, "a1", "b1")
	k2 := fixture.Accepted(t, st, "a1", "c1")
	ids := func(cs []app.TalkChange) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	changes := func(me string, now time.Time) []app.TalkChange {
		t.Helper()
		cs, err := st.TalkChanges(ctx, me, now)
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	if cs := changes(a, fixture.Now); len(cs) != 0 {
		t.Fatalf("changes before any: %v", ids(cs))
	}
	newStart := fixture.At(10, 11)
	proposedAt := fixture.Now.Add(time.Minute)
	fixture.Must(t, st, "b1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: k, Start: newStart}, proposedAt)
	fixture.Must(t, st, "c1", app.TalkCancel, app.CancelTalkArgs{TalkID: k2, Reason: "work"}, proposedAt.Add(time.Minute))

	cs := changes(a, fixture.Now)
	if len(cs) != 2 || cs[0].ID != k2 || cs[1].ID != k || !cs[0].Unseen || !cs[1].Unseen ||
		cs[0].Event.Kind != app.EventCancelled || cs[1].Event.Kind != app.EventTimeProposed || !cs[1].Waiting(a, fixture.Now) {
		t.Fatalf("changes for a1: %+v", cs)
	}
	if cs := changes(b, fixture.Now); len(cs) != 0 {
		t.Fatalf("b1 is told of b1's own proposal: %v", ids(cs))
	}

	// Seen: the cancellation leaves the list, the proposal stays until
	// answered, no longer marked as new.
	for _, c := range cs {
		if err := st.MarkTalkSeen(ctx, c.ID, c.Event.At); err != nil {
			t.Fatal(err)
		}
	}
	cs = changes(a, fixture.Now)
	if len(cs) != 1 || cs[0].ID != k || cs[0].Unseen {
		t.Fatalf("after seen: %+v", cs)
	}
	// Once its time has passed, a proposal seen is no longer listed.
	if cs := changes(a, newStart); len(cs) != 0 {
		t.Fatalf("a proposal past its time: %v", ids(cs))
	}
	// An older mark never hides a newer change.
	if err := st.MarkTalkSeen(ctx, k, fixture.Now); err != nil {
		t.Fatal(err)
	}
	if cs := changes(a, fixture.Now); len(cs) != 1 || cs[0].Unseen {
		t.Fatalf("a mark moved back: %+v", cs)
	}

	// a1 accepts: b1 is told; a1 is not.
	fixture.Must(t, st, "a1", app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: k, Start: newStart}, proposedAt.Add(time.Hour))
	if cs := changes(a, fixture.Now); len(cs) != 0 {
		t.Fatalf("a1 is told of a1's own answer: %v", ids(cs))
	}
	if cs := changes(b, fixture.Now); len(cs) != 1 || cs[0].Event.Kind != app.EventTimeAccepted || !cs[0].Unseen || cs[0].OtherName == "" {
		t.Fatalf("changes for b1: %+v", cs)
	}
}
