package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The offer dialog's first step begins with 「おふたりの都合が合う候補」:
// the next times at which both people's weekly patterns meet and the
// user has no talk, each a button that puts it among the proposed times.
// A part of a day both keep free but that a talk of the user's takes is
// shown only as 「予定あり」, never with the talk. The other person's
// talks are not known on this device (app/freetime.go says why): they
// see a clash when they answer. The user can still choose any time in
// the slot editor below.

// offerFreeChoices is how many free candidates are proposed.
const offerFreeChoices = 4

// offerFreeTimes is the section of candidates.
type offerFreeTimes struct {
	box     *fyne.Container
	hint    *widgets.Paragraph
	choices *fyne.Container
	buttons map[int64]freeChoice // by the candidate's start, in Unix seconds
	shown   []app.FreeCandidate
}

// freeChoice is a candidate's button, and its time.
type freeChoice struct {
	b    *widget.Button
	slot app.Slot
}

// freeTimeCandidates reads what the proposal needs and proposes: both
// patterns, the user's own scheduled talks, from the next day (or the
// programme's first) to the programme's end. It reads the store: call it
// off the UI goroutine.
func freeTimeCandidates(ctx context.Context, svc Services, me, to app.DirectoryEntry, cohort app.Cohort, now time.Time) ([]app.FreeCandidate, error) {
	if me.FreeWeek.Empty() || to.FreeWeek.Empty() {
		return nil, nil
	}
	after := app.StartOfDay(now).AddDate(0, 0, 1)
	if b := cohort.Begins(); b.After(after) {
		after = b
	}
	talks, err := svc.TalksBetween(ctx, svc.Me().ParticipantID, after.Add(-24*time.Hour), cohort.Ends())
	if err != nil {
		return nil, fmt.Errorf("the user's talks for the free times: %w", err)
	}
	var busy []app.Slot
	for _, k := range talks {
		if k.State == app.TalkScheduled {
			busy = append(busy, app.Slot{Start: k.Start, End: k.End})
		}
	}
	return app.ProposeTimes(app.FreeTimeQuery{
		Mine: me.FreeWeek, Theirs: to.FreeWeek, Busy: busy,
		After: after, Until: cohort.Ends(), Length: cohort.Rules.TalkLength(), N: offerFreeChoices,
	}), nil
}

// buildFreeTimes makes the section, empty until loadFreeTimes fills it.
func (d *OfferDialog) buildFreeTimes() *fyne.Container {
	f := &offerFreeTimes{buttons: map[int64]freeChoice{}}
	f.hint = widgets.NewParagraph(lang.X("freetime.offer.loading", "Looking for times that suit you both…"))
	f.choices = container.NewGridWithColumns(2)
	f.box = container.NewVBox(
		widget.NewLabelWithStyle(lang.X("freetime.offer.title", "Times that suit you both"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.hint, f.choices, widget.NewSeparator())
	d.free = f
	return f.box
}

// loadFreeTimes proposes the candidates off the UI goroutine.
func (d *OfferDialog) loadFreeTimes() {
	me, to, cohort, now := d.me, d.to, d.cohort, d.svc.Now()
	directoryBackground(&d.inflight, func() ([]app.FreeCandidate, error) {
		return freeTimeCandidates(context.Background(), d.svc, me, to, cohort, now)
	}, func(cs []app.FreeCandidate, err error) {
		if err != nil {
			fyne.LogError("offer dialog: free times", err) // a help, not a condition
		}
		d.showFreeTimes(cs, err)
	})
}

// showFreeTimes shows the candidates, or says why there are none.
func (d *OfferDialog) showFreeTimes(cs []app.FreeCandidate, err error) {
	f := d.free
	f.shown = cs
	f.choices.RemoveAll()
	clear(f.buttons)
	free := 0
	for _, c := range cs {
		if c.Busy {
			l := widget.NewLabel(freeBusyText(c))
			l.Wrapping = fyne.TextWrapWord
			f.choices.Add(l)
			continue
		}
		free++
		start := c.Slot.Start
		b := widget.NewButton(freeChoiceText(c.Slot), func() { d.chooseFree(start) })
		f.buttons[start.Unix()] = freeChoice{b: b, slot: c.Slot}
		f.choices.Add(widgets.Tall(b, widgets.TallButton))
	}
	switch {
	case err != nil:
		f.hint.SetText(lang.X("freetime.offer.failed", "The times that suit you both could not be read. Please choose times below."))
	case d.me.FreeWeek.Empty():
		f.hint.SetText(lang.X("freetime.offer.mine_unset", "If you tick your usual free times in “My profile”, times that suit you both are proposed here. Please choose times below."))
	case d.to.FreeWeek.Empty():
		f.hint.SetText(lang.X("freetime.offer.theirs_unset", "{{.Name}} has not set usual free times yet. Please choose times below.", map[string]any{"Name": d.to.Name}))
	case free == 0:
		f.hint.SetText(lang.X("freetime.offer.none", "No time that suits you both was found in the programme period. Please choose times below."))
	default:
		f.hint.SetText(lang.X("freetime.offer.hint", "Press a time to add it to the proposed times. You can also choose any other time below."))
	}
	d.syncFreeChoices()
	f.box.Refresh()
}

// chooseFree puts start among the proposed times: in the first time not
// chosen yet, or as a new one. With every time chosen, it says so.
func (d *OfferDialog) chooseFree(start time.Time) {
	var starts []time.Time
	var empty *widgets.SlotPicker
	for _, p := range d.slots.Pickers() {
		s, ok := p.Start()
		switch {
		case ok && s.Equal(start):
			return // chosen already
		case ok:
			starts = append(starts, s)
		case empty == nil:
			empty = p
		}
	}
	switch {
	case empty != nil:
		empty.SetStart(start)
	case len(starts) < app.MaxSlots:
		d.slots.SetStarts(append(starts, start))
	default:
		d.say(errors.New(lang.X("freetime.offer.full", "You have chosen {{.Max}} times already. Please delete one before choosing another.", map[string]any{"Max": app.MaxSlots})))
		return
	}
	d.syncFreeChoices()
}

// syncFreeChoices marks the candidates chosen among the proposed times
// (「選択中」, disabled), and enables the others.
func (d *OfferDialog) syncFreeChoices() {
	if d.free == nil {
		return
	}
	chosen := map[int64]bool{}
	for _, p := range d.slots.Pickers() {
		if s, ok := p.Start(); ok {
			chosen[s.Unix()] = true
		}
	}
	for at, c := range d.free.buttons {
		if chosen[at] {
			c.b.SetText(lang.X("freetime.offer.chosen", "{{.Time}} (chosen)", map[string]any{"Time": freeChoiceText(c.slot)}))
			c.b.Disable()
		} else {
			c.b.SetText(freeChoiceText(c.slot))
			c.b.Enable()
		}
	}
}
