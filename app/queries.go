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

// Inbox views. BoxNeedsMyAnswer, BoxTheirAnswer, BoxScheduled and
// BoxFinished are the inbox's lists, by what the person must do: each
// offer is in exactly one of them (InboxItem.Box). BoxReceived and
// BoxSent list offers by who sent them.
const (
	BoxNeedsMyAnswer Box = iota // pending, and my turn
	BoxReceived                 // offers sent to me, any state
	BoxSent                     // offers I sent, any state
	BoxFinished                 // declined, withdrawn, expired, or accepted with its talk over or cancelled
	BoxTheirAnswer              // pending, and the other side's turn, whoever sent it
	BoxScheduled                // accepted, and its talk scheduled and not yet over
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
	// Talk is the talk the offer led to, as it now is (after a move, the
	// talk at the new time), or nil when the offer was not accepted or
	// the talk is not known here yet.
	Talk *Talk
}

// Box is the one list of the inbox that it belongs in for me at now. An
// offer still pending in the file but past its expiry has ended: nobody
// can answer it any more. An accepted offer stays scheduled until its
// talk ends; one whose talk is not known here yet, until the time chosen
// ends.
func (it InboxItem) Box(me string, now time.Time) Box {
	switch it.State {
	case OfferPending:
		switch {
		case !now.Before(it.ExpiresAt):
			return BoxFinished
		case it.Turn == me:
			return BoxNeedsMyAnswer
		default:
			return BoxTheirAnswer
		}
	case OfferAccepted:
		if it.Talk != nil {
			if it.Talk.State == TalkScheduled && now.Before(it.Talk.End) {
				return BoxScheduled
			}
			return BoxFinished
		}
		if end, ok := it.chosenEnd(); ok && now.Before(end) {
			return BoxScheduled
		}
	}
	return BoxFinished
}

// chosenEnd is when the accepted slot ends, if the offer has one.
func (o Offer) chosenEnd() (time.Time, bool) {
	if o.ChosenStart == nil {
		return time.Time{}, false
	}
	for _, s := range o.Slots {
		if s.Start.Equal(*o.ChosenStart) {
			return s.End, true
		}
	}
	return time.Time{}, false
}

// TalkItem is a talk with the person on the other side.
type TalkItem struct {
	Talk
	OtherID      string
	OtherName    string
	OtherCompany string
	// Queued is set while a change of the talk that this device made
	// waits in the outbox for the server.
	Queued bool
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

// ThreadReader reads the message threads of issue 19 on the device: a
// thread is named by its offer's id or its talk's.
type ThreadReader interface {
	// Thread lists the messages of the thread of id in their order, when
	// me is one of its two sides; me's own carry ReadByOther (既読).
	Thread(ctx context.Context, me, id string) ([]Message, error)
	// ThreadSummaries lists me's threads that hold a message, with how
	// many of the other side's me has not read yet.
	ThreadSummaries(ctx context.Context, me string) ([]ThreadSummary, error)
	// UnreadMessages counts the messages sent to me not read yet.
	UnreadMessages(ctx context.Context, me string) (int, error)
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
	// ProgrammeStatuses tells, for each cohort me is a member of (the
	// latest first), where me stands at now with its programme survey and
	// self-assessment: what the inbox asks for, and me's own answers.
	ProgrammeStatuses(ctx context.Context, me string, now time.Time) ([]ProgrammeStatus, error)
	// The suggested partners and introductions (issue 19).
	SuggestionReader
}
