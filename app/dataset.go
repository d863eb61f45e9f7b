package app

// Bookmark is one participant's bookmark on another.
type Bookmark struct {
	OwnerID  string `json:"ownerId"`
	TargetID string `json:"targetId"`
}

// Dataset is a whole consortium's rows, as the demo and scale generators
// make them and as a store imports them in one transaction. Participants
// carry their cohorts in Participant.Cohorts.
type Dataset struct {
	Companies    []Company
	Cohorts      []Cohort
	Participants []Participant
	Offers       []Offer
	Talks        []Talk
	Surveys      []Survey
	Bookmarks    []Bookmark
}

// Rows counts every row of d.
func (d Dataset) Rows() int {
	return len(d.Companies) + len(d.Cohorts) + len(d.Participants) + len(d.Offers) +
		len(d.Talks) + len(d.Surveys) + len(d.Bookmarks)
}
