package app

import "time"

// TimeProposal is a new time for a talk that one of its two people asked
// for. It changes nothing until the other side accepts it.
type TimeProposal struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Place is the new place or meeting link; nil keeps the current one.
	Place *string   `json:"place,omitempty"`
	By    string    `json:"by"`
	At    time.Time `json:"at"`
}

// Names reports whether an answer naming start and place is to p: its
// time, and its new place (nil when p keeps the talk's place). A
// proposal made again at the same time with another place is another
// proposal.
func (p TimeProposal) Names(start time.Time, place *string) bool {
	if !p.Start.Equal(start) {
		return false
	}
	if p.Place == nil || place == nil {
		return p.Place == nil && place == nil
	}
	return *p.Place == *place
}

// TalkEventKind is what happened to a talk.
type TalkEventKind string

// Talk event kinds.
const (
	EventAgreed            TalkEventKind = "agreed"             // the offer was accepted: Start, End
	EventTimeProposed      TalkEventKind = "time_proposed"      // Start, End: the time asked for
	EventTimeAccepted      TalkEventKind = "time_accepted"      // Start, End: the new time; OldStart, OldEnd: the time before
	EventTimeDeclined      TalkEventKind = "time_declined"      // Start, End: the time declined
	EventProposalWithdrawn TalkEventKind = "proposal_withdrawn" // Start, End: the time withdrawn
	EventCancelled         TalkEventKind = "cancelled"          // Reason
	EventHeld              TalkEventKind = "held"
	EventNoShow            TalkEventKind = "no_show"
)

// TalkEvent is one entry of a talk's history: who did what, and when.
type TalkEvent struct {
	At       time.Time     `json:"at"`
	By       string        `json:"by"`
	Kind     TalkEventKind `json:"kind"`
	Start    time.Time     `json:"start,omitzero"`
	End      time.Time     `json:"end,omitzero"`
	OldStart time.Time     `json:"oldStart,omitzero"`
	OldEnd   time.Time     `json:"oldEnd,omitzero"`
	Reason   string        `json:"reason,omitempty"`
}

// MaxTalkHistory is the most events a talk keeps: the oldest are
// dropped, but never the first (how the talk was agreed).
const MaxTalkHistory = 40

// record appends e to t's history, keeping it within MaxTalkHistory.
func (t *Talk) record(e TalkEvent) {
	e.At, e.Start, e.End, e.OldStart, e.OldEnd = utc(e.At), utc(e.Start), utc(e.End), utc(e.OldStart), utc(e.OldEnd)
	h := append(t.History, e)
	if n := len(h); n > MaxTalkHistory {
		h = append(h[:1:1], h[n-MaxTalkHistory+1:]...)
	}
	t.History = h
}

// LastEvent is the newest event of t's history, or false when it has
// none (a talk agreed before histories were kept).
func (t Talk) LastEvent() (TalkEvent, bool) {
	if len(t.History) == 0 {
		return TalkEvent{}, false
	}
	return t.History[len(t.History)-1], true
}

// ChangedBy reports whether the newest event of t is a change that
// person other made and that me should be told of: a proposal or its
// answer, or a cancellation.
func (t Talk) ChangedBy(other string) (TalkEvent, bool) {
	e, ok := t.LastEvent()
	if !ok || e.By != other {
		return e, false
	}
	switch e.Kind {
	case EventTimeProposed, EventTimeAccepted, EventTimeDeclined, EventProposalWithdrawn, EventCancelled:
		return e, true
	}
	return e, false
}

// utc is t in UTC, and the zero time as it is.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}
