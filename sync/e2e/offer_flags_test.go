package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"crosstalk/app"
)

// The server's facts of offers (issue 19, migration 018): a device holds
// only its own person's offers, yet its directory's 「まだオファーを受けて
// いない人」 and its suggestions must be true of offers it never saw. x1
// and x3 send offers to y1; x2, their colleague, sees none of them.

func TestOfferFlagsReachDevicesThatNeverSawTheOffers(t *testing.T) {
	ds := dataset()
	ds.Cohorts[0].Rules.MaxPendingReceived = 2
	e := newEnv(t, ds)
	ctx := context.Background()
	cohort := ds.Cohorts[0].ID
	sender, other, viewer, target := pid("x1"), pid("x3"), pid("x2"), pid("y1")
	a := e.connect(sender, e.clock.Now)
	b := e.connect(viewer, e.clock.Now)
	c := e.connect(target, e.clock.Now)
	a3 := e.connect(other, e.clock.Now)
	for _, d := range []*device{a, b, c, a3} {
		d.sync()
	}

	noOffersYet := func() bool {
		t.Helper()
		es, err := b.r.SearchDirectory(ctx, app.DirectoryQuery{ViewerID: viewer, Now: e.clock.Now(), NoOffersYet: true, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(es, func(x app.DirectoryEntry) bool { return x.ID == target })
	}
	// suggested says whether b suggests y1, and with which reasons.
	suggested := func() (bool, []app.ReasonKind) {
		t.Helper()
		items, err := b.r.Suggestions(ctx, viewer, cohort, e.clock.Now(), 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.ID == target {
				var kinds []app.ReasonKind
				for _, r := range it.Reasons {
					kinds = append(kinds, r.Kind)
				}
				return true, kinds
			}
		}
		return false, nil
	}
	mutate := func(d *device, name string, args json.RawMessage) {
		t.Helper()
		if _, err := d.c.Mutate(ctx, name, args); err != nil {
			t.Fatal(err)
		}
		d.sync()
	}

	if !noOffersYet() {
		t.Fatal("before any offer, y1 is not among those with no offer yet")
	}
	if ok, kinds := suggested(); !ok || !slices.Contains(kinds, app.ReasonNoOffersYet) {
		t.Fatalf("before any offer: suggested %v with %v, want the reason %s", ok, kinds, app.ReasonNoOffersYet)
	}

	_, args := e.sendArgs(target)
	mutate(a, app.OfferSend, args)
	b.sync()
	if dump, err := b.r.DumpTables(ctx, "offers"); err != nil || strings.Contains(dump, target) {
		t.Fatalf("x2's device holds an offer to y1 (%v):\n%s", err, dump)
	}
	if noOffersYet() {
		t.Error("after x1's offer, x2's directory still lists y1 among those with no offer yet")
	}
	if ok, kinds := suggested(); !ok || slices.Contains(kinds, app.ReasonNoOffersYet) {
		t.Errorf("after x1's offer: suggested %v with %v, want suggested without %s", ok, kinds, app.ReasonNoOffersYet)
	}

	// A second pending offer: y1 is at the cap of 2, and not suggested.
	second, args := e.sendArgs(target)
	mutate(a3, app.OfferSend, args)
	b.sync()
	if ok, _ := suggested(); ok {
		t.Error("y1 at the cap of pending offers received is suggested to x2")
	}
	// The profile card's check (no offer can be sent to y1 now).
	if p, err := b.r.Person(ctx, target, e.clock.Now()); err != nil || !p.AtCap(ds.Cohorts[0]) || !p.OffersReceived || p.PendingReceived != 0 {
		t.Errorf("y1 on x2's device: at the cap %v, received %v, pending held %d (%v); want at the cap, received, none held",
			p.AtCap(ds.Cohorts[0]), p.OffersReceived, p.PendingReceived, err)
	}
	// What x2's device pulled of it: booleans, no count and no sender.
	got := e.pullAll(t, e.login(viewer).Token, nil)
	var person, membership map[string]any
	for _, r := range got.rows["participants"] {
		if bytes.Contains(r, []byte(target)) {
			if err := json.Unmarshal(r, &person); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, r := range got.rows["cohort_members"] {
		var m map[string]any
		if err := json.Unmarshal(r, &m); err != nil {
			t.Fatal(err)
		}
		if m["participantId"] == target && m["cohortId"] == cohort {
			membership = m
		}
	}
	if person["offersReceived"] != true || membership["atCap"] != true {
		t.Errorf("pulled y1 %v and their membership %v: want offersReceived and atCap true", person, membership)
	}
	if len(membership) != 3 {
		t.Errorf("pulled membership %v: want its cohort, person and atCap only", membership)
	}
	for tbl, rows := range got.rows {
		if tbl == "participants" || tbl == "cohort_members" {
			continue // every member's, y1's among them
		}
		for _, r := range rows {
			if bytes.Contains(r, []byte(target)) {
				t.Errorf("x2 pulled a row of %s about y1: %s", tbl, r)
			}
		}
	}

	// One withdrawn: under the cap again, suggested again, still not
	// "no offer yet".
	mutate(a3, app.OfferWithdraw, app.Args(app.WithdrawOfferArgs{OfferID: second}))
	b.sync()
	if ok, kinds := suggested(); !ok || slices.Contains(kinds, app.ReasonNoOffersYet) {
		t.Errorf("after a withdrawal: suggested %v with %v, want suggested without %s", ok, kinds, app.ReasonNoOffersYet)
	}
	if p, err := b.r.Person(ctx, target, e.clock.Now()); err != nil || p.AtCap(ds.Cohorts[0]) {
		t.Errorf("y1 on x2's device after a withdrawal: at the cap (%v)", err)
	}
	sameAsFresh(t, e, b)
}
