package app

import (
	"testing"
	"time"
)

// surveyCohort runs from 1 November 2026 to 28 February 2027: its survey
// opens on 22 February and takes answers until the end of 14 March.
func surveyCohort() Cohort {
	return Cohort{ID: "c", StartsOn: Date(2026, 11, 1), EndsOn: Date(2027, 2, 28), State: CohortOpen, Rules: DefaultRules}
}

func TestSurveyWindowDefault(t *testing.T) {
	opens, closes := surveyCohort().SurveyWindow()
	if want := Date(2027, 2, 22); !opens.Equal(want) {
		t.Errorf("opens %s, want %s (the first day of the last week)", opens, want)
	}
	if want := Date(2027, 3, 15); !closes.Equal(want) {
		t.Errorf("closes %s, want %s (after 14 March, 14 days after the end)", closes, want)
	}
}

func TestSurveyWindowSetBySecretariat(t *testing.T) {
	c := surveyCohort()
	o, cl := Date(2027, 3, 1), Date(2027, 3, 31)
	c.SurveyOpensOn, c.SurveyClosesOn = &o, &cl
	opens, closes := c.SurveyWindow()
	if !opens.Equal(o) || !closes.Equal(Date(2027, 4, 1)) {
		t.Errorf("window %s–%s, want 1 March to the end of 31 March", opens, closes)
	}
	d := ProgrammeSurveyDue(c, 1, false, Date(2027, 2, 25))
	if d.Open {
		t.Error("open on 25 February, before the secretariat's first day")
	}
	if d := ProgrammeSurveyDue(c, 1, false, Date(2027, 3, 20)); !d.Open {
		t.Error("closed on 20 March, within the secretariat's window")
	}
}

func TestProgrammeSurveyDue(t *testing.T) {
	c := surveyCohort()
	opens, closes := Date(2027, 2, 22), Date(2027, 3, 15)
	remind := opens.Add(7 * 24 * time.Hour)
	draft := c
	draft.State = CohortDraft
	closed := c
	closed.State = CohortClosed
	for _, tc := range []struct {
		name     string
		c        Cohort
		held     int
		answered bool
		now      time.Time
		open     bool
		remind   bool
	}{
		{"held a talk, the instant it opens", c, 1, false, opens, true, false},
		{"held a talk, the instant before it opens", c, 1, false, opens.Add(-time.Nanosecond), false, false},
		{"held no talk, in the window", c, 0, false, opens.Add(time.Hour), false, false},
		{"held several talks, in the window", c, 3, false, opens.Add(time.Hour), true, false},
		{"the instant before the reminder", c, 1, false, remind.Add(-time.Nanosecond), true, false},
		{"at the reminder", c, 1, false, remind, true, true},
		{"the last instant", c, 1, false, closes.Add(-time.Nanosecond), true, true},
		{"at closing", c, 1, false, closes, false, false},
		{"long after closing", c, 1, false, closes.AddDate(1, 0, 0), false, false},
		{"already answered, in the window", c, 1, true, opens.Add(time.Hour), false, false},
		{"already answered, at the reminder", c, 1, true, remind, false, false},
		{"a draft cohort", draft, 1, false, opens.Add(time.Hour), false, false},
		{"a cohort the secretariat has closed", closed, 1, false, opens.Add(time.Hour), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := ProgrammeSurveyDue(tc.c, tc.held, tc.answered, tc.now)
			if d.Open != tc.open || d.Remind != tc.remind {
				t.Errorf("open %v remind %v, want %v %v", d.Open, d.Remind, tc.open, tc.remind)
			}
			if !d.Opens.Equal(opens) || !d.Closes.Equal(closes) || !d.RemindAt.Equal(remind) {
				t.Errorf("window %s–%s reminder %s", d.Opens, d.Closes, d.RemindAt)
			}
		})
	}
}

func TestNoReminderInAShortWindow(t *testing.T) {
	c := surveyCohort()
	o, cl := Date(2027, 3, 1), Date(2027, 3, 7) // seven days: closes when the reminder would come
	c.SurveyOpensOn, c.SurveyClosesOn = &o, &cl
	d := ProgrammeSurveyDue(c, 1, false, Date(2027, 3, 7).Add(23*time.Hour))
	if !d.Open || d.Remind || !d.RemindAt.IsZero() {
		t.Errorf("open %v remind %v at %s, want open without a reminder", d.Open, d.Remind, d.RemindAt)
	}
}

func TestSelfAssessmentDue(t *testing.T) {
	c := surveyCohort()
	for _, tc := range []struct {
		name             string
		member, answered bool
		now              time.Time
		want             bool
	}{
		{"a member at joining", true, false, Date(2026, 11, 2), true},
		{"a member before the start", true, false, Date(2026, 10, 20), true},
		{"a member who answered", true, true, Date(2026, 11, 2), false},
		{"not a member", false, false, Date(2026, 11, 2), false},
		{"the last instant of the programme", true, false, Date(2027, 3, 1).Add(-time.Nanosecond), true},
		{"after the programme", true, false, Date(2027, 3, 1), false},
	} {
		if got := SelfAssessmentDue(c, tc.member, tc.answered, tc.now); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSelfAssessmentText(t *testing.T) {
	if n := len(SelfAssessmentStatements); n < 4 || n > 5 {
		t.Errorf("%d statements, want 4–5", n)
	}
	seen := map[string]bool{}
	for _, s := range SelfAssessmentStatements {
		if s.ID == "" || s.Ja == "" || s.En == "" || seen[s.ID] {
			t.Errorf("statement %+v: empty or repeated", s)
		}
		seen[s.ID] = true
		if got, ok := StatementByID(s.ID); !ok || got != s {
			t.Errorf("StatementByID(%s) = %+v %v", s.ID, got, ok)
		}
	}
	if len(SelfAssessmentScale) != MaxAssessment-MinAssessment+1 {
		t.Fatalf("%d scale labels", len(SelfAssessmentScale))
	}
	for i, l := range SelfAssessmentScale {
		if l.Value != MinAssessment+i || l.Ja == "" || l.En == "" {
			t.Errorf("scale label %d: %+v", i, l)
		}
	}
}

func TestCheckAssessment(t *testing.T) {
	all := func(v int) map[string]int {
		m := map[string]int{}
		for _, s := range SelfAssessmentStatements {
			m[s.ID] = v
		}
		return m
	}
	missing := all(3)
	delete(missing, SelfAssessmentStatements[0].ID)
	extra := all(3)
	extra["unknown.v1"] = 3
	swapped := all(3)
	delete(swapped, SelfAssessmentStatements[0].ID)
	swapped["unknown.v1"] = 3
	for _, tc := range []struct {
		name string
		a    map[string]int
		want Code
	}{
		{"every statement, lowest", all(1), ""},
		{"every statement, highest", all(5), ""},
		{"zero", all(0), CodeOutOfRange},
		{"six", all(6), CodeOutOfRange},
		{"one missing", missing, CodeBadArgs},
		{"one too many", extra, CodeBadArgs},
		{"an unknown statement for a known one", swapped, CodeBadArgs},
		{"none", nil, CodeBadArgs},
	} {
		if got := CodeOf(checkAssessment(tc.a)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
