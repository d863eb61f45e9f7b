package app

// ProgrammeResults are the programme survey's results of a dashboard's
// scope (issue 18): the three figures beside the reference, and the change
// of the self-assessment. Like SurveyFigures, each part covers closed
// batches only, each of MinGroup answers by MinGroup different people, so
// that one new answer changes a part only with the batch it closes.
type ProgrammeResults struct {
	Survey ProgrammeSurveyFigures `json:"survey"`
	// Reference is the line the figures are shown beside
	// (Cohort.ReferenceFigures); ReferenceIsPilot tells that it is the
	// first pilot's (PilotFigures), which the secretariat has not
	// replaced for the cohort.
	Reference        ProgrammeFigures `json:"reference"`
	ReferenceIsPilot bool             `json:"referenceIsPilot"`
	Change           AssessmentChange `json:"change"`
	// Insights (いちばんの気づき) and NextSteps (これから試してみたいこと)
	// are the non-empty free answers of Survey's answers, each list
	// sorted on its own and without names: for the secretariat only.
	Insights  []string `json:"insights,omitempty"`
	NextSteps []string `json:"nextSteps,omitempty"`
}

// ProgrammeSurveyFigures are the three figures of the programme survey
// over its answers in closed batches (Answers is a multiple of MinGroup).
// Until a batch closes, Shown is false and every figure is zero.
type ProgrammeSurveyFigures struct {
	Shown   bool `json:"shown"`
	Answers int  `json:"answers"`
	// Means are the means, rounded to two decimals.
	Means           ProgrammeFigures `json:"means"`
	SatisfactionBar [7]int           `json:"satisfactionBar"` // answers per score 1..7
	NextRoundBar    [7]int           `json:"nextRoundBar"`    // answers per score 1..7
	RecommendBar    [11]int          `json:"recommendBar"`    // answers per score 0..10
}

// AssessmentChange is the change of the self-assessment between joining
// (PhaseBefore) and the programme survey (PhaseAfter), over the people
// who answered both: a pair per person, each person's mean over the
// statements answered both times. The pairs are batched by the time of
// the "after", MinGroup different people a batch; Counted is the pairs in
// closed batches (a multiple of MinGroup). Until a batch closes, Shown is
// false and the figures are zero.
type AssessmentChange struct {
	Shown   bool `json:"shown"`
	Counted int  `json:"counted"`
	// NoBefore is the people left out for lack of a "before" (they
	// joined late, or skipped it, or answered it to statements none of
	// which the "after" asks again) who answered the "after": batched the
	// same way among themselves, so it too moves by whole batches and is
	// 0 until MinGroup of them answered.
	NoBefore int     `json:"noBefore"`
	Before   float64 `json:"before"` // mean of the counted people's "before" means, 1–5
	After    float64 `json:"after"`  // mean of their "after" means, 1–5
	// Improved is how many of the counted people's mean moved up, and
	// ImprovedShare its share of Counted, 0–1.
	Improved      int     `json:"improved"`
	ImprovedShare float64 `json:"improvedShare"`
}
