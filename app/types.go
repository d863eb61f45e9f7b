// Package app holds CrossTalk's domain: the types of DESIGN.md section 3,
// the offer and talk state machines, and the mutators — named, versioned
// operations that run on the client (optimistically) and on the server
// (authoritatively) through the store interface declared in store.go.
package app

import "time"

// Role is the account role of a participant record.
type Role string

// Account roles.
const (
	RoleParticipant Role = "participant"
	RoleHR          Role = "hr"
	RoleSecretariat Role = "secretariat"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleParticipant, RoleHR, RoleSecretariat:
		return true
	}
	return false
}

// Mode is how a talk is held.
type Mode string

// Talk modes.
const (
	ModeOnline   Mode = "online"
	ModePhone    Mode = "phone"
	ModeInPerson Mode = "in_person"
)

// Modes lists every talk mode in display order.
var Modes = []Mode{ModeOnline, ModePhone, ModeInPerson}

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool {
	switch m {
	case ModeOnline, ModePhone, ModeInPerson:
		return true
	}
	return false
}

// Company is a member company of the consortium.
type Company struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Industry string `json:"industry"`
}

// CohortState is where a cohort is in its life.
type CohortState string

// Cohort states.
const (
	CohortDraft  CohortState = "draft"
	CohortOpen   CohortState = "open"
	CohortClosed CohortState = "closed"
)

// Rules are a cohort's rules for offers and talks.
type Rules struct {
	OfferExpiryDays    int `json:"offerExpiryDays"`
	MaxPendingSent     int `json:"maxPendingSent"`
	MaxPendingReceived int `json:"maxPendingReceived"`
	TalkMinutes        int `json:"talkMinutes"`
}

// DefaultRules are the rules a new cohort starts with.
var DefaultRules = Rules{OfferExpiryDays: 7, MaxPendingSent: 3, MaxPendingReceived: 5, TalkMinutes: 60}

// TalkLength is the length of one talk under these rules.
func (r Rules) TalkLength() time.Duration { return time.Duration(r.TalkMinutes) * time.Minute }

// Cohort is one programme round. StartsOn and EndsOn are dates in Tokyo
// time; the cohort runs from the start of StartsOn to the end of EndsOn.
type Cohort struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	StartsOn time.Time   `json:"startsOn"`
	EndsOn   time.Time   `json:"endsOn"`
	State    CohortState `json:"state"`
	Rules    Rules       `json:"rules"`
	// SurveyOpensOn and SurveyClosesOn are the first and last days of the
	// programme survey set by the secretariat (Tokyo dates); nil takes
	// the default (SurveyWindow).
	SurveyOpensOn  *time.Time `json:"surveyOpensOn,omitempty"`
	SurveyClosesOn *time.Time `json:"surveyClosesOn,omitempty"`
	// Reference is the figures the secretariat set to compare the
	// cohort's with; nil for the first pilot's (ReferenceFigures).
	Reference *ProgrammeFigures `json:"reference,omitempty"`
}

// Begins is the first instant of the cohort period.
func (c Cohort) Begins() time.Time { return StartOfDay(c.StartsOn) }

// Ends is the first instant after the cohort period.
func (c Cohort) Ends() time.Time { return StartOfDay(c.EndsOn).AddDate(0, 0, 1) }

// OpenAt reports whether the cohort accepts offers and talks at now.
func (c Cohort) OpenAt(now time.Time) bool {
	return c.State == CohortOpen && now.Before(c.Ends())
}

// Participant is a person's profile. Kana is the name's reading, used for
// sorting and search.
type Participant struct {
	ID        string   `json:"id"`
	CompanyID string   `json:"companyId"`
	Name      string   `json:"name"`
	Kana      string   `json:"kana"`
	AgeBand   AgeBand  `json:"ageBand"`
	JobRole   string   `json:"jobRole"`
	Themes    []string `json:"themes"`
	Interests string   `json:"interests"`
	Intro     string   `json:"intro"`
	Modes     []Mode   `json:"modes"`
	FreeTimes string   `json:"freeTimes"`
	// FreeWeek is the weekly pattern of usual free times (freetime.go);
	// rows of before it have none.
	FreeWeek FreeWeek `json:"freeWeek"`
	Visible  bool     `json:"visible"`
	Role     Role     `json:"role"`
	Cohorts  []string `json:"cohorts"`
	// Mail is the person's own mail account: only their own user bucket
	// carries it; nil in any other row.
	Mail *MailAccount `json:"mail,omitempty"`
}

// Accepts reports whether p takes talks in mode m.
func (p Participant) Accepts(m Mode) bool {
	for _, x := range p.Modes {
		if x == m {
			return true
		}
	}
	return false
}

// InCohort reports whether p belongs to cohort id.
func (p Participant) InCohort(id string) bool {
	for _, c := range p.Cohorts {
		if c == id {
			return true
		}
	}
	return false
}

// Slot is one proposed time for a talk.
type Slot struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// OfferState is where an offer is in its state machine.
type OfferState string

// Offer states.
const (
	OfferPending   OfferState = "pending"
	OfferAccepted  OfferState = "accepted"
	OfferDeclined  OfferState = "declined"
	OfferWithdrawn OfferState = "withdrawn"
	OfferExpired   OfferState = "expired"
)

// Offer is a request for a talk. Turn is the participant who must answer
// next: the recipient at first, then each side in turn after a counter.
type Offer struct {
	ID          string     `json:"id"`
	CohortID    string     `json:"cohortId"`
	FromID      string     `json:"fromId"`
	ToID        string     `json:"toId"`
	Message     string     `json:"message"`
	Slots       []Slot     `json:"slots"`
	Mode        Mode       `json:"mode"`
	State       OfferState `json:"state"`
	Turn        string     `json:"turn"`
	Rounds      int        `json:"rounds"`
	Reason      string     `json:"reason,omitempty"`
	Note        string     `json:"note,omitempty"`
	TalkID      string     `json:"talkId,omitempty"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	ExpiresAt   time.Time  `json:"expiresAt"`
	AnsweredAt  *time.Time `json:"answeredAt,omitempty"`
	ChosenStart *time.Time `json:"chosenStart,omitempty"`
}

// Other returns the participant on the other side from id.
func (o Offer) Other(id string) string {
	if o.FromID == id {
		return o.ToID
	}
	return o.FromID
}

// TalkState is where a talk is in its life.
type TalkState string

// Talk states.
const (
	TalkScheduled TalkState = "scheduled"
	TalkHeld      TalkState = "held"
	TalkCancelled TalkState = "cancelled"
	TalkNoShow    TalkState = "no_show"
)

// Talk is an agreed conversation between two participants.
type Talk struct {
	ID        string    `json:"id"`
	OfferID   string    `json:"offerId"`
	CohortID  string    `json:"cohortId"`
	AID       string    `json:"aId"`
	BID       string    `json:"bId"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Mode      Mode      `json:"mode"`
	Place     string    `json:"place"`
	State     TalkState `json:"state"`
	Reason    string    `json:"reason,omitempty"`
	Replaces  string    `json:"replaces,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	// Proposal is a change of time one side asked for and the other has
	// not answered yet; the talk keeps its time until then.
	Proposal *TimeProposal `json:"proposal,omitempty"`
	// History is what happened to the talk, oldest first, at most
	// MaxTalkHistory events.
	History []TalkEvent `json:"history,omitempty"`
	// Sequence counts the agreed changes of time and the cancellation.
	Sequence int `json:"sequence,omitempty"`
}

// Has reports whether id is one of the talk's two participants.
func (t Talk) Has(id string) bool { return t.AID == id || t.BID == id }

// Other returns the participant on the other side from id.
func (t Talk) Other(id string) string {
	if t.AID == id {
		return t.BID
	}
	return t.AID
}

// Survey is one participant's answer after a talk. It is never shown to
// the other party.
type Survey struct {
	TalkID       string    `json:"talkId"`
	AuthorID     string    `json:"authorId"`
	Satisfaction int       `json:"satisfaction"`
	Recommend    int       `json:"recommend"`
	Comment      string    `json:"comment"`
	CreatedAt    time.Time `json:"createdAt"`
}

// Actor is who runs a mutation: a participant record and its role.
type Actor struct {
	ParticipantID string `json:"participantId"`
	CompanyID     string `json:"companyId"`
	Role          Role   `json:"role"`
}
