package ui

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/ui/internal/testapp"
)

// fakeNotifier records notifications instead of showing them.
type fakeNotifier struct {
	prefs fyne.Preferences
	mu    sync.Mutex
	sent  []*fyne.Notification
	later []time.Time
}

func (f *fakeNotifier) SendNotification(n *fyne.Notification) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, n)
}

func (f *fakeNotifier) ScheduleNotification(n *fyne.Notification, at time.Time) (*fyne.ScheduledNotification, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.later = append(f.later, at)
	return &fyne.ScheduledNotification{}, nil
}

func (f *fakeNotifier) Preferences() fyne.Preferences { return f.prefs }

func TestMainWindow(t *testing.T) {
	m, w, svc, notes, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	// The survey of a past talk waits to be opened: nothing pops up.
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog opened by itself at start")
	}

	waiting, _ := svc.Inbox(context.Background(), svc.me.ParticipantID, app.BoxNeedsMyAnswer, svc.now)
	due, _ := svc.SurveysDue(context.Background(), svc.me.ParticipantID, svc.now)
	// The demo's other side has proposed a new time for a talk: it waits
	// for an answer too.
	changes, _ := svc.TalkChanges(context.Background(), svc.me.ParticipantID, svc.now)
	if n := changesForMe(changes, svc.me.ParticipantID, svc.now); n != 1 {
		t.Fatalf("%d changes of talks wait for the demo user, want the demo's proposal", n)
	}
	// And a message of the demo's is not read yet: it counts as well.
	if n := unreadCount(t, svc); n != 1 {
		t.Fatalf("%d messages not read in the demo, want 1", n)
	}
	if len(due) == 0 || m.inboxTab.Text != badge(len(waiting)+1+1, len(due)+programmeDue(t, svc)) {
		t.Fatalf("badge %q with %d offers, a proposal and a message waiting and %d surveys", m.inboxTab.Text, len(waiting), len(due))
	}
	if len(notes.sent) != 0 {
		t.Fatalf("notifications at start: %d", len(notes.sent))
	}
	if len(notes.later) == 0 {
		t.Error("no reminders planned for the coming talks")
	}

	// Someone sends the demo user an offer: the badge grows and a
	// notification tells of it.
	offerToMe(t, svc)
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now})
	ui.settle()
	if want := badge(len(waiting)+2+1, len(due)+programmeDue(t, svc)); m.inboxTab.Text != want {
		t.Errorf("badge %q, want %q", m.inboxTab.Text, want)
	}
	if len(notes.sent) != 1 || notes.sent[0].Title != "新しいオファーが届きました" {
		t.Fatalf("notifications %+v", notes.sent)
	}
	if m.status.state.Text != "最新の状態です。" {
		t.Errorf("status %q", m.status.state.Text)
	}
}

// TestFirstSyncNotifiesNothing: a new device's first sync fills its
// empty replica with offers that wait for an answer; they are shown
// (the badge) but not notified one by one. The next new offer is.
func TestFirstSyncNotifiesNothing(t *testing.T) {
	m, w, svc, notes, ui := newMainWindowFixture(t)
	// The window was made on the empty replica: it saw nothing.
	m.watch.news(snapshot{})
	offerToMe(t, svc)
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now, FromEmpty: true})
	ui.settle()
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog opened by itself after the first sync")
	}
	waiting, _ := svc.Inbox(context.Background(), svc.me.ParticipantID, app.BoxNeedsMyAnswer, svc.now)
	due, _ := svc.SurveysDue(context.Background(), svc.me.ParticipantID, svc.now)
	if want := badge(len(waiting)+1+unreadCount(t, svc), len(due)+programmeDue(t, svc)); len(waiting) < 2 || m.inboxTab.Text != want {
		t.Fatalf("badge %q, want %q", m.inboxTab.Text, want)
	}
	if len(notes.sent) != 0 {
		t.Fatalf("the first sync notified %d offers", len(notes.sent))
	}
	offerToMe(t, svc)
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(time.Minute)})
	ui.settle()
	if len(notes.sent) != 1 {
		t.Fatalf("%d notifications after the next new offer, want 1", len(notes.sent))
	}
}

// unreadCount is the number of the other people's messages the demo
// user has not read.
func unreadCount(t *testing.T, svc *testServices) int {
	t.Helper()
	sums, err := svc.ThreadSummaries(context.Background(), svc.me.ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	return unreadMessages(sums)
}

// badge is the inbox tab's title with answers and surveys waiting.
func badge(answers, surveys int) string {
	if answers+surveys == 0 {
		return "受信箱"
	}
	return "受信箱（" + strconv.Itoa(answers+surveys) + "）"
}

// offerToMe has someone of another company send the demo user an offer,
// as a sync would bring it.
func offerToMe(t *testing.T, svc *testServices) {
	t.Helper()
	sender := pickSender(t, svc)
	err := app.Run(context.Background(), svc.Store, app.OfferSend, app.Actor{ParticipantID: sender.ID, Role: app.RoleParticipant},
		app.Args(app.SendOfferArgs{ID: uuid.NewString(), CohortID: sender.Cohorts[0], ToID: svc.me.ParticipantID,
			Message: "はじめまして。お話を伺えますと幸いです。", Mode: app.ModeOnline,
			Slots: []time.Time{time.Date(2026, 12, 2, 10, 0, 0, 0, app.Tokyo)}}), svc.now)
	if err != nil {
		t.Fatal(err)
	}
}

// pickSender finds a participant of another company who may send the
// demo user an offer.
func pickSender(t *testing.T, svc *testServices) app.Participant {
	t.Helper()
	for _, p := range demo.Demo(testNow).Participants {
		if p.CompanyID == svc.me.CompanyID || p.Role != app.RoleParticipant || !p.Visible {
			continue
		}
		busy := false
		items, _ := svc.Inbox(context.Background(), svc.me.ParticipantID, app.BoxReceived, svc.now)
		sent, _ := svc.Inbox(context.Background(), svc.me.ParticipantID, app.BoxSent, svc.now)
		for _, it := range append(items, sent...) {
			if it.Other(svc.me.ParticipantID) == p.ID {
				busy = true
			}
		}
		var pending int
		out, _ := svc.Inbox(context.Background(), p.ID, app.BoxSent, svc.now)
		for _, it := range out {
			if it.State == app.OfferPending {
				pending++
			}
		}
		if !busy && pending == 0 {
			return p
		}
	}
	t.Fatal("no sender")
	return app.Participant{}
}

// TestRebuildKeepsWhatWasTold rebuilds the window, as a change of
// language does: no offer is notified twice, and nothing pops up.
func TestRebuildKeepsWhatWasTold(t *testing.T) {
	m, w, svc, notes, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()

	offerToMe(t, svc)
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now})
	ui.settle()
	if len(notes.sent) != 1 {
		t.Fatalf("notifications before the rebuild: %d", len(notes.sent))
	}

	old := m.Content()
	m.Rebuild(SettingsState{Language: "ja"})
	ui.settle()
	if m.Content() == old || w.Content() != m.Content() {
		t.Error("the window shows the old content")
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog opened by itself after the rebuild")
	}
	if len(notes.sent) != 1 {
		t.Errorf("notifications after the rebuild: %d, want still 1", len(notes.sent))
	}
	if m.status.state.Text != "最新の状態です。" {
		t.Errorf("status after the rebuild %q", m.status.state.Text)
	}
}

// newMainWindowFixture is the demo user's main window, in Japanese, over
// test services, with a notifier that records, sized as on a laptop.
func newMainWindowFixture(t *testing.T) (*MainWindow, fyne.Window, *testServices, *fakeNotifier, *dirUI) {
	t.Helper()
	testapp.Japanese(t)
	a := testapp.New(t)
	ui := dirQueueApp(t, a) // several views load at once: run their results one by one
	svc := newTestServices(t)
	notes := &fakeNotifier{prefs: a.Preferences()}
	w := test.NewTempWindow(t, nil)
	m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja"}, Notifier: notes})
	w.SetContent(m.Content())
	w.Resize(fyne.NewSize(1100, 760))
	return m, w, svc, notes, ui
}

// Fyne v2.8.1 keys its font cache by the whole text style, and parses
// the fonts again, some 10-15 MB, for each style it meets: every tab of
// the main window keeps to the regular and bold of the bundled font.
func TestEveryTabKeepsToTwoTextStyles(t *testing.T) {
	m, w, _, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	closeOverlays(w)
	for _, tab := range m.tabs.Items {
		m.tabs.Select(tab)
		ui.settle()
		for _, bad := range otherTextStyles(w.Canvas().Content()) {
			t.Errorf("tab %q: %s", tab.Text, bad)
		}
	}
}

// otherTextStyles lists the texts that o shows in a style other than
// regular or bold, each with its style.
func otherTextStyles(o fyne.CanvasObject) []string {
	var out []string
	for _, o := range test.LaidOutObjects(o) {
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "" &&
			txt.TextStyle != (fyne.TextStyle{}) && txt.TextStyle != (fyne.TextStyle{Bold: true}) {
			out = append(out, fmt.Sprintf("%q has the style %+v", txt.Text, txt.TextStyle))
		}
	}
	return out
}
