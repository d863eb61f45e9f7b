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
	"github.com/google/uuid"

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

func (d *TalkDetail) openMove(c app.Cohort) {
	k := d.talk
	now := d.svc.Now()
	from := c.Begins()
	if today := app.StartOfDay(now); today.After(from) {
		from = today
	}
	intro := widgets.NewParagraph(lang.X("talk.reschedule_intro",
		"Please choose the new day and time. The place or link stays the same. The other person will be told."))
	d.moveError = widgets.NewParagraph("")
	d.moveError.Label.Importance = widget.DangerImportance
	d.moveError.Hide()
	d.confirmMove = widget.NewButtonWithIcon(lang.X("talk.reschedule_confirm", "Change to this time"), theme.ConfirmIcon(), func() { d.confirmedMove(c) })
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
	d.keepTime = widget.NewButton(lang.X("talk.reschedule_keep", "Keep the current time"), func() { d.moveDialog.Hide() })
	d.moveBody = container.NewVBox(talkSummary(k), widget.NewSeparator(), intro,
		widget.NewLabelWithStyle(lang.X("talk.reschedule_new", "New day and time"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		talkTall(d.picker), d.moveError)
	d.moveDialog = dialog.NewCustomWithoutButtons(lang.X("talk.reschedule_title", "Change the date"), d.moveBody, d.win)
	d.moveDialog.SetButtons([]fyne.CanvasObject{talkTall(d.keepTime), talkTall(d.confirmMove)})
	d.moveDialog.Resize(fyne.NewSize(560, d.moveDialog.MinSize().Height))
	d.moveDialog.Show()
}

// setMoveError shows what is wrong with the chosen time; "" hides it.
func (d *TalkDetail) setMoveError(text string) {
	if d.moveError == nil || d.moveError.Text == text {
		return
	}
	d.moveError.SetText(text)
	d.moveError.Hidden = text == ""
	d.moveBody.Refresh()
	d.moveDialog.Resize(fyne.NewSize(560, d.moveDialog.MinSize().Height))
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

// confirmedMove moves the talk to the chosen time, at the same place.
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
	place := k.Place
	args := app.RescheduleTalkArgs{TalkID: k.ID, NewTalkID: uuid.NewString(), Start: start, Place: &place}
	me := d.svc.Me().ParticipantID
	widgets.Background(func() (app.TalkItem, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		if err := d.svc.Mutate(ctx, app.TalkReschedule, args); err != nil {
			return app.TalkItem{}, err
		}
		next := k
		next.ID, next.Start, next.End, next.Replaces = args.NewTalkID, start, start.Add(c.Rules.TalkLength()), k.ID
		talks, err := d.svc.TalksBetween(ctx, me, start, start.Add(time.Second))
		if err != nil {
			fyne.LogError("talk detail: read the moved talk", err)
		}
		for _, t := range talks {
			if t.ID == args.NewTalkID {
				next = t
			}
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
		d.setNotice(lang.X("talk.rescheduled_notice", "The date was changed to {{.When}}. The other person will be told.",
			map[string]any{"When": widgets.FormatDateTime(next.Start)}), widget.MediumImportance)
		if d.OnChanged != nil {
			d.OnChanged(next)
		}
	})
}
