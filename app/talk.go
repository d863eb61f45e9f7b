package app

import (
	"context"
	"time"
)

// TalkArgs name one talk; they are the arguments of talk.markHeld.v1 and
// talk.markNoShow.v1.
type TalkArgs struct {
	TalkID string `json:"talkId"`
}

// myTalk loads talk id for actor, who must be one of its two people, and
// checks that it is still scheduled.
func myTalk(ctx context.Context, tx Tx, id string, a Actor) (Talk, error) {
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return Talk{}, err
	}
	if err := checkID(id, "talk id"); err != nil {
		return Talk{}, err
	}
	t, err := tx.Talk(ctx, id)
	if t, err = load(t, err, CodeNotFound, "talk "+id); err != nil {
		return t, err
	}
	if !t.Has(me.ID) {
		return t, Reject(CodeNotFound, "talk %s", id)
	}
	if t.State != TalkScheduled {
		return t, Reject(CodeTalkNotScheduled, "talk %s is %s", id, t.State)
	}
	return t, nil
}

// saveTalk writes next, guarded on the talk still being scheduled.
func saveTalk(ctx context.Context, tx Tx, next Talk, now time.Time) error {
	next.UpdatedAt = now
	ok, err := tx.UpdateTalk(ctx, next, TalkScheduled)
	if err != nil {
		return err
	}
	if !ok {
		return Reject(CodeTalkNotScheduled, "talk %s changed meanwhile", next.ID)
	}
	return nil
}

// CancelTalkArgs are the arguments of talk.cancel.v1: one of
// CancelReasons.
type CancelTalkArgs struct {
	TalkID string `json:"talkId"`
	Reason string `json:"reason"`
}

func cancelTalk(ctx context.Context, tx Tx, a Actor, args CancelTalkArgs, now time.Time) error {
	if err := checkChoice(args.Reason, "reason", CancelReasons); err != nil {
		return err
	}
	t, err := myTalk(ctx, tx, args.TalkID, a)
	if err != nil {
		return err
	}
	t.State, t.Reason, t.Proposal = TalkCancelled, args.Reason, nil
	t.Sequence++
	t.record(TalkEvent{At: now, By: a.ParticipantID, Kind: EventCancelled, Reason: args.Reason})
	return saveTalk(ctx, tx, t, now)
}

// RescheduleTalkArgs are the arguments of talk.reschedule.v1, which apps
// before the proposals sent to move a talk at once. It is now a proposal
// (talk.proposeTime.v1) of Start and Place: the talk keeps its time until
// the other side accepts. NewTalkID is checked, as it always was, but no
// talk is made under it.
type RescheduleTalkArgs struct {
	TalkID    string    `json:"talkId"`
	NewTalkID string    `json:"newTalkId"`
	Start     time.Time `json:"start"`
	Place     *string   `json:"place,omitempty"`
}

// ReasonRescheduled is the reason recorded on a talk that older apps
// moved by cancelling it and making a new one (Replaces).
const ReasonRescheduled = "rescheduled"

func rescheduleTalk(ctx context.Context, tx Tx, a Actor, args RescheduleTalkArgs, now time.Time) error {
	if err := checkID(args.NewTalkID, "new talk id"); err != nil {
		return err
	}
	return proposeTime(ctx, tx, a, ProposeTimeArgs{TalkID: args.TalkID, Start: args.Start, Place: args.Place}, now)
}

func markHeld(ctx context.Context, tx Tx, a Actor, args TalkArgs, now time.Time) error {
	return markAfterStart(ctx, tx, a, args.TalkID, TalkHeld, now)
}

func markNoShow(ctx context.Context, tx Tx, a Actor, args TalkArgs, now time.Time) error {
	return markAfterStart(ctx, tx, a, args.TalkID, TalkNoShow, now)
}

// markAfterStart moves a scheduled talk whose start has come to state.
func markAfterStart(ctx context.Context, tx Tx, a Actor, id string, state TalkState, now time.Time) error {
	t, err := myTalk(ctx, tx, id, a)
	if err != nil {
		return err
	}
	if now.Before(t.Start) {
		return Reject(CodeTalkNotStarted, "talk %s starts at %s", t.ID, t.Start)
	}
	t.markAs(state, a.ParticipantID, now)
	return saveTalk(ctx, tx, t, now)
}

// markAs moves t to held or no_show, as by, at now: a proposal still
// waiting is moot.
func (t *Talk) markAs(state TalkState, by string, now time.Time) {
	kind := EventHeld
	if state == TalkNoShow {
		kind = EventNoShow
	}
	t.State, t.Proposal = state, nil
	t.record(TalkEvent{At: now, By: by, Kind: kind})
}
