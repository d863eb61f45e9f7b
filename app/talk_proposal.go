package app

import (
	"context"
	"time"
)

// A change of time is a proposal: one of the two people asks for a new
// time (talk.proposeTime.v1), and the talk keeps its time until the other
// accepts it (talk.acceptTime.v1), when the talk moves in place: same id,
// new time, Sequence+1. The other may decline it (talk.declineTime.v1),
// the proposer withdraw it (talk.withdrawTime.v1). Each step is recorded
// in the talk's history.

// ProposeTimeArgs are the arguments of talk.proposeTime.v1: the new start
// and optionally a new place. A proposal replaces the proposer's earlier
// one; made while the other side's proposal waits, it declines that one.
type ProposeTimeArgs struct {
	TalkID string    `json:"talkId"`
	Start  time.Time `json:"start"`
	Place  *string   `json:"place,omitempty"`
}

// TimeAnswerArgs are the arguments of talk.acceptTime.v1,
// talk.declineTime.v1 and talk.withdrawTime.v1: the talk, and the start
// of the proposal answered, so that an answer never applies to a
// proposal that changed meanwhile.
type TimeAnswerArgs struct {
	TalkID string    `json:"talkId"`
	Start  time.Time `json:"start"`
	// Place is the new place or link of the proposal answered, as the
	// person saw it; nil when the proposal keeps the talk's place. A
	// proposal made again at the same time with another place is another
	// proposal: the answer to the first does not apply to it.
	Place *string `json:"place,omitempty"`
}

func proposeTime(ctx context.Context, tx Tx, a Actor, args ProposeTimeArgs, now time.Time) error {
	if args.Place != nil {
		if err := checkText(*args.Place, "place", 0, MaxPlaceRunes); err != nil {
			return err
		}
	}
	t, err := myTalk(ctx, tx, args.TalkID, a)
	if err != nil {
		return err
	}
	c, err := pairInOpenCohort(ctx, tx, t.CohortID, t.AID, t.BID, now)
	if err != nil {
		return err
	}
	slots, err := slotsFor([]time.Time{args.Start}, c, now)
	if err != nil {
		return err
	}
	s := slots[0]
	if s.Start.Equal(t.Start) && (args.Place == nil || *args.Place == t.Place) {
		return Reject(CodeBadArgs, "talk %s is already at %s", t.ID, t.Start)
	}
	me := a.ParticipantID
	if p := t.Proposal; p != nil && p.By == me && p.Names(s.Start, args.Place) {
		return Reject(CodeBadArgs, "talk %s: this time is already proposed", t.ID)
	}
	if p := t.Proposal; p != nil && p.By != me {
		t.record(TalkEvent{At: now, By: me, Kind: EventTimeDeclined, Start: p.Start, End: p.End})
	}
	var place *string
	if args.Place != nil {
		v := *args.Place
		place = &v
	}
	t.Proposal = &TimeProposal{Start: s.Start, End: s.End, Place: place, By: me, At: now.UTC()}
	t.record(TalkEvent{At: now, By: me, Kind: EventTimeProposed, Start: s.Start, End: s.End})
	return saveTalk(ctx, tx, t, now)
}

// proposalFor loads talk args.TalkID for an answer to its proposal that
// starts at args.Start: the proposal must be there, unchanged.
func proposalFor(ctx context.Context, tx Tx, a Actor, args TimeAnswerArgs) (Talk, *TimeProposal, error) {
	t, err := myTalk(ctx, tx, args.TalkID, a)
	if err != nil {
		return t, nil, err
	}
	p := t.Proposal
	if p == nil {
		return t, nil, Reject(CodeNoProposal, "talk %s has no proposed time", t.ID)
	}
	if !p.Names(args.Start, args.Place) {
		return t, nil, Reject(CodeNoProposal, "talk %s: the proposal is at %s, not the one answered", t.ID, p.Start)
	}
	return t, p, nil
}

func acceptTime(ctx context.Context, tx Tx, a Actor, args TimeAnswerArgs, now time.Time) error {
	t, p, err := proposalFor(ctx, tx, a, args)
	if err != nil {
		return err
	}
	if p.By == a.ParticipantID {
		return Reject(CodeNotAllowed, "talk %s: a proposal is for the other side to accept", t.ID)
	}
	if !p.Start.After(now) {
		return Reject(CodeSlotInPast, "proposed time %s has passed", p.Start)
	}
	if _, err := pairInOpenCohort(ctx, tx, t.CohortID, t.AID, t.BID, now); err != nil {
		return err
	}
	t.record(TalkEvent{At: now, By: a.ParticipantID, Kind: EventTimeAccepted, Start: p.Start, End: p.End, OldStart: t.Start, OldEnd: t.End})
	t.Start, t.End = p.Start, p.End
	if p.Place != nil {
		t.Place = *p.Place
	}
	t.Proposal = nil
	t.Sequence++
	return saveTalk(ctx, tx, t, now)
}

func declineTime(ctx context.Context, tx Tx, a Actor, args TimeAnswerArgs, now time.Time) error {
	t, p, err := proposalFor(ctx, tx, a, args)
	if err != nil {
		return err
	}
	if p.By == a.ParticipantID {
		return Reject(CodeNotAllowed, "talk %s: one's own proposal is withdrawn, not declined", t.ID)
	}
	t.record(TalkEvent{At: now, By: a.ParticipantID, Kind: EventTimeDeclined, Start: p.Start, End: p.End})
	t.Proposal = nil
	return saveTalk(ctx, tx, t, now)
}

func withdrawTime(ctx context.Context, tx Tx, a Actor, args TimeAnswerArgs, now time.Time) error {
	t, p, err := proposalFor(ctx, tx, a, args)
	if err != nil {
		return err
	}
	if p.By != a.ParticipantID {
		return Reject(CodeNotAllowed, "talk %s: only who proposed a time may withdraw it", t.ID)
	}
	t.record(TalkEvent{At: now, By: a.ParticipantID, Kind: EventProposalWithdrawn, Start: p.Start, End: p.End})
	t.Proposal = nil
	return saveTalk(ctx, tx, t, now)
}
