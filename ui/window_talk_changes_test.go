package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"crosstalk/app"
)

// The other person cancels a talk, as a sync brings it: a desktop
// notification says who; the inbox lists the talk at the top; its button
// opens the talk in the calendar, which marks the change seen.
func TestMainWindowTellsOfACancelledTalk(t *testing.T) {
	m, w, svc, notes, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	closeOverlays(w)
	if len(notes.sent) != 0 {
		t.Fatalf("notifications at start: %+v", notes.sent)
	}
	before := m.inboxTab.Text

	ctx := context.Background()
	me := svc.me.ParticipantID
	k := comingTalk(t, svc, 30)
	other := app.Actor{ParticipantID: k.OtherID, Role: app.RoleParticipant}
	if err := app.Run(ctx, svc.Store, app.TalkCancel, other, app.Args(app.CancelTalkArgs{TalkID: k.ID, Reason: "work"}), svc.now); err != nil {
		t.Fatal(err)
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(time.Minute)})
	ui.settle()
	if len(notes.sent) != 1 || notes.sent[0].Title != "クロストークが中止になりました" ||
		notes.sent[0].Content != TalkChangeText(app.TalkChange{TalkItem: k, Event: app.TalkEvent{Kind: app.EventCancelled, Reason: "work"}}) {
		t.Fatalf("notifications %+v", notes.sent)
	}

	// The change waits on the inbox's badge, as an offer to answer does.
	if got := m.inboxTab.Text; got != badgePlus(t, before, 1) {
		t.Errorf("the badge says %q after the cancellation, was %q", got, before)
	}

	m.tabs.SelectIndex(1)
	ui.settle()
	items := m.inbox.changes.items
	if len(items) == 0 || items[0].change.ID != k.ID {
		t.Fatalf("the inbox's changes: %d", len(items))
	}
	test.Tap(items[0].open)
	ui.settle()
	if m.tabs.SelectedIndex() != 2 || m.calendar.detail == nil || m.calendar.detail.Talk().ID != k.ID {
		t.Fatalf("tab %d, detail %v", m.tabs.SelectedIndex(), m.calendar.detail != nil)
	}
	cs, err := svc.TalkChanges(ctx, me, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == k.ID {
			t.Errorf("the cancellation is still unseen after opening the talk: %+v", c)
		}
	}
	// Nothing is told twice.
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(2 * time.Minute)})
	ui.settle()
	if len(notes.sent) != 1 {
		t.Errorf("%d notifications, want 1", len(notes.sent))
	}
	if got := m.inboxTab.Text; got != before {
		t.Errorf("the badge says %q once the change was seen, want %q as before it", got, before)
	}
}

// badgePlus is the inbox tab's title before with n more things waiting.
func badgePlus(t *testing.T, before string, n int) string {
	t.Helper()
	count := 0
	if before != "受信箱" {
		if _, err := fmt.Sscanf(strings.TrimPrefix(before, "受信箱（"), "%d", &count); err != nil {
			t.Fatalf("badge %q: %v", before, err)
		}
	}
	return badge(count+n, 0)
}
