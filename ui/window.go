package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"crosstalk/app"
	"crosstalk/ui/admin"
	"crosstalk/ui/widgets"
)

// Notifier shows desktop notifications now or later and remembers the
// planned reminders; fyne.App is one.
type Notifier interface {
	SendNotification(*fyne.Notification)
	Scheduler
	Preferences() fyne.Preferences
}

// MainOptions are what the main window needs besides the services.
type MainOptions struct {
	Settings      SettingsState
	Actions       SettingsActions
	Notifier      Notifier         // nil: no desktop notifications
	OnNoticesSeen func(upTo int64) // the user has read the server's refusals
	// Admin serves the administration tabs of HR staff and the
	// secretariat; nil, or a participant's account, shows none.
	Admin admin.Services
	// Devices serve the list of the person's devices in the settings and
	// the notice of a new one (issue 14); nil shows neither.
	Devices DeviceServices
	// Mail serves the settings' 「メール」 and the inbox's notice that
	// mails do not reach the person (issue 17); nil shows neither.
	Mail MailServices
	// OnWaiting, if not nil, hears on the UI goroutine how many offers
	// wait for the person's answer, after each refresh (the tray's
	// icon shows it).
	OnWaiting func(offers int)
}

// MainWindow is the participant's window: the directory, the inbox with
// a badge of the offers and surveys waiting for an answer, the calendar,
// the profile and the settings as tabs, with the status line always at
// the bottom.
//
// An HR or secretariat account (with MainOptions.Admin) gets the
// administration tabs and the settings instead of the participant's
// tabs: an account has one role, and such an account is no member of a
// programme, so the directory, offers, reminders and surveys have nothing
// to show it. An HR person who also takes part is invited as a
// participant with an account of their own.
type MainWindow struct {
	svc  Services
	win  fyne.Window
	opts MainOptions

	tabs      *container.AppTabs
	inboxTab  *container.TabItem
	directory *Directory
	inbox     *Inbox
	calendar  *Calendar
	profile   *ProfileEditor
	settings  *Settings
	setTab    *container.TabItem // the settings' tab
	status    *StatusLine
	reminders *Reminders
	watch     *watcher
	admin     *admin.Views // nil for a participant
	content   fyne.CanvasObject

	closeQuestion dialog.Dialog // the question before closing with changes not saved, once asked
}

// NewMainWindow builds the window's content.
func NewMainWindow(win fyne.Window, svc Services, opts MainOptions) *MainWindow {
	m := &MainWindow{svc: svc, win: win, opts: opts, watch: newWatcher(svc.Me().ParticipantID)}
	m.buildUI()
	return m
}

// Rebuild builds the window's content again with new settings, such as
// after a change of language, and shows it. What the window has already
// told the user (the offers notified) is kept, so nothing is told twice,
// and so is the screen shown: the same tab, the inbox's same list and
// the directory's words searched, the calendar's month and day.
func (m *MainWindow) Rebuild(st SettingsState) {
	status := m.status.current
	m.opts.Settings = st
	old, oldProfile, oldCalendar := m.admin, m.profile, m.calendar
	tab, inboxTab, search := m.tabs.SelectedIndex(), -1, ""
	if m.inbox != nil {
		inboxTab, search = m.inbox.tabs.SelectedIndex(), m.directory.search.Text
	}
	m.buildUI()
	// The same screen, in the new language.
	if tab >= 0 && tab < len(m.tabs.Items) {
		m.tabs.SelectIndex(tab)
	}
	if m.inbox != nil && inboxTab >= 0 && inboxTab < len(m.inbox.tabs.Items) {
		m.inbox.tabs.SelectIndex(inboxTab)
	}
	if m.directory != nil && search != "" {
		m.directory.search.SetText(search)
	}
	if old != nil && m.admin != nil {
		m.admin.KeepFrom(old)
	}
	if oldProfile != nil && m.profile != nil {
		m.profile.KeepFrom(oldProfile) // unsaved changes stay, nothing to ask
	}
	if oldCalendar != nil && m.calendar != nil {
		m.calendar.KeepFrom(oldCalendar) // the day chosen stays chosen
	}
	m.win.SetContent(m.content)
	m.status.Set(status)
	m.DataChanged()
}

func (m *MainWindow) buildUI() {
	if m.opts.Admin != nil && admin.HasViews(m.svc.Me().Role) {
		m.buildAdminUI()
		return
	}
	m.directory = NewDirectory(m.svc, m.win)
	m.inbox = NewInbox(m.svc, m.win)
	m.inbox.OnChanged = m.DataChanged
	m.calendar = NewCalendar(m.svc, m.win)
	m.calendar.OnTalkChanged = func(app.TalkItem) { m.DataChanged() }
	m.calendar.OnTalkSeen = m.DataChanged
	m.inbox.OnOpenTalk = m.openTalk
	m.profile = NewProfileEditor(m.svc, m.win)
	m.buildCommon()
	m.inbox.OnDevicesNoticed, m.inbox.OnShowDevices = m.devicesNoticed, m.showDevices
	m.inbox.OnChangeEmail = m.changeEmail
	m.inbox.offerAutostart(m.settings)
	if m.opts.Notifier != nil {
		m.reminders = NewReminders(m.opts.Notifier, m.opts.Notifier.Preferences())
	}

	m.inboxTab = container.NewTabItemWithIcon(lang.X("tab.inbox", "Inbox"), theme.MailComposeIcon(), m.inbox.Content())
	m.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("tab.directory", "Participants"), theme.AccountIcon(), m.directory.Content()),
		m.inboxTab,
		container.NewTabItemWithIcon(lang.X("tab.calendar", "Calendar"), theme.CalendarIcon(), m.calendar.Content()),
		container.NewTabItemWithIcon(lang.X("tab.profile", "My profile"), theme.DocumentCreateIcon(), m.profile.Content()),
		m.setTab,
	)
	m.tabs.SetTabLocation(container.TabLocationLeading)
	m.tabs.OnSelected = func(*container.TabItem) { m.refreshVisible() }
	m.content = container.NewBorder(nil, m.status, nil, nil, m.tabs)
}

// buildAdminUI builds the window of an HR or secretariat account.
func (m *MainWindow) buildAdminUI() {
	m.admin = admin.NewViews(m.opts.Admin, m.win, m.opts.Settings.Server)
	m.buildCommon()
	items := append(m.admin.Tabs(), m.setTab)
	m.tabs = container.NewAppTabs(items...)
	m.tabs.SetTabLocation(container.TabLocationLeading)
	m.admin.Guard(m.tabs, m.refreshVisible) // asks before leaving new invitation codes not saved
	m.content = container.NewBorder(nil, m.status, nil, nil, m.tabs)
}

// buildCommon builds what every account's window has: the settings, with
// the person's devices, and the status line, with the notice of a new
// device.
func (m *MainWindow) buildCommon() {
	acts := m.opts.Actions
	if acts.RevokeDevice == nil && m.opts.Devices != nil {
		acts.RevokeDevice = m.opts.Devices.RevokeMyDevice
	}
	acts.Unsaved = m.unsaved
	if m.opts.Mail != nil {
		acts.Mail = m.opts.Mail
		if setLanguage := acts.SetLanguage; setLanguage != nil {
			acts.SetLanguage = func(code string) {
				m.followLanguage(code)
				setLanguage(code)
			}
		}
	}
	m.settings = NewSettings(m.win, m.opts.Settings, acts)
	m.setTab = container.NewTabItemWithIcon(lang.X("tab.settings", "Settings"), theme.SettingsIcon(), m.settings.Content())
	m.status = NewStatusLine(m.win)
	m.status.OnNoticesSeen = m.opts.OnNoticesSeen
	m.status.OnDevicesNoticed, m.status.OnShowDevices = m.devicesNoticed, m.showDevices
}

// ConfirmClose calls close at once, or asks first when closing would
// lose something (new invitation codes not saved) or leave changes
// unsaved (the profile's); a dismissed suggestion still open to 元に戻す
// is sent first. The desktop calls it before the app quits.
func (m *MainWindow) ConfirmClose(close func()) {
	if m.admin != nil {
		m.admin.ConfirmClose(close)
		return
	}
	// A dismissal of a suggestion still open to 元に戻す is sent first.
	m.directory.suggest.Flush(func() { m.confirmUnsaved(close) })
}

// Content is the window's canvas object.
func (m *MainWindow) Content() fyne.CanvasObject { return m.content }

// Loading reports whether the visible view still waits for what it loads
// in the background, such as the directory's first results: the app waits
// for it to end its start, and so does the start-up benchmark. Call it on
// the UI goroutine.
func (m *MainWindow) Loading() bool {
	if m.admin != nil {
		return false
	}
	if m.tabs.Selected().Content == m.directory.Content() {
		return m.directory.busy()
	}
	return false
}

// SetStatus shows the sync status; a finished sync reloads what is shown.
// Call it on the UI goroutine.
func (m *MainWindow) SetStatus(st SyncStatus) {
	synced := !st.LastSync.IsZero() && st.LastSync.After(m.status.current.LastSync)
	m.status.Set(st)
	if synced {
		m.dataChanged(st.FromEmpty)
	}
}

// DataChanged reloads the visible tab, the badge, the reminders and the
// notifications, after a sync or a change of the user's.
func (m *MainWindow) DataChanged() { m.dataChanged(false) }

// dataChanged is DataChanged; when quiet (a new device's first sync),
// what is new is only remembered as seen, not notified.
func (m *MainWindow) dataChanged(quiet bool) {
	m.refreshVisible()
	m.refreshThreads()
	m.loadDevices()
	m.loadMail()
	if m.admin != nil {
		return // no offers, talks or reminders of its own
	}
	me, now := m.svc.Me().ParticipantID, m.svc.Now()
	widgets.Background(func() (snapshot, error) {
		return m.watch.load(context.Background(), m.svc, me, now)
	}, func(s snapshot, err error) {
		if err != nil {
			fyne.LogError("main window: refresh", err)
			return
		}
		m.showBadge(len(s.waiting)+changesForMe(s.changes, me, now)+unreadMessages(s.threads), len(s.surveysDue)+programmeQuestionsDue(s.programmes))
		if m.opts.OnWaiting != nil {
			m.opts.OnWaiting(len(s.waiting))
		}
		if m.reminders != nil {
			if err := m.reminders.Plan(s.talks, now); err != nil {
				fyne.LogError("main window: reminders", err)
			}
		}
		m.watch.openThreads = m.openThreads()
		news := m.watch.news(s)
		if m.opts.Notifier != nil && !quiet {
			for _, n := range news {
				m.opts.Notifier.SendNotification(n)
			}
		}
	})
}

// loadDevices reads the person's devices off the UI goroutine, then
// lists them in the settings and tells of a new one in the status line
// and the inbox, and once as a desktop notification. The first load
// only notes what is there: a device announced before the app started
// is shown, not notified again.
func (m *MainWindow) loadDevices() {
	if m.opts.Devices == nil {
		return
	}
	devices := m.opts.Devices
	widgets.Background(func() (app.MyDevices, error) {
		return devices.MyDevices(context.Background())
	}, func(mine app.MyDevices, err error) {
		if err != nil {
			fyne.LogError("main window: devices", err)
			return
		}
		announced := mine.Announced()
		m.settings.SetDevices(mine)
		m.status.SetDevices(announced)
		if m.inbox != nil {
			m.inbox.SetDeviceNotice(announced)
		}
		for _, d := range announced {
			if m.watch.devicesSeen && !m.watch.toldDevices[d.ID] && m.opts.Notifier != nil {
				m.opts.Notifier.SendNotification(fyne.NewNotification(lang.X("notify.device.title", "A new device was added"),
					lang.X("notify.device.body", "Someone signed in to your account on “{{.Name}}” ({{.When}}). If it was not you, stop it in Settings.",
						map[string]any{"Name": deviceName(d), "When": widgets.FormatShortDateTime(d.CreatedAt)})))
			}
			m.watch.toldDevices[d.ID] = true
		}
		m.watch.devicesSeen = true
	})
}

// devicesNoticed records that the person has read the notice of the
// devices added up to upTo, and hides it.
func (m *MainWindow) devicesNoticed(upTo time.Time) {
	if m.opts.Devices == nil {
		return
	}
	m.status.SetDevices(nil)
	if m.inbox != nil {
		m.inbox.SetDeviceNotice(nil)
	}
	devices := m.opts.Devices
	widgets.Background(func() (struct{}, error) {
		return struct{}{}, devices.DevicesNoticed(context.Background(), upTo)
	}, func(_ struct{}, err error) {
		if err != nil {
			fyne.LogError("main window: devices noticed", err)
		}
		m.loadDevices()
	})
}

// showDevices opens the settings, where the devices are listed.
func (m *MainWindow) showDevices() { m.tabs.Select(m.setTab) }

// openTalk shows talk k's detail in the calendar.
func (m *MainWindow) openTalk(k app.TalkItem) {
	for _, t := range m.tabs.Items {
		if t.Content == m.calendar.Content() {
			m.tabs.Select(t)
		}
	}
	m.calendar.ShowTalk(k)
}

func (m *MainWindow) refreshVisible() {
	if m.admin != nil {
		m.admin.Shown(m.tabs.Selected().Content)
		return
	}
	switch m.tabs.Selected().Content {
	case m.directory.Content():
		m.directory.Refresh()
	case m.inbox.Content():
		m.inbox.Refresh()
	case m.calendar.Content():
		m.calendar.Refresh()
	case m.profile.Content():
		m.profile.Refresh()
	}
}

// showBadge says on the inbox's tab what waits for the person: offers
// to answer (with changes of talks and messages not read), and surveys (the talks' and the programmes' questions).
func (m *MainWindow) showBadge(answers, surveys int) {
	text := inboxBadge(answers, surveys)
	if m.inboxTab.Text != text {
		m.inboxTab.Text = text
		m.tabs.Refresh()
	}
}

// changesForMe counts the other person's changes to my talks that wait
// for me: a proposed time to answer, or a change not seen yet. Each
// stays on the inbox's badge until then, as an offer to answer does.
func changesForMe(changes []app.TalkChange, me string, now time.Time) int {
	n := 0
	for _, c := range changes {
		if c.Unseen || c.Waiting(me, now) {
			n++
		}
	}
	return n
}

// snapshot is what the window watches between syncs.
type snapshot struct {
	waiting    []app.InboxItem       // offers waiting for my answer
	sent       []app.InboxItem       // offers I sent
	talks      []app.TalkItem        // my talks from now on
	surveysDue []app.TalkItem        // talks waiting for my survey
	programmes []app.ProgrammeStatus // my programmes: their questions waiting for my answer
	changes    []app.TalkChange      // my talks the other person changed, not yet seen or to answer
	threads    []app.ThreadSummary
	received   []app.InboxItem // offers sent to me, read when a thread has unread messages: their names
}

// watcher remembers what was seen, to tell what is new. It forgets
// nothing: a replica that the sync empties and fills again (a reset, a
// cohort left) shows the same offers again, and they are not new.
type watcher struct {
	me          string
	seen        bool
	told        map[turn]bool             // the offers seen waiting for my answer, at each of their rounds
	sentState   map[string]app.OfferState // the last state seen of each of my offers
	devicesSeen bool                      // the person's devices were loaded once
	toldDevices map[string]bool           // the new devices notified, or there at the first load
	toldChanges map[string]time.Time      // the newest change of each talk notified, or there at the first load
	toldThreads map[string]int            // the newest message of each thread seen (its Seq)
	openThreads map[string]bool           // the threads on screen: what comes in them is seen, not notified
}

// turn is one round of an offer: a counter-proposal that comes back to
// me is a new turn to answer.
type turn struct {
	offerID string
	round   int
}

func newWatcher(me string) *watcher {
	return &watcher{me: me, told: map[turn]bool{}, sentState: map[string]app.OfferState{}, toldDevices: map[string]bool{},
		toldChanges: map[string]time.Time{}, toldThreads: map[string]int{}}
}

func (w *watcher) load(ctx context.Context, svc Services, me string, now time.Time) (snapshot, error) {
	var s snapshot
	var err error
	if s.waiting, err = svc.Inbox(ctx, me, app.BoxNeedsMyAnswer, now); err != nil {
		return s, err
	}
	if s.sent, err = svc.Inbox(ctx, me, app.BoxSent, now); err != nil {
		return s, err
	}
	if s.talks, err = svc.TalksBetween(ctx, me, now.Add(-time.Hour), now.AddDate(0, 6, 0)); err != nil {
		return s, err
	}
	if s.changes, err = svc.TalkChanges(ctx, me, now); err != nil {
		return s, err
	}
	if s.threads, err = svc.ThreadSummaries(ctx, me); err != nil {
		return s, err
	}
	for _, t := range s.threads {
		if t.Unread > 0 {
			if s.received, err = svc.Inbox(ctx, me, app.BoxReceived, now); err != nil {
				return s, err
			}
			break
		}
	}
	if s.surveysDue, err = svc.SurveysDue(ctx, me, now); err != nil {
		return s, err
	}
	s.programmes, err = svc.ProgrammeStatuses(ctx, me, now)
	return s, err
}

// news lists the notifications s calls for since the last snapshot: a new
// offer to answer, an answer to one of my offers, and a change the other
// person made to one of my talks (a proposed time, its answer, a
// cancellation). The first snapshot only sets what counts as seen.
func (w *watcher) news(s snapshot) []*fyne.Notification {
	var out []*fyne.Notification
	for _, it := range s.waiting {
		k := turn{it.ID, it.Rounds}
		if w.seen && !w.told[k] {
			out = append(out, fyne.NewNotification(lang.X("notify.offer.title", "A new offer has arrived"),
				lang.X("notify.offer.body", "From {{.Name}} ({{.Company}}). Please look under “Your answer needed” in the Inbox.", map[string]any{"Name": it.OtherName, "Company": it.OtherCompany})))
		}
		w.told[k] = true
	}
	for _, it := range s.sent {
		if old, ok := w.sentState[it.ID]; w.seen && ok && old == app.OfferPending && it.State != app.OfferPending {
			out = append(out, fyne.NewNotification(lang.X("notify.answer.title", "Your offer has been answered"),
				lang.X("notify.answer.body", "{{.Name}} ({{.Company}}) has answered. Please look at your Inbox.",
					map[string]any{"Name": it.OtherName, "Company": it.OtherCompany})))
		}
		w.sentState[it.ID] = it.State
	}
	for _, c := range s.changes {
		if told, ok := w.toldChanges[c.ID]; ok && !c.Event.At.After(told) {
			continue
		}
		if w.seen && c.Unseen {
			out = append(out, fyne.NewNotification(talkChangeTitle(c), TalkChangeText(c)))
		}
		w.toldChanges[c.ID] = c.Event.At
	}
	out = append(out, w.messageNews(s)...)
	w.seen = true
	return out
}
