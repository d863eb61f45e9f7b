package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"crosstalk/app"
)

// messageFrom stores a message of the other person of offer it to the
// demo user, as a sync would bring it.
func messageFrom(t *testing.T, svc *testServices, it app.InboxItem, text string) {
	t.Helper()
	other := app.Actor{ParticipantID: it.Other(svc.me.ParticipantID), Role: app.RoleParticipant}
	if err := app.Run(context.Background(), svc.Store, app.MessageSend, other,
		app.Args(app.SendMessageArgs{ID: uuid.NewString(), OfferID: it.ID, Text: text}), svc.now); err != nil {
		t.Fatal(err)
	}
}

// The messages not read are told of at the top of the inbox: who wrote
// when one thread has them, how many when several do; 開く opens the
// thread with the newest, and once read the notice counts again and goes
// (review of issue 19, item 4).
func TestInboxMessageNotice(t *testing.T) {
	f := newInboxFixture(t, testNow)
	n := f.in.unread
	me := f.svc.me.ParticipantID
	sums, err := f.svc.ThreadSummaries(context.Background(), me)
	if err != nil {
		t.Fatal(err)
	}
	var unread, read app.InboxItem
	for _, s := range sums {
		it, ok := findItem([][]app.InboxItem{f.items(t, app.BoxReceived), f.items(t, app.BoxSent)}, s.ThreadID)
		if !ok {
			t.Fatalf("thread %s has no offer", s.ThreadID)
		}
		if s.Unread > 0 {
			unread = it
		} else {
			read = it
		}
	}
	if unread.ID == "" || read.ID == "" {
		t.Fatal("the demo has no thread read and none unread")
	}
	if want := unread.OtherName + "さんからメッセージが届いています。"; !n.box.Visible() || n.text.Text != want || n.open.Text != "開く" {
		t.Fatalf("the notice: shown %v, %q %q; want %q", n.box.Visible(), n.text.Text, n.open.Text, want)
	}

	// Two more arrive in the other thread: one line counts all three.
	messageFrom(t, f.svc, read, "当日の資料をお送りします。")
	messageFrom(t, f.svc, read, "どうぞよろしくお願いいたします。")
	f.in.Refresh()
	f.waitLoaded(t)
	if !n.box.Visible() || n.text.Text != "未読のメッセージが3件あります。" {
		t.Fatalf("the notice of three: shown %v, %q", n.box.Visible(), n.text.Text)
	}

	// 開く opens the thread with the newest message; reading it leaves
	// the other one, and the window hears of it.
	test.Tap(n.open)
	settle()
	f.waitLoaded(t)
	if f.in.thread == nil || !f.in.thread.Shown() || f.in.thread.target.OfferID != read.ID {
		t.Fatalf("the notice opened %+v, want the thread of %s", f.in.thread, read.ID)
	}
	if want := unread.OtherName + "さんからメッセージが届いています。"; !n.box.Visible() || n.text.Text != want || f.changed != 1 {
		t.Fatalf("after reading: shown %v, %q, want %q; OnChanged %d times", n.box.Visible(), n.text.Text, want, f.changed)
	}
	f.in.thread.form.dlg.Hide()

	test.Tap(n.open)
	settle()
	f.waitLoaded(t)
	if f.in.thread.target.OfferID != unread.ID {
		t.Fatalf("the notice opened %s, want %s", f.in.thread.target.OfferID, unread.ID)
	}
	if n.box.Visible() {
		t.Errorf("the notice stays after every message was read: %q", n.text.Text)
	}
	if card := f.wantOnlyIn(t, unread.ID, unread.Box(me, f.svc.now)); card.messages == nil || card.messages.Text != "メッセージ" {
		t.Errorf("the card's button after reading: %+v", card.messages)
	}
}

// In the window, the badge of the inbox counts the messages not read, and
// reading them takes them off.
func TestMainWindowBadgeCountsMessages(t *testing.T) {
	m, _, svc, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	m.tabs.Select(m.inboxTab)
	ui.settle()
	before := m.inboxTab.Text
	if unreadCount(t, svc) != 1 || !m.inbox.unread.box.Visible() {
		t.Fatal("the demo's message not read is not told of")
	}
	test.Tap(m.inbox.unread.open)
	ui.settle()
	ui.settle()
	if got, want := m.inboxTab.Text, badgePlus(t, before, -1); got != want {
		t.Errorf("badge after reading %q, want %q (was %q)", got, want, before)
	}
	if m.inbox.unread.box.Visible() {
		t.Error("the notice stays after reading")
	}
}
