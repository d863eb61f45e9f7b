//go:build smoke

package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
		steps := append(m.viewSteps(), m.admin.SmokeSteps(m.tabs.SelectIndex)...)
		r.Run(append(steps, m.settingsSteps(len(m.tabs.Items)-1)...), done)
		return
	}
	steps := append(m.viewSteps(), m.participantSteps()...)
	r.Run(append(steps, m.settingsSteps(4)...), done)
}

// viewSteps takes the picture of every tab of the window, and of the
// tabs inside the inbox and the secretariat's programmes, each checked
// to fit the screen (smoke.Runner.Picture).
func (m *MainWindow) viewSteps() []smoke.Step {
	var names []string
	for _, t := range m.tabs.Items {
		names = append(names, m.smokeViewName(t.Content))
	}
	return smoke.Tabs(m.tabs, "tab", names, func(i int) []smoke.Step {
		c := m.tabs.Items[i].Content
		if m.admin != nil {
			return m.admin.SmokeInnerViews(c)
		}
		if c == m.directory.Content() {
			// さがす and おすすめ (issue 19).
			return smoke.Tabs(m.directory.tabs, "directory", []string{"directory-search", "directory-suggest"}, nil)
		}
		if c != m.inbox.Content() {
			return nil
		}
		var inner []string
		for _, t := range m.inbox.tabs.Items {
			inner = append(inner, "inbox-"+smokeBoxName(m.inbox, t))
		}
		return smoke.Tabs(m.inbox.tabs, "inbox", inner, nil)
	})
}

// smokeViewName names the picture of the tab showing c.
func (m *MainWindow) smokeViewName(c fyne.CanvasObject) string {
	switch {
	case c == m.settings.Content():
		return "settings"
	case m.admin != nil:
		return m.admin.SmokeViewName(c)
	case c == m.directory.Content():
		return "directory"
	case c == m.inbox.Content():
		return "inbox"
	case c == m.calendar.Content():
		return "calendar"
	case c == m.profile.Content():
		return "profile"
	}
	return ""
}

// smokeBoxName names the picture of the inbox's tab t.
func smokeBoxName(in *Inbox, t *container.TabItem) string {
	if t == in.surveys.item {
		return "surveys"
	}
	for _, b := range in.boxes {
		if b.item == t {
			switch b.box {
			case app.BoxNeedsMyAnswer:
				return "my-answer"
			case app.BoxTheirAnswer:
				return "their-answer"
			case app.BoxScheduled:
				return "scheduled"
			case app.BoxFinished:
				return "finished"
			}
		}
	}
	return ""
}

// SmokeClosers are the texts of the buttons that close a dialog without
// acting, in the order a walk tries them.
func SmokeClosers() []string {
	return []string{
		// First: the question before unsaved codes are closed says 閉じる
		// for closing them (invite.unsaved.close_yes), as dialog.close.
		lang.X("invite.unsaved.back", "Go back and save"),
		// Likewise the question before closing with the profile's
		// changes unsaved.
		lang.X("unsaved.back", "Go back to my profile"),
		lang.X("dialog.cancel", "Cancel"), lang.X("sendoffer.cancel", "Cancel"), lang.X("files.cancel", "Cancel"),
		lang.X("dialog.close", "Close"), lang.X("about.close", "Close"), lang.X("answer.back", "Go back"),
		lang.X("invite.back", "Go back"), lang.X("survey.later", "Answer later"),
		lang.X("talk.cancel_keep", "Do not cancel"), lang.X("talk.propose_keep", "Do not propose"),
		lang.X("talk.proposal.accept_back", "Go back"),
		lang.X("files.replace_no", "Do not replace"),
		lang.X("settings.devices.revoke.no", "Go back"),
		lang.X("suggest.dismiss.no", "Keep"),
		lang.L("No"), lang.L("Cancel"), lang.L("OK"),
	}
}

// participantSteps walks the participant's dialogs: the survey, which
// waits to be opened from the inbox's notice, its list or the talk's
// detail, the offer, the answers to an offer, withdrawing, changing and
// cancelling a talk, and saving it as a calendar file, for real; then
// the programme's questions (programmeSteps).
func (m *MainWindow) participantSteps() []smoke.Step {
	tap := func(key, fallback string) func(*smoke.Runner) error {
		return func(r *smoke.Runner) error { return r.Tap(nil, lang.X(key, fallback)) }
	}
	var icsPath, intro string
	closed := false
	return append([]smoke.Step{
		{Open: func(r *smoke.Runner) error {
			if d := r.Top(); d != nil {
				return fmt.Errorf("a dialog opened by itself at the start; it shows %q", smoke.Texts(d))
			}
			m.tabs.Select(m.inboxTab)
			return nil
		}, Ready: func() bool { return m.inbox.surveys.notice.Visible() }},
		{Name: "survey-from-notice", Open: func(r *smoke.Runner) error { return r.TapButton(m.inbox.surveys.answer) },
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
				smokeSurveyPages(r, m.inbox.surveys.opened, done)
			}},
		{Open: func(r *smoke.Runner) error { m.inbox.ShowSurveys(); return nil }, Ready: func() bool { return len(m.inbox.surveys.rows) > 0 }},
		{Name: "survey-from-list", Open: func(r *smoke.Runner) error { return r.TapButton(m.inbox.surveys.rows[0].answer) }},
		{Open: func(r *smoke.Runner) error {
			m.openTalk(m.inbox.surveys.rows[0].talk)
			return nil
		}, Ready: func() bool { d := m.calendar.detail; return d != nil && d.surveyDue }},
		{Name: "survey-from-talk", Open: func(r *smoke.Runner) error { return r.TapButton(m.calendar.detail.survey) }},
		{Open: func(r *smoke.Runner) error {
			m.tabs.SelectIndex(0)
			// Someone the demo user has neither a talk nor an offer
			// waiting with, and whose free times meet the user's if
			// anyone's do: the offer shows times that suit both.
			me, now := m.svc.Me().ParticipantID, m.svc.Now()
			widgets.Background(func() (app.DirectoryEntry, error) {
				ctx := context.Background()
				self, err := m.svc.Person(ctx, me, now)
				if err != nil {
					return app.DirectoryEntry{}, err
				}
				busy := map[string]bool{}
				for _, box := range []app.Box{app.BoxNeedsMyAnswer, app.BoxTheirAnswer} {
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
					if !busy[e.ID] && e.FreeWeek&self.FreeWeek != 0 {
						return e, err
					}
				}
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
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-directory-profile") }},
		{Name: "offer", Open: tap("card.send", "Send an offer"), Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
			d := m.directory.card.dialog
			d.text.SetText(smokeDraft) // kept as a draft when cancelled
			smokeOfferPages(r, d, m.svc.Now(), done)
		}},
		{Name: "offer-draft", Open: tap("card.send", "Send an offer"), Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
			d := m.directory.card.dialog
			r.Until(5*time.Second, func() bool { return d.draft.Note.Visible() }, func(ok bool) {
				if !ok || d.text.Text != smokeDraft {
					done(fmt.Errorf("the offer's draft is not shown again: %q", d.text.Text))
					return
				}
				d.text.SetText("") // the walk leaves no draft behind
				done(nil)
			})
		}},
		// The suggestions' question before 今回は見送る (issue 19),
		// answered やめる: nothing is dismissed.
		{Open: func(r *smoke.Runner) error {
			m.directory.tabs.SelectIndex(1)
			m.directory.suggest.Refresh()
			return nil
		}, Ready: func() bool { s := m.directory.suggest; return s.loaded && !s.busy() && len(s.cards) > 0 }},
		{Name: "suggest-dismiss", Open: func(r *smoke.Runner) error { return r.TapButton(m.directory.suggest.cards[0].dismiss) }},
		// Dismissed, with 元に戻す under the list, then taken back: the
		// dismissal is never sent.
		{Open: func(r *smoke.Runner) error { s := m.directory.suggest; s.dismiss(s.cards[0]); return nil },
			Ready: func() bool { return m.directory.suggest.undo.Visible() }, Shot: "view-suggest-undo"},
		{Open: func(r *smoke.Runner) error { m.directory.suggest.undoDismiss(); return nil }},
		{Open: func(r *smoke.Runner) error { m.directory.tabs.SelectIndex(0); return nil }},
		{Open: func(r *smoke.Runner) error { m.tabs.SelectIndex(1); m.inbox.tabs.SelectIndex(0); return nil }},
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-inbox") }},
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
		{Open: func(r *smoke.Runner) error { m.inbox.tabs.Select(m.inbox.boxes[1].item); return nil }},
		{Name: "withdraw", Open: tap("offer.action.withdraw", "Withdraw")},
		// The thread of a coming talk whose other side wrote: its
		// messages, then a template in the box to write in.
		{Open: func(r *smoke.Runner) error {
			m.inbox.tabs.Select(m.inbox.boxes[slices.Index(inboxBoxes, app.BoxScheduled)].item)
			return nil
		},
			Ready: func() bool { return smokeThreadCard(m.inbox) != nil }},
		{Name: "thread", Open: func(r *smoke.Runner) error { return r.TapButton(smokeThreadCard(m.inbox).messages) },
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) { smokeThread(r, m.inbox.thread, done) }},
		{Open: func(r *smoke.Runner) error {
			m.tabs.SelectIndex(2)
			m.calendar.ShowToday()
			return nil
		}, Ready: func() bool { return len(m.calendar.rowW) > 0 }},
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-calendar") }},
		{Open: func(r *smoke.Runner) error {
			row, ok := smoke.Find[*calendarRow](m.calendar.Content())
			if !ok {
				return fmt.Errorf("the calendar lists no talk in the coming 30 days")
			}
			row.Tapped(&fyne.PointEvent{})
			return nil
		}},
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-calendar-talk") }},
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
		{Open: func(r *smoke.Runner) error { m.showProfile(); return nil }, Ready: func() bool { return m.profile.edit.loaded }},
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-profile") }},
		{Open: func(r *smoke.Runner) error { m.profile.scrollToFreeTimes(); return nil }},
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-profile-free-times") }},
		{Open: func(r *smoke.Runner) error { m.profile.scroll.ScrollToTop(); return nil }},
		{Open: func(r *smoke.Runner) error {
			intro = m.profile.intro.Text
			m.profile.intro.SetText(intro + smokeDraft)
			return nil
		}},
		{Name: "close-unsaved", Open: func(r *smoke.Runner) error {
			m.ConfirmClose(func() { closed = true })
			return nil
		}, Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
			if closed || !m.profile.unsaved.Visible() {
				done(fmt.Errorf("closing with the profile unsaved: closed %v, marker %v", closed, m.profile.unsaved.Visible()))
				return
			}
			done(nil)
		}},
		{Open: func(r *smoke.Runner) error {
			m.profile.intro.SetText(intro) // the walk leaves no draft behind
			if m.profile.Unsaved() {
				return fmt.Errorf("the profile is still unsaved")
			}
			return nil
		}},
		// The demo's other side asked to move a coming talk: the inbox
		// tells of it at the top, and opens it; accepting asks first.
		{Open: func(r *smoke.Runner) error { m.tabs.SelectIndex(1); return nil },
			Ready: func() bool { return len(m.inbox.changes.items) > 0 }},
		{Open: func(r *smoke.Runner) error { return r.Picture("view-inbox-talk-change") }},
		{Open: tap("inbox.changes.answer", "Open and answer"),
			Ready: func() bool { d := m.calendar.detail; return d != nil && d.proposalBox.Visible() }},
		{Open: func(r *smoke.Runner) error { return r.Picture("view-talk-proposal") }},
		{Name: "accept-time", Open: tap("talk.proposal.accept", "Change to this time")},
	}, m.programmeSteps()...)
}

// programmeSteps walks the programme's questions, which wait in the
// inbox's notices: 「はじめのアンケート」 and the programme survey, each
// page pictured and closed with 後で答える; then the survey answered and
// sent for real, and the answers at joining and now side by side, which
// follow its message and are opened again from the surveys' tab.
func (m *MainWindow) programmeSteps() []smoke.Step {
	p := m.inbox.programme
	return []smoke.Step{
		{Open: func(r *smoke.Runner) error { m.tabs.Select(m.inboxTab); return nil },
			Ready: func() bool { return p.before.box.Visible() && p.survey.box.Visible() }},
		{Open: func(r *smoke.Runner) error { return r.Picture("view-inbox-programme") }},
		{Name: "self-assessment", Open: func(r *smoke.Runner) error { return r.TapButton(p.before.answer) },
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
				d := p.openedBefore
				smokePages(r, d.pagedForm, "self-assessment", func() { smokeAssess(d.assess) }, done)
			}},
		{Name: "programme-survey", Open: func(r *smoke.Runner) error { return r.TapButton(p.survey.answer) },
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
				d := p.openedSurvey
				smokePages(r, d.pagedForm, "programme-survey", func() { smokeProgrammeAnswers(d) }, done)
			}},
		{Name: "programme-survey-sent", Open: func(r *smoke.Runner) error { return r.TapButton(p.survey.answer) },
			Check: func(r *smoke.Runner, survey fyne.CanvasObject, done func(error)) {
				d := p.openedSurvey
				smokeProgrammeAnswers(d)
				d.showStep(d.steps.Len() - 1)
				d.insight.SetText("（スモークテストの回答）")
				d.send.Tapped(&fyne.PointEvent{})
				r.Until(10*time.Second, func() bool { t := r.Top(); return d.form.done != nil && t != nil && t != survey }, func(ok bool) {
					if !ok {
						done(fmt.Errorf("the programme survey was not sent: %q", d.form.message.Text))
						return
					}
					smokePicture(r, "programme-survey-message", done, func() { done(nil) })
				})
			},
			// Its message's OK, which opens the answers side by side.
			Close: func(r *smoke.Runner, _ fyne.CanvasObject) error { return r.Tap(r.Top(), lang.L("OK")) }},
		{Name: "programme-change", Shown: true},
		{Open: func(r *smoke.Runner) error { m.inbox.ShowSurveys(); return nil },
			Ready: func() bool { return smokeChangeRow(p) != nil }},
		{Open: func(r *smoke.Runner) error { return r.Picture("view-inbox-surveys-programme") }},
		{Name: "programme-change-from-list", Open: func(r *smoke.Runner) error { return r.TapButton(smokeChangeRow(p).button) }},
		// 「はじめのアンケート」 from its row in the surveys' tab.
		{Name: "self-assessment-from-list", Open: func(r *smoke.Runner) error { return r.TapButton(smokeBeforeRow(p).button) }},
	}
}

// smokeChangeRow is the surveys' tab's row of a programme whose survey
// was answered, or nil.
func smokeChangeRow(p *programmeNotices) *programmeRow {
	for _, r := range p.rows {
		if !r.before && r.status.After != nil && !r.status.Due.Open {
			return r
		}
	}
	return nil
}

// smokeBeforeRow is the surveys' tab's row of 「はじめのアンケート」, or nil.
func smokeBeforeRow(p *programmeNotices) *programmeRow {
	for _, r := range p.rows {
		if r.before {
			return r
		}
	}
	return nil
}

// smokePages chooses every answer of the paged dialog p (answer), takes
// the picture of each page after the first, checked to fit, and goes
// back to the first, where 後で答える closes it.
func smokePages(r *smoke.Runner, p *pagedForm, name string, answer func(), done func(error)) {
	answer()
	var page func(i int)
	page = func(i int) {
		if i == p.steps.Len() {
			p.showStep(0)
			done(nil)
			return
		}
		p.showStep(i)
		smokePicture(r, fmt.Sprintf("%s-%d", name, i+1), done, func() { page(i + 1) })
	}
	page(1)
}

// smokeAssess answers every statement of a.
func smokeAssess(a *assessment) {
	for i, c := range a.choices {
		c.SetValue(app.MinAssessment + (i+2)%(app.MaxAssessment-app.MinAssessment+1))
	}
}

// smokeProgrammeAnswers answers every question of the programme survey
// d, the free answers aside.
func smokeProgrammeAnswers(d *ProgrammeSurveyDialog) {
	d.satisfaction.SetValue(6)
	d.nextRound.SetValue(6)
	d.recommend.SetValue(9)
	smokeAssess(d.assess)
}

// smokePicture is smokeShoot with the fit of the window and its dialogs
// checked (smoke.Runner.Picture).
func smokePicture(r *smoke.Runner, name string, fail func(error), then func()) {
	start := time.Now()
	r.Until(r.Settle, func() bool { return time.Since(start) >= r.Settle/2 }, func(bool) {
		if err := r.Picture(name); err != nil {
			fail(err)
			return
		}
		then()
	})
}

// smokeOfferPages walks the offer dialog d's pages, the times chosen,
// taking a picture of each, and goes back to the first, whose Cancel
// closes the dialog; nothing is sent.
func smokeOfferPages(r *smoke.Runner, d *OfferDialog, now time.Time, done func(error)) {
	r.Until(5*time.Second, func() bool { return d.inflight == 0 }, func(ok bool) {
		if !ok {
			done(fmt.Errorf("the times that suit both did not load"))
			return
		}
		// A time that suits both, chosen with one tap.
		for _, c := range d.free.shown {
			if !c.Busy {
				d.toggleFree(c.Slot.Start) // as a tap does
				break
			}
		}
		smokeShoot(r, "offer-0-free-times", done, func() { smokeOfferSteps(r, d, now, done) })
	})
}

// smokeOfferSteps goes on from smokeOfferPages, with times of its own.
func smokeOfferSteps(r *smoke.Runner, d *OfferDialog, now time.Time, done func(error)) {
	day := app.StartOfDay(now).AddDate(0, 0, 2)
	d.slots.SetStarts([]time.Time{day.Add(10 * time.Hour), day.AddDate(0, 0, 1).Add(14 * time.Hour), day.AddDate(0, 0, 2).Add(9 * time.Hour)})
	d.modeGroup.SetSelected(d.modeGroup.Options[0])
	smokeShoot(r, "offer-1-times", done, func() {
		d.toMessage.Tapped(&fyne.PointEvent{})
		if d.steps.At() != offerStepMessage {
			done(fmt.Errorf("the offer's 次へ did not show the message: %q", d.editError.Text))
			return
		}
		smokeShoot(r, "offer-2-message", done, func() {
			d.next.Tapped(&fyne.PointEvent{})
			r.Until(5*time.Second, func() bool { return d.steps.At() == offerStepConfirm }, func(ok bool) {
				if !ok {
					done(fmt.Errorf("the offer's summary did not show: %q", d.editError.Text))
					return
				}
				smokeShoot(r, "offer-3-summary", done, func() {
					d.showStep(offerStepTimes) // where Cancel is
					done(nil)
				})
			})
		})
	})
}

// smokeThreadCard is the card of the scheduled list whose thread has a
// message not read yet, or else any with a thread; nil when none.
func smokeThreadCard(in *Inbox) *offerCard {
	var any *offerCard
	for _, c := range in.boxes[slices.Index(inboxBoxes, app.BoxScheduled)].cards {
		if c.messages == nil {
			continue
		}
		if in.threads[c.item.ID].Unread > 0 {
			return c
		}
		if any == nil {
			any = c
		}
	}
	return any
}

// smokeThread waits for thread d's messages, takes their picture, then
// one with the online meeting's template in the box, and empties the box
// again (no draft is left); the walk closes it with 閉じる.
func smokeThread(r *smoke.Runner, d *ThreadDialog, done func(error)) {
	if d == nil {
		done(fmt.Errorf("no thread is open"))
		return
	}
	r.Until(5*time.Second, func() bool { return d.shown > 0 }, func(ok bool) {
		if !ok {
			done(fmt.Errorf("the thread shows no message: %q", smoke.Texts(d.list)))
			return
		}
		smokeShoot(r, "thread-loaded", done, func() {
			if !d.compose.Visible() {
				done(fmt.Errorf("the coming talk's thread takes no message"))
				return
			}
			d.templates[1].Tapped(&fyne.PointEvent{})
			smokeShoot(r, "thread-template", done, func() {
				d.entry.SetText("")
				done(nil)
			})
		})
	})
}

// smokeSurveyPages answers the survey d's questions, takes a picture of
// its later pages and goes back to the first; the walk closes it with
// 後で答える, sending nothing.
func smokeSurveyPages(r *smoke.Runner, d *SurveyDialog, done func(error)) {
	if d == nil {
		done(fmt.Errorf("no survey is open"))
		return
	}
	d.satisfaction.SetValue(6)
	d.next.Tapped(&fyne.PointEvent{})
	smokeShoot(r, "survey-2-recommend", done, func() {
		d.recommend.SetValue(9)
		d.next.Tapped(&fyne.PointEvent{})
		if d.steps.At() != 2 {
			done(fmt.Errorf("the survey's 次へ did not show the comment"))
			return
		}
		smokeShoot(r, "survey-3-comment", done, func() {
			d.showStep(0) // where 戻る (a closer's text) is not: 後で答える closes it
			done(nil)
		})
	})
}

// smokeShoot takes the picture name once the window has drawn what
// changed (after half of r.Settle), then runs then; an error goes to
// fail.
func smokeShoot(r *smoke.Runner, name string, fail func(error), then func()) {
	start := time.Now()
	r.Until(r.Settle, func() bool { return time.Since(start) >= r.Settle/2 }, func(bool) {
		if err := r.Shoot(name); err != nil {
			fail(err)
			return
		}
		then()
	})
}

// smokeDraft is what the walk types where a draft is kept.
const smokeDraft = "（下書きのテスト）"

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
		{Open: func(r *smoke.Runner) error { return r.Shoot("view-settings") }},
		// The change of the mail address; the demo's server sends no
		// mail, which the dialog says when asked for a code.
		{Ready: func() bool { return m.settings.mail != nil && m.settings.mail.box.Visible() }},
		{Name: "mail-address", Open: func(r *smoke.Runner) error { return r.TapButton(m.settings.mail.change) },
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
				d := m.settings.mail.dlg
				d.address.SetText("smoke@example.jp")
				d.send.Tapped(&fyne.PointEvent{})
				r.Until(10*time.Second, func() bool { return !d.busy && d.problem.Visible() }, func(ok bool) {
					if !ok {
						done(fmt.Errorf("the demo's server did not answer the code asked for"))
						return
					}
					smokeShoot(r, "mail-address-answer", done, func() { done(nil) })
				})
			}},
		{Name: "revoke-device", Open: tap("settings.devices.revoke", "Stop")},
		{Name: "about", Open: tap("about.button", "About this app")},
		{Name: "diagnostics", Open: tap("settings.diagnostics", "Copy information for support")},
		{Name: "sign-out", Open: tap("settings.sign_out", "Sign out")},
	}
}
