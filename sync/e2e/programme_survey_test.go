package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// The programme survey and the self-assessments (issue 18) are private
// like the per-talk survey: they reach their author's own devices and no
// one else — not the other side of a talk, not a colleague, not HR of the
// author's company or of another, not the secretariat.

// heldTalk is a held talk of the demo cohort between two participants of
// different companies, neither of them the demo user.
func heldTalk(t *testing.T, ds app.Dataset) app.Talk {
	t.Helper()
	for _, k := range ds.Talks {
		if k.State == app.TalkHeld && k.CohortID == ds.Cohorts[0].ID {
			return k
		}
	}
	t.Fatal("the demo has no held talk")
	return app.Talk{}
}

func assessment(v int) map[string]int {
	m := map[string]int{}
	for _, s := range app.SelfAssessmentStatements {
		m[s.ID] = v
	}
	return m
}

// TestProgrammeSurveyEndToEnd: the author answers the "before" at joining
// and the programme survey in its window on one device
// (the replica shows them before any sync), then syncs; the server holds exactly
// these answers; a second device of the author receives them, and its
// replica is the same as the first's. A second programme survey from the
// second device is refused, by the device and by the server.
func TestProgrammeSurveyEndToEnd(t *testing.T) {
	ds := dataset()
	e := newEnv(t, ds)
	ctx := context.Background()
	cohort := ds.Cohorts[0]
	author := heldTalk(t, ds).AID

	d1 := e.connect(author, e.clock.Now)
	d1.sync()
	before := app.Args(app.SelfAssessmentArgs{CohortID: cohort.ID, Answers: assessment(2)})
	if _, err := d1.c.Mutate(ctx, app.SelfAssessmentSubmit, before); err != nil {
		t.Fatal(err)
	}
	d1.sync()
	if n := e.count(`SELECT count(*) FROM self_assessments WHERE author_id = ? AND cohort_id = ? AND phase = 'before'`, author, cohort.ID); n != 1 {
		t.Fatalf("the server holds %d 'before' of the author", n)
	}

	opens, _ := cohort.SurveyWindow()
	e.clock.Add(opens.Sub(e.clock.Now()) + 3*time.Hour)
	sat, next, rec := 6, 7, 9
	insight := "他社の部長も同じ壁に悩んでいると知り、視野が広がりました。"
	survey := app.Args(app.ProgrammeSurveyArgs{CohortID: cohort.ID, Satisfaction: &sat, NextRound: &next, Recommend: &rec,
		Insight: insight, NextStep: "社内で小さな勉強会を始めます。", Assessment: assessment(4)})
	if _, err := d1.c.Mutate(ctx, app.ProgrammeSurveySubmit, survey); err != nil {
		t.Fatal(err)
	}
	dump, err := d1.r.DumpTables(ctx, "programme_surveys", "self_assessments")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, insight) || !strings.Contains(dump, "|after|") || !strings.Contains(dump, "|before|") {
		t.Fatalf("the replica does not show the answers at once:\n%s", dump)
	}
	if n := e.count(`SELECT count(*) FROM programme_surveys WHERE cohort_id = ?`, cohort.ID); n != 0 {
		t.Fatalf("the server has %d programme surveys before the device is back", n)
	}
	d1.sync()
	if n := e.count(`SELECT count(*) FROM programme_surveys WHERE author_id = ? AND cohort_id = ? AND satisfaction = 6
		AND next_round = 7 AND recommend = 9 AND insight = ?`, author, cohort.ID, insight); n != 1 {
		t.Fatalf("the server holds %d matching programme surveys", n)
	}
	if n := e.count(`SELECT count(*) FROM self_assessments WHERE author_id = ? AND cohort_id = ?`, author, cohort.ID); n != 2 {
		t.Fatalf("the server holds %d self-assessments of the author, want before and after", n)
	}

	d2 := e.connect(author, e.clock.Now)
	d2.sync()
	got, err := d2.r.DumpTables(ctx, "programme_surveys", "self_assessments")
	if err != nil {
		t.Fatal(err)
	}
	if stripVersions(got) != stripVersions(dump) {
		t.Errorf("the second device holds\n%s\nthe first\n%s", got, dump)
	}
	sameAsFresh(t, e, d1)

	// The second device already knows of the answer, and refuses a
	// second one itself; the server refuses one pushed past it.
	if _, err := d2.c.Mutate(ctx, app.ProgrammeSurveySubmit, survey); app.CodeOf(err) != app.CodeSurveyExists {
		t.Errorf("a second survey on the second device: %v, want %s", err, app.CodeSurveyExists)
	}
	var again app.ProgrammeSurveyArgs
	if err := json.Unmarshal(survey, &again); err != nil {
		t.Fatal(err)
	}
	if code := e.push(t, e.login(author).Token, app.ProgrammeSurveySubmit, again); code != app.CodeSurveyExists {
		t.Errorf("a second survey pushed to the server: %q, want %s", code, app.CodeSurveyExists)
	}
	if n := e.count(`SELECT count(*) FROM programme_surveys WHERE cohort_id = ?`, cohort.ID); n != 1 {
		t.Errorf("the server holds %d programme surveys", n)
	}
}

// stripVersions drops the last column (version) of each dumped row: the
// two replicas number their own writes.
func stripVersions(dump string) string {
	var b strings.Builder
	for _, line := range strings.Split(dump, "\n") {
		if i := strings.LastIndex(line, "|"); i >= 0 && !strings.HasPrefix(line, "==") {
			line = line[:i]
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// TestProgrammeSurveyReachesNoOneElse: the author of a programme survey
// and of both self-assessments, all with text no other row holds; over
// HTTP, everyone who might want them pulls everything they may read and
// asks for the dashboards they may see: the other side of the author's
// talk, a colleague of the author, the author's HR, another company's HR
// and the secretariat. No answer of theirs holds a row of the new tables
// but their own, nor a byte of the author's free answers; the author's
// own pull holds all three rows.
func TestProgrammeSurveyReachesNoOneElse(t *testing.T) {
	ds := dataset()
	e := newEnv(t, ds)
	cohort := ds.Cohorts[0]
	k := heldTalk(t, ds)
	people := map[string]app.Participant{}
	for _, p := range ds.Participants {
		people[p.ID] = p
	}
	author := people[k.AID]
	var colleague, hr, otherHR, secretariat app.Participant
	for _, p := range ds.Participants {
		switch {
		case p.Role == app.RoleParticipant && p.CompanyID == author.CompanyID && p.ID != author.ID && colleague.ID == "":
			colleague = p
		case p.Role == app.RoleHR && p.CompanyID == author.CompanyID:
			hr = p
		case p.Role == app.RoleHR && p.CompanyID != author.CompanyID && otherHR.ID == "":
			otherHR = p
		case p.Role == app.RoleSecretariat:
			secretariat = p
		}
	}
	if colleague.ID == "" || hr.ID == "" || otherHR.ID == "" || secretariat.ID == "" {
		t.Fatal("the demo lacks a colleague, HR of two companies or the secretariat")
	}

	token := e.login(author.ID).Token
	const insight, nextStep = "秘密の気づき・七三一九", "秘密の一歩・八二四六"
	if code := e.push(t, token, app.SelfAssessmentSubmit, app.SelfAssessmentArgs{CohortID: cohort.ID, Answers: assessment(1)}); code != "" {
		t.Fatalf("before: %s", code)
	}
	opens, _ := cohort.SurveyWindow()
	e.clock.Add(opens.Sub(e.clock.Now()) + time.Hour)
	sat, next, rec := 2, 3, 4
	if code := e.push(t, token, app.ProgrammeSurveySubmit, app.ProgrammeSurveyArgs{CohortID: cohort.ID, Satisfaction: &sat,
		NextRound: &next, Recommend: &rec, Insight: insight, NextStep: nextStep, Assessment: assessment(5)}); code != "" {
		t.Fatalf("programme survey: %s", code)
	}

	// The author's own pull holds the three rows (and the author's
	// answers in the demo's previous round).
	own := e.pullAll(t, token, nil)
	mine := map[string]int{}
	for _, tbl := range []string{"programme_surveys", "self_assessments"} {
		for _, r := range own.rows[tbl] {
			if bytes.Contains(r, []byte(`"cohortId":"`+cohort.ID+`"`)) {
				mine[tbl]++
			}
		}
	}
	if mine["programme_surveys"] != 1 || mine["self_assessments"] != 2 {
		t.Fatalf("the author pulled %v of this round, want 1 programme survey and 2 self-assessments", mine)
	}
	var found bool
	for _, r := range own.rows["programme_surveys"] {
		found = found || bytes.Contains(r, []byte(insight))
	}
	if !found {
		t.Error("the author's own rows lack the insight")
	}

	for _, who := range []struct {
		what string
		p    app.Participant
	}{
		{"the other side of the talk", people[k.BID]},
		{"a colleague", colleague},
		{"the author's HR", hr},
		{"another company's HR", otherHR},
		{"the secretariat", secretariat},
	} {
		t.Run(who.what, func(t *testing.T) {
			tok := e.login(who.p.ID).Token
			p := e.pullAll(t, tok, nil)
			// Their own answers (of the demo's previous round) only.
			for _, tbl := range []string{"programme_surveys", "self_assessments"} {
				for _, r := range p.rows[tbl] {
					var row struct{ AuthorID string }
					if err := json.Unmarshal(r, &row); err != nil || row.AuthorID != who.p.ID {
						t.Errorf("pulled a row of %s by someone else: %s", tbl, short(r))
					}
				}
			}
			for tbl, rows := range p.rows {
				for _, r := range rows {
					if bytes.Contains(r, []byte(insight)) || bytes.Contains(r, []byte(nextStep)) {
						t.Errorf("a row of %s holds the author's free answer: %s", tbl, short(r))
					}
				}
			}
			if who.p.Role == app.RoleParticipant {
				return
			}
			for _, path := range []string{wire.PathAdminDashboard, wire.PathAdminActivity} {
				scope := app.Scope{CohortID: cohort.ID}
				if who.p.Role == app.RoleHR {
					scope.CompanyID = who.p.CompanyID
				}
				status, body := e.call(http.MethodPost, path, tok, scope)
				wantStatus(t, status, body, 0)
				if bytes.Contains(body, []byte(insight)) || bytes.Contains(body, []byte(nextStep)) {
					t.Errorf("%s tells of the author's answers: %s", path, short(body))
				}
			}
		})
	}
}

// TestProgrammeSurveySettingsReachDevices: the survey dates and reference
// figures the secretariat sets travel with the cohort's row to a
// participant's device, which then judges the window as the server does.
func TestProgrammeSurveySettingsReachDevices(t *testing.T) {
	ds := dataset()
	e := newEnv(t, ds)
	ctx := context.Background()
	cohort := ds.Cohorts[0]
	d := e.connect(heldTalk(t, ds).AID, e.clock.Now)
	d.sync()
	opens, closes := app.StartOfDay(cohort.EndsOn).AddDate(0, 0, 1), app.StartOfDay(cohort.EndsOn).AddDate(0, 1, 0)
	ref := app.ProgrammeFigures{Satisfaction: 6.4, NextRound: 6.1, Recommend: 8.5}
	if _, err := e.store.SetProgrammeSurvey(ctx, cohort.ID, serverstore.ProgrammeSurveySettings{OpensOn: &opens, ClosesOn: &closes, Reference: &ref}); err != nil {
		t.Fatal(err)
	}
	d.sync()
	var got app.Cohort
	if err := d.r.Update(ctx, func(tx app.Tx) (err error) {
		got, err = tx.Cohort(ctx, cohort.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got.SurveyOpensOn == nil || !got.SurveyOpensOn.Equal(opens) || got.SurveyClosesOn == nil ||
		!got.SurveyClosesOn.Equal(closes) || got.ReferenceFigures() != ref {
		t.Errorf("the device's cohort: opens %v closes %v reference %+v", got.SurveyOpensOn, got.SurveyClosesOn, got.ReferenceFigures())
	}
	// On the last day of the programme the default window is open, the
	// secretariat's is not: the device refuses as the server would.
	e.clock.Add(app.StartOfDay(cohort.EndsOn).Add(10 * time.Hour).Sub(e.clock.Now()))
	sat := 5
	args := app.Args(app.ProgrammeSurveyArgs{CohortID: cohort.ID, Satisfaction: &sat, NextRound: &sat, Recommend: &sat,
		Assessment: assessment(3)})
	if _, err := d.c.Mutate(ctx, app.ProgrammeSurveySubmit, args); app.CodeOf(err) != app.CodeSurveyNotOpen {
		t.Errorf("on the device before the secretariat's window: %v, want %s", err, app.CodeSurveyNotOpen)
	}
	sameAsFresh(t, e, d)
}
