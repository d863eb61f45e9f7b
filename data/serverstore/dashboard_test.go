package serverstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// heldTalk is an accepted offer of the fixture's open cohort between two
// fixture people and its talk, held.
func heldTalk(name, a, b string) (app.Offer, app.Talk) {
	id := fixture.NewID()
	at := fixture.At(-3, 14)
	o := app.Offer{ID: id, CohortID: fixture.CoOpen, FromID: fixture.PID(a), ToID: fixture.PID(b), Message: name,
		Slots: []app.Slot{{Start: at, End: at.Add(time.Hour)}}, Mode: app.ModeOnline, State: app.OfferAccepted,
		TalkID: app.TalkIDFor(id), CreatedAt: at.AddDate(0, 0, -3), UpdatedAt: at.AddDate(0, 0, -2),
		ExpiresAt: at.AddDate(0, 0, 4)}
	k := app.Talk{ID: o.TalkID, OfferID: id, CohortID: fixture.CoOpen, AID: o.FromID, BID: o.ToID, Start: at,
		End: at.Add(time.Hour), Mode: app.ModeOnline, State: app.TalkHeld, CreatedAt: o.UpdatedAt, UpdatedAt: at}
	return o, k
}

// The survey figures take the answers in the order the server recorded
// them: an answer recorded later whose time is earlier (a clock set back,
// two pushes processed side by side) comes last all the same, and so
// cannot take the place of an answer already counted. Here a1's second
// answer, dated before every other, would otherwise push a1's first out
// of the batch shown, and the figures before and after would differ by
// a1's two answers alone.
func TestSurveyOrderIsTheServersRecord(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	var ds app.Dataset
	talks := map[string]string{}
	for _, pair := range [][3]string{{"t1", "a1", "b1"}, {"t2", "c1", "d1"}, {"t3", "a2", "b2"}, {"t4", "a1", "c2"}} {
		o, k := heldTalk(pair[0], pair[1], pair[2])
		ds.Offers, ds.Talks = append(ds.Offers, o), append(ds.Talks, k)
		talks[pair[0]] = k.ID
	}
	base := fixture.Now.Add(-time.Hour)
	answer := func(talk, who string, minute, satisfaction int) app.Survey {
		return app.Survey{TalkID: talks[talk], AuthorID: fixture.PID(who), Satisfaction: satisfaction, Recommend: satisfaction,
			Comment: who + " on " + talk, CreatedAt: base.Add(time.Duration(minute) * time.Minute)}
	}
	ds.Surveys = []app.Survey{answer("t1", "a1", 1, 7), answer("t1", "b1", 2, 6), answer("t2", "c1", 3, 5),
		answer("t2", "d1", 4, 4), answer("t3", "a2", 5, 3), answer("t3", "b2", 6, 2)}
	if err := st.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	scope := app.Scope{CohortID: fixture.CoOpen}
	before, err := st.Dashboard(ctx, scope, fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	if !before.Survey.Shown || before.Survey.Answers != 5 || before.Survey.Satisfaction != 5 {
		t.Fatalf("the first five answers: %+v", before.Survey)
	}
	// Recorded last, dated first.
	if err := st.Import(ctx, app.Dataset{Surveys: []app.Survey{answer("t4", "a1", 0, 1)}}); err != nil {
		t.Fatal(err)
	}
	after, err := st.Dashboard(ctx, scope, fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	if after.Survey != before.Survey || !slices.Equal(after.Comments, before.Comments) {
		t.Fatalf("a late answer dated first changed the figures:\n%+v %v\nwas\n%+v %v", after.Survey, after.Comments,
			before.Survey, before.Comments)
	}
}
