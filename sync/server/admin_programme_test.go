package server

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// programmeDataset is the administration's fixture where p1–p6 and q1–q5
// answered the programme survey, each with free answers naming them, and
// p1–p5 a "before" too.
func programmeDataset() app.Dataset {
	ds := adminDataset()
	answers := func(v int) map[string]int {
		m := map[string]int{}
		for _, s := range app.SelfAssessmentStatements {
			m[s.ID] = v
		}
		return m
	}
	for i, who := range []string{"p1", "p2", "p3", "p4", "p5", "p6", "q1", "q2", "q3", "q4", "q5"} {
		at := tokyo(28, 10).Add(time.Duration(i) * time.Minute)
		sat := 7
		if who[0] == 'q' {
			sat = 3
		}
		ds.ProgrammeSurveys = append(ds.ProgrammeSurveys, app.ProgrammeSurvey{CohortID: adminCohort, AuthorID: apid(who),
			Satisfaction: sat, NextRound: 5, Recommend: 8, Insight: "気づき-" + who, NextStep: "次-" + who, CreatedAt: at})
		ds.SelfAssessments = append(ds.SelfAssessments, app.SelfAssessment{CohortID: adminCohort, AuthorID: apid(who),
			Phase: app.PhaseAfter, Answers: answers(4), CreatedAt: at})
		if i < 5 {
			ds.SelfAssessments = append(ds.SelfAssessments, app.SelfAssessment{CohortID: adminCohort, AuthorID: apid(who),
				Phase: app.PhaseBefore, Answers: answers(2), CreatedAt: tokyo(2, 10)})
		}
	}
	return ds
}

// The programme survey's results over HTTP: the secretariat reads every
// figure and the free answers; HR reads its own company's figures only,
// never a free answer, and of another company nothing at all.
func TestAdminProgrammeResults(t *testing.T) {
	e := newEnv(t, func(c *envConfig) { c.ds = programmeDataset() })
	sec := e.login(apid("s")).Token
	hrP, hrQ := e.login(apid("hp")).Token, e.login(apid("hq")).Token
	P, Q := adminCompany("P"), adminCompany("Q")

	var all app.Dashboard
	e.admin(sec, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort}, &all)
	r := all.Programme
	// Ten answers close two batches (p1–p5, p6 and q1–q4); q5's waits.
	if !r.Survey.Shown || r.Survey.Answers != 10 || r.Survey.SatisfactionBar != [7]int{0, 0, 4, 0, 0, 0, 6} ||
		len(r.Insights) != 10 || len(r.NextSteps) != 10 || !r.ReferenceIsPilot {
		t.Fatalf("the cohort, for the secretariat: %+v", r)
	}
	if want := (app.AssessmentChange{Shown: true, Counted: 5, NoBefore: 5, Before: 2, After: 4, Improved: 5,
		ImprovedShare: 1}); r.Change != want {
		t.Fatalf("change %+v, want %+v", r.Change, want)
	}
	for _, s := range r.Insights {
		if strings.Contains(s, "q5") {
			t.Fatalf("a free answer of an open batch is shown: %v", r.Insights)
		}
	}

	// HR of P: P's six answers make one batch, without free answers.
	status, body := e.call(http.MethodPost, wire.PathAdminDashboard, hrP, app.Scope{CohortID: adminCohort, CompanyID: P})
	if status != http.StatusOK {
		t.Fatalf("HR of P: %d %s", status, body)
	}
	var d app.Dashboard
	decode(t, body, &d)
	if d.Programme.Survey.Answers != 5 || d.Programme.Survey.Means.Satisfaction != 7 || d.Programme.Change.Counted != 5 ||
		d.Programme.Insights != nil || d.Programme.NextSteps != nil {
		t.Fatalf("HR of P: %+v", d.Programme)
	}
	noFreeAnswer(t, body)
	checkNoOtherCompany(t, e, P, body)

	// HR of Q: its own five answers (satisfaction 3, none with a
	// "before"), and nothing of P.
	status, body = e.call(http.MethodPost, wire.PathAdminDashboard, hrQ, app.Scope{CohortID: adminCohort, CompanyID: Q})
	if status != http.StatusOK {
		t.Fatalf("HR of Q: %d %s", status, body)
	}
	d = app.Dashboard{}
	decode(t, body, &d)
	if d.Programme.Survey.Answers != 5 || d.Programme.Survey.Means.Satisfaction != 3 || d.Programme.Change.Shown ||
		d.Programme.Change.NoBefore != 5 {
		t.Fatalf("HR of Q: %+v", d.Programme)
	}
	noFreeAnswer(t, body)
	status, body = e.call(http.MethodPost, wire.PathAdminDashboard, hrQ, app.Scope{CohortID: adminCohort, CompanyID: P})
	wantRejected(t, status, body, app.CodeNotAllowed)
	noFreeAnswer(t, body)
	status, body = e.call(http.MethodPost, wire.PathAdminDashboard, hrQ, app.Scope{CohortID: adminCohort})
	wantRejected(t, status, body, app.CodeNotAllowed)

	// The secretariat's reference replaces the pilot's; HR may not set it.
	ref := app.ProgrammeFigures{Satisfaction: 5.5, NextRound: 5, Recommend: 7.5}
	status, body = e.call(http.MethodPost, wire.PathAdminSurvey, hrP, wire.ProgrammeSurveyRequest{CohortID: adminCohort, Reference: &ref})
	wantRejected(t, status, body, app.CodeNotAllowed)
	var c app.Cohort
	e.admin(sec, wire.PathAdminSurvey, wire.ProgrammeSurveyRequest{CohortID: adminCohort, Reference: &ref}, &c)
	if c.Reference == nil || *c.Reference != ref {
		t.Fatalf("stored %+v", c)
	}
	bad := app.ProgrammeFigures{Satisfaction: 8, NextRound: 5, Recommend: 7}
	status, body = e.call(http.MethodPost, wire.PathAdminSurvey, sec, wire.ProgrammeSurveyRequest{CohortID: adminCohort, Reference: &bad})
	wantRejected(t, status, body, app.CodeOutOfRange)
	d = app.Dashboard{}
	e.admin(hrP, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort, CompanyID: P}, &d)
	if d.Programme.Reference != ref || d.Programme.ReferenceIsPilot {
		t.Fatalf("reference after setting it: %+v %v", d.Programme.Reference, d.Programme.ReferenceIsPilot)
	}
}

// noFreeAnswer fails when an answer carries any free answer of the
// programme survey.
func noFreeAnswer(t *testing.T, body []byte) {
	t.Helper()
	for _, s := range []string{"気づき-", "次-", `"insights"`, `"nextSteps"`} {
		if bytes.Contains(body, []byte(s)) {
			t.Fatalf("HR receives a free answer (%q): %s", s, body)
		}
	}
}
