package app

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the types of the programme's administration: what HR
// staff and the secretariat import, the invitations they hand out and the
// figures they watch. The server computes and enforces all of it (package
// crosstalk/sync/server); the desktop app reads it through Admin.

// Limits of an import: the longest employee number, in characters, and
// the most people one import may hold.
const (
	MaxEmployeeNoRunes = 32
	MaxRosterEntries   = 10000
	MaxEmailRunes      = 254 // the longest address SMTP carries
)

// RosterEntry is one person of a participant import, as HR's file gives
// it once read and checked (package crosstalk/app/roster). EmployeeNo is
// the company's own number for the person: it is unique within a company
// and is how a re-import finds the person again.
type RosterEntry struct {
	EmployeeNo string   `json:"employeeNo"`
	Name       string   `json:"name"`
	Kana       string   `json:"kana"`
	AgeBand    AgeBand  `json:"ageBand"`
	JobRole    string   `json:"jobRole"`
	Cohorts    []string `json:"cohorts"` // cohort IDs
	Role       Role     `json:"role"`    // participant unless the file says hr
	// Themes are career themes HR's list gives: they become the person's
	// first themes, and are written only while the person has none (the
	// person may change them later, and a re-import leaves theirs alone).
	Themes []string `json:"themes,omitempty"`
	// Email is the person's address for notifications, kept by the server
	// and never sent to other participants. Empty leaves the address the
	// server has as it is.
	Email string `json:"email,omitempty"`
}

// ValidEmail reports whether s is one e-mail address and nothing else, as
// net/mail reads one (no display name, angle brackets or comment), of at
// most MaxEmailRunes characters, in ASCII (a company's mail server may not
// carry others), with a domain of at least two labels of a host name
// (name@example.co.jp, not name@localhost, name@[127.0.0.1] nor
// name@-x.jp), and a plain local part (no quotes, no % or ! routing).
func ValidEmail(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > MaxEmailRunes || strings.ContainsAny(s, " <>()") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if strings.ContainsAny(s[:at], `"%!`) { // no quoted local part, no source routing
		return false
	}
	labels := strings.Split(s[at+1:], ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !hostLabel(l) {
			return false
		}
	}
	return strings.Trim(labels[len(labels)-1], "0123456789") != "" // a name, not an address literal
}

// hostLabel reports whether l is one label of a host name: 1 to 63
// letters, digits and hyphens, neither first nor last a hyphen.
func hostLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ImportResult says what an import changed: the people added, those whose
// fields or cohorts changed, and those already as the file says.
// OwnEmailKept counts the people among them whose address the file would
// have changed but who confirmed their own in the app: theirs is kept.
type ImportResult struct {
	Added        int `json:"added"`
	Updated      int `json:"updated"`
	Unchanged    int `json:"unchanged"`
	OwnEmailKept int `json:"ownEmailKept,omitempty"`
}

// Invitation is the state of one person's invitation, as HR and the
// secretariat see it. Code is set only in the answer that created it:
// the server keeps hashes alone.
type Invitation struct {
	ParticipantID string       `json:"participantId"`
	EmployeeNo    string       `json:"employeeNo"`
	Name          string       `json:"name"`
	Kana          string       `json:"kana"`
	CompanyID     string       `json:"companyId"`
	Role          Role         `json:"role,omitempty"` // empty from a server before roles were listed
	Code          string       `json:"code,omitempty"`
	CreatedAt     *time.Time   `json:"createdAt,omitempty"` // latest code; nil when never invited
	ExpiresAt     *time.Time   `json:"expiresAt,omitempty"`
	JoinedAt      *time.Time   `json:"joinedAt,omitempty"` // first device; nil until the person joins
	Devices       []DeviceInfo `json:"devices,omitempty"`
}

// DeviceInfo is one signed-in device of a person.
type DeviceInfo struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"createdAt"`
	RevokedAt *time.Time `json:"revokedAt,omitempty"`
}

// MinGroup is the fewest people whose survey answers may be shown as a
// figure: a smaller group would let one person's answer be guessed.
const MinGroup = 5

// Scope selects the people a dashboard covers: one cohort, and within it
// one company or, with CompanyID empty, every company.
type Scope struct {
	CohortID  string `json:"cohortId"`
	CompanyID string `json:"companyId,omitempty"`
}

// SurveyFigures are the survey results of a group, over its answers in
// closed batches, each of MinGroup answers by MinGroup different people
// (Answers is a multiple of MinGroup; see serverstore's surveyBatches):
// one new answer changes them only with the batch it closes. Until a
// batch closes, Shown is false and every figure is zero: the view says
// there are too few answers to show.
type SurveyFigures struct {
	Shown           bool    `json:"shown"`
	Answers         int     `json:"answers"`
	Satisfaction    float64 `json:"satisfaction"`    // average, 1–7
	Recommend       float64 `json:"recommend"`       // average, 0–10
	NPS             float64 `json:"nps"`             // % promoters (9–10) minus % detractors (0–6)
	SatisfactionBar [7]int  `json:"satisfactionBar"` // answers per score 1..7
	RecommendBar    [11]int `json:"recommendBar"`    // answers per score 0..10
}

// WeekFigures are one week's activity; Start is the Sunday that begins
// it, in Tokyo time.
type WeekFigures struct {
	Start          time.Time `json:"start"`
	OffersSent     int       `json:"offersSent"`
	OffersAccepted int       `json:"offersAccepted"`
	TalksHeld      int       `json:"talksHeld"`
}

// PersonRef names one person in a list HR may read: only people of the
// reader's own company are ever named to HR.
type PersonRef struct {
	ParticipantID string `json:"participantId"`
	EmployeeNo    string `json:"employeeNo"`
	Name          string `json:"name"`
	CompanyID     string `json:"companyId"`
}

// Who the participation figures count is defined here, once, for every
// screen and file that shows them (the dashboard and its exports, the
// invitations tab) and for the server that computes them:
//
//   - participants: the people whose account has the participant role.
//     HR and secretariat accounts are staff: they are listed where they
//     are managed, never counted among the participants;
//   - joined: the participants who have signed in to the app on a device
//     at least once (a device stopped since still counts), shown as
//     「アプリを使い始めた人」;
//   - active: the participants who have sent or received an offer in the
//     programme, in any state, shown as 「オファーを送った・受けた人」.
//
// The dashboard counts the members of a programme; the invitations tab
// the people of a company. Where every participant of the company is in
// the programme, the two count the same people alike.

// CountsAsParticipant reports whether a person whose account has role r
// is counted among the participants: everyone but HR and the
// secretariat. (A server before roles were listed sends no role; its
// people are counted, as it did.)
func CountsAsParticipant(r Role) bool { return r != RoleHR && r != RoleSecretariat }

// Participation is the participation figures of a group of people.
type Participation struct {
	Participants int // counted as participants
	Joined       int // of them, signed in on a device at least once
	Active       int // of them, sent or received an offer in the programme
	Staff        int // HR and secretariat accounts, in none of the above
}

// Add counts one person whose account has role r.
func (p *Participation) Add(r Role, joined, active bool) {
	if !CountsAsParticipant(r) {
		p.Staff++
		return
	}
	p.Participants++
	if joined {
		p.Joined++
	}
	if active {
		p.Active++
	}
}

// InvitationParticipation counts people as the invitations tab lists
// them: joined when they have a first device (Invitation.JoinedAt). The
// list carries no offers, so Active is zero.
func InvitationParticipation(invs []Invitation) Participation {
	var p Participation
	for _, inv := range invs {
		p.Add(inv.Role, inv.JoinedAt != nil, false)
	}
	return p
}

// Dashboard is the figures of one scope. Participants, Joined and
// Active are counted as Participation counts them.
type Dashboard struct {
	Scope            Scope         `json:"scope"`
	Participants     int           `json:"participants"`
	Joined           int           `json:"joined"`
	Active           int           `json:"active"` // sent or received an offer
	OffersSent       int           `json:"offersSent"`
	OffersAnswered   int           `json:"offersAnswered"` // accepted or declined
	OffersAccepted   int           `json:"offersAccepted"`
	AcceptanceRate   float64       `json:"acceptanceRate"` // accepted / answered, 0–1
	MedianAnswer     time.Duration `json:"medianAnswer"`   // from sending to the answer
	TalksHeld        int           `json:"talksHeld"`
	TalksCancelled   int           `json:"talksCancelled"`
	TalksNoShow      int           `json:"talksNoShow"`
	Survey           SurveyFigures `json:"survey"`
	Weeks            []WeekFigures `json:"weeks"`
	NoOffersReceived []PersonRef   `json:"noOffersReceived"`
	NoOffersSent     []PersonRef   `json:"noOffersSent"`
	Comments         []string      `json:"comments,omitempty"` // secretariat only, without names
	// Programme is the programme survey's results (its free answers
	// for the secretariat only).
	Programme ProgrammeResults `json:"programme"`
}

// Activity is one person's participation, as HR sees its own employees:
// counts only, never survey answers.
type Activity struct {
	PersonRef
	Joined         bool `json:"joined"`
	OffersSent     int  `json:"offersSent"`
	OffersReceived int  `json:"offersReceived"`
	OffersAccepted int  `json:"offersAccepted"`
	TalksHeld      int  `json:"talksHeld"`
	TalksCancelled int  `json:"talksCancelled"`
	TalksNoShow    int  `json:"talksNoShow"`
}

// Admin is what the administration views need of the server. Every call
// needs the network: the server decides. What the signed-in person's role
// does not allow is refused with an *Rejection of CodeNotAllowed, bad
// input with one of the input codes; when the server cannot be reached
// the error wraps ErrOffline.
type Admin interface {
	Companies(ctx context.Context) ([]Company, error)
	SaveCompany(ctx context.Context, c Company) (Company, error) // an empty ID creates one
	Cohorts(ctx context.Context) ([]Cohort, error)
	SaveCohort(ctx context.Context, c Cohort) (Cohort, error) // an empty ID creates one, as a draft
	// SetCohortState opens or closes a cohort; closing expires every
	// pending offer in it.
	SetCohortState(ctx context.Context, cohortID string, state CohortState) error
	// SetMembers adds (in=true) or removes people of a cohort.
	SetMembers(ctx context.Context, cohortID string, participantIDs []string, in bool) error

	// Import writes the entries for a company in one transaction: all or
	// nothing, matched by employee number.
	Import(ctx context.Context, companyID string, entries []RosterEntry) (ImportResult, error)
	// Invitations lists a company's people and whether they have joined.
	Invitations(ctx context.Context, companyID string) ([]Invitation, error)
	// Invite makes a new single-use code for each person, valid for ttl;
	// the answer carries the codes in clear, this once.
	Invite(ctx context.Context, participantIDs []string, ttl time.Duration) ([]Invitation, error)
	RevokeInvite(ctx context.Context, participantID string) error
	RevokeDevice(ctx context.Context, deviceID string) error

	Dashboard(ctx context.Context, scope Scope) (Dashboard, error)
	Activity(ctx context.Context, scope Scope) ([]Activity, error)

	// SetProgrammeSurvey sets a cohort's programme survey, for the
	// secretariat only: its first and last days (Tokyo dates; nil for
	// the defaults of Cohort.SurveyWindow) and the reference figures its
	// dashboard shows (nil for the first pilot's, PilotFigures). Each call
	// sets all three; the answer is the cohort as stored.
	SetProgrammeSurvey(ctx context.Context, cohortID string, opensOn, closesOn *time.Time, reference *ProgrammeFigures) (Cohort, error)

	// Introduce introduces two participants of a cohort to each other
	// with a short note (issue 19), for the secretariat only: both in
	// the cohort, listed (visible and joined), of different companies.
	// The answer is the introduction as stored.
	Introduce(ctx context.Context, cohortID, aID, bID, note string) (Introduction, error)
	// Introductions lists a cohort's introductions, newest first, for the
	// secretariat only.
	Introductions(ctx context.Context, cohortID string) ([]Introduction, error)
}
