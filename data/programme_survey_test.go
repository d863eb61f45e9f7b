package data_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// answersAll answers every current statement with v.
func answersAll(v int) map[string]int {
	m := map[string]int{}
	for _, s := range app.SelfAssessmentStatements {
		m[s.ID] = v
	}
	return m
}

// has reports whether the store holds who's programme survey (phase "")
// or self-assessment at phase in the open cohort.
func has(t *testing.T, st *data.Store, who string, phase app.Phase) bool {
	t.Helper()
	var ok bool
	err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		if phase == "" {
			ok, err = tx.ProgrammeSurveyExists(context.Background(), fixture.CoOpen, fixture.PID(who))
		} else {
			ok, err = tx.SelfAssessmentExists(context.Background(), fixture.CoOpen, fixture.PID(who), phase)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestSelfAssessmentSubmit(t *testing.T) {
	submit := func(who, cohort string, answers map[string]int, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, _ ids) error {
			return fixture.Run(st, who, app.SelfAssessmentSubmit, app.SelfAssessmentArgs{CohortID: cohort, Answers: answers}, clock)
		}
	}
	answered := func(t *testing.T, st *data.Store) ids {
		fixture.Must(t, st, "a1", app.SelfAssessmentSubmit, app.SelfAssessmentArgs{CohortID: fixture.CoOpen, Answers: answersAll(3)}, fixture.Now)
		return ids{}
	}
	ends := app.Date(2027, 3, 1) // the first instant after the open cohort
	runCases(t, []mcase{
		{name: "a member at joining", act: submit("a1", fixture.CoOpen, answersAll(4), fixture.Now),
			check: func(t *testing.T, st *data.Store, _ ids) {
				if !has(t, st, "a1", app.PhaseBefore) || has(t, st, "a1", app.PhaseAfter) {
					t.Error("want a1's 'before' only")
				}
				dump, err := st.DumpTables(context.Background(), "self_assessments")
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range app.SelfAssessmentStatements {
					if !strings.Contains(dump, `"`+s.ID+`":4`) {
						t.Errorf("the answer to %s is not stored: %s", s.ID, dump)
					}
				}
			}},
		{name: "a member of a draft cohort, before it starts", act: submit("c2", fixture.CoDraft, answersAll(2), fixture.Now)},
		{name: "the last instant of the programme", act: submit("a1", fixture.CoOpen, answersAll(1), ends.Add(-time.Millisecond))},
		{name: "a colleague answers too", setup: answered, act: submit("a2", fixture.CoOpen, answersAll(5), fixture.Now)},
		{name: "twice", setup: answered, act: submit("a1", fixture.CoOpen, answersAll(5), fixture.At(1, 10)), code: app.CodeSurveyExists},
		{name: "after the programme ended", act: submit("a1", fixture.CoOpen, answersAll(3), ends), code: app.CodeProgrammeEnded},
		{name: "not a member", act: submit("x1", fixture.CoOpen, answersAll(3), fixture.Now), code: app.CodeNotInCohort},
		{name: "an unknown cohort", act: submit("a1", fixture.NewID(), answersAll(3), fixture.Now), code: app.CodeNotFound},
		{name: "HR", act: submit("e1", fixture.CoOpen, answersAll(3), fixture.Now), code: app.CodeNotAllowed},
		{name: "an answer of 6", act: submit("a1", fixture.CoOpen, answersAll(6), fixture.Now), code: app.CodeOutOfRange},
		{name: "a statement left out", act: func(st *data.Store, x ids) error {
			a := answersAll(3)
			delete(a, app.SelfAssessmentStatements[1].ID)
			return submit("a1", fixture.CoOpen, a, fixture.Now)(st, x)
		}, code: app.CodeBadArgs},
		{name: "no answers", act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "a1", app.SelfAssessmentSubmit, json.RawMessage(`{"cohortId":"`+fixture.CoOpen+`"}`), fixture.Now)
		}, code: app.CodeBadArgs},
	})
}

func TestProgrammeSurveySubmit(t *testing.T) {
	// The open cohort ends on 28 February 2027: its survey takes answers
	// from 22 February to the end of 14 March.
	opens, closes := app.Date(2027, 2, 22), app.Date(2027, 3, 15)
	in := opens.Add(36 * time.Hour)
	talk := func(t *testing.T, st *data.Store) ids { return ids{"k": fixture.Accepted(t, st, "a1", "b1")} } // ends 28 November
	type answer struct {
		sat, next, rec   int
		insight, nextStp string
		assessment       map[string]int
	}
	good := answer{6, 7, 9, "他社の方も同じ悩みを持っていると知りました。", "社内で勉強会を開きます。", answersAll(4)}
	submit := func(who string, a answer, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, _ ids) error {
			return fixture.Run(st, who, app.ProgrammeSurveySubmit, app.ProgrammeSurveyArgs{CohortID: fixture.CoOpen,
				Satisfaction: &a.sat, NextRound: &a.next, Recommend: &a.rec, Insight: a.insight, NextStep: a.nextStp,
				Assessment: a.assessment}, clock)
		}
	}
	with := func(edit func(*answer)) answer {
		a := good
		a.assessment = answersAll(4)
		edit(&a)
		return a
	}
	answered := func(t *testing.T, st *data.Store) ids {
		x := talk(t, st)
		if err := submit("a1", good, in)(st, x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	runCases(t, []mcase{
		{name: "in the window, after an ended talk: the survey and the 'after' are stored", setup: talk, act: submit("a1", good, in),
			check: func(t *testing.T, st *data.Store, _ ids) {
				if !has(t, st, "a1", "") || !has(t, st, "a1", app.PhaseAfter) || has(t, st, "a1", app.PhaseBefore) {
					t.Error("want a1's survey and 'after' only")
				}
				dump, err := st.DumpTables(context.Background(), "programme_surveys")
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range []string{"|6|7|9|", good.insight, good.nextStp} {
					if !strings.Contains(dump, want) {
						t.Errorf("programme_surveys lacks %q: %s", want, dump)
					}
				}
			}},
		{name: "the instant it opens", setup: talk, act: submit("b1", good, opens)},
		{name: "the last instant", setup: talk, act: submit("b1", good, closes.Add(-time.Millisecond))},
		{name: "the lowest answers, no free text", setup: talk, act: submit("b1", answer{1, 1, 0, "", "", answersAll(1)}, in)},
		{name: "the other person answers too", setup: answered, act: submit("b1", good, in)},
		{name: "with a 'before' given at joining", setup: func(t *testing.T, st *data.Store) ids {
			fixture.Must(t, st, "a1", app.SelfAssessmentSubmit, app.SelfAssessmentArgs{CohortID: fixture.CoOpen, Answers: answersAll(2)}, fixture.Now)
			return talk(t, st)
		}, act: submit("a1", good, in), check: func(t *testing.T, st *data.Store, _ ids) {
			if !has(t, st, "a1", app.PhaseBefore) || !has(t, st, "a1", app.PhaseAfter) {
				t.Error("want both a1's 'before' and 'after'")
			}
		}},
		{name: "twice", setup: answered, act: submit("a1", good, in.Add(time.Hour)), code: app.CodeSurveyExists},
		{name: "before the window", setup: talk, act: submit("a1", good, opens.Add(-time.Millisecond)), code: app.CodeSurveyNotOpen},
		{name: "at closing", setup: talk, act: submit("a1", good, closes), code: app.CodeSurveyClosed},
		{name: "no talk held", act: submit("a1", good, in), code: app.CodeNoTalkHeld},
		{name: "someone else's talk only", setup: talk, act: submit("c1", good, in), code: app.CodeNoTalkHeld},
		{name: "the only talk cancelled", setup: func(t *testing.T, st *data.Store) ids {
			x := talk(t, st)
			fixture.Must(t, st, "b1", app.TalkCancel, app.CancelTalkArgs{TalkID: x["k"], Reason: "schedule"}, fixture.Now)
			return x
		}, act: submit("a1", good, in), code: app.CodeNoTalkHeld},
		{name: "the only talk a no-show", setup: func(t *testing.T, st *data.Store) ids {
			x := talk(t, st)
			fixture.Must(t, st, "b1", app.TalkMarkNoShow, app.TalkArgs{TalkID: x["k"]}, fixture.At(3, 15))
			return x
		}, act: submit("a1", good, in), code: app.CodeNoTalkHeld},
		{name: "not a member", setup: talk, act: submit("x1", good, in), code: app.CodeNotInCohort},
		{name: "HR", setup: talk, act: submit("e1", good, in), code: app.CodeNotAllowed},
		{name: "satisfaction 8", setup: talk, act: submit("a1", with(func(a *answer) { a.sat = 8 }), in), code: app.CodeOutOfRange},
		{name: "next round 0", setup: talk, act: submit("a1", with(func(a *answer) { a.next = 0 }), in), code: app.CodeOutOfRange},
		{name: "recommend 11", setup: talk, act: submit("a1", with(func(a *answer) { a.rec = 11 }), in), code: app.CodeOutOfRange},
		{name: "an insight too long", setup: talk, act: submit("a1", with(func(a *answer) {
			a.insight = strings.Repeat("あ", app.MaxFreeAnswerRunes+1)
		}), in), code: app.CodeTooLong},
		{name: "a next step at the limit", setup: talk, act: submit("a1", with(func(a *answer) {
			a.nextStp = strings.Repeat("あ", app.MaxFreeAnswerRunes)
		}), in)},
		{name: "an invisible character", setup: talk, act: submit("a1", with(func(a *answer) { a.insight = "気づき\u202e" }), in),
			code: app.CodeInvisibleChar},
		{name: "the self-assessment out of range", setup: talk, act: submit("a1", with(func(a *answer) { a.assessment = answersAll(0) }), in),
			code: app.CodeOutOfRange},
		{name: "without the self-assessment", setup: talk, act: submit("a1", with(func(a *answer) { a.assessment = nil }), in),
			code: app.CodeBadArgs},
		{name: "without the figures", setup: talk, act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "a1", app.ProgrammeSurveySubmit, json.RawMessage(`{"cohortId":"`+fixture.CoOpen+`"}`), in)
		}, code: app.CodeBadArgs},
	})
}
