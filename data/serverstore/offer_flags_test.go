package serverstore_test

import (
	"context"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// flagRow is what the server holds of one person's facts of offers
// (migration 018) in the fixture's open cohort, with the versions of the
// rows that carry them.
type flagRow struct {
	received, atCap         bool
	personV, memberV, metaV int64
}

func flagsOf(t *testing.T, st *serverstore.Store, name string) flagRow {
	t.Helper()
	var f flagRow
	err := st.DB().QueryRow(`SELECT p.offers_received, m.at_cap, p.version, m.version,
			(SELECT value FROM meta WHERE key = 'version')
		FROM participants p JOIN cohort_members m ON m.participant_id = p.id AND m.cohort_id = ?
		WHERE p.id = ?`, fixture.CoOpen, fixture.PID(name)).Scan(&f.received, &f.atCap, &f.personV, &f.memberV, &f.metaV)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestOfferFlagsFlipWithTheOffers follows c1 through offers received in
// the open cohort, whose cap is 2 pending offers received: each flag
// flips with the write that makes it true or false, the person's row (and
// the membership's, for the cap) moves to that write's version then, and
// neither moves on a write that flips nothing.
func TestOfferFlagsFlipWithTheOffers(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	f := flagsOf(t, st, "c1")
	if f.received || f.atCap {
		t.Fatalf("before any offer: %+v", f)
	}
	step := func(what string, wantReceived, wantAtCap, personMoves, memberMoves bool) {
		t.Helper()
		before := f
		f = flagsOf(t, st, "c1")
		if f.received != wantReceived || f.atCap != wantAtCap {
			t.Errorf("%s: offers_received %v, at_cap %v; want %v, %v", what, f.received, f.atCap, wantReceived, wantAtCap)
		}
		if moved := f.personV != before.personV; moved != personMoves || moved && f.personV != f.metaV {
			t.Errorf("%s: the person's version %d → %d (newest %d), want moved %v", what, before.personV, f.personV, f.metaV, personMoves)
		}
		if moved := f.memberV != before.memberV; moved != memberMoves || moved && f.memberV != f.metaV {
			t.Errorf("%s: the membership's version %d → %d (newest %d), want moved %v", what, before.memberV, f.memberV, f.metaV, memberMoves)
		}
	}

	first := fixture.Send(t, st, "a1", "c1")
	step("the first offer received", true, false, true, false)
	fixture.Must(t, st, "a1", app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: first}, fixture.Now)
	step("it is withdrawn: still received one, below the cap", true, false, false, false)
	fixture.Send(t, st, "a1", "c1")
	step("a second offer, one pending", true, false, false, false)
	fromB := fixture.Send(t, st, "b1", "c1")
	step("two pending: at the cap", true, true, true, true)
	if err := fixture.Run(st, "d1", app.OfferSend, fixture.SendArgs("c1"), fixture.Now); fixture.CodeOf(err) != string(app.CodeRecipientBusy) {
		t.Fatalf("an offer to c1 at the cap: %v, want %s", err, app.CodeRecipientBusy)
	}
	step("an offer refused at the cap", true, true, false, false)
	fixture.Must(t, st, "b1", app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: fromB}, fixture.Now)
	step("one withdrawn: under the cap again", true, false, true, true)
	fixture.Send(t, st, "d1", "c1")
	step("two pending again", true, true, true, true)
	if n, err := app.Expire(ctx, st, fixture.Now.AddDate(0, 0, 30)); err != nil || n != 2 {
		t.Fatalf("expire: %d, %v", n, err)
	}
	step("both expired", true, false, true, true)

	// Others: b1 sent offers and received none.
	if g := flagsOf(t, st, "b1"); g.received || g.atCap {
		t.Errorf("b1, who only sent offers: %+v", g)
	}
}

// TestOfferFlagsFollowTheCap: a programme's cap that the secretariat
// lowers or raises sets at_cap of its members anew.
func TestOfferFlagsFollowTheCap(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	fixture.Send(t, st, "a1", "c1")
	f := flagsOf(t, st, "c1")
	d1 := flagsOf(t, st, "d1")
	c := fixture.Dataset().Cohorts[0]
	c.Rules.MaxPendingReceived = 1
	if _, err := st.SaveCohort(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	g := flagsOf(t, st, "c1")
	if !g.atCap || g.memberV == f.memberV || g.personV == f.personV {
		t.Errorf("cap lowered to 1 with one pending: %+v (before %+v)", g, f)
	}
	if e := flagsOf(t, st, "d1"); e != (flagRow{metaV: e.metaV, personV: d1.personV, memberV: d1.memberV}) {
		t.Errorf("d1, with no offer, moved: %+v (before %+v)", e, d1)
	}
	c.Rules.MaxPendingReceived = 3
	if _, err := st.SaveCohort(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	if g := flagsOf(t, st, "c1"); g.atCap {
		t.Errorf("cap raised to 3 with one pending: %+v", g)
	}
}
