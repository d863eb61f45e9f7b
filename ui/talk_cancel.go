package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// startCancel asks for a reason and a confirmation before cancelling.
func (d *TalkDetail) startCancel() {
	k := d.talk
	labels := make([]string, len(app.CancelReasons))
	for i, r := range app.CancelReasons {
		labels[i] = CancelReasonText(r)
	}
	intro := widgets.NewParagraph(lang.X("talk.cancel_intro",
		"You are about to cancel this cross talk. Please choose a reason and press “Cancel the talk”. The other person will be told."))
	d.keepTalk = widget.NewButton(lang.X("talk.cancel_keep", "Do not cancel"), func() { d.cancelDialog.Hide() })
	d.confirmCancel = widget.NewButtonWithIcon(lang.X("talk.cancel_confirm", "Cancel the talk"), theme.CancelIcon(), d.confirmedCancel)
	d.confirmCancel.Importance = widget.DangerImportance
	d.confirmCancel.Disable()
	d.reasons = widget.NewRadioGroup(labels, func(string) {
		if d.reasons.Selected == "" {
			d.confirmCancel.Disable()
		} else {
			d.confirmCancel.Enable()
		}
	})
	d.reasons.Required = true
	body := container.NewVBox(talkSummary(k), widget.NewSeparator(), intro,
		widget.NewLabelWithStyle(lang.X("talk.cancel_reason_label", "Reason"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		d.reasons)
	scroll := container.NewVScroll(body) // only when the window is too small
	d.cancelDialog = dialog.NewCustomWithoutButtons(lang.X("talk.cancel_title", "Cancel this cross talk?"), scroll, d.win)
	d.cancelDialog.SetButtons([]fyne.CanvasObject{talkTall(d.keepTalk), talkTall(d.confirmCancel)})
	widgets.FitDialog(d.cancelDialog, d.win, scroll, 520)
	d.ask(d.cancelDialog, noLongerScheduled)
}

// confirmedCancel cancels the talk with the chosen reason.
func (d *TalkDetail) confirmedCancel() {
	reason := ""
	for i, l := range d.reasons.Options {
		if l == d.reasons.Selected {
			reason = app.CancelReasons[i]
		}
	}
	if reason == "" {
		return
	}
	d.cancelDialog.Hide()
	d.setBusy(true)
	k := d.talk
	sent := false
	widgets.Background(func() (app.TalkItem, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		var err error
		if sent, err = d.svc.Send(ctx, app.TalkCancel, app.CancelTalkArgs{TalkID: k.ID, Reason: reason}); err != nil {
			return k, err
		}
		next, err := d.reload(ctx, k, k.Start)
		if err != nil {
			fyne.LogError("talk detail: read the talk again", err)
		}
		if next.State != app.TalkCancelled { // not read again: as the mutation made it
			next.State, next.Reason, next.Proposal, next.UpdatedAt = app.TalkCancelled, reason, nil, d.svc.Now()
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
		d.setDone(lang.X("talk.cancelled_notice", "The talk was cancelled. The other person will be told."), sent)
		if d.OnChanged != nil {
			d.OnChanged(d.talk)
		}
	})
}
