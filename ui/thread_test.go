package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// threadFixture is the demo user's thread of one offer, on a real demo
// database, in a headless window.
type threadFixture struct {
	dialogWindow
	svc     *testServices
	dlg     *ThreadDialog
	changed int
}

func newThreadFixture(t *testing.T) *threadFixture {
	t.Helper()
	testapp.Japanese(t)
	testapp.New(t)
	f := &threadFixture{dialogWindow: newDialogWindow(t), svc: newTestServices(t)}
	f.win.Resize(fyne.NewSize(900, 900))
	t.Cleanup(settle)
	return f
}

// open shows the thread of offer it and waits until it is loaded.
func (f *threadFixture) open(t *testing.T, it app.InboxItem) {
	t.Helper()
	f.dlg = NewThreadDialog(f.svc, f.win, threadTarget{OfferID: it.ID, OtherName: it.OtherName, OtherCompany: it.OtherCompany})
	f.dlg.OnChanged = func() { f.changed++ }
	f.dlg.settled = func(err error) { f.settled <- err }
	f.dlg.Show()
	settle()
}

// item is the demo user's offer that pick chooses, from box.
func (f *threadFixture) item(t *testing.T, box app.Box, pick func(app.InboxItem) bool) app.InboxItem {
	t.Helper()
	items, err := f.svc.Inbox(context.Background(), f.svc.me.ParticipantID, box, f.svc.now)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if pick(it) {
			return it
		}
	}
	t.Fatalf("no such offer in box %d", box)
	return app.InboxItem{}
}

// demoThread is the demo user's talk whose thread the demo filled:
// with a message not read yet (the place note) or all read (the link).
func (f *threadFixture) demoThread(t *testing.T, unread bool) app.InboxItem {
	t.Helper()
	sums, err := f.svc.ThreadSummaries(context.Background(), f.svc.me.ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if (s.Unread > 0) == unread {
			return f.item(t, app.BoxScheduled, func(it app.InboxItem) bool { return it.ID == s.ThreadID })
		}
	}
	t.Fatalf("the demo has no thread with unread %v", unread)
	return app.InboxItem{}
}

// thread reads the thread of offerID as the demo user sees it.
func (f *threadFixture) thread(t *testing.T, offerID string) []app.Message {
	t.Helper()
	msgs, err := f.svc.Thread(context.Background(), f.svc.me.ParticipantID, offerID)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// calls counts the mutations name run so far.
func (f *threadFixture) calls(name string) int {
	f.svc.mu.Lock()
	defer f.svc.mu.Unlock()
	n := 0
	for _, c := range f.svc.calls {
		if c == name {
			n++
		}
	}
	return n
}

// fromOther has the other side of offer it send text, as a sync would
// bring it.
func (f *threadFixture) fromOther(t *testing.T, it app.InboxItem, text string) string {
	t.Helper()
	id := uuid.NewString()
	other := app.Actor{ParticipantID: it.Other(f.svc.me.ParticipantID), Role: app.RoleParticipant}
	if err := app.Run(context.Background(), f.svc.Store, app.MessageSend, other,
		app.Args(app.SendMessageArgs{ID: id, OfferID: it.ID, Text: text}), f.svc.now); err != nil {
		t.Fatal(err)
	}
	return id
}

// bubbles are the texts of the messages shown, in order, each with the
// heading above it and 既読 when it shows.
func (f *threadFixture) bubbles() []string {
	var out []string
	for _, row := range f.dlg.list.Objects {
		texts := uitest.ShownTexts(row)
		var links []string
		uitest.ShownWalk(row, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Hyperlink); ok {
				links = append(links, "<"+l.URL.String()+">")
			}
		})
		out = append(out, strings.Join(append(texts, links...), "|"))
	}
	return out
}

// The thread shows the messages in order, the other person's named and
// on the left, mine as あなた on the right with 既読 once read, each with
// its time; the meeting link is a link. All were read already: opening
// marks nothing.
func TestThreadShowsMessagesInOrder(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	msgs := f.thread(t, it.ID)
	if len(msgs) != 2 || msgs[0].AuthorID == f.svc.me.ParticipantID || msgs[1].AuthorID != f.svc.me.ParticipantID {
		t.Fatalf("the demo's thread: %+v", msgs)
	}
	f.open(t, it)
	uitest.WantTexts(t, "the thread", f.top(t), it.OtherName+"さんとのメッセージ", it.OtherName+"さん（"+it.OtherCompany+"）",
		"メッセージは、お相手とあなたの二人だけに表示されます。")
	got := f.bubbles()
	want := []string{
		it.OtherName + "さん　" + widgets.FormatShortDateTime(msgs[0].CreatedAt) + "|オンライン会議のURLをお送りします。|当日はこちらからご参加ください。どうぞよろしくお願いいたします。|<" + it.Talk.Place + ">",
		"あなた　" + widgets.FormatShortDateTime(msgs[1].CreatedAt) + "|" + msgs[1].Text + "|既読",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the messages shown:\n%q\nwant\n%q", got, want)
	}
	// Theirs on the left, mine on the right.
	frame(f.win.Canvas())
	theirs, mine := f.dlg.list.Objects[0].(*fyne.Container).Objects[0], f.dlg.list.Objects[1].(*fyne.Container).Objects[0]
	if theirs.Position().X != 0 || mine.Position().X <= 0 || mine.Position().X+mine.Size().Width < f.dlg.list.Size().Width-1 {
		t.Errorf("theirs at %v, mine at %v (%v wide) of %v", theirs.Position(), mine.Position(), mine.Size().Width, f.dlg.list.Size())
	}
	if n := f.calls(app.MessageRead); n != 0 {
		t.Errorf("%d read marks for a thread read already", n)
	}
	if uitest.ShownButton(f.top(t), "送信する") == nil || !f.dlg.compose.Visible() {
		t.Error("an open thread has no box to write in")
	}
}

// Opening a thread with a message not read yet marks it read up to the
// other person's newest message, once; a new message of theirs while it
// is open is marked in turn, my own never.
func TestThreadMarksRead(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, true)
	note := f.thread(t, it.ID)[0]
	f.open(t, it)
	if n := f.calls(app.MessageRead); n != 1 || f.dlg.marked != note.ID || f.changed != 1 {
		t.Fatalf("%d read marks, up to %q (want %q), %d changes", n, f.dlg.marked, note.ID, f.changed)
	}
	unread, err := f.svc.UnreadMessages(context.Background(), f.svc.me.ParticipantID)
	if err != nil || unread != 0 {
		t.Fatalf("unread after opening: %d, %v", unread, err)
	}
	// Read again (a sync): nothing new, nothing marked.
	f.dlg.Reload()
	settle()
	if n := f.calls(app.MessageRead); n != 1 {
		t.Fatalf("%d read marks after reading again", n)
	}

	// I answer: my own message is no read mark.
	test.Type(f.dlg.entry, "ご案内ありがとうございます。")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatal(err)
	}
	settle()
	if n := f.calls(app.MessageRead); n != 1 || f.dlg.marked != note.ID {
		t.Fatalf("after my own message: %d read marks, up to %q", n, f.dlg.marked)
	}

	// Theirs arrives while the thread is open.
	id := f.fromOther(t, it, "承知しました。当日お待ちしております。")
	f.dlg.Reload()
	settle()
	if n := f.calls(app.MessageRead); n != 2 || f.dlg.marked != id {
		t.Fatalf("after their new message: %d read marks, up to %q (want %q)", n, f.dlg.marked, id)
	}
	if got := f.bubbles(); len(got) != 3 || !strings.HasSuffix(got[2], "|承知しました。当日お待ちしております。") {
		t.Errorf("the thread shows %q", got)
	}
}

// Sending stores the message, empties the box and says so; offline, it
// is saved and waits, which the dialog says too.
func TestThreadSend(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	f.open(t, it)
	test.Type(f.dlg.entry, "  当日はよろしくお願いいたします。\n")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatal(err)
	}
	settle()
	msgs := f.thread(t, it.ID)
	last := msgs[len(msgs)-1]
	if len(msgs) != 3 || last.AuthorID != f.svc.me.ParticipantID || last.Text != "当日はよろしくお願いいたします。" {
		t.Fatalf("stored %+v", last)
	}
	if f.dlg.entry.Text != "" || !uitest.ShowsText(f.top(t), "送信しました。") || f.changed != 1 {
		t.Errorf("after sending: box %q, %q, %d changes", f.dlg.entry.Text, uitest.ShownTexts(f.top(t)), f.changed)
	}
	if got := f.bubbles(); len(got) != 3 || !strings.HasPrefix(got[2], "あなた　") || strings.HasSuffix(got[2], "既読") {
		t.Errorf("the new message shows as %q", got[len(got)-1])
	}

	f.svc.setServer(true, "")
	test.Type(f.dlg.entry, "少し遅れます。")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatal(err)
	}
	settle()
	uitest.WantTexts(t, "sent offline", f.top(t), "保存しました。オンラインになると送信されます。")
	if n := len(f.thread(t, it.ID)); n != 4 {
		t.Errorf("%d messages after sending offline, want 4", n)
	}
	queued, err := f.svc.Outbox(context.Background(), 10)
	if err != nil || len(queued) != 1 || queued[0].Name != app.MessageSend {
		t.Errorf("outbox %+v, %v", queued, err)
	}
}

// An empty message, one too long, and one with an invisible control
// character are refused in words before anything is sent; a javascript:
// address is sent as text and shown as text, never as a link.
func TestThreadRefusesBadInput(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	f.open(t, it)
	for _, tc := range []struct{ text, want string }{
		{"  \n ", "メッセージを入力してください。"},
		{"\u2800\u200D\u0301", "メッセージを入力してください。"},
		{strings.Repeat("あ", app.MaxThreadMessageRunes+1), "「メッセージ」は1000文字までです。いま1001文字なので、1文字短くしてください。"},
		{"ご案内です\u202Eこちら", translations(t, "ja")["reject.invisible_char"]},
	} {
		f.dlg.entry.SetText(tc.text)
		f.tap(t, "送信する")
		settle()
		if !uitest.ShowsText(f.top(t), tc.want) {
			t.Errorf("%q: shows %q, want %q", tc.text, uitest.ShownTexts(f.top(t)), tc.want)
		}
	}
	if n := f.calls(app.MessageSend); n != 0 {
		t.Fatalf("%d messages sent of bad input", n)
	}

	f.dlg.entry.SetText("javascript:alert(1)")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatal(err)
	}
	settle()
	got := f.bubbles()
	if last := got[len(got)-1]; !strings.HasSuffix(last, "|javascript:alert(1)") || strings.Contains(last, "<") {
		t.Errorf("javascript: shown as %q", last)
	}
}

// A refusal of the server is said in the dialog in words, and a thread
// the server says is closed shows why in place of the box.
func TestThreadSendRefused(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	f.open(t, it)
	f.svc.setServer(false, app.CodeThreadClosed)
	test.Type(f.dlg.entry, "よろしくお願いいたします。")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err == nil {
		t.Fatal("no refusal")
	}
	uitest.WantTexts(t, "the refusal", f.top(t), translations(t, "ja")["reject.thread_closed"])
	if f.dlg.entry.Text != "よろしくお願いいたします。" {
		t.Errorf("the text was lost: %q", f.dlg.entry.Text)
	}
}

// A declined offer's thread keeps what was said readable, and shows why
// no message can be sent in place of the box to write in.
func TestThreadClosed(t *testing.T) {
	f := newThreadFixture(t)
	it := f.item(t, app.BoxFinished, func(it app.InboxItem) bool { return it.State == app.OfferDeclined })
	// A message from before the offer was declined.
	err := f.svc.Import(context.Background(), app.Dataset{Messages: []app.Message{{
		ID: uuid.NewString(), ThreadID: it.ID, AuthorID: it.Other(f.svc.me.ParticipantID), ToID: f.svc.me.ParticipantID,
		Seq: 1, Text: "ご検討いただけますと幸いです。", CreatedAt: it.CreatedAt.Add(time.Hour),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	f.open(t, it)
	if got := f.bubbles(); len(got) != 1 || !strings.HasSuffix(got[0], "|ご検討いただけますと幸いです。") {
		t.Fatalf("the history: %q", got)
	}
	uitest.WantTexts(t, "a declined offer's thread", f.top(t),
		"このオファーは辞退されたため、メッセージは送れません。\nこれまでのメッセージは、引き続きご覧いただけます。")
	if f.dlg.compose.Visible() || uitest.ShownButton(f.top(t), "送信する") != nil || uitest.ShownButton(f.top(t), "お礼") != nil {
		t.Error("a closed thread offers to write")
	}
	if uitest.ShownButton(f.top(t), "閉じる") == nil {
		t.Error("no way to close the thread")
	}
}

// A held talk's thread takes a word of thanks for 30 days after the
// talk; then it shows why no more can be sent.
func TestThreadClosesAfterTheTalk(t *testing.T) {
	f := newThreadFixture(t)
	it := f.item(t, app.BoxFinished, func(it app.InboxItem) bool { return it.Talk != nil && it.Talk.State == app.TalkHeld })
	f.svc.now = it.Talk.End.Add(app.ThreadOpenAfterTalk - time.Hour)
	f.open(t, it)
	if !f.dlg.compose.Visible() || f.dlg.closedNote.Visible() {
		t.Fatal("a held talk's thread takes no word of thanks")
	}
	f.dlg.form.dlg.Hide()
	f.svc.now = it.Talk.End.Add(app.ThreadOpenAfterTalk)
	f.open(t, it)
	uitest.WantTexts(t, "the thread 30 days after the talk", f.top(t),
		"このクロストークから30日たったため、メッセージは送れません。\nこれまでのメッセージは、引き続きご覧いただけます。")
	if f.dlg.compose.Visible() || uitest.ShownButton(f.top(t), "送信する") != nil {
		t.Error("the thread takes messages 30 days after the talk")
	}
}

// The templates add polite text after what is written; the meeting link
// of the talk goes into the online one.
func TestThreadTemplates(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	f.open(t, it)
	f.tap(t, "オンライン会議のURL")
	want := "オンライン会議のURLをお送りします。\n" + it.Talk.Place + "\n当日はこちらからご参加ください。どうぞよろしくお願いいたします。"
	if f.dlg.entry.Text != want {
		t.Fatalf("the online template: %q", f.dlg.entry.Text)
	}
	f.tap(t, "お礼")
	if !strings.HasPrefix(f.dlg.entry.Text, want+"\n本日は貴重なお時間をいただき") {
		t.Fatalf("the thanks after it: %q", f.dlg.entry.Text)
	}
	f.dlg.entry.SetText("")
	f.tap(t, "少し遅れます")
	if f.dlg.entry.Text != "大変申し訳ございません。5分ほど遅れます。少々お待ちいただけますと幸いです。" {
		t.Errorf("the late template: %q", f.dlg.entry.Text)
	}
	f.dlg.entry.SetText("")
	f.tap(t, "場所のご案内")
	if !strings.Contains(f.dlg.entry.Text, "場所：（ここに場所をご記入ください）") {
		t.Errorf("an online talk's place template: %q", f.dlg.entry.Text)
	}
}

// After a template, the cursor is at the end of the text: what the user
// types next follows the template, never precedes it (review of issue
// 19, item 3).
func TestThreadTemplateCursorAtEnd(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	f.open(t, it)
	f.tap(t, "少し遅れます")
	test.Type(f.dlg.entry, "XYZ")
	if want := "大変申し訳ございません。5分ほど遅れます。少々お待ちいただけますと幸いです。XYZ"; f.dlg.entry.Text != want {
		t.Errorf("typed after the template: %q, want %q", f.dlg.entry.Text, want)
	}
	f.tap(t, "お礼")
	test.Type(f.dlg.entry, "ABC")
	if !strings.HasSuffix(f.dlg.entry.Text, "今後ともどうぞよろしくお願いいたします。ABC") || !strings.HasPrefix(f.dlg.entry.Text, "大変申し訳ございません。") {
		t.Errorf("typed after the second template: %q", f.dlg.entry.Text)
	}
}

// A template's blank left as it is cannot be sent, in words, for each
// template that has one; filled in, the message goes (review of issue
// 19, item 2).
func TestThreadRefusesTemplateBlanks(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	f.open(t, it)
	for _, tc := range []struct{ tmpl, blank string }{
		{"thread.template.place", "（ここに場所をご記入ください）"},
		{"thread.template.online", "（ここにURLを貼り付けてください）"},
	} {
		var text string
		for _, tm := range threadTemplates {
			if tm.key == tc.tmpl {
				text = tm.text(threadData{}) // no talk place: the blank stays
			}
		}
		if !strings.Contains(text, tc.blank) {
			t.Fatalf("%s: no blank in %q", tc.tmpl, text)
		}
		f.dlg.entry.SetText(text)
		f.tap(t, "送信する")
		settle()
		want := "「" + tc.blank + "」のところを書き換えてから、送信してください。送信したメッセージは、後から直せません。"
		if !uitest.ShowsText(f.top(t), want) {
			t.Errorf("%s: shows %q, want %q", tc.tmpl, uitest.ShownTexts(f.top(t)), want)
		}
		if f.dlg.entry.Text != text {
			t.Errorf("%s: the box now holds %q", tc.tmpl, f.dlg.entry.Text)
		}
	}
	if n := f.calls(app.MessageSend); n != 0 {
		t.Fatalf("%d messages sent with a blank left", n)
	}
	f.dlg.entry.SetText(strings.Replace(f.dlg.entry.Text, "（ここにURLを貼り付けてください）", "https://meet.example.jp/abc", 1))
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatal(err)
	}
	if n := f.calls(app.MessageSend); n != 1 {
		t.Errorf("%d messages sent once the blank was filled in", n)
	}
}

// The inbox's cards have a button that opens the thread, with the number
// of messages not read; an ended offer without messages has none. Once
// the thread was read, the number goes.
func TestInboxThreadButton(t *testing.T) {
	f := newInboxFixture(t, testNow)
	svc := f.svc
	sums, err := svc.ThreadSummaries(context.Background(), svc.me.ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	var unreadID string
	for _, s := range sums {
		if s.Unread > 0 {
			unreadID = s.ThreadID
		}
	}
	card := f.wantOnlyIn(t, unreadID, app.BoxScheduled)
	if card.messages == nil || card.messages.Text != "メッセージ（未読 1件）" {
		t.Fatalf("the card's message button: %+v", card.messages)
	}
	for _, c := range f.in.boxes[listOf(app.BoxNeedsMyAnswer)].cards {
		if c.messages == nil || c.messages.Text != "メッセージ" {
			t.Errorf("pending offer %s: message button %+v", c.item.ID, c.messages)
		}
	}
	// A talk held in the last 30 days still takes a word of thanks; a
	// declined, withdrawn or expired offer without messages, or an older
	// talk's, has nothing to show.
	ended := 0
	for _, c := range f.in.boxes[listOf(app.BoxFinished)].cards {
		if k := c.item.Talk; c.item.State == app.OfferAccepted && k.State == app.TalkHeld && svc.now.Before(k.End.Add(app.ThreadOpenAfterTalk)) {
			if c.messages == nil {
				t.Errorf("held talk %s has no message button", c.item.ID)
			}
			continue
		}
		if c.item.State != app.OfferAccepted {
			ended++
		}
		if c.messages != nil {
			t.Errorf("ended offer %s (%s) without messages has a message button", c.item.ID, c.item.State)
		}
	}
	if ended < 3 {
		t.Errorf("%d ended offers looked at", ended)
	}
	f.selectList(app.BoxScheduled)
	test.Tap(card.messages)
	settle()
	if f.in.thread == nil || !f.in.thread.Shown() {
		t.Fatal("the thread did not open")
	}
	f.waitLoaded(t)
	if card := f.wantOnlyIn(t, unreadID, app.BoxScheduled); card.messages.Text != "メッセージ" {
		t.Errorf("after reading: %q", card.messages.Text)
	}
}

// A talk's detail has the thread's button, with the number not read.
func TestTalkDetailThreadButton(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, true)
	k := app.TalkItem{Talk: *it.Talk, OtherID: it.Other(f.svc.me.ParticipantID), OtherName: it.OtherName, OtherCompany: it.OtherCompany}
	d := NewTalkDetail(f.svc, f.win, k, nil)
	f.win.SetContent(d.Content())
	settle()
	if d.messages.Text != "メッセージ（未読 1件）" || uitest.ShownButton(d.Content(), d.messages.Text) == nil {
		t.Fatalf("the detail's message button: %q", d.messages.Text)
	}
	test.Tap(d.messages)
	settle()
	if d.thread == nil || !d.thread.Shown() || d.messages.Text != "メッセージ" {
		t.Errorf("after opening the thread: button %q", d.messages.Text)
	}
}

// A new message of the other person is notified once, with their name
// and not its text; a message of mine is not.
func TestMessageNotifiedOnce(t *testing.T) {
	m, _, svc, notes, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	if len(notes.sent) != 0 {
		t.Fatalf("notifications at start: %d", len(notes.sent))
	}
	f := &threadFixture{svc: svc}
	it := f.demoThread(t, false)
	f.fromOther(t, it, "明日の件で、ひとつご相談があります。")
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now})
	ui.settle()
	if len(notes.sent) != 1 || notes.sent[0].Title != "メッセージが届きました" ||
		notes.sent[0].Content != it.OtherName+"さん（"+it.OtherCompany+"）からです。「受信箱」の「メッセージ」からご覧ください。" {
		t.Fatalf("notifications %+v", notes.sent)
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(time.Minute)})
	ui.settle()
	if len(notes.sent) != 1 {
		t.Fatalf("%d notifications after the next sync, want still 1", len(notes.sent))
	}
	if err := svc.Mutate(context.Background(), app.MessageSend, app.SendMessageArgs{ID: uuid.NewString(), OfferID: it.ID, Text: "承知しました。"}); err != nil {
		t.Fatal(err)
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(2 * time.Minute)})
	ui.settle()
	if len(notes.sent) != 1 {
		t.Fatalf("%d notifications after my own message, want still 1", len(notes.sent))
	}
	// Theirs while the thread is open on screen: shown there, and read,
	// not notified.
	m.inbox.openThread(it)
	ui.settle()
	f.fromOther(t, it, "ありがとうございます。")
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(3 * time.Minute)})
	ui.settle()
	if len(notes.sent) != 1 {
		t.Fatalf("%d notifications of a message in the thread on screen, want still 1", len(notes.sent))
	}
	if n, err := svc.UnreadMessages(context.Background(), svc.me.ParticipantID); err != nil || n != 1 {
		t.Errorf("unread after the thread on screen showed it: %d, %v (want 1: the demo's place note)", n, err)
	}
}

// The thread fits a small screen with the largest text: the newest
// message, the box to write in and the send button are in view once it
// has loaded.
func TestThreadFitsSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		f := newThreadFixture(t)
		largestText()
		f.win.Resize(size)
		it := f.demoThread(t, false)
		f.open(t, it)
		frame(f.win.Canvas())
		wantFits(t, f.win, "the thread", f.dlg.entry, f.dlg.send, uitest.ShownButton(f.top(t), "閉じる"))
	})
}

// Sent offline, a message shows 送信待ち until the server has it; then
// the mark and the note that it was saved go. The note that the draft of
// last time is shown goes once that draft was sent, or cleared (review
// of issue 19, item 10).
func TestThreadQueuedAndNotes(t *testing.T) {
	f := newThreadFixture(t)
	it := f.demoThread(t, false)
	f.open(t, it)
	test.Type(f.dlg.entry, "明日はよろしくお願いいたします。")
	f.dlg.form.dlg.Hide()
	widgets.FlushDrafts()
	settle()
	f.open(t, it)
	if f.dlg.entry.Text != "明日はよろしくお願いいたします。" || !f.dlg.draft.Note.Visible() {
		t.Fatalf("the draft again: %q, note shown %v", f.dlg.entry.Text, f.dlg.draft.Note.Visible())
	}

	f.svc.setServer(true, "")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatal(err)
	}
	settle()
	if f.dlg.draft.Note.Visible() || uitest.ShowsText(f.top(t), "前回の下書きを表示しています。") {
		t.Error("the draft's note stays after the draft was sent")
	}
	uitest.WantTexts(t, "sent offline", f.top(t), "保存しました。オンラインになると送信されます。")
	got := f.bubbles()
	if last := got[len(got)-1]; !strings.HasSuffix(last, "|明日はよろしくお願いいたします。|送信待ち") {
		t.Fatalf("the queued message shows as %q", last)
	}
	for _, b := range got[:len(got)-1] {
		if strings.Contains(b, "送信待ち") {
			t.Errorf("a message the server has shows %q", b)
		}
	}

	// The server takes it: the next load shows it as sent.
	f.svc.deliverQueued(t)
	f.dlg.Reload()
	settle()
	got = f.bubbles()
	if last := got[len(got)-1]; !strings.HasSuffix(last, "|明日はよろしくお願いいたします。") {
		t.Errorf("the delivered message shows as %q", last)
	}
	if uitest.ShowsText(f.top(t), "保存しました。オンラインになると送信されます。") {
		t.Error("the note that it was saved stays after delivery")
	}

	// A draft cleared by hand takes its note away too.
	test.Type(f.dlg.entry, "下書きです。")
	f.dlg.form.dlg.Hide()
	widgets.FlushDrafts()
	settle()
	f.open(t, it)
	if !f.dlg.draft.Note.Visible() {
		t.Fatal("the second draft's note does not show")
	}
	f.dlg.entry.SetText("")
	if f.dlg.draft.Note.Visible() {
		t.Error("the draft's note stays after the box was emptied")
	}
}
