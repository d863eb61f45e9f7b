package ui

import (
	"context"
	"strings"
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

// A change of time is a proposal: the talk detail shows one that waits,
// with 「この日時に変更する」 and 「今の日時のままにする」 for the other
// side, and 「提案を取り下げる」 for whoever proposed it.

// buildProposal makes the proposal's box and buttons; showProposal fills
// them.
func (d *TalkDetail) buildProposal() {
	d.proposalText = widgets.NewParagraph("")
	d.proposalText.Label.TextStyle.Bold = true
	d.proposalText.Label.Importance = widget.WarningImportance
	d.proposalInfo = widgets.NewParagraph("")
	d.acceptTime = widget.NewButtonWithIcon(lang.X("talk.proposal.accept", "Change to this time"), theme.ConfirmIcon(), d.startAcceptTime)
	d.acceptTime.Importance = widget.HighImportance
	d.declineTime = widget.NewButtonWithIcon(lang.X("talk.proposal.decline", "Keep the current time"), theme.CancelIcon(), d.declinedTime)
	d.withdrawTime = widget.NewButtonWithIcon(lang.X("talk.proposal.withdraw", "Withdraw the proposal"), theme.ContentUndoIcon(), d.withdrewTime)
	d.proposalButtons = container.NewVBox()
	d.proposalBox = container.NewVBox(offerFrame(container.NewVBox(d.proposalText, d.proposalInfo, d.proposalButtons)))
	d.proposalBox.Hide()
}

// showProposal shows the proposal that waits, if any.
func (d *TalkDetail) showProposal() {
	k := d.talk
	p := k.Proposal
	if p == nil || k.State != app.TalkScheduled {
		d.proposalBox.Hide()
		return
	}
	me := d.svc.Me().ParticipantID
	slot := widgets.FormatSlot(app.Slot{Start: p.Start, End: p.End})
	data := map[string]any{"Name": k.OtherName, "Slot": slot, "Talk": widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End})}
	mine := p.By == me
	passed := !p.Start.After(d.svc.Now())
	if mine {
		d.proposalText.SetText(lang.X("talk.proposal.mine", "You proposed a new time. {{.Name}} has not answered yet.", data))
	} else {
		d.proposalText.SetText(lang.X("talk.proposal.theirs", "{{.Name}} asks to change the date and time.", data))
	}
	lines := []string{lang.X("talk.proposal.slot", "Proposed: {{.Slot}}", data)}
	if p.Place != nil && strings.TrimSpace(*p.Place) != strings.TrimSpace(k.Place) {
		lines = append(lines, lang.X("talk.proposal.place", "New place: {{.Place}}", map[string]any{"Place": *p.Place}))
	}
	switch {
	case passed:
		lines = append(lines, lang.X("talk.proposal.passed", "The proposed time has passed. The talk stays on {{.Talk}}.", data))
	case mine:
		lines = append(lines, lang.X("talk.proposal.stays_mine", "Until {{.Name}} agrees, the talk stays on {{.Talk}}.", data))
	default:
		lines = append(lines, lang.X("talk.proposal.stays_theirs", "Until you agree, the talk stays on {{.Talk}}.", data))
	}
	d.proposalInfo.SetText(strings.Join(lines, "\n"))
	d.proposalButtons.RemoveAll()
	switch {
	case mine:
		d.proposalButtons.Add(talkTall(d.withdrawTime))
	case passed:
		d.proposalButtons.Add(talkTall(d.declineTime))
	default:
		d.proposalButtons.Add(talkTall(d.acceptTime))
		d.proposalButtons.Add(talkTall(d.declineTime))
	}
	d.proposalBox.Show()
}

// startAcceptTime asks before moving the talk to the proposed time.
func (d *TalkDetail) startAcceptTime() {
	k := d.talk
	p := k.Proposal
	if p == nil {
		return
	}
	slot := app.Slot{Start: p.Start, End: p.End}
	data := map[string]any{"Name": k.OtherName, "Slot": widgets.FormatSlot(slot)}
	body := container.NewVBox(talkSummary(k), widget.NewSeparator(),
		widgets.NewParagraph(lang.X("talk.proposal.accept_intro", "The talk will move to {{.Slot}}. {{.Name}} will be told.", data)))
	if p.Place != nil {
		// What is agreed to is said in full: a new place or link too.
		place := widgets.NewParagraph(lang.X("talk.proposal.accept_place", "The place or link changes too, to: {{.Place}}", map[string]any{"Place": *p.Place}))
		place.Label.Importance = widget.WarningImportance
		body.Add(place)
	}
	clash := widgets.NewParagraph("")
	clash.Label.Importance = widget.WarningImportance
	clash.Hide()
	body.Add(clash)
	d.acceptBack = widget.NewButton(lang.X("talk.proposal.accept_back", "Go back"), func() { d.acceptDialog.Hide() })
	d.confirmAccept = widget.NewButtonWithIcon(lang.X("talk.proposal.accept_confirm", "Change the time"), theme.ConfirmIcon(), func() {
		d.acceptDialog.Hide()
		d.answerTime(app.TalkAcceptTime, p, lang.X("talk.proposal.accepted_notice", "The talk was moved to {{.Slot}}. The other person will be told.", data))
	})
	d.confirmAccept.Importance = widget.HighImportance
	scroll := container.NewVScroll(body) // only when the window is too small
	d.acceptDialog = dialog.NewCustomWithoutButtons(lang.X("talk.proposal.accept_title", "Change to the proposed time?"), scroll, d.win)
	d.acceptDialog.SetButtons([]fyne.CanvasObject{talkTall(d.acceptBack), talkTall(d.confirmAccept)})
	widgets.FitDialog(d.acceptDialog, d.win, scroll, 520)
	d.ask(d.acceptDialog, proposalGone(*p))
	// Moving the talk there may double-book the person: say so, as the
	// offer dialog does, without refusing.
	svc, dlg, win := d.svc, d.acceptDialog, d.win
	widgets.Background(func() ([]app.TalkItem, error) {
		return clashingTalks(context.Background(), svc, slot, k.ID)
	}, func(talks []app.TalkItem, err error) {
		if err != nil {
			fyne.LogError("talk detail: talks at the proposed time", err)
			return
		}
		if len(talks) == 0 {
			return
		}
		clash.SetText(talkClashText(talks))
		clash.Show()
		widgets.FitDialog(dlg, win, scroll, 520)
	})
}

func (d *TalkDetail) declinedTime() {
	if p := d.talk.Proposal; p != nil {
		d.answerTime(app.TalkDeclineTime, p, lang.X("talk.proposal.declined_notice", "The talk stays at its current time. The other person will be told."))
	}
}

func (d *TalkDetail) withdrewTime() {
	if p := d.talk.Proposal; p != nil {
		d.answerTime(app.TalkWithdrawTime, p, lang.X("talk.proposal.withdrawn_notice", "You withdrew the proposal. The talk stays at its current time."))
	}
}

// answerTime runs mutator (accept, decline or withdraw) on proposal p,
// named by its time and place, then shows the talk as it now is, and
// done.
func (d *TalkDetail) answerTime(mutator string, p *app.TimeProposal, done string) {
	d.setBusy(true)
	k := d.talk
	start := p.Start
	args := app.TimeAnswerArgs{TalkID: k.ID, Start: start, Place: p.Place}
	sent := false
	widgets.Background(func() (app.TalkItem, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		var err error
		sent, err = d.svc.Send(ctx, mutator, args)
		next, rerr := d.reload(ctx, k, start)
		if err == nil && rerr != nil {
			fyne.LogError("talk detail: read the talk again", rerr)
		}
		return next, err
	}, func(next app.TalkItem, err error) {
		defer d.done()
		d.setBusy(false)
		d.talk = next
		d.show()
		if err != nil {
			d.failed(err)
			return
		}
		d.setDone(done, sent)
		if d.OnChanged != nil {
			d.OnChanged(next)
		}
	})
}

// setDone tells what the user's change did, and whether the server has
// it: sent, or saved to be sent once the device is online. A change
// saved only is remembered, so that the notice says it was sent once it
// has left the device (follow).
func (d *TalkDetail) setDone(done string, sent bool) {
	_, text := sentText(sent)
	d.setNotice(done+text, widget.MediumImportance)
	d.unsent = ""
	if !sent {
		d.unsent = done
	}
}

// reload reads talk k again from the local data: at its own start or at
// also, where it may have moved. It returns k when it is not found.
func (d *TalkDetail) reload(ctx context.Context, k app.TalkItem, also time.Time) (app.TalkItem, error) {
	me := d.svc.Me().ParticipantID
	for _, at := range []time.Time{also, k.Start} {
		talks, err := d.svc.TalksBetween(ctx, me, at, at.Add(time.Second))
		if err != nil {
			return k, err
		}
		for _, t := range talks {
			if t.ID == k.ID {
				return t, nil
			}
		}
	}
	return k, nil
}

// showHistory lists what happened to the talk, newest first.
func (d *TalkDetail) showHistory() {
	k := d.talk
	d.history.RemoveAll()
	if len(k.History) == 0 {
		d.historyBox.Hide()
		return
	}
	me := d.svc.Me().ParticipantID
	for i := len(k.History) - 1; i >= 0; i-- {
		d.history.Add(widgets.NewParagraph(TalkEventText(k.History[i], me, k.OtherName)))
	}
	d.historyBox.Show()
}

// MarkSeen records, off the UI goroutine, that the user has seen the
// other person's changes to the talk shown, then calls OnSeen. The view
// that opens the detail calls it once its hooks are set.
func (d *TalkDetail) MarkSeen() {
	k := d.talk
	e, ok := k.ChangedBy(k.OtherID)
	if !ok {
		return
	}
	widgets.Background(func() (struct{}, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return struct{}{}, d.svc.MarkTalkSeen(ctx, k.ID, e.At)
	}, func(_ struct{}, err error) {
		if err != nil {
			fyne.LogError("talk detail: mark seen", err)
			return
		}
		if d.OnSeen != nil {
			d.OnSeen()
		}
	})
}
