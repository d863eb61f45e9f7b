//go:build smoke

package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/internal/smoke"
	"crosstalk/ui/widgets"
)

// Smoke walks every dialog of the window with r (see
// crosstalk/ui/internal/smoke): the participant's, or the
// administration's and the settings' for HR and the secretariat. done
// gets the first error, on the UI goroutine.
func (m *MainWindow) Smoke(r *smoke.Runner, done func(error)) {
	r.Closers = append(r.Closers, SmokeClosers()...)
	if m.admin != nil {
		r.Run(append(m.admin.SmokeSteps(m.tabs.SelectIndex), m.settingsSteps(len(m.tabs.Items)-1)...), done)
		return
	}
	r.Run(append(m.participantSteps(), m.settingsSteps(4)...), done)
}

// SmokeClosers are the texts of the buttons that close a dialog without
// acting, in the order a walk tries them.
func SmokeClosers() []string {
	return []string{
		// First: the question before unsaved codes are closed says 閉じる
		// for closing them (invite.unsaved.close_yes), as dialog.close.
		lang.X("invite.unsaved.back", "Go back and save"),
		lang.X("dialog.cancel", "Cancel"), lang.X("sendoffer.cancel", "Cancel"), lang.X("files.cancel", "Cancel"),
		lang.X("dialog.close", "Close"), lang.X("about.close", "Close"), lang.X("answer.back", "Go back"),
		lang.X("invite.back", "Go back"), lang.X("survey.later", "Answer later"),
		lang.X("talk.cancel_keep", "Do not cancel"), lang.X("talk.propose_keep", "Do not propose"),
		lang.X("talk.proposal.accept_back", "Go back"),
		lang.X("files.replace_no", "Do not replace"),
		lang.X("settings.devices.revoke.no", "Go back"),
		lang.L("No"), lang.L("Cancel"), lang.L("OK"),
	}
}

// participantSteps walks the participant's dialogs: the survey shown at
// the start, the offer, the answers to an offer, withdrawing, changing
// and cancelling a talk, and saving it as a calendar file, for real.
func (m *MainWindow) participantSteps() []smoke.Step {
	tap := func(key, fallback string) func(*smoke.Runner) error {
		return func(r *smoke.Runner) error { return r.Tap(nil, lang.X(key, fallback)) }
	}
	var icsPath string
	return []smoke.Step{
		{Name: "survey-at-start", Shown: true},
		{Open: func(r *smoke.Runner) error {
			m.tabs.SelectIndex(0)
			// Someone the demo user has neither a talk nor an offer
			// waiting with.
			me, now := m.svc.Me().ParticipantID, m.svc.Now()
			widgets.Background(func() (app.DirectoryEntry, error) {
				ctx := context.Background()
				busy := map[string]bool{}
				for _, box := range []app.Box{app.BoxNeedsMyAnswer, app.BoxSent} {
					items, err := m.svc.Inbox(ctx, me, box, now)
					if err != nil {
						return app.DirectoryEntry{}, err
					}
					for _, it := range items {
						busy[it.FromID], busy[it.ToID] = true, true
					}
				}
				es, err := m.svc.SearchDirectory(ctx, app.DirectoryQuery{ViewerID: me, Now: now, NotTalkedTo: true, Limit: 200})
				for _, e := range es {
					if !busy[e.ID] {
						return e, err
					}
				}
				return app.DirectoryEntry{}, fmt.Errorf("everyone has an offer waiting: %w", err)
			}, func(e app.DirectoryEntry, err error) {
				if err == nil {
					m.directory.open(e)
				}
			})
			return nil
		}, Ready: func() bool { c := m.directory.card; return c != nil && c.loaded && !c.send.Disabled() }},
		{Name: "offer", Open: tap("card.send", "Send an offer")},
		{Open: func(r *smoke.Runner) error { m.tabs.SelectIndex(1); m.inbox.tabs.SelectIndex(0); return nil }},
		{Name: "accept", Open: tap("offer.action.accept", "Accept")},
		{Name: "counter", Keep: true, Open: tap("offer.action.counter", "Propose other times")},
		// Two times ahead, then the confirmation of what proposing sends.
		{Name: "counter-confirm", Open: func(r *smoke.Runner) error {
			e, ok := smoke.Find[*widgets.SlotsEditor](r.Top())
			if !ok {
				return fmt.Errorf("the dialog has no times to choose")
			}
			day := app.StartOfDay(m.svc.Now()).AddDate(0, 0, 2)
			e.SetStarts([]time.Time{day.Add(10 * time.Hour), day.AddDate(0, 0, 1).Add(14 * time.Hour)})
			return r.Tap(r.Top(), lang.X("counter.submit", "Propose these times"))
		}},
		smoke.CloseTop(),
		{Name: "decline", Open: tap("offer.action.decline", "Decline")},
		{Open: func(r *smoke.Runner) error { m.inbox.tabs.SelectIndex(1); return nil }},
		{Name: "withdraw", Open: tap("offer.action.withdraw", "Withdraw")},
		{Open: func(r *smoke.Runner) error {
			m.tabs.SelectIndex(2)
			m.calendar.ShowToday()
			return nil
		}},
		{Open: func(r *smoke.Runner) error {
			row, ok := smoke.Find[*calendarRow](m.calendar.Content())
			if !ok {
				return fmt.Errorf("the calendar lists no talk in the coming 30 days")
			}
			row.Tapped(&fyne.PointEvent{})
			return nil
		}},
		{Name: "propose-time", Open: tap("talk.propose", "Propose a new date and time")},
		{Name: "cancel-talk", Open: tap("talk.cancel", "Cancel the talk")},
		{Name: "calendar-file", Open: tap("talk.add_to_calendar", "Add to my calendar"),
			Check: func(r *smoke.Runner, d fyne.CanvasObject, done func(error)) {
				smoke.Save(r, d, "smoke-talk", func(path string, err error) { icsPath = path; done(err) })
			},
			Close: smoke.ClosedByChoosing},
		{Name: "calendar-file-saved", Shown: true, Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
			done(smoke.Written(icsPath))
		}},
		// The demo's other side asked to move a coming talk: the inbox
		// tells of it at the top, and opens it; accepting asks first.
		{Open: func(r *smoke.Runner) error { m.tabs.SelectIndex(1); return nil },
			Ready: func() bool { return len(m.inbox.changes.items) > 0 }},
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-inbox-talk-change") }},
		{Open: tap("inbox.changes.answer", "Open and answer"),
			Ready: func() bool { d := m.calendar.detail; return d != nil && d.proposalBox.Visible() }},
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-talk-proposal") }},
		{Name: "accept-time", Open: tap("talk.proposal.accept", "Change to this time")},
	}
}

// settingsSteps walks the settings' dialogs, the settings being tab i.
func (m *MainWindow) settingsSteps(i int) []smoke.Step {
	tap := func(key, fallback string) func(*smoke.Runner) error {
		return func(r *smoke.Runner) error { return r.Tap(nil, lang.X(key, fallback)) }
	}
	return []smoke.Step{
		// The walk signed the person in on another computer (ui/desktop's
		// smokeWalk): its notice, then stopping a device, which the walk
		// goes back from.
		{Ready: func() bool { return m.status.devices.Visible() }},
		{Name: "device-notice", Open: func(r *smoke.Runner) error { return r.TapButton(m.status.devices) }},
		{Open: func(r *smoke.Runner) error { m.tabs.SelectIndex(i); return nil }},
		{Name: "revoke-device", Open: tap("settings.devices.revoke", "Stop")},
		{Name: "about", Open: tap("about.button", "About this app")},
		{Name: "diagnostics", Open: tap("settings.diagnostics", "Copy information for support")},
		{Name: "sign-out", Open: tap("settings.sign_out", "Sign out")},
	}
}
