package app

import (
	"errors"
	"fmt"
)

// Code is the stable identifier of a rejection. Codes travel over the
// wire and key the UI's translations, so they never change meaning.
type Code string

// Rejection codes. A mutator returns exactly one of these when it refuses.
const (
	// Input.
	CodeUnknownMutator Code = "unknown_mutator"
	CodeBadArgs        Code = "bad_args"
	CodeTooLarge       Code = "too_large"
	CodeTooLong        Code = "too_long"       // a text over its length limit
	CodeInvisibleChar  Code = "invisible_char" // a text holds a direction override or another invisible control (CheckText)

	// Who and where.
	CodeUnknownActor       Code = "unknown_actor"
	CodeNotAllowed         Code = "not_allowed"
	CodeNotFound           Code = "not_found"
	CodeSelf               Code = "self"
	CodeSameCompany        Code = "same_company"
	CodeNotInCohort        Code = "not_in_cohort"
	CodeCohortNotOpen      Code = "cohort_not_open"
	CodeRecipientInvisible Code = "recipient_invisible"
	CodeModeNotAccepted    Code = "mode_not_accepted"

	// Offers.
	CodeDuplicateID       Code = "duplicate_id"
	CodeAlreadyPending    Code = "already_pending"
	CodeSenderBusy        Code = "sender_busy"
	CodeRecipientBusy     Code = "recipient_busy"
	CodeOfferNotPending   Code = "offer_not_pending"
	CodeOfferExpired      Code = "offer_expired"
	CodeNotYourTurn       Code = "not_your_turn"
	CodeTooManyRounds     Code = "too_many_rounds"
	CodeSlotNotOffered    Code = "slot_not_offered"
	CodeSlotInPast        Code = "slot_in_past"
	CodeSlotOutsideCohort Code = "slot_outside_cohort"

	// Proposed times.
	CodeSlotRepeated       Code = "slot_repeated"        // two proposed times are the same
	CodeSlotsOverlap       Code = "slots_overlap"        // two proposed times overlap
	CodeSlotAlreadyOffered Code = "slot_already_offered" // a counter-proposal repeats a time the offer proposes

	// Talks and surveys.
	CodeTalkNotScheduled Code = "talk_not_scheduled"
	CodeTalkNotStarted   Code = "talk_not_started"
	CodeTalkNotHeld      Code = "talk_not_held"
	CodeSurveyExists     Code = "survey_exists"
	CodeOutOfRange       Code = "out_of_range"
	// The programme survey (issue 18): its window has not opened yet, or
	// has closed; the person held no talk in the programme; the programme
	// has ended, so its "before" self-assessment is no longer taken.
	CodeSurveyNotOpen  Code = "survey_not_open"
	CodeSurveyClosed   Code = "survey_closed"
	CodeNoTalkHeld     Code = "no_talk_held"
	CodeProgrammeEnded Code = "programme_ended"
	// The proposed time answered is no longer there: withdrawn, answered,
	// or replaced by another.
	CodeNoProposal Code = "no_proposal"
	// A message thread (issue 19) whose offer was declined, withdrawn or
	// expired, or whose talk was cancelled or ended ThreadOpenAfterTalk
	// ago, takes no new message.
	CodeThreadClosed Code = "thread_closed"
	// CodeTooManyMessages: one side wrote MaxMessagesPerDay messages into
	// the thread within a day.
	CodeTooManyMessages Code = "too_many_messages"

	// Administration.
	CodeDuplicateEmployeeNo Code = "duplicate_employee_no" // an import repeats an employee number
	// A new invitation code for someone who has already joined (redeemed
	// a code once, even on a device stopped since) is the secretariat's
	// to make: HR asking for one gets this.
	CodeAlreadyJoined Code = "already_joined"

	// E-mail addresses (issue 17). The code typed is not the one mailed;
	// the code has passed its time, or there is none to confirm; too
	// many wrong codes were typed (a new code must be asked for); too
	// many codes were asked for lately; the server sends no mail.
	CodeEmailCodeWrong   Code = "email_code_wrong"
	CodeEmailCodeExpired Code = "email_code_expired"
	CodeEmailCodeLocked  Code = "email_code_locked"
	CodeEmailTooMany     Code = "email_too_many"
	CodeMailOff          Code = "mail_off"

	// Sync. The server had already processed another mutation (another
	// name or other arguments) under this mutation's id, so it did not run
	// this one: the user must do it again.
	CodeMutationReused Code = "mutation_reused"
)

// Codes lists every rejection code, for translation completeness checks.
var Codes = []Code{
	CodeUnknownMutator, CodeBadArgs, CodeTooLarge, CodeTooLong, CodeInvisibleChar,
	CodeUnknownActor, CodeNotAllowed, CodeNotFound, CodeSelf, CodeSameCompany,
	CodeNotInCohort, CodeCohortNotOpen, CodeRecipientInvisible, CodeModeNotAccepted,
	CodeDuplicateID, CodeAlreadyPending, CodeSenderBusy, CodeRecipientBusy,
	CodeOfferNotPending, CodeOfferExpired, CodeNotYourTurn, CodeTooManyRounds,
	CodeSlotNotOffered, CodeSlotInPast, CodeSlotOutsideCohort,
	CodeSlotRepeated, CodeSlotsOverlap, CodeSlotAlreadyOffered,
	CodeTalkNotScheduled, CodeTalkNotStarted, CodeTalkNotHeld, CodeSurveyExists,
	CodeOutOfRange, CodeNoProposal, CodeThreadClosed, CodeTooManyMessages,
	CodeSurveyNotOpen, CodeSurveyClosed, CodeNoTalkHeld, CodeProgrammeEnded,
	CodeDuplicateEmployeeNo, CodeAlreadyJoined,
	CodeEmailCodeWrong, CodeEmailCodeExpired, CodeEmailCodeLocked, CodeEmailTooMany, CodeMailOff,
	CodeMutationReused,
}

// Rejection is a business refusal: the input or the current state does
// not allow the mutation. It is never a transient failure, so retrying
// the same mutation gives the same answer.
type Rejection struct {
	Code   Code   `json:"code"`
	Detail string `json:"detail,omitempty"` // for logs and developers, not shown to users
}

func (r *Rejection) Error() string {
	if r.Detail == "" {
		return "rejected: " + string(r.Code)
	}
	return "rejected: " + string(r.Code) + ": " + r.Detail
}

// Reject returns a *Rejection with code and a formatted detail.
func Reject(code Code, format string, args ...any) error {
	return &Rejection{Code: code, Detail: fmt.Sprintf(format, args...)}
}

// CodeOf returns the rejection code in err's chain, or "" when err is not
// a rejection.
func CodeOf(err error) Code {
	var r *Rejection
	if errors.As(err, &r) {
		return r.Code
	}
	return ""
}

// IsRejection reports whether err is a business rejection.
func IsRejection(err error) bool { return CodeOf(err) != "" }

// ErrNotFound is what a store returns when a row does not exist.
var ErrNotFound = errors.New("not found")

// ErrOffline is what a call that needs the server returns when the server
// cannot be reached (no network, server down): trying again later helps.
var ErrOffline = errors.New("the server cannot be reached")
