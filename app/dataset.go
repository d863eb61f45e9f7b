package app

// Bookmark is one participant's bookmark on another.
type Bookmark struct {
	OwnerID  string `json:"ownerId"`
	TargetID string `json:"targetId"`
}

// Membership is a participant's place in a cohort.
type Membership struct {
	CohortID      string `json:"cohortId"`
	ParticipantID string `json:"participantId"`
}

// Dataset is a whole consortium's rows, as the demo and scale generators
// make them and as a store imports them in one transaction. Participants
// carry their cohorts in Participant.Cohorts; Members adds memberships on
// their own, as a replica receives them.
type Dataset struct {
	Companies    []Company
	Cohorts      []Cohort
	Participants []Participant
	Offers       []Offer
	Talks        []Talk
	Surveys      []Survey
	// ProgrammeSurveys and SelfAssessments are the answers of issue 18.
	ProgrammeSurveys []ProgrammeSurvey
	SelfAssessments  []SelfAssessment
	Bookmarks        []Bookmark
	// Messages and MessageReads are the threads of issue 19.
	Messages     []Message
	MessageReads []MessageReadMark
	// Dismissals and Introductions are the suggestions' (issue 19).
	Dismissals    []SuggestionDismissal
	Introductions []Introduction
	Members       []Membership
	// Devices are the signed-in person's own devices, as a replica
	// receives them in its user bucket (MyDevices). A server makes devices
	// only by redeeming codes: its import ignores these.
	Devices []DeviceInfo
	// EmployeeNos are the companies' own numbers of participants, by
	// participant id, as HR imports them. They are the server's: no
	// bucket carries them, so a replica's dataset has none.
	EmployeeNos map[string]string
}

// Rows counts every row of d.
func (d Dataset) Rows() int {
	return len(d.Companies) + len(d.Cohorts) + len(d.Participants) + len(d.Offers) +
		len(d.Talks) + len(d.Surveys) + len(d.Bookmarks) + len(d.Members) + len(d.Devices) +
		len(d.ProgrammeSurveys) + len(d.SelfAssessments) + len(d.Messages) + len(d.MessageReads) +
		len(d.Dismissals) + len(d.Introductions)
}
