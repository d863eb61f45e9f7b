package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// actAs runs mutation name on the store as participant id, as the other
// side's device would, at the fixture's clock.
func (f *inboxFixture) actAs(t *testing.T, id, name string, args any) {
	t.Helper()
	p, err := f.svc.Person(context.Background(), id, f.svc.now)
	if err != nil {
		t.Fatal(err)
	}
	actor := app.Actor{ParticipantID: id, CompanyID: p.CompanyID, Role: app.RoleParticipant}
	if err := app.Run(context.Background(), f.svc.Store, name, actor, app.Args(args), f.svc.now); err != nil {
		t.Fatalf("%s as %s: %v", name, id, err)
	}
}

// talk finds the talk with id among the demo user's talks, or false.
func (f *inboxFixture) talk(t *testing.T, id string) (app.TalkItem, bool) {
	t.Helper()
	talks, err := f.svc.TalksBetween(context.Background(), f.svc.me.ParticipantID, f.svc.now.AddDate(-1, 0, 0), f.svc.now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range talks {
		if k.ID == id {
			return k, true
		}
	}
	return app.TalkItem{}, false
}

// Accepting one of the proposed times stores the offer as accepted,
// creates the talk and moves the offer from お返事が必要 to 決まったクロストーク.
func TestInboxAccept(t *testing.T) {
	f := newInboxFixture(t, testNow)
	it := f.received(t)
	before := f.in.Waiting()
	c := f.card(0, it.ID)
	test.Tap(c.accept)
	dlg := f.top(t)
	uitest.WantTexts(t, "the accept dialog", dlg,
		"オファーを承諾する",
		it.OtherName+"さん（"+it.OtherCompany+"）とのクロストークの日時を決めます。候補の中から、ひとつお選びください。",
		"場所またはオンライン会議のURL（任意）",
		"オンライン会議のURLがあれば入れてください。後で決めることもできます。")
	choice := findShown[*widget.RadioGroup](dlg)
	if choice == nil || len(choice.Options) != len(it.Slots) {
		t.Fatalf("the times to choose from: %v", choice)
	}
	slot := it.Slots[len(it.Slots)-1]
	if len(it.Slots) > 1 {
		f.tap(t, "この日時で承諾する")
		uitest.WantTexts(t, "the accept dialog without a time", dlg, "日時をひとつお選びください。")
	}
	choice.SetSelected(widgets.FormatSlot(slot))
	place := findShown[*widget.Entry](dlg)
	test.Type(place, "https://meet.example.jp/tanaka")
	// Enter, which an IME also uses to confirm a conversion, sends
	// nothing.
	place.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(f.svc.calls) != 0 || f.top(t) != dlg {
		t.Fatalf("Enter in the place field: %v", f.svc.calls)
	}
	f.tap(t, "この日時で承諾する")
	uitest.WantTexts(t, "the confirmation", f.top(t),
		it.OtherName+"さんとのクロストークを、次の日時で承諾します。\n"+widgets.FormatSlot(slot)+"\nよろしいですか？")
	test.AssertImageMatches(t, "inbox_accept_confirm.png", f.win.Canvas().Capture())
	f.tap(t, "承諾する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("accept: %v", err)
	}
	f.waitLoaded(t)

	o := f.offer(t, it.ID)
	if o.State != app.OfferAccepted || o.ChosenStart == nil || !o.ChosenStart.Equal(slot.Start) {
		t.Errorf("stored offer %s at %v", o.State, o.ChosenStart)
	}
	k, ok := f.talk(t, app.TalkIDFor(it.ID))
	if !ok || !k.Start.Equal(slot.Start) || k.Place != "https://meet.example.jp/tanaka" || k.State != app.TalkScheduled {
		t.Errorf("talk %v %+v", ok, k.Talk)
	}
	if f.card(0, it.ID) != nil || f.in.Waiting() != before-1 || f.changed != 1 {
		t.Errorf("after accepting: still waiting %v, %d waiting, OnChanged %d times", f.card(0, it.ID) != nil, f.in.Waiting(), f.changed)
	}
	// The server has it (the test services are online): the dialog
	// closed, and a message says it was sent.
	f.wantSent(t, "オファーを承諾しました。")
	done := f.wantOnlyIn(t, it.ID, app.BoxScheduled)
	uitest.WantTexts(t, "the accepted offer", done.content, "承諾しました。日時は"+widgets.FormatSlot(slot)+"です。",
		"クロストーク："+widgets.FormatSlot(slot)+"（予定）", it.OtherName+"さんから届いたオファーです。")
	if done.openTalk == nil || done.openTalk.Text != "カレンダーで開く" {
		t.Error("the decided talk cannot be opened")
	}
}

// Proposing other times passes the turn: the offer leaves お返事が必要 for
// お相手のお返事待ち and says that it waits for the other person.
func TestInboxCounter(t *testing.T) {
	f := newInboxFixture(t, testNow)
	it := f.received(t)
	test.Tap(f.card(0, it.ID).counter)
	dlg := f.top(t)
	uitest.WantTexts(t, "the counter dialog", dlg, "別の日時を提案する",
		"このオファーで別の日時を提案できるのは、お二人合わせて、あと3回です。")
	f.tap(t, "この日時を提案する")
	uitest.WantTexts(t, "the counter dialog without a time", dlg, "1つ目の候補の日にちと時刻を選んでください。")

	editor := findShown[*widgets.SlotsEditor](dlg)
	starts := []time.Time{time.Date(2026, 12, 8, 14, 0, 0, 0, app.Tokyo), time.Date(2026, 12, 10, 10, 30, 0, 0, app.Tokyo)}
	editor.SetStarts(starts)
	msg := findShown[*widget.Entry](dlg)
	test.Type(msg, "あいにくその週は出張です。こちらの日時はいかがでしょうか。")
	test.AssertImageMatches(t, "inbox_counter.png", f.win.Canvas().Capture())

	// The offer's own times cannot be proposed again: the one repeated
	// is named.
	editor.SetStarts([]time.Time{starts[0], it.Slots[0].Start})
	f.tap(t, "この日時を提案する")
	uitest.WantTexts(t, "a time of the offer proposed again", dlg,
		"2つ目の候補（"+candidateDay(it.Slots[0].Start)+"）は、このオファーですでに提案されている日時です。別の日時をお選びください。")
	if len(f.svc.calls) != 0 {
		t.Fatalf("sent: %v", f.svc.calls)
	}
	editor.SetStarts(starts)

	// A confirmation shows what will be sent; going back sends nothing.
	f.tap(t, "この日時を提案する")
	widgets.WaitBackground()
	confirm := f.top(t)
	if confirm == dlg {
		t.Fatal("no confirmation before proposing")
	}
	uitest.WantTexts(t, "the confirmation", confirm,
		it.OtherName+"さんに、次の日時を提案します。\n・"+widgets.FormatSlot(app.Slot{Start: starts[0], End: starts[0].Add(time.Hour)})+"\n・"+
			widgets.FormatSlot(app.Slot{Start: starts[1], End: starts[1].Add(time.Hour)})+
			"\n\nメッセージ：\nあいにくその週は出張です。こちらの日時はいかがでしょうか。\n\nよろしいですか？")
	f.tap(t, "戻る")
	if f.top(t) != dlg || len(f.svc.calls) != 0 {
		t.Fatalf("going back: calls %v", f.svc.calls)
	}
	f.tap(t, "この日時を提案する")
	widgets.WaitBackground()
	f.tap(t, "提案する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("counter: %v", err)
	}
	f.waitLoaded(t)
	f.wantSent(t, "別の日時を提案しました。お返事をお待ちください。")

	o := f.offer(t, it.ID)
	if o.State != app.OfferPending || o.Turn != o.FromID || o.Rounds != 1 || len(o.Slots) != 2 ||
		!o.Slots[0].Start.Equal(starts[0]) || !strings.HasPrefix(o.Message, "あいにく") {
		t.Errorf("stored offer %+v", o)
	}
	if f.card(0, it.ID) != nil {
		t.Error("the countered offer still waits for my answer")
	}
	c := f.card(1, it.ID)
	if c == nil {
		t.Fatal("the countered offer is not shown in お相手のお返事待ち")
	}
	f.wantOnlyIn(t, it.ID, app.BoxTheirAnswer)
	uitest.WantTexts(t, "the countered offer", c.content, it.OtherName+"さんから届いたオファーです。")
	uitest.WantTexts(t, "the countered offer", c.content, "お相手のお返事を待っています。", "送信済みです。",
		"・"+widgets.FormatSlot(o.Slots[0]), "・"+widgets.FormatSlot(o.Slots[1]))
	if c.accept != nil || c.counter != nil || c.decline == nil {
		t.Error("the countered offer offers the wrong answers")
	}
}

// After app.MaxRounds rounds of other times, proposing again is disabled
// and says why.
func TestInboxCounterLimit(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	// My offer that came back with other times: one round so far.
	var it app.InboxItem
	for _, x := range f.items(t, app.BoxNeedsMyAnswer) {
		if x.FromID == me && x.Rounds == 1 {
			it = x
		}
	}
	if it.ID == "" {
		t.Fatal("no countered offer waits for the demo user")
	}
	day := time.Date(2026, 12, 14, 10, 0, 0, 0, app.Tokyo)
	if err := f.svc.Mutate(context.Background(), app.OfferCounter,
		app.CounterOfferArgs{OfferID: it.ID, Slots: []time.Time{day}}); err != nil {
		t.Fatal(err)
	}
	f.actAs(t, it.ToID, app.OfferCounter, app.CounterOfferArgs{OfferID: it.ID, Slots: []time.Time{day.AddDate(0, 0, 1)}})
	f.in.Refresh()
	f.waitLoaded(t)
	c := f.card(0, it.ID)
	if c == nil || f.offer(t, it.ID).Turn != me {
		t.Fatal("the offer does not wait for me after three rounds")
	}
	if !c.counter.Disabled() || c.accept.Disabled() {
		t.Errorf("counter disabled %v, accept disabled %v", c.counter.Disabled(), c.accept.Disabled())
	}
	uitest.WantTexts(t, "the card", c.content, "日時の再提案は3回までです。これ以上は提案できません。")
}

// Declining with a stock reason and a note: the finished tab says why,
// in words.
func TestInboxDecline(t *testing.T) {
	f := newInboxFixture(t, testNow)
	it := f.received(t)
	test.Tap(f.card(0, it.ID).decline)
	dlg := f.top(t)
	choice := findShown[*widget.RadioGroup](dlg)
	want := []string{"日程が合わないため", "今は業務が立て込んでいるため", "テーマが合わないため", "その他"}
	if choice == nil || strings.Join(choice.Options, ",") != strings.Join(want, ",") {
		t.Fatalf("reasons %v", choice)
	}
	f.tap(t, "辞退する")
	uitest.WantTexts(t, "the decline dialog without a reason", dlg, "辞退の理由をお選びください。")
	choice.SetSelected("日程が合わないため")
	test.Type(findShown[*widget.Entry](dlg), "せっかくお声がけいただいたのに、申し訳ありません。")
	test.AssertImageMatches(t, "inbox_decline.png", f.win.Canvas().Capture())
	f.tap(t, "辞退する")
	uitest.WantTexts(t, "the confirmation", f.top(t),
		it.OtherName+"さんからのオファーを辞退します。辞退すると、元に戻せません。よろしいですか？")
	f.tap(t, "辞退する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("decline: %v", err)
	}
	f.waitLoaded(t)
	f.wantSent(t, "オファーを辞退しました。")

	o := f.offer(t, it.ID)
	if o.State != app.OfferDeclined || o.Reason != "schedule" || o.Note != "せっかくお声がけいただいたのに、申し訳ありません。" {
		t.Errorf("stored offer %s %q %q", o.State, o.Reason, o.Note)
	}
	c := f.wantOnlyIn(t, it.ID, app.BoxFinished)
	uitest.WantTexts(t, "the declined offer", c.content, "このオファーは辞退しました。",
		"理由：日程の都合が合いませんでした。\nひとこと：せっかくお声がけいただいたのに、申し訳ありません。")
}

// Withdrawing my own offer, after confirming.
func TestInboxWithdraw(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	var it app.InboxItem
	for _, x := range f.items(t, app.BoxSent) {
		if x.State == app.OfferPending && x.Turn != me {
			it = x
		}
	}
	c := f.card(1, it.ID)
	if c == nil || c.withdraw == nil {
		t.Fatal("no sent offer to withdraw")
	}
	test.Tap(c.withdraw)
	uitest.WantTexts(t, "the withdraw dialog", f.top(t), "オファーを取り下げる",
		it.OtherName+"さん（"+it.OtherCompany+"）へのオファーを取り下げます。取り下げると、元に戻せません。よろしいですか？")
	f.svc.setServer(true, "")
	f.tap(t, "取り下げる")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	f.waitLoaded(t)
	// Offline, the withdrawal is saved and waits: the message says so,
	// not that it was sent.
	f.wantSent(t, "保存しました。オンラインになると送信されます。")
	if o := f.offer(t, it.ID); o.State != app.OfferWithdrawn {
		t.Errorf("stored offer is %s", o.State)
	}
	done := f.wantOnlyIn(t, it.ID, app.BoxFinished)
	uitest.WantTexts(t, "the withdrawn offer", done.content, "このオファーは取り下げました。", it.OtherName+"さんへ送ったオファーです。")
}

// Withdrawing online: the message after it says it was withdrawn, with
// the verb of what was done, not that something was sent (review of
// issue 19, item 11).
func TestInboxWithdrawOnlineSaysWithdrawn(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	var it app.InboxItem
	for _, x := range f.items(t, app.BoxSent) {
		if x.State == app.OfferPending && x.Turn != me {
			it = x
		}
	}
	c := f.card(1, it.ID)
	if c == nil || c.withdraw == nil {
		t.Fatal("no sent offer to withdraw")
	}
	test.Tap(c.withdraw)
	f.tap(t, "取り下げる")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	f.waitLoaded(t)
	uitest.WantTexts(t, "the message after withdrawing", f.top(t), "取り下げました", "オファーを取り下げました。")
	f.wantSent(t, "オファーを取り下げました。")
	if o := f.offer(t, it.ID); o.State != app.OfferWithdrawn {
		t.Errorf("stored offer is %s", o.State)
	}
}

// The other side withdraws its offer between loading and accepting: the
// dialog says so in Japanese, stays open with what was typed, and nothing
// changes.
func TestInboxAcceptRejected(t *testing.T) {
	f := newInboxFixture(t, testNow)
	it := f.received(t)
	test.Tap(f.card(0, it.ID).accept)
	dlg := f.top(t)
	findShown[*widget.RadioGroup](dlg).SetSelected(widgets.FormatSlot(it.Slots[0]))
	place := findShown[*widget.Entry](dlg)
	test.Type(place, "本社1階ロビー")
	f.tap(t, "この日時で承諾する")

	f.actAs(t, it.FromID, app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: it.ID})
	before, err := f.svc.DumpTables(context.Background(), "offers", "talks")
	if err != nil {
		t.Fatal(err)
	}
	f.tap(t, "承諾する")
	if err := f.waitSettled(t); app.CodeOf(err) != app.CodeOfferNotPending {
		t.Fatalf("accept after withdraw: %v", err)
	}
	if f.top(t) != dlg {
		t.Fatal("the accept dialog closed")
	}
	msg := lang.X("reject.offer_not_pending", "")
	if msg == "" || !strings.Contains(msg, "このオファーは") {
		t.Fatalf("translation %q", msg)
	}
	uitest.WantTexts(t, "the accept dialog", dlg, msg)
	if place.Text != "本社1階ロビー" {
		t.Errorf("the place typed was lost: %q", place.Text)
	}
	after, err := f.svc.DumpTables(context.Background(), "offers", "talks")
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Error("the refused accept changed the store")
	}
	if _, ok := f.talk(t, app.TalkIDFor(it.ID)); ok || f.changed != 0 {
		t.Errorf("a talk was made, or OnChanged called %d times", f.changed)
	}
	test.AssertImageMatches(t, "inbox_accept_rejected.png", f.win.Canvas().Capture())
}

// wantSent checks that the answer dialog closed and that the message
// shown after sending says text, then closes it.
func (f *dialogWindow) wantSent(t *testing.T, text string) {
	t.Helper()
	top := f.top(t)
	uitest.WantTexts(t, "the message after sending", top, text)
	for _, other := range []string{"送信しました。", "保存しました。オンラインになると送信されます。"} {
		if other != text && slices.Contains(uitest.ShownTexts(top), other) {
			t.Errorf("the message after sending also says %q", other)
		}
	}
	f.tap(t, "OK")
	if o := f.win.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog stays open after the message: %q", uitest.ShownTexts(o))
	}
}

// candidateDay is how a candidate's time is written in a message about
// it: 12月9日(水) 10:00.
func candidateDay(t time.Time) string {
	t = t.In(app.Tokyo)
	return fmt.Sprintf("%d月%d日(%s) %s", int(t.Month()), t.Day(), widgets.WeekdayShort(t.Weekday()), t.Format("15:04"))
}

// The server refuses an answer the device had accepted: the dialog says
// why and stays open, and never says it was sent.
func TestInboxAnswerRefusedByTheServer(t *testing.T) {
	f := newInboxFixture(t, testNow)
	it := f.received(t)
	test.Tap(f.card(0, it.ID).decline)
	dlg := f.top(t)
	findShown[*widget.RadioGroup](dlg).SetSelected("その他")
	f.svc.setServer(false, app.CodeOfferNotPending)
	f.tap(t, "辞退する")
	f.tap(t, "辞退する")
	if err := f.waitSettled(t); app.CodeOf(err) != app.CodeOfferNotPending {
		t.Fatalf("decline refused by the server: %v", err)
	}
	if f.top(t) != dlg {
		t.Fatal("the decline dialog closed")
	}
	uitest.WantTexts(t, "the decline dialog", dlg, lang.X("reject.offer_not_pending", ""))
	for _, s := range uitest.ShownTexts(f.win.Canvas().Overlays().Top()) {
		if strings.Contains(s, "送信しました") || strings.Contains(s, "保存しました") {
			t.Errorf("a refused answer is reported as %q", s)
		}
	}
}

// The times the dialog proposes start after now: today's past times are
// not offered.
func TestInboxCounterOffersOnlyTimesAhead(t *testing.T) {
	f := newInboxFixture(t, testNow)
	it := f.received(t)
	test.Tap(f.card(0, it.ID).counter)
	editor := findShown[*widgets.SlotsEditor](f.top(t))
	p := editor.Pickers()[0]
	p.SetStart(testNow.Add(-time.Hour))
	if _, ok := p.Start(); ok {
		t.Error("a time of today that has passed could be chosen")
	}
	p.SetStart(testNow.Add(time.Hour))
	if s, ok := p.Start(); !ok || !s.Equal(testNow.Add(time.Hour)) {
		t.Errorf("a time of today still ahead: %v %v", s, ok)
	}
}

// Accepting a time at which the user already has a talk is allowed, but
// the dialog says so first: accepting it would double-book them.
func TestInboxAcceptWarnsOfAClash(t *testing.T) {
	f := newInboxFixture(t, testNow)
	k := comingTalk(t, f.svc, 30)
	sender := pickSender(t, f.svc)
	id := uuid.NewString()
	err := app.Run(context.Background(), f.svc.Store, app.OfferSend, app.Actor{ParticipantID: sender.ID, Role: app.RoleParticipant},
		app.Args(app.SendOfferArgs{ID: id, CohortID: sender.Cohorts[0], ToID: f.svc.me.ParticipantID,
			Message: "はじめまして。", Mode: app.ModeOnline, Slots: []time.Time{k.Start.Add(30 * time.Minute)}}), testNow)
	if err != nil {
		t.Fatal(err)
	}
	f.in.Refresh()
	f.waitLoaded(t)
	c := f.card(0, id)
	if c == nil || c.accept == nil {
		t.Fatal("the new offer is not waiting for an answer")
	}
	test.Tap(c.accept)
	widgets.WaitBackground()
	want := "この日時は、" + k.OtherName + "さんとのクロストーク（" + widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}) + "）と重なっています。"
	if got := shownText(f.win.Canvas().Overlays().Top()); !strings.Contains(got, want) {
		t.Errorf("the accept dialog does not say %q; it says:\n%s", want, got)
	}
}
