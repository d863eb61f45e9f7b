package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// MaxRounds is how many counter-proposals one offer may go through.
const MaxRounds = 3

// MaxSlots is how many times an offer may propose at once.
const MaxSlots = 3

// DeclineReasons are the stock reasons, which save face, for declining.
var DeclineReasons = []string{"schedule", "workload", "theme", "other"}

// CancelReasons are the stock reasons for cancelling a talk.
var CancelReasons = []string{"schedule", "work", "health", "other"}

// load wraps store reads: a missing row becomes a rejection with code.
func load[T any](v T, err error, code Code, what string) (T, error) {
	if errors.Is(err, ErrNotFound) {
		return v, Reject(code, "%s", what)
	}
	if err != nil {
		return v, fmt.Errorf("load %s: %w", what, err)
	}
	return v, nil
}

// absent checks that a client-made id is still free: the lookup found
// nothing.
func absent[T any](_ T, err error) error {
	switch {
	case err == nil:
		return Reject(CodeDuplicateID, "id already used")
	case errors.Is(err, ErrNotFound):
		return nil
	default:
		return fmt.Errorf("check id: %w", err)
	}
}

// actorOf loads the acting participant.
func actorOf(ctx context.Context, tx Tx, a Actor) (Participant, error) {
	if a.ParticipantID == "" {
		return Participant{}, Reject(CodeUnknownActor, "no participant")
	}
	p, err := tx.Participant(ctx, a.ParticipantID)
	return load(p, err, CodeUnknownActor, "actor "+a.ParticipantID)
}

// openCohortFor checks that cohortID is open at now and that every one of
// people belongs to it, and returns it.
func openCohortFor(ctx context.Context, tx Tx, cohortID string, now time.Time, people ...Participant) (Cohort, error) {
	c, err := tx.Cohort(ctx, cohortID)
	if c, err = load(c, err, CodeNotFound, "cohort "+cohortID); err != nil {
		return c, err
	}
	for _, p := range people {
		if !p.InCohort(c.ID) {
			return c, Reject(CodeNotInCohort, "%s is not in cohort %s", p.ID, c.ID)
		}
	}
	if !c.OpenAt(now) {
		return c, Reject(CodeCohortNotOpen, "cohort %s is %s, ends %s", c.ID, c.State, c.Ends())
	}
	return c, nil
}

// slotsFor turns proposed start times into slots under the cohort's rules:
// 1 to MaxSlots, in the future, inside the cohort period, and none the
// same as another (CodeSlotRepeated) or overlapping it (CodeSlotsOverlap):
// one person cannot hold two talks at once.
func slotsFor(starts []time.Time, c Cohort, now time.Time) ([]Slot, error) {
	if len(starts) == 0 || len(starts) > MaxSlots {
		return nil, Reject(CodeBadArgs, "%d slots, want 1 to %d", len(starts), MaxSlots)
	}
	slots := make([]Slot, 0, len(starts))
	for i, s := range starts {
		if s.IsZero() {
			return nil, Reject(CodeBadArgs, "slot %d has no time", i)
		}
		slot := Slot{Start: s.UTC(), End: s.Add(c.Rules.TalkLength()).UTC()}
		for j, prev := range slots {
			if prev.Start.Equal(s) {
				return nil, Reject(CodeSlotRepeated, "slot %d repeats slot %d", i, j)
			}
			if prev.Overlaps(slot) {
				return nil, Reject(CodeSlotsOverlap, "slot %d overlaps slot %d", i, j)
			}
		}
		if !slot.Start.After(now) {
			return nil, Reject(CodeSlotInPast, "slot %s is not after %s", s, now)
		}
		if slot.Start.Before(c.Begins()) || slot.End.After(c.Ends()) {
			return nil, Reject(CodeSlotOutsideCohort, "slot %s outside %s–%s", s, c.Begins(), c.Ends())
		}
		slots = append(slots, slot)
	}
	return slots, nil
}

// checkID checks that id is a UUID, as clients make them.
func checkID(id, what string) error {
	if _, err := uuid.Parse(id); err != nil || len(id) != 36 {
		return Reject(CodeBadArgs, "%s %q is not a UUID", what, id)
	}
	return nil
}

// checkText checks a free-text field's length in characters, and that it
// holds no invisible control character (CheckText).
func checkText(s, what string, minRunes, maxRunes int) error {
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return Reject(CodeTooLong, "%s has %d characters, at most %d", what, n, maxRunes)
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(s)); n < minRunes {
		return Reject(CodeBadArgs, "%s has %d characters, want at least %d", what, n, minRunes)
	}
	if strings.ContainsRune(s, 0) {
		return Reject(CodeBadArgs, "%s contains NUL", what)
	}
	if err := CheckText(s); err != nil {
		return Reject(CodeInvisibleChar, "%s %s", what, err.(*Rejection).Detail)
	}
	return nil
}

// checkChoice checks that v is one of choices.
func checkChoice(v, what string, choices []string) error {
	for _, c := range choices {
		if v == c {
			return nil
		}
	}
	return Reject(CodeBadArgs, "%s %q is not one of %v", what, v, choices)
}

// TalkIDFor is the id of the talk that accepting offer creates. It is
// derived from the offer so that the client's prediction and the server's
// row agree.
func TalkIDFor(offerID string) string {
	return uuid.NewSHA1(talkNamespace, []byte(offerID)).String()
}

var talkNamespace = uuid.MustParse("7b0e1d52-6c1a-4c55-9a3e-2f8a1f0c9d11")
