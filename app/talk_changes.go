package app

import (
	"context"
	"time"
)

// TalkChange is a talk the other person changed: a proposal of theirs
// that waits for an answer, or a change (a proposal, its answer, a
// cancellation) not yet seen on this device.
type TalkChange struct {
	TalkItem
	// Event is the other person's newest change.
	Event TalkEvent
	// Unseen is true until the person has opened the talk or said they
	// have seen the change (MarkTalkSeen).
	Unseen bool
}

// Waiting reports whether the change is a proposal that me must answer:
// the other person's, and its time not yet passed at now.
func (c TalkChange) Waiting(me string, now time.Time) bool {
	p := c.Proposal
	return p != nil && p.By != me && c.State == TalkScheduled && p.Start.After(now)
}

// TalkChangeReader tells what the other person changed in the user's
// talks, and keeps what the user has seen of it, on this device.
type TalkChangeReader interface {
	// TalkChanges lists me's talks with a change by the other person that
	// is not seen yet or waits for me's answer at now, newest change
	// first.
	TalkChanges(ctx context.Context, me string, now time.Time) ([]TalkChange, error)
	// MarkTalkSeen records that the changes of talk id up to upTo have
	// been seen.
	MarkTalkSeen(ctx context.Context, id string, upTo time.Time) error
}
