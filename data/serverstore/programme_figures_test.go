package serverstore_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// progWorld is a store of fixture.World(60): p<i> is of company i%10.
type progWorld struct {
	t  *testing.T
	st *serverstore.Store
	n  int // answers recorded so far, for their times
}

func newProgWorld(t *testing.T) *progWorld {
	return &progWorld{t: t, st: open(t, fixture.World(60))}
}

// assessment answers every current statement with v.
func assessment(v int) map[string]int {
	m := map[string]int{}
	for _, s := range app.SelfAssessmentStatements {
		m[s.ID] = v
	}
	return m
}

// survey records, in one write of its own, p<i>'s programme survey with
// the figures given and free answers naming i, and its "after" of
// after (0 for none).
func (w *progWorld) survey(i, sat, next, rec, after int) {
	w.t.Helper()
	w.n++
	at := fixture.Now.Add(time.Duration(w.n-1000) * time.Minute)
	ds := app.Dataset{ProgrammeSurveys: []app.ProgrammeSurvey{{CohortID: fixture.CoOpen, AuthorID: fixture.PID(fmt.Sprint("p", i)),
		Satisfaction: sat, NextRound: next, Recommend: rec, Insight: fmt.Sprintf("insight %02d", i),
		NextStep: fmt.Sprintf("step %02d", i), CreatedAt: at}}}
	if after > 0 {
		ds.SelfAssessments = []app.SelfAssessment{{CohortID: fixture.CoOpen, AuthorID: fixture.PID(fmt.Sprint("p", i)),
			Phase: app.PhaseAfter, Answers: assessment(after), CreatedAt: at}}
	}
	if err := w.st.Import(context.Background(), ds); err != nil {
		w.t.Fatal(err)
	}
}

// before records p<i>'s "before", every answer v.
func (w *progWorld) before(i, v int) {
	w.t.Helper()
	if err := w.st.Import(context.Background(), app.Dataset{SelfAssessments: []app.SelfAssessment{{CohortID: fixture.CoOpen,
		AuthorID: fixture.PID(fmt.Sprint("p", i)), Phase: app.PhaseBefore, Answers: assessment(v),
		CreatedAt: fixture.Now.AddDate(0, 0, -60)}}}); err != nil {
		w.t.Fatal(err)
	}
}

func (w *progWorld) results(company string) app.ProgrammeResults {
	w.t.Helper()
	sc := app.Scope{CohortID: fixture.CoOpen}
	if company != "" {
		sc.CompanyID = fixture.CompanyID(company)
	}
	d, err := w.st.Dashboard(context.Background(), sc, fixture.Now)
	if err != nil {
		w.t.Fatal(err)
	}
	return d.Programme
}

// The programme survey's figures show only closed batches of
// app.MinGroup different people: four answers show nothing, the fifth
// shows exact means and distributions, the sixth to ninth change
// nothing, the tenth adds a whole batch. A company's scope counts its
// own people only, by the same rule.
func TestProgrammeSurveyFigures(t *testing.T) {
	w := newProgWorld(t)
	empty := app.ProgrammeResults{Reference: app.PilotFigures, ReferenceIsPilot: true}
	figs := [][3]int{{7, 6, 10}, {6, 6, 9}, {5, 4, 8}, {7, 7, 10}, {2, 3, 0}}
	for i, f := range figs[:4] {
		w.survey(i, f[0], f[1], f[2], 0)
		if r := w.results(""); !reflect.DeepEqual(r, empty) {
			t.Fatalf("after %d answers: %+v", i+1, r)
		}
	}
	w.survey(4, figs[4][0], figs[4][1], figs[4][2], 0)
	first := w.results("")
	want := app.ProgrammeSurveyFigures{Shown: true, Answers: 5,
		Means:           app.ProgrammeFigures{Satisfaction: 5.4, NextRound: 5.2, Recommend: 7.4},
		SatisfactionBar: [7]int{0, 1, 0, 0, 1, 1, 2}, NextRoundBar: [7]int{0, 0, 1, 1, 0, 2, 1},
		RecommendBar: [11]int{1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2}}
	if first.Survey != want {
		t.Fatalf("five answers:\n%+v\nwant\n%+v", first.Survey, want)
	}
	if !slices.Equal(first.Insights, []string{"insight 00", "insight 01", "insight 02", "insight 03", "insight 04"}) ||
		len(first.NextSteps) != 5 || first.Reference != app.PilotFigures || !first.ReferenceIsPilot {
		t.Fatalf("five answers: %+v", first)
	}
	for i := 5; i < 9; i++ {
		w.survey(i, 1, 1, 0, 0)
		if r := w.results(""); !reflect.DeepEqual(r, first) {
			t.Fatalf("answer %d changed the figures: %+v", i+1, r.Survey)
		}
	}
	w.survey(9, 1, 1, 0, 0)
	if r := w.results(""); r.Survey.Answers != 10 || r.Survey.SatisfactionBar[0] != 5 || len(r.Insights) != 10 {
		t.Fatalf("ten answers: %+v", r)
	}
	// Company 0: p0 and p10 answered... up to p40, the fifth.
	for k, i := range []int{10, 20, 30} {
		w.survey(i, 4, 4, 5, 0)
		if r := w.results("0"); !reflect.DeepEqual(r, empty) {
			t.Fatalf("company 0 with %d answers: %+v", k+2, r)
		}
	}
	w.survey(40, 4, 4, 5, 0)
	r := w.results("0")
	if r.Survey.Answers != 5 || r.Survey.Means != (app.ProgrammeFigures{Satisfaction: 4.6, NextRound: 4.4, Recommend: 6}) ||
		!slices.Equal(r.Insights, []string{"insight 00", "insight 10", "insight 20", "insight 30", "insight 40"}) {
		t.Fatalf("company 0: %+v", r)
	}
	// The secretariat's reference replaces the pilot's.
	ref := app.ProgrammeFigures{Satisfaction: 5.5, NextRound: 5, Recommend: 7}
	if _, err := w.st.SetProgrammeSurvey(context.Background(), fixture.CoOpen, serverstore.ProgrammeSurveySettings{Reference: &ref}); err != nil {
		t.Fatal(err)
	}
	if r := w.results(""); r.Reference != ref || r.ReferenceIsPilot {
		t.Fatalf("reference %+v, pilot %v", r.Reference, r.ReferenceIsPilot)
	}
}

// The change of the self-assessment pairs each "after" with its author's
// "before": a late joiner's "after" is left out of the pairs and counted
// as such, in batches of its own; the pairs show by closed batches, by
// the time of their "after"; a "before" with no "after" counts nowhere.
func TestAssessmentChange(t *testing.T) {
	w := newProgWorld(t)
	for i := range 6 {
		w.before(i, 3)
	}
	w.before(50, 1) // never answers the survey
	// Four pairs and a late joiner: nothing shows.
	for i := range 4 {
		w.survey(i, 5, 5, 5, []int{4, 3, 2, 5}[i])
	}
	w.survey(20, 5, 5, 5, 4) // late: no "before"
	if c := w.results("").Change; c != (app.AssessmentChange{}) {
		t.Fatalf("four pairs and a late joiner: %+v", c)
	}
	w.survey(4, 5, 5, 5, 4) // the fifth pair
	want := app.AssessmentChange{Shown: true, Counted: 5, Before: 3, After: 3.6, Improved: 3, ImprovedShare: 0.6}
	if c := w.results("").Change; c != want {
		t.Fatalf("five pairs:\n%+v\nwant\n%+v", c, want)
	}
	for _, i := range []int{21, 22, 23} {
		w.survey(i, 5, 5, 5, 5)
		if c := w.results("").Change; c != want {
			t.Fatalf("late joiner p%d changed the change: %+v", i, c)
		}
	}
	w.survey(24, 5, 5, 5, 5) // the fifth late joiner
	want.NoBefore = 5
	if c := w.results("").Change; c != want {
		t.Fatalf("five late joiners:\n%+v\nwant\n%+v", c, want)
	}
	w.survey(5, 5, 5, 5, 2) // a sixth pair waits for four more
	if c := w.results("").Change; c != want {
		t.Fatalf("a sixth pair changed the change: %+v", c)
	}
}
