package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// inboxFixture is an inbox of the demo user on a real demo database, in a
// headless window, with channels that say when a load or an answer has
// been shown.
type inboxFixture struct {
	dialogWindow
	svc     *testServices
	in      *Inbox
	loaded  chan struct{}
	changed int
}

func newInboxFixture(t *testing.T, now time.Time) *inboxFixture {
	t.Helper()
	return newInboxFixtureIn(t, now, testapp.Japanese)
}

// newInboxFixtureIn is newInboxFixture in the language that speak sets.
func newInboxFixtureIn(t *testing.T, now time.Time, speak func(*testing.T)) *inboxFixture {
	t.Helper()
	speak(t)
	testapp.New(t)
	f := &inboxFixture{dialogWindow: newDialogWindow(t), svc: newTestServices(t), loaded: make(chan struct{}, 4)}
	f.svc.now = now
	f.in = NewInbox(f.svc, f.win)
	f.win.SetContent(f.in.Content())
	f.win.Resize(fyne.NewSize(820, 900))
	f.in.loaded = func() { f.loaded <- struct{}{} }
	f.in.settled = func(err error) { f.settled <- err }
	f.in.OnChanged = func() { f.changed++ }
	// A reload after an answer must not outlive the test: it would touch
	// the fonts while the next test draws, and read a closed store.
	t.Cleanup(settle)
	f.in.Refresh()
	f.waitLoaded(t)
	return f
}

func (f *inboxFixture) waitLoaded(t *testing.T) {
	t.Helper()
	if !awaitShown(f.loaded) {
		t.Fatal("the inbox did not load")
	}
}

// items reads a box of the demo user straight from the store.
func (f *inboxFixture) items(t *testing.T, box app.Box) []app.InboxItem {
	t.Helper()
	items, err := f.svc.Inbox(context.Background(), f.svc.me.ParticipantID, box, f.svc.now)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// offer reads one of the demo user's offers straight from the store.
func (f *inboxFixture) offer(t *testing.T, id string) app.Offer {
	t.Helper()
	for _, box := range []app.Box{app.BoxSent, app.BoxReceived} {
		for _, it := range f.items(t, box) {
			if it.ID == id {
				return it.Offer
			}
		}
	}
	t.Fatalf("offer %s not found", id)
	return app.Offer{}
}

// listOf is the index in Inbox.boxes of box's list.
func listOf(box app.Box) int { return slices.Index(inboxBoxes, box) }

// wantOnlyIn checks that offer id is shown in list box and in no other
// list, and returns its card there.
func (f *inboxFixture) wantOnlyIn(t *testing.T, id string, box app.Box) *offerCard {
	t.Helper()
	var in []app.Box
	for i, b := range inboxBoxes {
		if f.card(i, id) != nil {
			in = append(in, b)
		}
	}
	if len(in) != 1 || in[0] != box {
		t.Fatalf("offer %s is in the lists %v, want only %d", id, in, box)
	}
	return f.card(listOf(box), id)
}

// selectList shows the tab of box's list.
func (f *inboxFixture) selectList(box app.Box) { f.in.tabs.Select(f.in.boxes[listOf(box)].item) }

// card finds the card of offer id in list i of Inbox.boxes, or nil.
func (f *inboxFixture) card(i int, id string) *offerCard {
	for _, c := range f.in.boxes[i].cards {
		if c.item.ID == id {
			return c
		}
	}
	return nil
}

// received is the first offer waiting for my answer that was sent to me
// and not yet answered with other times.
func (f *inboxFixture) received(t *testing.T) app.InboxItem {
	t.Helper()
	for _, it := range f.items(t, app.BoxNeedsMyAnswer) {
		if it.ToID == f.svc.me.ParticipantID && it.Rounds == 0 {
			return it
		}
	}
	t.Fatal("no new offer waits for the demo user")
	return app.InboxItem{}
}

// The tabs list the right offers, by what the person must do, each with
// the other person, who sent it, the times, the mode, the message, its
// state and its deadline in words.
func TestInboxTabs(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	waiting := f.items(t, app.BoxNeedsMyAnswer)
	if len(waiting) < 2 {
		t.Fatalf("the demo user has %d offers to answer, want at least 2", len(waiting))
	}
	if f.in.Waiting() != len(waiting) {
		t.Errorf("Waiting() = %d, want %d", f.in.Waiting(), len(waiting))
	}
	surveys, err := f.svc.SurveysDue(context.Background(), me, f.svc.now)
	if err != nil || len(surveys) == 0 {
		t.Fatalf("the demo user has %d surveys due (%v)", len(surveys), err)
	}
	var titles []string
	for _, it := range f.in.tabs.Items {
		titles = append(titles, it.Text)
	}
	want := []string{"お返事が必要（" + strconv.Itoa(len(waiting)) + "）", "お相手のお返事待ち", "決まったクロストーク",
		"アンケート（" + strconv.Itoa(len(surveys)+programmeDue(t, f.svc)) + "）", "終わったもの"}
	if strings.Join(titles, ",") != strings.Join(want, ",") {
		t.Errorf("tabs %q, want %q", titles, want)
	}

	// Waiting for my answer: every offer, with its texts and buttons.
	if got := len(f.in.boxes[0].cards); got != len(waiting) {
		t.Errorf("%d cards to answer, want %d", got, len(waiting))
	}
	for _, it := range waiting {
		c := f.card(0, it.ID)
		if c == nil {
			t.Errorf("offer from %s is not in お返事が必要", it.OtherName)
			continue
		}
		want := []string{
			it.OtherName + "さん（" + it.OtherCompany + "）",
			widgets.FormatDateTime(it.ExpiresAt) + "までにお返事ください。",
			"実施方法：" + ModeName(it.Mode),
			it.Message,
			"候補の日時",
		}
		for _, s := range it.Slots {
			want = append(want, "・"+widgets.FormatSlot(s))
		}
		if it.Rounds == 0 {
			want = append(want, "お返事をお願いします。", it.OtherName+"さんから届いたオファーです。")
		} else {
			want = append(want, "お相手から別の日時の提案が届きました。お返事をお願いします。", it.OtherName+"さんへ送ったオファーです。")
		}
		uitest.WantTexts(t, "the card of "+it.OtherName, c.content, want...)
		if c.accept == nil || c.counter == nil || c.accept.Text != "承諾する" || c.counter.Text != "別の日時を提案する" {
			t.Errorf("%s: no accept or counter button", it.OtherName)
		}
		if (c.decline != nil) != (it.ToID == me) || (c.withdraw != nil) != (it.FromID == me) {
			t.Errorf("%s: decline %v, withdraw %v for an offer from %s", it.OtherName, c.decline != nil, c.withdraw != nil, it.FromID)
		}
	}

	// Waiting for the other side's answer, whoever sent it: says so, and
	// may be withdrawn by its sender or declined by its recipient, but
	// not accepted.
	theirs := f.items(t, app.BoxTheirAnswer)
	if len(theirs) == 0 {
		t.Fatal("no offer waits for the other side")
	}
	for _, it := range theirs {
		c := f.card(listOf(app.BoxTheirAnswer), it.ID)
		if c == nil {
			t.Errorf("offer with %s is not in お相手のお返事待ち", it.OtherName)
			continue
		}
		direction := it.OtherName + "さんへ送ったオファーです。"
		if it.ToID == me {
			direction = it.OtherName + "さんから届いたオファーです。"
		}
		uitest.WantTexts(t, "the card waiting for "+it.OtherName, c.content,
			"お相手のお返事を待っています。", "お返事の期限は"+widgets.FormatDateTime(it.ExpiresAt)+"です。", direction)
		if c.accept != nil || c.counter != nil || (c.decline != nil) != (it.ToID == me) || (c.withdraw != nil) != (it.FromID == me) {
			t.Errorf("an offer waiting for %s has the wrong buttons", it.OtherName)
		}
	}

	// Decided: the talk's time, and a way to open it.
	decided := f.items(t, app.BoxScheduled)
	if len(decided) == 0 {
		t.Fatal("no decided talk in the demo")
	}
	for _, it := range decided {
		c := f.card(listOf(app.BoxScheduled), it.ID)
		if c == nil || it.Talk == nil {
			t.Errorf("decided talk with %s is not in 決まったクロストーク (talk %v)", it.OtherName, it.Talk)
			continue
		}
		direction := it.OtherName + "さんへ送ったオファーです。"
		if it.ToID == me {
			direction = it.OtherName + "さんから届いたオファーです。"
		}
		uitest.WantTexts(t, "the decided talk with "+it.OtherName, c.content, direction,
			"クロストーク："+widgets.FormatSlot(app.Slot{Start: it.Talk.Start, End: it.Talk.End})+"（予定）")
		if c.openTalk == nil || c.accept != nil || c.counter != nil || c.decline != nil || c.withdraw != nil {
			t.Errorf("decided talk with %s has the wrong buttons", it.OtherName)
		}
	}

	// Finished: each says why in words.
	finished := f.items(t, app.BoxFinished)
	seen := map[string]bool{}
	for _, it := range finished {
		c := f.card(listOf(app.BoxFinished), it.ID)
		if c == nil {
			t.Errorf("finished offer with %s is not in 終わったもの", it.OtherName)
			continue
		}
		if c.accept != nil || c.counter != nil || c.decline != nil || c.withdraw != nil || c.openTalk != nil {
			t.Errorf("finished offer with %s has buttons", it.OtherName)
		}
		var want []string
		switch it.State {
		case app.OfferAccepted:
			s, _ := chosenSlot(it.Offer)
			if acceptedBy(it.Offer) == me {
				want = []string{"承諾しました。日時は" + widgets.FormatSlot(s) + "です。"}
			} else {
				want = []string{"お相手が承諾されました。日時は" + widgets.FormatSlot(s) + "です。"}
			}
			if it.Talk != nil {
				seen["talk "+string(it.Talk.State)] = true
				want = append(want, "クロストーク："+widgets.FormatSlot(app.Slot{Start: it.Talk.Start, End: it.Talk.End})+"（"+talkLineState(*it.Talk, testNow)+"）")
			}
		case app.OfferDeclined:
			reason := map[string]string{"schedule": "日程の都合が合いませんでした。", "theme": "話したいテーマが合いませんでした。",
				"workload": "今は業務が立て込んでいるためです。", "other": "その他の理由です。"}[it.Reason]
			line := "理由：" + reason
			if it.Note != "" {
				line += "\nひとこと：" + it.Note
			}
			who := "このオファーは辞退しました。"
			if it.FromID == me {
				who = "お相手が辞退されました。"
			}
			want = []string{who, line}
			seen[string(it.State)+"/"+it.Reason] = true
		case app.OfferWithdrawn:
			want = []string{"このオファーは取り下げました。"}
		case app.OfferExpired:
			want = []string{"期限までにお返事がありませんでした。", "お返事の期限は" + widgets.FormatDateTime(it.ExpiresAt) + "でした。"}
		}
		if it.FromID == me {
			want = append(want, it.OtherName+"さんへ送ったオファーです。")
		} else {
			want = append(want, it.OtherName+"さんから届いたオファーです。")
		}
		seen[string(it.State)] = true
		uitest.WantTexts(t, "the finished card of "+it.OtherName, c.content, want...)
	}
	for _, s := range []string{"accepted", "declined", "withdrawn", "expired", "declined/schedule", "talk held"} {
		if !seen[s] {
			t.Errorf("no finished offer %s in the demo", s)
		}
	}

	// Every offer of the demo user is in the one list its state, turn,
	// deadline and talk call for.
	for _, box := range []app.Box{app.BoxSent, app.BoxReceived} {
		for _, it := range f.items(t, box) {
			f.wantOnlyIn(t, it.ID, it.Box(me, testNow))
		}
	}

	test.AssertImageMatches(t, "inbox_waiting.png", f.win.Canvas().Capture())
	// The finished tab, scrolled to the first offer that did not lead to
	// a talk.
	f.selectList(app.BoxFinished)
	fin := f.in.boxes[listOf(app.BoxFinished)]
	for _, c := range fin.cards {
		if c.item.State != app.OfferAccepted {
			scroll := fin.item.Content.(*container.Scroll)
			scroll.Offset = fyne.NewPos(0, c.content.Position().Y)
			scroll.Refresh()
			break
		}
	}
	test.AssertImageMatches(t, "inbox_finished.png", f.win.Canvas().Capture())
}

// talkLineState is the state a finished offer's talk line tells.
func talkLineState(k app.Talk, now time.Time) string {
	if k.State == app.TalkScheduled && !now.Before(k.End) {
		return "終わりました"
	}
	return TalkStateText(k)
}

// An offer still pending in the file but past its expiry is shown as
// expired, and nothing waits for an answer any more.
func TestInboxShowsLateOffersAsExpired(t *testing.T) {
	f := newInboxFixture(t, testNow.AddDate(0, 0, 10))
	if f.in.Waiting() != 0 || len(f.in.boxes[0].cards) != 0 {
		t.Errorf("%d offers wait after every deadline passed", f.in.Waiting())
	}
	uitest.WantTexts(t, "the empty tab", f.in.boxes[0].list, "今、お返事が必要なオファーはありません。新しいオファーが届くと、ここに表示されます。")
	if got := f.in.tabs.Items[0].Text; got != "お返事が必要" {
		t.Errorf("tab %q", got)
	}
	late := 0
	for _, c := range f.in.boxes[listOf(app.BoxFinished)].cards {
		if c.item.State != app.OfferPending {
			continue
		}
		late++
		uitest.WantTexts(t, "the late offer of "+c.item.OtherName, c.content,
			"期限までにお返事がありませんでした。", "お返事の期限は"+widgets.FormatDateTime(c.item.ExpiresAt)+"でした。")
		if c.accept != nil || c.withdraw != nil || c.decline != nil {
			t.Errorf("a late offer of %s can still be answered", c.item.OtherName)
		}
	}
	if late < 3 {
		t.Errorf("%d late pending offers in 終わったもの, want the demo user's 4", late)
	}
}

// An offer whose deadline passes while the inbox is open moves to
// 終わったもの at the next load, on either side's turn.
func TestInboxExpiryMovesOffers(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	mine := f.items(t, app.BoxNeedsMyAnswer)[0]
	theirs := f.items(t, app.BoxTheirAnswer)[0]
	f.wantOnlyIn(t, mine.ID, app.BoxNeedsMyAnswer)
	f.wantOnlyIn(t, theirs.ID, app.BoxTheirAnswer)
	for _, it := range []app.InboxItem{mine, theirs} {
		f.svc.now = it.ExpiresAt
		f.in.Refresh()
		f.waitLoaded(t)
		c := f.wantOnlyIn(t, it.ID, app.BoxFinished)
		uitest.WantTexts(t, "the late offer", c.content, "期限までにお返事がありませんでした。")
		if it.Turn != me && c.withdraw != nil {
			t.Error("a late offer can still be withdrawn")
		}
	}
}
