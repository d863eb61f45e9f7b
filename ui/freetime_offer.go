package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The offer dialog's first step begins with 「おふたりの都合が合う候補」:
// the next times at which both people's weekly patterns meet and neither
// has a talk, each a button that puts it among the proposed times. The
// user's talks come from the device; the other person's busy times from
// the server (Services.BusyTimes), which tells only when they are taken.
// A part of a day both keep free but that a talk of either takes is
// shown only as 「予定あり」, never with the talk, nor whose it is.
// Offline, or when the server does not answer, the candidates know the
// user's calendar only, and one line says that the other person's
// calendar is checked only while online: they see a clash when they
// answer. The user can still choose any time in the slot editor below.

// offerFreeChoices is how many free candidates are proposed.
const offerFreeChoices = 4

// offerBusyWait bounds the wait for the other person's busy times: the
// candidates are a help, and come from the user's side alone after it.
const offerBusyWait = 8 * time.Second

// offerFreeTimes is the section of candidates.
type offerFreeTimes struct {
	box  *fyne.Container
	hint *widgets.Paragraph
	// theirs says, when the other person's busy times could not be
	// asked, that only the user's calendar was checked.
	theirs  *widgets.Paragraph
	choices *fyne.Container
	// added says which candidate was last put among the proposed times
	// (or taken out of them), under the candidates: the times below may
	// be out of sight.
	added   *widgets.Paragraph
	buttons map[int64]freeChoice // by the candidate's start, in Unix seconds
	shown   []app.FreeCandidate
}

// freeChoice is a candidate's button, and its time.
type freeChoice struct {
	b    *widget.Button
	slot app.Slot
}

// freeProposal is what the section shows: the candidates, and whether
// the other person's busy times were known to them.
type freeProposal struct {
	cands       []app.FreeCandidate
	theirsKnown bool
}

// freeTimeCandidates is proposeFreeTimes's candidates.
func freeTimeCandidates(ctx context.Context, svc Services, me, to app.DirectoryEntry, cohort app.Cohort, now time.Time) ([]app.FreeCandidate, error) {
	p, err := proposeFreeTimes(ctx, svc, me, to, cohort, now)
	return p.cands, err
}

// proposeFreeTimes reads what the proposal needs and proposes: both
// patterns, the user's own scheduled talks and the other person's busy
// times (asked of the server), from the next day (or the programme's
// first) for app.BusyRange, up to the programme's end. Without the
// other's busy times (offline, refused, no answer in offerBusyWait) it
// proposes from the user's side only, theirsKnown false. It reads the
// store and the network: call it off the UI goroutine.
func proposeFreeTimes(ctx context.Context, svc Services, me, to app.DirectoryEntry, cohort app.Cohort, now time.Time) (freeProposal, error) {
	if me.FreeWeek.Empty() || to.FreeWeek.Empty() {
		return freeProposal{theirsKnown: true}, nil // nothing to propose, nothing to ask
	}
	after := app.StartOfDay(now).AddDate(0, 0, 1)
	if b := cohort.Begins(); b.After(after) {
		after = b
	}
	until := cohort.Ends()
	if end := after.Add(app.BusyRange); end.Before(until) {
		until = end
	}
	if !until.After(after) {
		return freeProposal{theirsKnown: true}, nil
	}
	talks, err := svc.TalksBetween(ctx, svc.Me().ParticipantID, after.Add(-24*time.Hour), until)
	if err != nil {
		return freeProposal{}, fmt.Errorf("the user's talks for the free times: %w", err)
	}
	var busy []app.Slot
	for _, k := range talks {
		if k.State == app.TalkScheduled {
			busy = append(busy, app.Slot{Start: k.Start, End: k.End})
		}
	}
	bctx, cancel := context.WithTimeout(ctx, offerBusyWait)
	theirs, err := svc.BusyTimes(bctx, to.ID, after, until)
	cancel()
	known := err == nil
	if err != nil && !errors.Is(err, app.ErrOffline) {
		fyne.LogError("offer dialog: the other person's busy times", err) // a help, not a condition
	}
	busy = append(busy, theirs...)
	return freeProposal{theirsKnown: known, cands: app.ProposeTimes(app.FreeTimeQuery{
		Mine: me.FreeWeek, Theirs: to.FreeWeek, Busy: busy,
		After: after, Until: until, Length: cohort.Rules.TalkLength(), N: offerFreeChoices,
	})}, nil
}

// buildFreeTimes makes the section, empty until loadFreeTimes fills it.
func (d *OfferDialog) buildFreeTimes() *fyne.Container {
	f := &offerFreeTimes{buttons: map[int64]freeChoice{}}
	f.hint = widgets.NewParagraph(lang.X("freetime.offer.loading", "Looking for times that suit you both…"))
	f.theirs = widgets.NewParagraph(lang.X("freetime.offer.theirs_offline", "The other person's calendar can be checked only while you are online."))
	f.theirs.Hide()
	f.choices = container.NewGridWithColumns(2)
	f.added = widgets.NewParagraph("")
	f.added.Hide()
	f.box = container.NewVBox(
		widget.NewLabelWithStyle(lang.X("freetime.offer.title", "Times that suit you both"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.hint, f.theirs, f.choices, f.added, widget.NewSeparator())
	d.free = f
	return f.box
}

// loadFreeTimes proposes the candidates off the UI goroutine.
func (d *OfferDialog) loadFreeTimes() {
	me, to, cohort, now := d.me, d.to, d.cohort, d.svc.Now()
	directoryBackground(&d.inflight, func() (freeProposal, error) {
		return proposeFreeTimes(context.Background(), d.svc, me, to, cohort, now)
	}, func(p freeProposal, err error) {
		if err != nil {
			fyne.LogError("offer dialog: free times", err) // a help, not a condition
		}
		if err == nil && !p.theirsKnown {
			d.free.theirs.Show()
		} else {
			d.free.theirs.Hide()
		}
		d.showFreeTimes(p.cands, err)
	})
}

// showFreeTimes shows the candidates, or says why there are none.
func (d *OfferDialog) showFreeTimes(cs []app.FreeCandidate, err error) {
	f := d.free
	f.shown = cs
	f.choices.RemoveAll()
	f.added.Hide()
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
		b := widget.NewButtonWithIcon(freeChoiceText(c.Slot), theme.ContentAddIcon(), func() { d.toggleFree(start) })
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

// toggleFree puts the candidate at start among the proposed times, or
// takes it out of them when it is there, and says so under the
// candidates.
func (d *OfferDialog) toggleFree(start time.Time) {
	var others []time.Time
	was := false
	for _, p := range d.slots.Pickers() {
		s, ok := p.Start()
		switch {
		case ok && s.Equal(start):
			was = true
		case ok:
			others = append(others, s)
		}
	}
	c, ok := d.free.buttons[start.Unix()]
	if !ok {
		return
	}
	if was {
		d.slots.SetStarts(others)
		d.syncFreeChoices()
		d.free.added.SetText(lang.X("freetime.offer.removed", "{{.Time}} was taken out of the proposed times.", map[string]any{"Time": freeChoiceText(c.slot)}))
		d.free.added.Show()
		return
	}
	if d.chooseFree(start) {
		d.free.added.SetText(lang.X("freetime.offer.added", "{{.Time}} was added to the proposed times.", map[string]any{"Time": freeChoiceText(c.slot)}))
		d.free.added.Show()
	}
}

// chooseFree puts start among the proposed times: in the first time not
// chosen yet, or as a new one, and reports whether it is there. With
// every time chosen, it says so.
func (d *OfferDialog) chooseFree(start time.Time) bool {
	var starts []time.Time
	var empty *widgets.SlotPicker
	for _, p := range d.slots.Pickers() {
		s, ok := p.Start()
		switch {
		case ok && s.Equal(start):
			return true // chosen already
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
		return false
	}
	d.syncFreeChoices()
	return true
}

// syncFreeChoices marks the candidates chosen among the proposed times
// (a check and the colour of a chosen button; a tap takes one out), the
// others with a plus. The text stays the same, so the buttons keep their
// width.
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
			c.b.Icon, c.b.Importance = theme.ConfirmIcon(), widget.HighImportance
		} else {
			c.b.Icon, c.b.Importance = theme.ContentAddIcon(), widget.MediumImportance
		}
		c.b.Refresh()
	}
}
