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
	t.State, t.Reason = TalkCancelled, args.Reason
	return saveTalk(ctx, tx, t, now)
}

// RescheduleTalkArgs are the arguments of talk.reschedule.v1: the new
// talk's id (a UUID made by the client), its start, and optionally a new
// place. The old talk is cancelled with reason "rescheduled".
type RescheduleTalkArgs struct {
	TalkID    string    `json:"talkId"`
	NewTalkID string    `json:"newTalkId"`
	Start     time.Time `json:"start"`
	Place     *string   `json:"place,omitempty"`
}

// ReasonRescheduled is the reason recorded on a talk that was moved.
const ReasonRescheduled = "rescheduled"

func rescheduleTalk(ctx context.Context, tx Tx, a Actor, args RescheduleTalkArgs, now time.Time) error {
	if err := checkID(args.NewTalkID, "new talk id"); err != nil {
		return err
	}
	if args.Place != nil {
		if err := checkText(*args.Place, "place", 0, MaxPlaceRunes); err != nil {
			return err
		}
	}
	old, err := myTalk(ctx, tx, args.TalkID, a)
	if err != nil {
		return err
	}
	if err := absent(tx.Talk(ctx, args.NewTalkID)); err != nil {
		return err
	}
	c, err := pairInOpenCohort(ctx, tx, old.CohortID, old.AID, old.BID, now)
	if err != nil {
		return err
	}
	slots, err := slotsFor([]time.Time{args.Start}, c, now)
	if err != nil {
		return err
	}
	next := old
	next.ID, next.Start, next.End, next.Replaces = args.NewTalkID, slots[0].Start, slots[0].End, old.ID
	next.CreatedAt, next.UpdatedAt = now, now
	if args.Place != nil {
		next.Place = *args.Place
	}
	old.State, old.Reason = TalkCancelled, ReasonRescheduled
	if err := saveTalk(ctx, tx, old, now); err != nil {
		return err
	}
	return tx.InsertTalk(ctx, next)
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
	t.State = state
	return saveTalk(ctx, tx, t, now)
}
