package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data/replica"
	"crosstalk/sync/wire"
)

// TestLeavingACohort: y1 talks with x1, then leaves the only cohort
// they shared with everyone. Afterwards each replica equals a fresh pull
// of the same person: y2, who never dealt with y1, holds nothing of them
// any more; x1 still sees the offer and the talk with y1's name, on the
// old device and on a new one; x2 sees y1's offer, expired, with y1's
// name; and y1's own device, whose cohort is withdrawn, holds no one of
// that cohort but the people they dealt with. HR staff keep a person of
// their company who leaves the cohort.
func TestLeavingACohort(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	cohort := e.ds.Cohorts[0].ID
	x1 := e.connect(pid("x1"), e.clock.Now)
	y1 := e.connect(pid("y1"), e.clock.Now)
	y2 := e.connect(pid("y2"), e.clock.Now)
	// q, of a company with HR staff, leaves the cohort too: their HR's
	// device, which reads the company, keeps them.
	var hr, q app.Participant
	for _, p := range e.ds.Participants {
		if p.Role == app.RoleHR && hr.ID == "" {
			hr = p
		}
	}
	for _, p := range e.ds.Participants {
		if p.Role == app.RoleParticipant && p.CompanyID == hr.CompanyID && slices.Contains(p.Cohorts, cohort) && q.ID == "" {
			q = p
		}
	}
	if hr.ID == "" || q.ID == "" {
		t.Fatal("the demo has no HR staff with a member of the cohort")
	}
	h := e.connect(hr.ID, e.clock.Now)
	for _, d := range []*device{x1, y1, y2, h} {
		d.sync()
	}
	id, args := e.sendArgs(pid("x1"))
	if _, err := y1.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	y1.sync()
	x1.sync()
	if _, err := x1.c.Mutate(ctx, app.OfferAccept, app.Args(app.AcceptOfferArgs{OfferID: id, Start: slot(10, 14)})); err != nil {
		t.Fatal(err)
	}
	x1.sync()
	// y1's offer to x2 is still waiting when y1 leaves: it expires.
	x2 := e.connect(pid("x2"), e.clock.Now)
	waiting, args := e.sendArgs(pid("x2"))
	if _, err := y1.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	y1.sync()
	x2.sync()
	y2.sync()
	if !holds(t, y2.r, pid("y1")) {
		t.Fatal("y2 does not hold y1 before y1 leaves")
	}

	if !holds(t, h.r, q.ID) {
		t.Fatal("HR does not hold a person of their company")
	}
	if _, err := e.store.SetMembers(ctx, cohort, []string{pid("y1"), q.ID}, false, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, d := range []*device{x1, x2, y1, y2, h} {
		d.sync()
	}
	if holds(t, y2.r, q.ID) {
		t.Errorf("y2 still holds %s, who has left the cohort", q.ID)
	}
	if !holds(t, h.r, q.ID) {
		t.Error("HR lost a person of their company who left a cohort")
	}

	if holds(t, y2.r, pid("y1")) {
		t.Error("y2 still holds the profile of y1, who has left every cohort y2 reads")
	}
	if !holds(t, x1.r, pid("y1")) {
		t.Error("x1 lost the profile of y1, whom they talked with")
	}
	fresh := e.connect(pid("x1"), e.clock.Now)
	fresh.sync()
	for name, d := range map[string]*device{"x1's device": x1, "x1's new device": fresh} {
		items, err := d.r.Inbox(ctx, pid("x1"), app.BoxScheduled, e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(items, func(it app.InboxItem) bool { return it.ID == id && it.OtherName == "試験 y1" }) {
			t.Errorf("%s: the decided talks do not show the offer with y1: %+v", name, items)
		}
		talks, err := d.r.TalksBetween(ctx, pid("x1"), start, start.AddDate(0, 1, 0))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(talks, func(k app.TalkItem) bool { return k.OfferID == id && k.OtherName == "試験 y1" }) {
			t.Errorf("%s: the calendar does not show the talk with y1: %+v", name, talks)
		}
	}
	items, err := x2.r.Inbox(ctx, pid("x2"), app.BoxFinished, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(items, func(it app.InboxItem) bool {
		return it.ID == waiting && it.State == app.OfferExpired && it.OtherName == "試験 y1"
	}) {
		t.Errorf("x2's finished offers do not show y1's expired offer: %+v", items)
	}
	held := people(t, y1.r)
	want := []string{pid("x1"), pid("x2"), pid("y1")}
	slices.Sort(want)
	if !slices.Equal(held, want) {
		t.Errorf("y1, in no cohort any more, holds the profiles of %v, want %v", held, want)
	}
	for _, d := range []*device{x1, x2, y1, y2, h} {
		sameAsFresh(t, e, d)
	}
}

// holds reports whether replica r holds participant id's profile or
// search text.
func holds(t *testing.T, r *replica.Store, id string) bool {
	t.Helper()
	dump, err := r.DumpTables(context.Background(), "participants", "participant_search")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(dump, id)
}

// people lists the participants whose profiles replica r holds, in order.
func people(t *testing.T, r *replica.Store) []string {
	t.Helper()
	dump, err := r.DumpTables(context.Background(), "participants")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for l := range strings.Lines(dump) {
		if !strings.HasPrefix(l, "== ") {
			id, _, _ := strings.Cut(l, "|")
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// TestLeavingOneOfTwoCohorts: x3, in the demo cohort and in otherCohort,
// leaves otherCohort. The device drops that cohort by itself, in the same
// pull, with no reset: what the demo cohort holds stays, and the replica
// equals a fresh pull.
func TestLeavingOneOfTwoCohorts(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	x3 := e.connect(pid("x3"), e.clock.Now)
	x3.sync()
	if _, err := e.store.SetMembers(ctx, otherCohort, []string{pid("x3")}, false, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	before := e.requests(wire.PathPull)
	x3.sync()
	if n := e.requests(wire.PathPull) - before; n != 1 {
		t.Errorf("the sync after leaving a cohort took %d pulls, want 1 (no reset)", n)
	}
	dump, err := x3.r.DumpTables(ctx, "cohorts", "cohort_members")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(dump, otherCohort) {
		t.Errorf("x3 still holds the cohort they left:\n%s", dump)
	}
	if !holds(t, x3.r, pid("y1")) {
		t.Error("x3 lost y1, of the cohort they are still in")
	}
	sameAsFresh(t, e, x3)
}
