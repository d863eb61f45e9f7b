package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// Proposing a time at which the user already has a talk is allowed (they
// may mean to move it), but they are told first. Only the user's own
// calendar is looked at: the other person's talks never reach this
// device's views.

// clashText says, a line per proposed time, which of the user's own
// scheduled talks it overlaps, or "" when none does. Each talk lasts
// length. It reads the store: call it off the UI goroutine.
func clashText(ctx context.Context, svc Services, starts []time.Time, length time.Duration) (string, error) {
	var lines []string
	for i, s := range starts {
		talks, err := clashingTalks(ctx, svc, app.Slot{Start: s, End: s.Add(length)}, "")
		if err != nil {
			return "", err
		}
		for _, k := range talks {
			lines = append(lines, lang.X("slot.clash", "{{.Candidate}} overlaps your cross talk with {{.Name}} ({{.Slot}}).", map[string]any{
				"Candidate": widgets.Candidate(i, s), "Name": k.OtherName, "Slot": widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}),
			}))
		}
	}
	if len(lines) == 0 {
		return "", nil
	}
	lines = append(lines, lang.X("slot.clash_hint", "You can still send it. If you mean to move that talk, please arrange it with the other person."))
	return strings.Join(lines, "\n"), nil
}

// clashingTalks lists the user's own scheduled talks, but the one with
// id except, that overlap slot. It reads the store: call it off the UI
// goroutine.
func clashingTalks(ctx context.Context, svc Services, slot app.Slot, except string) ([]app.TalkItem, error) {
	talks, err := svc.TalksBetween(ctx, svc.Me().ParticipantID, slot.Start.Add(-24*time.Hour), slot.End)
	if err != nil {
		return nil, fmt.Errorf("the user's talks around %s: %w", slot.Start, err)
	}
	var out []app.TalkItem
	for _, k := range talks {
		if k.ID != except && k.State == app.TalkScheduled && slot.Overlaps(app.Slot{Start: k.Start, End: k.End}) {
			out = append(out, k)
		}
	}
	return out, nil
}

// talkClashText says which of the user's talks a new time would overlap.
func talkClashText(talks []app.TalkItem) string {
	lines := make([]string, len(talks))
	for i, k := range talks {
		lines[i] = lang.X("talk.proposal.clash", "This time overlaps your cross talk with {{.Name}} ({{.Slot}}).",
			map[string]any{"Name": k.OtherName, "Slot": widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End})})
	}
	return strings.Join(lines, "\n")
}
