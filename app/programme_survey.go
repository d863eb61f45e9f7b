package app

import (
	"context"
	"time"
)

// The programme survey (プログラムのふりかえり, issue 18): once per
// programme (cohort), each participant who held at least one talk in it
// answers three figures — overall satisfaction 1–7, intention to take part
// in the next round 1–7, recommendation to others 0–10 — two short free
// answers, and the self-assessment again (PhaseAfter). The "before"
// self-assessment is answered at joining (selfassessment.submit.v1).

// ProgrammeSurvey is one participant's answer to the programme survey of
// a cohort. Only its author's own devices ever receive it.
type ProgrammeSurvey struct {
	CohortID     string    `json:"cohortId"`
	AuthorID     string    `json:"authorId"`
	Satisfaction int       `json:"satisfaction"` // 1–7
	NextRound    int       `json:"nextRound"`    // 1–7
	Recommend    int       `json:"recommend"`    // 0–10
	Insight      string    `json:"insight"`      // いちばんの気づき
	NextStep     string    `json:"nextStep"`     // これから試してみたいこと
	CreatedAt    time.Time `json:"createdAt"`
}

// MaxFreeAnswerRunes is the longest free answer of the programme survey,
// in characters.
const MaxFreeAnswerRunes = 1000

// ProgrammeFigures are the three figures of a programme: the means of
// overall satisfaction (1–7), intention to take part in the next round
// (1–7) and recommendation to others (0–10).
type ProgrammeFigures struct {
	Satisfaction float64 `json:"satisfaction"`
	NextRound    float64 `json:"nextRound"`
	Recommend    float64 `json:"recommend"`
}

// PilotFigures are the figures the first pilot reported, the reference a
// cohort shows when the secretariat has set none of its own.
var PilotFigures = ProgrammeFigures{Satisfaction: 6.3, NextRound: 6.2, Recommend: 8.3}

// Valid reports whether f's figures are within their scales.
func (f ProgrammeFigures) Valid() bool {
	return f.Satisfaction >= 1 && f.Satisfaction <= 7 && f.NextRound >= 1 && f.NextRound <= 7 &&
		f.Recommend >= 0 && f.Recommend <= 10
}

// ReferenceFigures are the figures c's dashboard shows beside its own:
// the secretariat's for c, or else the first pilot's.
func (c Cohort) ReferenceFigures() ProgrammeFigures {
	if c.Reference != nil {
		return *c.Reference
	}
	return PilotFigures
}

// By default the programme survey opens on the first day of the
// programme's last week (SurveyOpensDaysBefore days before EndsOn) and
// takes answers until the end of the day SurveyClosesDaysAfter days after
// EndsOn. A reminder is due SurveyReminderAfter after it opens.
const (
	SurveyOpensDaysBefore = 6
	SurveyClosesDaysAfter = 14
	SurveyReminderAfter   = 7 * 24 * time.Hour
)

// SurveyWindow is when c's programme survey takes answers: from opens
// (inclusive) to closes (exclusive). The secretariat's dates
// (SurveyOpensOn, SurveyClosesOn, both whole days in Tokyo) override the
// defaults derived from EndsOn.
func (c Cohort) SurveyWindow() (opens, closes time.Time) {
	opens = StartOfDay(c.EndsOn).AddDate(0, 0, -SurveyOpensDaysBefore)
	if c.SurveyOpensOn != nil {
		opens = StartOfDay(*c.SurveyOpensOn)
	}
	closes = StartOfDay(c.EndsOn).AddDate(0, 0, SurveyClosesDaysAfter+1)
	if c.SurveyClosesOn != nil {
		closes = StartOfDay(*c.SurveyClosesOn).AddDate(0, 0, 1)
	}
	return opens, closes
}

// SurveyLatestDaysAfter bounds the secretariat's dates of a programme
// survey: it opens no earlier than the programme's first day, and closes
// no later than this many days after its last.
const SurveyLatestDaysAfter = 180

// CheckSurveyWindow checks c's programme survey window (SurveyWindow):
// it opens before it closes, not before the programme began, and closes
// at most SurveyLatestDaysAfter days after the programme ended.
func (c Cohort) CheckSurveyWindow() error {
	opens, closes := c.SurveyWindow()
	first, latest := StartOfDay(c.StartsOn), StartOfDay(c.EndsOn).AddDate(0, 0, SurveyLatestDaysAfter+1)
	switch {
	case !opens.Before(closes):
		return Reject(CodeBadArgs, "the survey of %s would close (%s) before it opens (%s)", c.ID, closes, opens)
	case opens.Before(first):
		return Reject(CodeOutOfRange, "the survey of %s would open (%s) before the programme began (%s)", c.ID, opens, first)
	case closes.After(latest):
		return Reject(CodeOutOfRange, "the survey of %s would close (%s) more than %d days after the programme ended",
			c.ID, closes, SurveyLatestDaysAfter)
	}
	return nil
}

// SurveyDue is whether, and when, a participant is asked for the
// programme survey of a cohort.
type SurveyDue struct {
	// Open: the participant may answer now, and the inbox shows the
	// notice.
	Open bool
	// Opens and Closes are the window (SurveyWindow).
	Opens, Closes time.Time
	// RemindAt is when an unanswered survey is recalled once (in the
	// inbox and by mail); zero when the window is too short for one.
	RemindAt time.Time
	// Remind: Open and RemindAt has passed.
	Remind bool
}

// ProgrammeSurveyDue tells whether a participant who has held heldTalks
// talks in c, and has (answered) or has not answered its programme
// survey, is asked for it at now. Only someone who held at least one talk
// is asked; never before the window or after it; never twice. A draft
// cohort asks no one.
func ProgrammeSurveyDue(c Cohort, heldTalks int, answered bool, now time.Time) SurveyDue {
	d := SurveyDue{}
	d.Opens, d.Closes = c.SurveyWindow()
	if r := d.Opens.Add(SurveyReminderAfter); r.Before(d.Closes) {
		d.RemindAt = r
	}
	d.Open = c.State != CohortDraft && heldTalks > 0 && !answered &&
		!now.Before(d.Opens) && now.Before(d.Closes)
	d.Remind = d.Open && !d.RemindAt.IsZero() && !now.Before(d.RemindAt)
	return d
}

// SelfAssessmentDue tells whether a member of c who has (answered) or has
// not answered the "before" self-assessment is asked for it at now: at
// joining, until the programme ends.
func SelfAssessmentDue(c Cohort, member, answered bool, now time.Time) bool {
	return member && !answered && now.Before(c.Ends())
}

// SelfAssessmentArgs are the arguments of selfassessment.submit.v1: the
// "before" answers of the actor in a cohort, one per current statement.
type SelfAssessmentArgs struct {
	CohortID string         `json:"cohortId"`
	Answers  map[string]int `json:"answers"`
}

func submitSelfAssessment(ctx context.Context, tx Tx, a Actor, args SelfAssessmentArgs, now time.Time) error {
	if err := checkAssessment(args.Answers); err != nil {
		return err
	}
	me, c, err := memberOf(ctx, tx, a, args.CohortID)
	if err != nil {
		return err
	}
	if !now.Before(c.Ends()) {
		return Reject(CodeProgrammeEnded, "cohort %s ended on %s", c.ID, c.EndsOn.Format(time.DateOnly))
	}
	for _, ph := range []Phase{PhaseBefore, PhaseAfter} {
		if done, err := tx.SelfAssessmentExists(ctx, c.ID, me.ID, ph); err != nil {
			return err
		} else if done {
			return Reject(CodeSurveyExists, "%s answered the %s self-assessment of %s", me.ID, ph, c.ID)
		}
	}
	return tx.InsertSelfAssessment(ctx, SelfAssessment{
		CohortID: c.ID, AuthorID: me.ID, Phase: PhaseBefore, Answers: args.Answers, CreatedAt: now,
	})
}

// ProgrammeSurveyArgs are the arguments of programme.survey.v1. The three
// figures and the self-assessment are required; the free answers may be
// empty.
type ProgrammeSurveyArgs struct {
	CohortID     string         `json:"cohortId"`
	Satisfaction *int           `json:"satisfaction"`
	NextRound    *int           `json:"nextRound"`
	Recommend    *int           `json:"recommend"`
	Insight      string         `json:"insight,omitempty"`
	NextStep     string         `json:"nextStep,omitempty"`
	Assessment   map[string]int `json:"assessment"`
}

func submitProgrammeSurvey(ctx context.Context, tx Tx, a Actor, args ProgrammeSurveyArgs, now time.Time) error {
	if args.Satisfaction == nil || args.NextRound == nil || args.Recommend == nil {
		return Reject(CodeBadArgs, "satisfaction, nextRound and recommend are required")
	}
	if s := *args.Satisfaction; s < 1 || s > 7 {
		return Reject(CodeOutOfRange, "satisfaction %d not in 1–7", s)
	}
	if n := *args.NextRound; n < 1 || n > 7 {
		return Reject(CodeOutOfRange, "nextRound %d not in 1–7", n)
	}
	if r := *args.Recommend; r < 0 || r > 10 {
		return Reject(CodeOutOfRange, "recommend %d not in 0–10", r)
	}
	if err := checkText(args.Insight, "insight", 0, MaxFreeAnswerRunes); err != nil {
		return err
	}
	if err := checkText(args.NextStep, "next step", 0, MaxFreeAnswerRunes); err != nil {
		return err
	}
	if err := checkAssessment(args.Assessment); err != nil {
		return err
	}
	me, c, err := memberOf(ctx, tx, a, args.CohortID)
	if err != nil {
		return err
	}
	opens, closes := c.SurveyWindow()
	switch {
	case c.State == CohortDraft || now.Before(opens):
		return Reject(CodeSurveyNotOpen, "the survey of %s opens at %s", c.ID, opens)
	case !now.Before(closes):
		return Reject(CodeSurveyClosed, "the survey of %s closed at %s", c.ID, closes)
	}
	if n, err := tx.TalksHeld(ctx, c.ID, me.ID, now); err != nil {
		return err
	} else if n == 0 {
		return Reject(CodeNoTalkHeld, "%s held no talk in %s", me.ID, c.ID)
	}
	if done, err := tx.ProgrammeSurveyExists(ctx, c.ID, me.ID); err != nil {
		return err
	} else if done {
		return Reject(CodeSurveyExists, "%s answered the programme survey of %s", me.ID, c.ID)
	}
	if err := tx.InsertProgrammeSurvey(ctx, ProgrammeSurvey{
		CohortID: c.ID, AuthorID: me.ID,
		Satisfaction: *args.Satisfaction, NextRound: *args.NextRound, Recommend: *args.Recommend,
		Insight: args.Insight, NextStep: args.NextStep, CreatedAt: now,
	}); err != nil {
		return err
	}
	return tx.InsertSelfAssessment(ctx, SelfAssessment{
		CohortID: c.ID, AuthorID: me.ID, Phase: PhaseAfter, Answers: args.Assessment, CreatedAt: now,
	})
}

// ProgrammeStatus is where one person stands with the programme survey
// and the self-assessment of one of their cohorts, as their own device
// knows it: what the inbox asks for, and the two self-assessments the
// person sees side by side after answering.
type ProgrammeStatus struct {
	Cohort    Cohort
	HeldTalks int              // held, or scheduled and ended (Tx.TalksHeld)
	Before    *SelfAssessment  // nil: not answered (or joined late)
	After     *SelfAssessment  // nil: not answered
	Survey    *ProgrammeSurvey // nil: not answered
	Due       SurveyDue        // ProgrammeSurveyDue
	BeforeDue bool             // SelfAssessmentDue
}

// memberOf is the actor and the cohort of cohortID, which they must be a
// member of.
func memberOf(ctx context.Context, tx Tx, a Actor, cohortID string) (Participant, Cohort, error) {
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return Participant{}, Cohort{}, err
	}
	if err := checkID(cohortID, "cohort id"); err != nil {
		return Participant{}, Cohort{}, err
	}
	c, err := tx.Cohort(ctx, cohortID)
	if c, err = load(c, err, CodeNotFound, "cohort "+cohortID); err != nil {
		return Participant{}, Cohort{}, err
	}
	if !me.InCohort(c.ID) {
		return Participant{}, Cohort{}, Reject(CodeNotInCohort, "%s is not in cohort %s", me.ID, c.ID)
	}
	return me, c, nil
}
