package app

import "time"

// The career-autonomy self-assessment (issue 18): a handful of statements
// each answered on a 1–5 scale, once at joining a programme (before) and
// again in the programme survey (after). This file is the one place its
// text is kept: the app's screens and the secretariat's report both read
// it from here, so that they always show the same words.
//
// A statement's id names its wording: a statement whose meaning changes
// gets a new id (the suffix counts versions), so that answers given to
// different wordings are never compared.

// Statement is one statement of the self-assessment, in Japanese and in
// English.
type Statement struct {
	ID string `json:"id"`
	Ja string `json:"ja"`
	En string `json:"en"`
}

// SelfAssessmentStatements are the statements asked now, in the order the
// screens show them.
var SelfAssessmentStatements = []Statement{
	{ID: "decide.v1", Ja: "自分のキャリアについて、自分で考えて決めている。",
		En: "I think about my career and make my own decisions about it."},
	{ID: "options.v1", Ja: "社外の人と話すことで、新しい選択肢に気づける。",
		En: "Talking with people outside my company shows me new options."},
	{ID: "goal.v1", Ja: "この1年でやってみたいことがある。",
		En: "There is something I want to try within the next year."},
	{ID: "strengths.v1", Ja: "自分の経験や強みを、言葉で説明できる。",
		En: "I can put my experience and strengths into words."},
	{ID: "act.v1", Ja: "キャリアのために、自分から行動を起こしている。",
		En: "I take action myself for my career."},
}

// ScaleLabel is the label of one point of the 1–5 scale.
type ScaleLabel struct {
	Value int    `json:"value"`
	Ja    string `json:"ja"`
	En    string `json:"en"`
}

// SelfAssessmentScale labels the answers 1–5, from disagreeing to
// agreeing.
var SelfAssessmentScale = []ScaleLabel{
	{1, "あてはまらない", "Not true of me"},
	{2, "あまりあてはまらない", "Mostly not true of me"},
	{3, "どちらともいえない", "Neither"},
	{4, "ややあてはまる", "Somewhat true of me"},
	{5, "あてはまる", "True of me"},
}

// The lowest and highest answer of the self-assessment.
const (
	MinAssessment = 1
	MaxAssessment = 5
)

// StatementByID returns the statement called id, current or not.
func StatementByID(id string) (Statement, bool) {
	for _, s := range SelfAssessmentStatements {
		if s.ID == id {
			return s, true
		}
	}
	return Statement{}, false
}

// Phase is when a self-assessment was answered.
type Phase string

// Self-assessment phases: at joining the programme, and in its survey.
const (
	PhaseBefore Phase = "before"
	PhaseAfter  Phase = "after"
)

// SelfAssessment is one person's answers to the statements in one
// programme (cohort) at one phase, by statement id. Only its author's own
// devices ever receive it.
type SelfAssessment struct {
	CohortID  string         `json:"cohortId"`
	AuthorID  string         `json:"authorId"`
	Phase     Phase          `json:"phase"`
	Answers   map[string]int `json:"answers"`
	CreatedAt time.Time      `json:"createdAt"`
}

// Mean is the mean of a's answers, 0 when it has none.
func (a SelfAssessment) Mean() float64 {
	if len(a.Answers) == 0 {
		return 0
	}
	sum := 0
	for _, v := range a.Answers {
		sum += v
	}
	return float64(sum) / float64(len(a.Answers))
}

// checkAssessment checks that answers answer every current statement, and
// nothing else, each within the scale.
func checkAssessment(answers map[string]int) error {
	if len(answers) != len(SelfAssessmentStatements) {
		return Reject(CodeBadArgs, "%d answers to %d statements", len(answers), len(SelfAssessmentStatements))
	}
	for _, s := range SelfAssessmentStatements {
		v, ok := answers[s.ID]
		if !ok {
			return Reject(CodeBadArgs, "no answer to statement %s", s.ID)
		}
		if v < MinAssessment || v > MaxAssessment {
			return Reject(CodeOutOfRange, "answer %d to %s not in %d–%d", v, s.ID, MinAssessment, MaxAssessment)
		}
	}
	return nil
}
