package ui

import (
	"context"
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
	select {
	case <-f.loaded:
	case <-time.After(10 * time.Second):
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

// card finds the card of offer id in tab i, or nil.
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

// The three tabs list the right offers, each with the other person, the
// times, the mode, the message, its state and its deadline in words.
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
	titles := []string{f.in.tabs.Items[0].Text, f.in.tabs.Items[1].Text, f.in.tabs.Items[2].Text}
	if want := []string{"お返事待ち（" + strconv.Itoa(len(waiting)) + "）", "送ったオファー", "終わったもの"}; strings.Join(titles, ",") != strings.Join(want, ",") {
		t.Errorf("tabs %q, want %q", titles, want)
	}

	// Waiting for my answer: every offer, with its texts and buttons.
	if got := len(f.in.boxes[0].cards); got != len(waiting) {
		t.Errorf("%d cards to answer, want %d", got, len(waiting))
	}
	for _, it := range waiting {
		c := f.card(0, it.ID)
		if c == nil {
			t.Errorf("offer from %s is not in お返事待ち", it.OtherName)
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
			want = append(want, "お相手から別の日時の提案が届きました。お返事をお願いします。", "あなたが送ったオファーです。")
		}
		uitest.WantTexts(t, "the card of "+it.OtherName, c.content, want...)
		if c.accept == nil || c.counter == nil || c.accept.Text != "承諾する" || c.counter.Text != "別の日時を提案する" {
			t.Errorf("%s: no accept or counter button", it.OtherName)
		}
		if (c.decline != nil) != (it.ToID == me) || (c.withdraw != nil) != (it.FromID == me) {
			t.Errorf("%s: decline %v, withdraw %v for an offer from %s", it.OtherName, c.decline != nil, c.withdraw != nil, it.FromID)
		}
	}

	// Sent: the one waiting for the other side says so, and may be
	// withdrawn but not accepted.
	var theirs int
	for _, it := range f.items(t, app.BoxSent) {
		c := f.card(1, it.ID)
		if c == nil {
			t.Errorf("sent offer to %s is not in 送ったオファー", it.OtherName)
			continue
		}
		if it.State == app.OfferPending && it.Turn != me {
			theirs++
			uitest.WantTexts(t, "the sent card of "+it.OtherName, c.content,
				"お相手のお返事を待っています。", "お返事の期限は"+widgets.FormatDateTime(it.ExpiresAt)+"です。", "あなたが送ったオファーです。")
			if c.accept != nil || c.counter != nil || c.decline != nil || c.withdraw == nil || c.withdraw.Text != "取り下げる" {
				t.Errorf("a sent offer waiting for %s has the wrong buttons", it.OtherName)
			}
		}
	}
	if theirs == 0 {
		t.Error("no sent offer waits for the other side")
	}

	// Finished: each says why in words.
	finished := f.items(t, app.BoxFinished)
	seen := map[string]bool{}
	for _, it := range finished {
		c := f.card(2, it.ID)
		if c == nil {
			t.Errorf("finished offer with %s is not in 終わったもの", it.OtherName)
			continue
		}
		if c.accept != nil || c.counter != nil || c.decline != nil || c.withdraw != nil {
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
		seen[string(it.State)] = true
		uitest.WantTexts(t, "the finished card of "+it.OtherName, c.content, want...)
	}
	for _, s := range []string{"accepted", "declined", "withdrawn", "expired", "declined/schedule"} {
		if !seen[s] {
			t.Errorf("no finished offer %s in the demo", s)
		}
	}

	test.AssertImageMatches(t, "inbox_waiting.png", f.win.Canvas().Capture())
	// The finished tab, scrolled to the first offer that did not lead to
	// a talk.
	f.in.tabs.SelectIndex(2)
	for _, c := range f.in.boxes[2].cards {
		if c.item.State != app.OfferAccepted {
			scroll := f.in.boxes[2].item.Content.(*container.Scroll)
			scroll.Offset = fyne.NewPos(0, c.content.Position().Y)
			scroll.Refresh()
			break
		}
	}
	test.AssertImageMatches(t, "inbox_finished.png", f.win.Canvas().Capture())
}

// An offer still pending in the file but past its expiry is shown as
// expired, and nothing waits for an answer any more.
func TestInboxShowsLateOffersAsExpired(t *testing.T) {
	f := newInboxFixture(t, testNow.AddDate(0, 0, 10))
	if f.in.Waiting() != 0 || len(f.in.boxes[0].cards) != 0 {
		t.Errorf("%d offers wait after every deadline passed", f.in.Waiting())
	}
	uitest.WantTexts(t, "the empty tab", f.in.boxes[0].list, "今、お返事が必要なオファーはありません。新しいオファーが届くと、ここに表示されます。")
	if got := f.in.tabs.Items[0].Text; got != "お返事待ち" {
		t.Errorf("tab %q", got)
	}
	late := 0
	for _, c := range f.in.boxes[2].cards {
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
