package serverstore_test

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// TestSetProgrammeSurvey: the secretariat's dates and reference figures
// are stored, read back, and rule the mutator; bad ones change nothing;
// clearing them restores the defaults.
func TestSetProgrammeSurvey(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	cohortOf := func() app.Cohort {
		t.Helper()
		cs, err := st.Cohorts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.ID == fixture.CoOpen {
				return c
			}
		}
		t.Fatal("no open cohort")
		return app.Cohort{}
	}
	if c := cohortOf(); c.SurveyOpensOn != nil || c.SurveyClosesOn != nil || c.Reference != nil || c.ReferenceFigures() != app.PilotFigures {
		t.Fatalf("a new cohort: %+v, want the defaults", c)
	}

	opens, closes := app.Date(2027, 3, 10), app.Date(2027, 3, 31)
	ref := app.ProgrammeFigures{Satisfaction: 6.5, NextRound: 6.0, Recommend: 8.8}
	got, err := st.SetProgrammeSurvey(ctx, fixture.CoOpen, serverstore.ProgrammeSurveySettings{OpensOn: &opens, ClosesOn: &closes, Reference: &ref})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []app.Cohort{got, cohortOf()} {
		if c.SurveyOpensOn == nil || !c.SurveyOpensOn.Equal(opens) || c.SurveyClosesOn == nil || !c.SurveyClosesOn.Equal(closes) ||
			c.ReferenceFigures() != ref {
			t.Errorf("stored %+v", c)
		}
	}

	// The mutator follows the stored window: a talk held in November,
	// answered on 9 March (before) and 10 March (in).
	fixture.Accepted(t, st, "a1", "b1")
	sat, next, rec := 5, 5, 7
	args := app.ProgrammeSurveyArgs{CohortID: fixture.CoOpen, Satisfaction: &sat, NextRound: &next, Recommend: &rec,
		Assessment: map[string]int{}}
	for _, s := range app.SelfAssessmentStatements {
		args.Assessment[s.ID] = 3
	}
	if err := fixture.Run(st, "a1", app.ProgrammeSurveySubmit, args, opens.Add(-time.Minute)); app.CodeOf(err) != app.CodeSurveyNotOpen {
		t.Errorf("the day before the secretariat's first day: %v", err)
	}
	fixture.Must(t, st, "a1", app.ProgrammeSurveySubmit, args, opens)

	before := cohortOf()
	// Days far from the programme (which runs from its StartsOn to
	// 28 February 2027): the year 1, the year 9999, the day before it
	// began, a day more than SurveyLatestDaysAfter after it ended.
	year1, year9999 := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), app.Date(9999, 12, 31)
	dayBefore := app.StartOfDay(before.StartsOn).AddDate(0, 0, -1)
	tooLate := app.StartOfDay(before.EndsOn).AddDate(0, 0, app.SurveyLatestDaysAfter+1)
	lastDay := app.StartOfDay(before.EndsOn).AddDate(0, 0, app.SurveyLatestDaysAfter)
	for _, bad := range []serverstore.ProgrammeSurveySettings{
		{OpensOn: &closes, ClosesOn: &opens},
		{OpensOn: &year1},
		{ClosesOn: &year9999},
		{OpensOn: &dayBefore},
		{ClosesOn: &tooLate},
		{Reference: &app.ProgrammeFigures{Satisfaction: 7.5, NextRound: 6, Recommend: 8}},
		{Reference: &app.ProgrammeFigures{Satisfaction: 6, NextRound: 6, Recommend: 10.5}},
	} {
		if _, err := st.SetProgrammeSurvey(ctx, fixture.CoOpen, bad); !app.IsRejection(err) {
			t.Errorf("%+v: %v, want a rejection", bad, err)
		}
	}
	if _, err := st.SetProgrammeSurvey(ctx, fixture.NewID(), serverstore.ProgrammeSurveySettings{}); app.CodeOf(err) != app.CodeNotFound {
		t.Errorf("an unknown cohort: %v", err)
	}
	if c := cohortOf(); c.ReferenceFigures() != before.ReferenceFigures() || !c.SurveyOpensOn.Equal(*before.SurveyOpensOn) {
		t.Errorf("a refused setting changed the cohort: %+v", c)
	}

	// The bounds themselves are taken.
	first := app.StartOfDay(before.StartsOn)
	if _, err := st.SetProgrammeSurvey(ctx, fixture.CoOpen, serverstore.ProgrammeSurveySettings{OpensOn: &first, ClosesOn: &lastDay}); err != nil {
		t.Errorf("from the programme's first day to %d days after its last: %v", app.SurveyLatestDaysAfter, err)
	}

	got, err = st.SetProgrammeSurvey(ctx, fixture.CoOpen, serverstore.ProgrammeSurveySettings{})
	if err != nil {
		t.Fatal(err)
	}
	if o, c := got.SurveyWindow(); !o.Equal(app.Date(2027, 2, 22)) || !c.Equal(app.Date(2027, 3, 15)) || got.ReferenceFigures() != app.PilotFigures {
		t.Errorf("cleared: window %s–%s, reference %+v", o, c, got.ReferenceFigures())
	}
}
