package client_test

import (
	"context"
	"testing"

	"crosstalk/app"
	"crosstalk/app/demo"
)

// The programme survey's settings over a real server: the secretariat
// sets the days and the reference and the dashboard shows the reference;
// a call without them returns to the defaults; HR and a participant are
// refused, and so are days that close before they open.
func TestAdminProgrammeSurveyOverServer(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	cohort := e.cohort()
	hrP := e.byRole(app.RoleHR)
	sec := e.connect(e.byRole(app.RoleSecretariat).ID, options(t)).c.Admin()
	hr := e.connect(hrP.ID, options(t)).c.Admin()
	part := e.connect(demo.DemoUser, options(t)).c.Admin()

	opens, closes := app.StartOfDay(cohort.EndsOn.AddDate(0, 0, -10)), app.StartOfDay(cohort.EndsOn.AddDate(0, 0, 20))
	ref := app.ProgrammeFigures{Satisfaction: 5.8, NextRound: 5.5, Recommend: 7.9}
	c, err := sec.SetProgrammeSurvey(ctx, cohort.ID, &opens, &closes, &ref)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != cohort.ID || c.SurveyOpensOn == nil || !c.SurveyOpensOn.Equal(opens) ||
		c.SurveyClosesOn == nil || !c.SurveyClosesOn.Equal(closes) || c.Reference == nil || *c.Reference != ref {
		t.Fatalf("answered %+v", c)
	}
	if o, cl := c.SurveyWindow(); !o.Equal(opens) || !cl.Equal(closes.AddDate(0, 0, 1)) {
		t.Errorf("window %v – %v", o, cl)
	}
	ks, err := sec.Cohorts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ks {
		if k.ID == cohort.ID && (k.Reference == nil || *k.Reference != ref || k.SurveyOpensOn == nil) {
			t.Errorf("listed %+v", k)
		}
	}
	d, err := hr.Dashboard(ctx, app.Scope{CohortID: cohort.ID, CompanyID: hrP.CompanyID})
	if err != nil || d.Programme.Reference != ref || d.Programme.ReferenceIsPilot {
		t.Fatalf("HR's dashboard: %+v %v, %v", d.Programme.Reference, d.Programme.ReferenceIsPilot, err)
	}

	// Back to the defaults: the first pilot's figures.
	c, err = sec.SetProgrammeSurvey(ctx, cohort.ID, nil, nil, nil)
	if err != nil || c.SurveyOpensOn != nil || c.SurveyClosesOn != nil || c.Reference != nil {
		t.Fatalf("reset: %+v, %v", c, err)
	}
	d, err = sec.Dashboard(ctx, app.Scope{CohortID: cohort.ID})
	if err != nil || d.Programme.Reference != app.PilotFigures || !d.Programme.ReferenceIsPilot {
		t.Fatalf("after the reset: %+v %v, %v", d.Programme.Reference, d.Programme.ReferenceIsPilot, err)
	}

	// Refused: another role, days the wrong way round, figures off scale.
	_, err = hr.SetProgrammeSurvey(ctx, cohort.ID, nil, nil, &ref)
	wantCode(t, err, app.CodeNotAllowed)
	_, err = part.SetProgrammeSurvey(ctx, cohort.ID, nil, nil, &ref)
	wantCode(t, err, app.CodeNotAllowed)
	_, err = sec.SetProgrammeSurvey(ctx, cohort.ID, &closes, &opens, nil)
	wantCode(t, err, app.CodeBadArgs)
	bad := app.ProgrammeFigures{Satisfaction: 6, NextRound: 6, Recommend: 11}
	_, err = sec.SetProgrammeSurvey(ctx, cohort.ID, nil, nil, &bad)
	wantCode(t, err, app.CodeOutOfRange)
	k, err := sec.Cohorts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range k {
		if x.ID == cohort.ID && (x.Reference != nil || x.SurveyOpensOn != nil) {
			t.Errorf("a refused call changed the cohort: %+v", x)
		}
	}
}
