package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// Mutator names. The suffix is the version of the arguments' shape: a
// change that old clients cannot send gets a new name, and the old one
// keeps working.
const (
	OfferSend        = "offer.send.v1"
	OfferAccept      = "offer.accept.v1"
	OfferCounter     = "offer.counter.v1"
	OfferDecline     = "offer.decline.v1"
	OfferWithdraw    = "offer.withdraw.v1"
	TalkCancel       = "talk.cancel.v1"
	TalkReschedule   = "talk.reschedule.v1" // older apps: now a proposal
	TalkProposeTime  = "talk.proposeTime.v1"
	TalkAcceptTime   = "talk.acceptTime.v1"
	TalkDeclineTime  = "talk.declineTime.v1"
	TalkWithdrawTime = "talk.withdrawTime.v1"
	TalkMarkHeld     = "talk.markHeld.v1"
	TalkMarkNoShow   = "talk.markNoShow.v1"
	SurveySubmit     = "survey.submit.v1"
	// The self-assessment at joining a programme and the programme
	// survey (issue 18).
	SelfAssessmentSubmit  = "selfassessment.submit.v1"
	ProgrammeSurveySubmit = "programme.survey.v1"
	ProfileUpdate         = "profile.update.v1"
	BookmarkSet           = "bookmark.set.v1"
	MaxArgsBytes          = 64 << 10 // larger arguments are refused before decoding
)

// MaxMutationID is the highest mutation id a device may use (2^53 - 1).
// A device numbers its mutations 1, 2, 3…, so no device ever gets near
// it; the bound keeps every id exact in a JSON number of any client, and
// lets the server compute lastMutationID+1 without overflowing. The
// server refuses a higher id, and a replica never makes one.
const MaxMutationID int64 = 1<<53 - 1

// The longest free texts the mutators accept, in characters (runes) of
// the text as sent; a longer one is refused with CodeTooLong. The UI
// checks the same limits as the user types.
const (
	MaxMessageRunes = 1000 // an offer's or counter-proposal's message
	MaxNoteRunes    = 500  // the note of a decline
	MaxCommentRunes = 2000 // a survey's comment
	MaxPlaceRunes   = 300  // a talk's place or meeting link
)

// Mutator is one named operation. Apply decodes and validates args, checks
// every rule against the data in tx, and writes through tx. now is the
// clock of whoever runs it: the server's is the one that counts.
type Mutator interface {
	Name() string
	Apply(ctx context.Context, tx Tx, actor Actor, args json.RawMessage, now time.Time) error
}

// mutator adapts a typed apply function to Mutator.
type mutator[A any] struct {
	name  string
	apply func(ctx context.Context, tx Tx, actor Actor, args A, now time.Time) error
}

func (m mutator[A]) Name() string { return m.name }

func (m mutator[A]) Apply(ctx context.Context, tx Tx, actor Actor, raw json.RawMessage, now time.Time) error {
	// Every v1 mutator is a participant's own action; HR and the
	// secretariat have their own operations (a setting of their own,
	// such as mail.settings.v1, is an ownSetting).
	if actor.Role != RoleParticipant {
		return Reject(CodeNotAllowed, "%s may not run %s", actor.Role, m.name)
	}
	var args A
	if err := DecodeArgs(raw, &args); err != nil {
		return err
	}
	return m.apply(ctx, tx, actor, args, now)
}

// DecodeArgs decodes raw into v strictly: one JSON object, no unknown
// fields, no trailing data, at most MaxArgsBytes. Any failure is a
// *Rejection with CodeBadArgs or CodeTooLarge.
func DecodeArgs(raw []byte, v any) error {
	if len(raw) > MaxArgsBytes {
		return Reject(CodeTooLarge, "arguments are %d bytes, limit %d", len(raw), MaxArgsBytes)
	}
	if !utf8.Valid(raw) {
		return Reject(CodeBadArgs, "arguments are not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return Reject(CodeBadArgs, "decode: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Reject(CodeBadArgs, "trailing data after arguments")
	}
	return nil
}

var registry = func() map[string]Mutator {
	all := []Mutator{
		mutator[SendOfferArgs]{OfferSend, sendOffer},
		mutator[AcceptOfferArgs]{OfferAccept, acceptOffer},
		mutator[CounterOfferArgs]{OfferCounter, counterOffer},
		mutator[DeclineOfferArgs]{OfferDecline, declineOffer},
		mutator[WithdrawOfferArgs]{OfferWithdraw, withdrawOffer},
		mutator[CancelTalkArgs]{TalkCancel, cancelTalk},
		mutator[RescheduleTalkArgs]{TalkReschedule, rescheduleTalk},
		mutator[ProposeTimeArgs]{TalkProposeTime, proposeTime},
		mutator[TimeAnswerArgs]{TalkAcceptTime, acceptTime},
		mutator[TimeAnswerArgs]{TalkDeclineTime, declineTime},
		mutator[TimeAnswerArgs]{TalkWithdrawTime, withdrawTime},
		mutator[TalkArgs]{TalkMarkHeld, markHeld},
		mutator[TalkArgs]{TalkMarkNoShow, markNoShow},
		mutator[SubmitSurveyArgs]{SurveySubmit, submitSurvey},
		mutator[SelfAssessmentArgs]{SelfAssessmentSubmit, submitSelfAssessment},
		mutator[ProgrammeSurveyArgs]{ProgrammeSurveySubmit, submitProgrammeSurvey},
		mutator[UpdateProfileArgs]{ProfileUpdate, updateProfile},
		mutator[SetBookmarkArgs]{BookmarkSet, setBookmark},
		mutator[SendMessageArgs]{MessageSend, sendMessage},
		mutator[ReadMessagesArgs]{MessageRead, readMessages},
		mutator[DismissSuggestionArgs]{SuggestionDismiss, dismissSuggestion},
		ownSetting[MailSettings]{MailSet, setMail},
	}
	m := make(map[string]Mutator, len(all))
	for _, x := range all {
		m[x.Name()] = x
	}
	return m
}()

// Lookup returns the mutator called name.
func Lookup(name string) (Mutator, bool) {
	m, ok := registry[name]
	return m, ok
}

// MutatorNames lists every registered mutator name.
func MutatorNames() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	return names
}

// Apply runs the mutator called name inside tx. An unknown name is a
// *Rejection with CodeUnknownMutator.
func Apply(ctx context.Context, tx Tx, name string, actor Actor, args json.RawMessage, now time.Time) error {
	m, ok := Lookup(name)
	if !ok {
		return Reject(CodeUnknownMutator, "%q", name)
	}
	return m.Apply(ctx, tx, actor, args, now)
}

// Run runs the mutator called name in its own transaction of store: all of
// its writes commit together, or none do.
func Run(ctx context.Context, store Store, name string, actor Actor, args json.RawMessage, now time.Time) error {
	if _, ok := Lookup(name); !ok {
		return Reject(CodeUnknownMutator, "%q", name)
	}
	err := store.Update(ctx, func(tx Tx) error {
		return Apply(ctx, tx, name, actor, args, now)
	})
	if err != nil && !IsRejection(err) {
		return fmt.Errorf("run %s: %w", name, err)
	}
	return err
}

// Args encodes v as mutator arguments.
func Args(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("app.Args: %v", err)) // only our own arg types reach here
	}
	return b
}
