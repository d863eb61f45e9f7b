package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// An open detail follows its talk: when the data changes under it (a
// sync brings the other person's change, or undoes one of the user's own
// that the server refused), Reload reads the talk again and shows it as
// it now is. A notice of an earlier success that no longer holds goes,
// and a question the detail asked that no longer applies is closed with
// a word on why.

// Reload reads the talk again by its id, off the UI goroutine, and shows
// it when it changed. While the user's own change is being saved, it
// waits for that to end. A view that reads its own data along with the
// talk (the calendar) uses startReload and reloadDone instead.
func (d *TalkDetail) Reload() {
	seq, ok := d.startReload()
	if !ok {
		return
	}
	k, svc := d.talk, d.svc
	widgets.Background(func() (app.TalkItem, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return findTalk(ctx, svc, k)
	}, func(next app.TalkItem, err error) {
		d.reloadDone(seq, next, err)
	})
}

// startReload begins reading the talk again and returns the read's
// number for reloadDone. It reports false while the user's own change
// is being saved: the read then waits until that change was shown.
func (d *TalkDetail) startReload() (seq int, ok bool) {
	if d.busy {
		d.reloadLater = true
		return 0, false
	}
	d.reloadSeq++
	d.reloading, d.reloadLater = true, false // this read is the one that waited
	return d.reloadSeq, true
}

// reloadDone shows next, the talk as read number seq read it, unless a
// newer read, or the user's own change, came meanwhile.
func (d *TalkDetail) reloadDone(seq int, next app.TalkItem, err error) {
	defer func() {
		if d.reloaded != nil {
			d.reloaded()
		}
	}()
	if seq != d.reloadSeq {
		return
	}
	d.reloading = false
	if err != nil {
		fyne.LogError("talk detail: read the talk again", err)
		return
	}
	d.follow(next)
}

// reloadWaiting runs the read that waited for the user's own change, once
// that change was shown.
func (d *TalkDetail) reloadWaiting() {
	if !d.reloadLater || d.busy {
		return
	}
	d.reloadLater = false
	if d.OnReload != nil {
		d.OnReload()
	} else {
		d.Reload()
	}
}

// follow shows next, the talk as it now is, if it differs from what the
// detail shows.
func (d *TalkDetail) follow(next app.TalkItem) {
	if next.ID != d.talk.ID {
		return
	}
	if d.unsent != "" && d.talk.Queued && !next.Queued && !talkShownChanged(d.talk, next) {
		// The change the notice tells of has reached the server as it was.
		d.talk = next
		d.setDone(d.unsent, true)
		return
	}
	if !talkShownChanged(d.talk, next) {
		d.talk = next
		return
	}
	d.talk = next
	d.show()
	if d.notice.Visible() && d.notice.Label.Importance != widget.DangerImportance {
		// What an earlier action did, or why a question was closed, may
		// no longer hold; an error stays until the next action.
		d.notice.Hide()
		d.unsent = ""
		d.body.Refresh()
	}
	if d.asking == nil {
		return
	}
	if why := d.staleWhen(next); why != "" {
		dlg := d.asking
		d.asking, d.staleWhen = nil, nil
		dlg.Hide()
		d.setNotice(why, widget.WarningImportance)
		widgets.ShowMessage(lang.X("error.title", "Notice"), why, d.win)
	}
}

// ask shows dlg, a question of the detail, which stale says no longer
// applies to the talk as it now is: it returns why, or "" while the
// question still stands.
func (d *TalkDetail) ask(dlg *dialog.CustomDialog, stale func(app.TalkItem) string) {
	d.asking, d.staleWhen = dlg, stale
	dlg.SetOnClosed(func() {
		if d.asking == dlg {
			d.asking, d.staleWhen = nil, nil
		}
	})
	dlg.Show()
}

// noLongerScheduled says why a question about changing a talk no longer
// applies once k is not scheduled, or "" while it is.
func noLongerScheduled(k app.TalkItem) string {
	switch k.State {
	case app.TalkScheduled:
		return ""
	case app.TalkCancelled:
		return lang.X("talk.stale.cancelled", "This cross talk has been cancelled.")
	}
	return lang.X("talk.stale.closed", "This cross talk can no longer be changed.")
}

// proposalGone says why a question about proposal p no longer applies to
// k, or "" while it still does.
func proposalGone(p app.TimeProposal) func(app.TalkItem) string {
	return func(k app.TalkItem) string {
		if why := noLongerScheduled(k); why != "" {
			return why
		}
		now := k.Proposal
		if now != nil && now.By == p.By && now.Names(p.Start, p.Place) {
			return ""
		}
		data := map[string]any{"Name": k.OtherName}
		switch {
		case now != nil && now.By == p.By:
			return lang.X("talk.stale.proposal_changed", "{{.Name}} proposed a different time. Please look at the new proposal.", data)
		case lastEvent(k) == app.EventProposalWithdrawn:
			return lang.X("talk.stale.proposal_withdrawn", "{{.Name}} has withdrawn this proposal.", data)
		}
		return lang.X("talk.stale.proposal_gone", "This proposal is no longer open.")
	}
}

// lastEvent is the kind of the latest event in k's history, or "".
func lastEvent(k app.TalkItem) app.TalkEventKind {
	if len(k.History) == 0 {
		return ""
	}
	return k.History[len(k.History)-1].Kind
}

// talkShownChanged reports whether b differs from a in what the detail
// shows: state, time, place, the proposal that waits, or the history.
func talkShownChanged(a, b app.TalkItem) bool {
	return a.State != b.State || a.Reason != b.Reason || a.Mode != b.Mode || a.Place != b.Place ||
		!a.Start.Equal(b.Start) || !a.End.Equal(b.End) ||
		!sameProposal(a.Proposal, b.Proposal) || len(a.History) != len(b.History)
}

func sameProposal(a, b *app.TimeProposal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.By == b.By && a.Names(b.Start, b.Place) && a.End.Equal(b.End)
}

// findTalk reads talk k again by its id. A talk moves only within its
// programme period, so it is looked for there (and at its last known
// time); k itself comes back when it is not found.
func findTalk(ctx context.Context, svc Services, k app.TalkItem) (app.TalkItem, error) {
	from, to := k.Start.AddDate(-1, 0, 0), k.End.AddDate(1, 0, 0)
	if c, err := svc.Cohort(ctx, k.CohortID); err == nil {
		from, to = earlier(c.Begins(), k.Start), later(c.Ends(), k.End)
	} else {
		fyne.LogError("talk detail: read the programme period", err)
	}
	talks, err := svc.TalksBetween(ctx, svc.Me().ParticipantID, from, to.Add(time.Second))
	if err != nil {
		return k, err
	}
	for _, t := range talks {
		if t.ID == k.ID {
			return t, nil
		}
	}
	return k, nil
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
