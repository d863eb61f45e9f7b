package data_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// Suggested partners and introductions (issue 19).

func dismiss(who, whom, cohort string, clock time.Time) func(*data.Store, ids) error {
	return func(st *data.Store, _ ids) error {
		return fixture.Run(st, who, app.SuggestionDismiss,
			app.DismissSuggestionArgs{CohortID: cohort, ParticipantID: fixture.PID(whom)}, clock)
	}
}

// dismissals dumps the dismissals table.
func dismissals(t *testing.T, st *data.Store) string {
	t.Helper()
	s, err := st.DumpTables(context.Background(), "suggestion_dismissals")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSuggestionDismiss(t *testing.T) {
	// d1 dismissed by a1 at Now, as the table keeps it.
	row := func(at time.Time) string {
		return fmt.Sprintf("%s|%s|%s|%d|", fixture.PID("a1"), fixture.CoOpen, fixture.PID("d1"), at.UnixMilli())
	}
	kept := func(at time.Time) func(*testing.T, *data.Store, ids) {
		return func(t *testing.T, st *data.Store, _ ids) {
			if got := dismissals(t, st); !strings.Contains(got, row(at)) || strings.Count(got, "\n") != 2 {
				t.Errorf("dismissals:\n%s\nwant the one row %s…", got, row(at))
			}
		}
	}
	runCases(t, []mcase{
		{name: "a1 dismisses d1", act: dismiss("a1", "d1", fixture.CoOpen, fixture.Now), check: kept(fixture.Now)},
		{name: "twice keeps the first", setup: func(t *testing.T, st *data.Store) ids {
			fixture.Must(t, st, "a1", app.SuggestionDismiss, app.DismissSuggestionArgs{CohortID: fixture.CoOpen, ParticipantID: fixture.PID("d1")}, fixture.Now)
			return ids{}
		}, act: dismiss("a1", "d1", fixture.CoOpen, fixture.At(1, 10)), check: kept(fixture.Now)},
		{name: "a hidden person", act: dismiss("a1", "b3", fixture.CoOpen, fixture.Now)},
		{name: "oneself", act: dismiss("a1", "a1", fixture.CoOpen, fixture.Now), code: app.CodeSelf},
		{name: "a colleague", act: dismiss("a1", "a2", fixture.CoOpen, fixture.Now), code: app.CodeSameCompany},
		{name: "someone not in the programme", act: dismiss("a1", "x1", fixture.CoOpen, fixture.Now), code: app.CodeNotInCohort},
		{name: "in a programme one is not in", act: dismiss("a1", "d1", fixture.CoDraft, fixture.Now), code: app.CodeNotInCohort},
		{name: "someone unknown", act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "a1", app.SuggestionDismiss, app.DismissSuggestionArgs{CohortID: fixture.CoOpen, ParticipantID: fixture.NewID()}, fixture.Now)
		}, code: app.CodeNotFound},
		{name: "a cohort id that is not one", act: dismiss("a1", "d1", "k1", fixture.Now), code: app.CodeBadArgs},
		{name: "HR", act: dismiss("e1", "d1", fixture.CoOpen, fixture.Now), code: app.CodeNotAllowed},
	})
}

// suggestionSet is the fixture with themes, weekly free times and offers that
// make each rule count for a1 (製造) in the open cohort.
func suggestionSet(t *testing.T) *data.Store {
	d := fixture.Dataset()
	edit := map[string]func(*app.Participant){
		"a1": func(p *app.Participant) {
			p.Themes, p.FreeWeek = []string{"DX", "介護との両立"}, app.FreeWeek(0).With(time.Tuesday, app.Afternoon, true)
		},
		"b1": func(p *app.Participant) { p.Themes = []string{"DX", "介護との両立"} }, // offered by a1: out
		"b2": func(p *app.Participant) { p.Themes = []string{"DX", "介護との両立"} }, // at the cap: out
		"c1": func(p *app.Participant) {
			p.Themes = []string{"介護との両立", "DX"}
			for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
				p.FreeWeek = p.FreeWeek.With(d, app.Afternoon, true)
			}
		}, // first
		"c2": func(p *app.Participant) { p.Themes = []string{"DX", "介護との両立"} }, // introduced: out
		"d1": func(p *app.Participant) { p.Themes = []string{"DX", "介護との両立"} }, // dismissed: out
		"d2": func(p *app.Participant) { p.Themes = []string{"DX"} },           // one theme: after c1
		"a2": func(p *app.Participant) { p.Themes = []string{"DX", "介護との両立"} }, // colleague: out
		"b3": func(p *app.Participant) { p.Themes = []string{"DX", "介護との両立"} }, // hidden: out
	}
	for i := range d.Participants {
		for name, f := range edit {
			if d.Participants[i].ID == fixture.PID(name) {
				f(&d.Participants[i])
			}
		}
	}
	d.Introductions = []app.Introduction{{ID: fixture.NewID(), CohortID: fixture.CoOpen, AID: fixture.PID("c2"),
		BID: fixture.PID("a1"), Note: "おふたりとも介護との両立に関心をお持ちです。", CreatedAt: fixture.Now}}
	st := open(t, d)
	fixture.Send(t, st, "a1", "b1")
	fixture.Send(t, st, "c1", "b2")
	fixture.Send(t, st, "d1", "b2")
	fixture.Must(t, st, "a1", app.SuggestionDismiss, app.DismissSuggestionArgs{CohortID: fixture.CoOpen, ParticipantID: fixture.PID("d1")}, fixture.Now)
	return st
}

func TestReplicaSuggestions(t *testing.T) {
	ctx := context.Background()
	rep := copyToReplica(t, suggestionSet(t))
	co, err := rep.SuggestionCohort(ctx, fixture.PID("a1"), fixture.Now)
	if err != nil || co != fixture.CoOpen {
		t.Fatalf("a1's programme: %q (%v)", co, err)
	}
	got, err := rep.Suggestions(ctx, fixture.PID("a1"), co, fixture.Now, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		names = append(names, s.Name)
		if s.CohortID != fixture.CoOpen {
			t.Errorf("%s suggested in %q", s.Name, s.CohortID)
		}
	}
	if want := fixture.Names["c1"][0] + "," + fixture.Names["d2"][0]; strings.Join(names, ",") != want {
		t.Fatalf("suggestions %v, want %s", names, want)
	}
	want := []app.Reason{{Kind: app.ReasonSharedThemes, Themes: []string{"介護との両立", "DX"}},
		{Kind: app.ReasonOtherIndustry, Industry: "情報通信"}, {Kind: app.ReasonTimesOverlap}, {Kind: app.ReasonNoOffersYet}}
	if fmt.Sprint(got[0].Reasons) != fmt.Sprint(want) {
		t.Errorf("c1's reasons %v, want %v", got[0].Reasons, want)
	}
	if got[0].CompanyName != "株式会社C商事" || got[1].Industry != "小売" {
		t.Errorf("companies: %+v", got)
	}
	// b2 waits on two offers (c1's and d1's), the cap of 2: b2 finds a1
	// and d2 but neither c1 nor d1, who offered already.
	got, err = rep.Suggestions(ctx, fixture.PID("b2"), co, fixture.Now, 0)
	if err != nil {
		t.Fatal(err)
	}
	names = names[:0]
	for _, s := range got {
		names = append(names, s.ID)
	}
	for _, n := range []string{"c1", "d1", "b1", "b3", "b2"} {
		if strings.Contains(strings.Join(names, ","), fixture.PID(n)) {
			t.Errorf("b2 is suggested %s", n)
		}
	}
	if len(names) != 4 { // a1, a2, c2, d2
		t.Errorf("b2's suggestions: %d, want 4", len(names))
	}
	// Not in the cohort, nothing.
	if got, err := rep.Suggestions(ctx, fixture.PID("a1"), fixture.CoDraft, fixture.Now, 0); err != nil || len(got) != 0 {
		t.Errorf("a1 in a cohort they are not in: %v (%v)", got, err)
	}
}

func TestReplicaIntroductions(t *testing.T) {
	ctx := context.Background()
	st := suggestionSet(t)
	rep := copyToReplica(t, st)
	for _, c := range []struct{ me, other string }{{"a1", "c2"}, {"c2", "a1"}} {
		got, err := rep.Introductions(ctx, fixture.PID(c.me), fixture.Now)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Person.ID != fixture.PID(c.other) || got[0].Person.CompanyName == "" ||
			got[0].Note != "おふたりとも介護との両立に関心をお持ちです。" || got[0].Offered {
			t.Errorf("%s's introductions: %+v", c.me, got)
		}
	}
	if got, err := rep.Introductions(ctx, fixture.PID("b1"), fixture.Now); err != nil || len(got) != 0 {
		t.Errorf("b1's introductions: %+v (%v)", got, err)
	}
	// Once c2 sent the offer from it, it says so.
	fixture.Send(t, st, "c2", "a1")
	got, err := copyToReplica(t, st).Introductions(ctx, fixture.PID("a1"), fixture.Now)
	if err != nil || len(got) != 1 || !got[0].Offered {
		t.Errorf("after the offer: %+v (%v)", got, err)
	}
}
