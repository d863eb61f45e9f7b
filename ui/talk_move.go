package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// startMove reads the programme period, then asks for the new time.
func (d *TalkDetail) startMove() {
	d.move.Disable()
	cohortID := d.talk.CohortID
	widgets.Background(func() (app.Cohort, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return d.svc.Cohort(ctx, cohortID)
	}, func(c app.Cohort, err error) {
		defer d.done()
		d.move.Enable()
		if err != nil {
			d.failed(err)
			return
		}
		d.openMove(c)
	})
}

// openMove asks for the time to propose. The talk keeps its time until
// the other person agrees.
func (d *TalkDetail) openMove(c app.Cohort) {
	k := d.talk
	now := d.svc.Now()
	from := c.Begins()
	if today := app.StartOfDay(now); today.After(from) {
		from = today
	}
	data := map[string]any{"Name": k.OtherName}
	intro := widgets.NewParagraph(lang.X("talk.propose_intro",
		"Please choose the day and time you would like. {{.Name}} will be asked whether it suits them; until they agree, the talk stays at its current time. The place or link stays the same.", data))
	parts := []fyne.CanvasObject{talkSummary(k), widget.NewSeparator(), intro}
	if p := k.Proposal; p != nil && p.By != d.svc.Me().ParticipantID {
		over := widgets.NewParagraph(lang.X("talk.propose_over_theirs", "{{.Name}} proposed {{.Slot}}. If you propose another time, that proposal is declined.",
			map[string]any{"Name": k.OtherName, "Slot": widgets.FormatSlot(app.Slot{Start: p.Start, End: p.End})}))
		over.Label.Importance = widget.WarningImportance
		parts = append(parts, over)
	}
	d.moveError = widgets.NewParagraph("")
	d.moveError.Label.Importance = widget.DangerImportance
	d.moveError.Hide()
	d.confirmMove = widget.NewButtonWithIcon(lang.X("talk.propose_confirm", "Propose this time"), theme.MailSendIcon(), func() { d.confirmedMove(c) })
	d.confirmMove.Importance = widget.HighImportance
	d.confirmMove.Disable()
	d.picker = widgets.NewSlotPicker(from, c.EndsOn, func() {
		d.setMoveError("")
		if _, ok := d.picker.Start(); ok {
			d.confirmMove.Enable()
		} else {
			d.confirmMove.Disable()
		}
	})
	d.keepTime = widget.NewButton(lang.X("talk.propose_keep", "Do not propose"), func() { d.moveDialog.Hide() })
	parts = append(parts,
		widget.NewLabelWithStyle(lang.X("talk.propose_new", "The day and time you propose"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		talkTall(d.picker), d.moveError)
	d.moveBody = container.NewVBox(parts...)
	d.moveScroll = container.NewVScroll(d.moveBody) // only when the window is too small
	d.moveDialog = dialog.NewCustomWithoutButtons(lang.X("talk.propose_title", "Propose a new date and time"), d.moveScroll, d.win)
	d.moveDialog.SetButtons([]fyne.CanvasObject{talkTall(d.keepTime), talkTall(d.confirmMove)})
	widgets.FitDialog(d.moveDialog, d.win, d.moveScroll, 560)
	d.ask(d.moveDialog, noLongerScheduled)
}

// setMoveError shows what is wrong with the chosen time; "" hides it.
func (d *TalkDetail) setMoveError(text string) {
	if d.moveError == nil || d.moveError.Text == text {
		return
	}
	d.moveError.SetText(text)
	d.moveError.Hidden = text == ""
	d.moveBody.Refresh()
	widgets.FitDialog(d.moveDialog, d.win, d.moveScroll, 560)
}

// moveProblem says what is wrong with start as the new time, or "".
func moveProblem(k app.Talk, c app.Cohort, start, now time.Time) string {
	switch {
	case !start.After(now):
		return lang.X("reject.slot_in_past", "That time has passed.")
	case start.Equal(k.Start):
		return lang.X("talk.reschedule_same", "This is the current time. Please choose a different day or time.")
	case start.Before(c.Begins()) || start.Add(c.Rules.TalkLength()).After(c.Ends()):
		return lang.X("reject.slot_outside_cohort", "That time is outside the programme period.")
	}
	return ""
}

// confirmedMove proposes the chosen time, at the same place.
func (d *TalkDetail) confirmedMove(c app.Cohort) {
	start, ok := d.picker.Start()
	if !ok {
		return
	}
	k := d.talk
	if p := moveProblem(k.Talk, c, start, d.svc.Now()); p != "" {
		d.setMoveError(p)
		return
	}
	d.moveDialog.Hide()
	d.setBusy(true)
	args := app.ProposeTimeArgs{TalkID: k.ID, Start: start}
	sent := false
	widgets.Background(func() (app.TalkItem, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		var err error
		if sent, err = d.svc.Send(ctx, app.TalkProposeTime, args); err != nil {
			return k, err
		}
		next, err := d.reload(ctx, k, k.Start)
		if err != nil {
			fyne.LogError("talk detail: read the talk again", err)
		}
		return next, nil
	}, func(next app.TalkItem, err error) {
		defer d.done()
		d.setBusy(false)
		if err != nil {
			d.failed(err)
			return
		}
		d.talk = next
		d.show()
		d.setDone(lang.X("talk.proposed_notice", "You proposed {{.When}} to {{.Name}}. Until they agree, the talk stays at its current time.",
			map[string]any{"When": widgets.FormatDateTime(start), "Name": k.OtherName}), sent)
		if d.OnChanged != nil {
			d.OnChanged(next)
		}
	})
}
