package app

import (
	"context"
	"time"
)

// DirectoryQuery selects participants for a viewer's directory. The
// viewer's own company and invisible profiles never appear.
type DirectoryQuery struct {
	ViewerID       string
	Now            time.Time // for counting pending offers
	Text           string    // matched against name, kana, company, industry, themes and intro
	Industry       string
	Theme          string
	AgeBand        AgeBand
	Mode           Mode
	NotTalkedTo    bool // no talk (held or scheduled) with the viewer yet
	NoOffersYet    bool // has received no offers at all yet
	BookmarkedOnly bool
	Limit          int // 0 means 50
	Offset         int
}

// DirectoryEntry is one row of the directory.
type DirectoryEntry struct {
	Participant
	CompanyName     string
	Industry        string
	Bookmarked      bool
	PendingReceived int // pending, unexpired offers received, for the cap
}

// Box is one view of the inbox.
type Box int

// Inbox views.
const (
	BoxNeedsMyAnswer Box = iota // pending, and my turn
	BoxReceived                 // offers sent to me, any state
	BoxSent                     // offers I sent, any state
	BoxFinished                 // no longer pending
)

// InboxItem is an offer with the person on the other side.
type InboxItem struct {
	Offer
	OtherName    string
	OtherKana    string
	OtherCompany string
	// Queued is set while a change of the offer that this device made
	// (sending it, or an answer) waits in the outbox for the server.
	Queued bool
}

// TalkItem is a talk with the person on the other side.
type TalkItem struct {
	Talk
	OtherID      string
	OtherName    string
	OtherCompany string
}

// SurveyFilter narrows a survey aggregate. Empty fields match all.
type SurveyFilter struct {
	CohortID  string
	CompanyID string // the authors' company
}

// MinAggregate is the fewest distinct people an aggregate is shown for.
const MinAggregate = 5

// SurveyAggregate summarises surveys. When fewer than MinAggregate
// people answered, Suppressed is true and the figures are zero.
type SurveyAggregate struct {
	Respondents     int
	Answers         int
	Suppressed      bool
	AvgSatisfaction float64 // out of 7
	AvgRecommend    float64 // out of 10
	NPS             float64 // % promoters (9–10) minus % detractors (0–6)
}

// Reader answers the questions the UI asks of the local data.
type Reader interface {
	SearchDirectory(ctx context.Context, q DirectoryQuery) ([]DirectoryEntry, error)
	// Person is one participant's profile with their company and
	// cohorts, as of now.
	Person(ctx context.Context, id string, now time.Time) (DirectoryEntry, error)
	// Cohort is one cohort with its period and rules.
	Cohort(ctx context.Context, id string) (Cohort, error)
	// Facets lists the industries and themes found among the people the
	// viewer may see, for the directory's filters, sorted.
	Facets(ctx context.Context, viewerID string) (industries, themes []string, err error)
	// SurveysDue lists me's talks that have ended by now, were not
	// cancelled or marked as not held, and that me has not answered the
	// survey of yet.
	SurveysDue(ctx context.Context, me string, now time.Time) ([]TalkItem, error)
	Inbox(ctx context.Context, me string, box Box, now time.Time) ([]InboxItem, error)
	TalksBetween(ctx context.Context, me string, from, to time.Time) ([]TalkItem, error)
	SurveyAggregate(ctx context.Context, f SurveyFilter) (SurveyAggregate, error)
}
