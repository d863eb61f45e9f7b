package replica_test

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// TestProgrammeStatuses follows a1 through the open cohort on their
// device: asked for the "before" at joining; not asked for the survey
// before its window, nor without a talk; asked once a talk has ended and
// the window opened, reminded a week later; and after answering, shown
// both self-assessments and no longer asked.
func TestProgrammeStatuses(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	status := func(who string, now time.Time) app.ProgrammeStatus {
		t.Helper()
		all, err := st.ProgrammeStatuses(ctx, fixture.PID(who), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 1 || all[0].Cohort.ID != fixture.CoOpen {
			t.Fatalf("%s's statuses: %+v, want the open cohort's", who, all)
		}
		return all[0]
	}
	answers := func(v int) map[string]int {
		m := map[string]int{}
		for _, s := range app.SelfAssessmentStatements {
			m[s.ID] = v
		}
		return m
	}
	opens := app.Date(2027, 2, 22)

	s := status("a1", fixture.Now)
	if !s.BeforeDue || s.Before != nil || s.HeldTalks != 0 || s.Due.Open {
		t.Fatalf("at joining: %+v", s)
	}
	fixture.Must(t, st, "a1", app.SelfAssessmentSubmit, app.SelfAssessmentArgs{CohortID: fixture.CoOpen, Answers: answers(2)}, fixture.Now)
	if s = status("a1", fixture.Now); s.BeforeDue || s.Before == nil || s.Before.Answers[app.SelfAssessmentStatements[0].ID] != 2 {
		t.Fatalf("after the 'before': %+v", s)
	}
	if s = status("a1", opens.Add(time.Hour)); s.Due.Open || s.HeldTalks != 0 {
		t.Fatalf("in the window without a talk: %+v", s)
	}

	fixture.Accepted(t, st, "a1", "b1") // 28 November, 14:00–15:00
	if s = status("a1", opens.Add(-time.Minute)); s.HeldTalks != 1 || s.Due.Open {
		t.Fatalf("before the window: %+v", s)
	}
	if s = status("a1", opens); !s.Due.Open || s.Due.Remind {
		t.Fatalf("as the window opens: %+v", s.Due)
	}
	if s = status("a1", opens.AddDate(0, 0, 7)); !s.Due.Open || !s.Due.Remind {
		t.Fatalf("a week later: %+v", s.Due)
	}

	sat, next, rec := 6, 5, 8
	at := opens.Add(2 * time.Hour)
	fixture.Must(t, st, "a1", app.ProgrammeSurveySubmit, app.ProgrammeSurveyArgs{CohortID: fixture.CoOpen, Satisfaction: &sat,
		NextRound: &next, Recommend: &rec, Insight: "気づき", Assessment: answers(4)}, at)
	s = status("a1", at)
	if s.Due.Open || s.BeforeDue || s.Survey == nil || s.Before == nil || s.After == nil {
		t.Fatalf("after the survey: %+v", s)
	}
	if sv := s.Survey; sv.Satisfaction != 6 || sv.NextRound != 5 || sv.Recommend != 8 || sv.Insight != "気づき" || !sv.CreatedAt.Equal(at) {
		t.Errorf("the survey: %+v", *sv)
	}
	if s.Before.Mean() != 2 || s.After.Mean() != 4 || s.After.Phase != app.PhaseAfter {
		t.Errorf("before %+v, after %+v", *s.Before, *s.After)
	}
	if s = status("b1", at); !s.Due.Open || s.Survey != nil || !s.BeforeDue {
		t.Errorf("b1, who answered nothing: %+v", s)
	}

	all, err := st.ProgrammeStatuses(ctx, fixture.PID("c2"), fixture.Now)
	if err != nil || len(all) != 3 {
		t.Fatalf("c2's statuses: %d, %v; want one per cohort", len(all), err)
	}
	if all, err = st.ProgrammeStatuses(ctx, fixture.PID("x1"), fixture.Now); err != nil || len(all) != 0 {
		t.Errorf("x1, in no cohort: %+v, %v", all, err)
	}
}
