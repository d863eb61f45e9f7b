package app

import (
	"context"
	"time"
)

// SubmitSurveyArgs are the arguments of survey.submit.v1. Satisfaction is
// 1–7 and Recommend 0–10; both are required.
type SubmitSurveyArgs struct {
	TalkID       string `json:"talkId"`
	Satisfaction *int   `json:"satisfaction"`
	Recommend    *int   `json:"recommend"`
	Comment      string `json:"comment,omitempty"`
}

func submitSurvey(ctx context.Context, tx Tx, a Actor, args SubmitSurveyArgs, now time.Time) error {
	if args.Satisfaction == nil || args.Recommend == nil {
		return Reject(CodeBadArgs, "satisfaction and recommend are required")
	}
	if s := *args.Satisfaction; s < 1 || s > 7 {
		return Reject(CodeOutOfRange, "satisfaction %d not in 1–7", s)
	}
	if r := *args.Recommend; r < 0 || r > 10 {
		return Reject(CodeOutOfRange, "recommend %d not in 0–10", r)
	}
	if err := checkText(args.Comment, "comment", 0, MaxCommentRunes); err != nil {
		return err
	}
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	if err := checkID(args.TalkID, "talk id"); err != nil {
		return err
	}
	t, err := tx.Talk(ctx, args.TalkID)
	if t, err = load(t, err, CodeNotFound, "talk "+args.TalkID); err != nil {
		return err
	}
	if !t.Has(me.ID) {
		return Reject(CodeNotFound, "talk %s", t.ID)
	}
	switch t.State {
	case TalkHeld:
	case TalkScheduled:
		if now.Before(t.End) {
			return Reject(CodeTalkNotStarted, "talk %s ends at %s", t.ID, t.End)
		}
		// Answering the survey of a talk that has ended says it was held.
		next := t
		next.markAs(TalkHeld, me.ID, now)
		if err := saveTalk(ctx, tx, next, now); err != nil {
			return err
		}
	default:
		return Reject(CodeTalkNotHeld, "talk %s is %s", t.ID, t.State)
	}
	if done, err := tx.SurveyExists(ctx, t.ID, me.ID); err != nil {
		return err
	} else if done {
		return Reject(CodeSurveyExists, "%s answered talk %s", me.ID, t.ID)
	}
	return tx.InsertSurvey(ctx, Survey{
		TalkID: t.ID, AuthorID: me.ID,
		Satisfaction: *args.Satisfaction, Recommend: *args.Recommend,
		Comment: args.Comment, CreatedAt: now,
	})
}
