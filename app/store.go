package app

import (
	"context"
	"time"
)

// Tx is what a mutator reads and writes, inside one store transaction.
// Getters return an error wrapping ErrNotFound when the row is missing.
// Guarded updates report false, and change nothing, when the row is no
// longer in the state the caller read ("first commit wins").
type Tx interface {
	Participant(ctx context.Context, id string) (Participant, error)
	Cohort(ctx context.Context, id string) (Cohort, error)

	Offer(ctx context.Context, id string) (Offer, error)
	InsertOffer(ctx context.Context, o Offer) error
	// UpdateOffer writes o when the stored offer is still pending with
	// the same turn and round count as prev.
	UpdateOffer(ctx context.Context, o Offer, prev Offer) (bool, error)
	// CountPending counts the offers in cohort that participant has sent
	// (sent=true) or received, that are pending and not yet past expiry
	// at now.
	CountPending(ctx context.Context, cohortID, participantID string, sent bool, now time.Time) (int, error)
	// PendingBetween reports whether a pending, unexpired offer exists
	// between a and b in either direction.
	PendingBetween(ctx context.Context, a, b string, now time.Time) (bool, error)

	Talk(ctx context.Context, id string) (Talk, error)
	InsertTalk(ctx context.Context, t Talk) error
	// UpdateTalk writes t when the stored talk is still in state from.
	UpdateTalk(ctx context.Context, t Talk, from TalkState) (bool, error)

	SurveyExists(ctx context.Context, talkID, authorID string) (bool, error)
	InsertSurvey(ctx context.Context, s Survey) error

	// TalksHeld counts participantID's talks in cohortID that were held:
	// marked held, or scheduled and ended by now (not marked a no-show).
	TalksHeld(ctx context.Context, cohortID, participantID string, now time.Time) (int, error)
	ProgrammeSurveyExists(ctx context.Context, cohortID, authorID string) (bool, error)
	InsertProgrammeSurvey(ctx context.Context, s ProgrammeSurvey) error
	SelfAssessmentExists(ctx context.Context, cohortID, authorID string, phase Phase) (bool, error)
	InsertSelfAssessment(ctx context.Context, a SelfAssessment) error

	// Message loads one message of a thread (issue 19).
	Message(ctx context.Context, id string) (Message, error)
	// InsertMessage writes a new message, numbered (Message.Seq) after
	// the last of its thread.
	InsertMessage(ctx context.Context, m Message) error
	// MessagesSince counts the messages authorID wrote into a thread
	// after since.
	MessagesSince(ctx context.Context, threadID, authorID string, since time.Time) (int, error)
	// ThreadReadMark is how far readerID has read a thread.
	ThreadReadMark(ctx context.Context, threadID, readerID string) (MessageReadMark, error)
	// SetThreadReadMark writes how far a side has read a thread.
	SetThreadReadMark(ctx context.Context, r MessageReadMark) error

	// DismissSuggestion records a dismissed suggestion (issue 19); one
	// dismissed already is kept as it is.
	DismissSuggestion(ctx context.Context, d SuggestionDismissal) error

	// UpdateProfile writes the editable profile fields of p at now.
	UpdateProfile(ctx context.Context, p Participant, now time.Time) error
	SetBookmark(ctx context.Context, ownerID, targetID string, on bool, now time.Time) error
	// SetMailSettings writes the mail choices of participantID at now.
	SetMailSettings(ctx context.Context, participantID string, s MailSettings, now time.Time) error

	// ExpireOffers moves every pending offer that has passed its expiry at
	// now, or whose cohort no longer runs, to expired, and counts them.
	ExpireOffers(ctx context.Context, now time.Time) (int, error)
}

// Store runs fn in one read-write transaction: committed when fn returns
// nil, rolled back otherwise.
type Store interface {
	Update(ctx context.Context, fn func(Tx) error) error
}
