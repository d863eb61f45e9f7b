package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// openOfferDialog finds name in the directory, opens their profile and
// taps its send button.
func openOfferDialog(t *testing.T, ui *dirUI, svc Services, search, name string) (*ProfileCard, *OfferDialog, fyne.Window) {
	t.Helper()
	d, w := newDirectoryWindow(t, ui, svc)
	dirSearch(t, ui, d, search)
	c := dirTapPerson(t, ui, d, w, name)
	if c.send.Disabled() {
		t.Fatalf("cannot send to %s: %q", name, c.reason.Text)
	}
	test.Tap(c.send)
	if c.dialog == nil || !c.dialog.edit.Visible() || w.Canvas().Overlays().Top() == nil {
		t.Fatal("the offer dialog did not open")
	}
	return c, c.dialog, w
}

// offerNext goes on in the offer dialog as a user does: 次へ under the
// times, then 内容を確認する under the message, stopping at a problem.
func offerNext(dlg *OfferDialog) {
	if dlg.steps.At() == offerStepTimes {
		test.Tap(dlg.toMessage)
		if dlg.steps.At() == offerStepTimes {
			return
		}
	}
	test.Tap(dlg.next)
}

// The whole flow: times from the pickers, a mode, a template edited by
// hand, the summary, and the offer saved in the store as shown.
func TestOfferDialogSends(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, w := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")

	next := func(wantErr string) {
		t.Helper()
		offerNext(dlg)
		ui.until(t, "the summary", func() bool { return !c.busy() })
		if wantErr == "" {
			if !dlg.confirm.Visible() || dlg.editError.Visible() {
				t.Fatalf("not at the summary: %q", dlg.editError.Text)
			}
			return
		}
		if dlg.confirm.Visible() || !dlg.editError.Visible() || dlg.editError.Text != wantErr {
			t.Fatalf("got %q (shown %v), want %q", dlg.editError.Text, dlg.editError.Visible(), wantErr)
		}
	}
	next("1つ目の候補の日にちと時刻を選んでください。")
	first := time.Date(2026, 11, 30, 14, 0, 0, 0, app.Tokyo)
	second := time.Date(2026, 12, 2, 10, 0, 0, 0, app.Tokyo)
	// A problem shown follows what the user changes: it says what is
	// still wrong, and goes once all is right.
	dlg.slots.Pickers()[0].SetDay(first)
	if !dlg.editError.Visible() || dlg.editError.Text != "1つ目の候補の日にちと時刻を選んでください。" {
		t.Errorf("with a day but no time, the problem shown is %q (shown %v)", dlg.editError.Text, dlg.editError.Visible())
	}
	dlg.slots.Pickers()[0].SetStart(first)
	if dlg.editError.Visible() {
		t.Errorf("the problem %q stays once put right", dlg.editError.Text)
	}
	test.Tap(uitest.ShownButton(dlg.slots, "候補を追加する"))
	next("2つ目の候補の日にちと時刻を選んでください。")
	dlg.slots.Pickers()[1].SetStart(second)
	if dlg.editError.Visible() {
		t.Errorf("the problem %q stays once put right", dlg.editError.Text)
	}
	next("実施方法を一つ選んでください。")
	if !slices.Equal(dlg.modeGroup.Options, []string{"オンライン", "電話", "対面"}) {
		t.Errorf("modes %v", dlg.modeGroup.Options)
	}
	dlg.modeGroup.SetSelected("電話") // what is still wrong on the page is said instead
	if want := "メッセージを書いてください。文例を選ぶこともできます。"; !dlg.editError.Visible() || dlg.editError.Text != want {
		t.Errorf("with a way to talk chosen, the problem shown is %q, want %q", dlg.editError.Text, want)
	}
	next("メッセージを書いてください。文例を選ぶこともできます。")

	// Enter in the message is a new line, never a submit.
	test.Type(dlg.text, "よろしく")
	if dlg.editError.Visible() {
		t.Errorf("the problem %q stays once a message is written", dlg.editError.Text)
	}
	dlg.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	dlg.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if dlg.confirm.Visible() || len(svc.calls) != 0 || dlg.text.Text != "よろしく\n\n" {
		t.Fatalf("Enter: summary shown %v, calls %v, text %q", dlg.confirm.Visible(), svc.calls, dlg.text.Text)
	}

	// A template replaces typed text only when the user agrees.
	dlg.template.SetSelectedIndex(1)
	top := w.Canvas().Overlays().Top()
	no := canvasButton(w.Canvas(), "いいえ")
	if no == nil || !slices.Contains(canvasTexts(w.Canvas()), "今書いているメッセージは消えて、文例に置き換わります。よろしいですか。") {
		t.Fatal("no question before replacing typed text")
	}
	test.Tap(no)
	if dlg.text.Text != "よろしく\n\n" || dlg.template.SelectedIndex() != -1 || w.Canvas().Overlays().Top() == top {
		t.Fatalf("after いいえ: %q, template %d", dlg.text.Text, dlg.template.SelectedIndex())
	}
	dlg.template.SetSelectedIndex(1)
	test.Tap(canvasButton(w.Canvas(), "はい"))
	want := "井上 秀樹様\n\nはじめまして。株式会社みなと精工の田中 誠と申します。\n" +
		"「介護との両立」について、井上 秀樹様のお考えやご経験を伺いたいと思い、ご連絡しました。\n" +
		"私の経験も、お役に立てればお話しします。\n\nどうぞよろしくお願いいたします。\n田中 誠"
	if dlg.text.Text != want {
		t.Fatalf("template:\n%s\nwant\n%s", dlg.text.Text, want)
	}
	// An untouched template is swapped for another without asking.
	dlg.template.SetSelectedIndex(2)
	if !strings.HasPrefix(dlg.text.Text, "井上 秀樹様\n\n株式会社みなと精工の田中 誠です。一度お話しする機会") {
		t.Fatalf("short template: %q", dlg.text.Text)
	}
	dlg.template.SetSelectedIndex(0)
	message := dlg.text.Text + "\n追伸　当日はどうぞよろしくお願いします。"
	dlg.text.SetText(message)
	// Rendering is slow: one image of the dialog, laid out as the next
	// frame would after the second time made the editor taller.
	frame(w.Canvas())
	test.AssertImageMatches(t, "offer_dialog.png", w.Canvas().Capture())

	next("")
	if got, want := dlg.summaryTimes.Text, "2026年11月30日(月) 14:00〜15:00\n2026年12月2日(水) 10:00〜11:00"; got != want {
		t.Errorf("times %q, want %q", got, want)
	}
	if dlg.summaryMode.Text != "電話" || dlg.summaryMessage.Text != message {
		t.Errorf("summary %q %q", dlg.summaryMode.Text, dlg.summaryMessage.Text)
	}
	test.Tap(dlg.back) // back keeps everything, step by step
	if !dlg.messagePage.Visible() || dlg.timesPage.Visible() || dlg.text.Text != message {
		t.Fatal("back lost the message")
	}
	test.Tap(dlg.backToTimes)
	if !dlg.timesPage.Visible() || dlg.messagePage.Visible() || dlg.modeGroup.Selected != "電話" || dlg.steps.Indicator.Text != "1 / 3" {
		t.Fatalf("back to the times: mode %q, step %q", dlg.modeGroup.Selected, dlg.steps.Indicator.Text)
	}
	if starts, err := dlg.slots.Starts(svc.now); err != nil || len(starts) != 2 || !starts[0].Equal(first) || !starts[1].Equal(second) {
		t.Fatalf("back lost the times: %v %v", starts, err)
	}
	offerNext(dlg)
	if dlg.text.Text != message || dlg.steps.Indicator.Text != "2 / 3" {
		t.Fatalf("the message after going back twice: %q, step %q", dlg.text.Text, dlg.steps.Indicator.Text)
	}
	next("")

	test.Tap(dlg.send)
	ui.until(t, "the offer to be sent", func() bool { return !c.busy() && dlg.done != nil })
	if !slices.Contains(canvasTexts(w.Canvas()), "オファーを送信しました。井上 秀樹さんからのお返事をお待ちください。") {
		t.Errorf("no confirmation: %q", canvasTexts(w.Canvas()))
	}
	if slices.Contains(canvasTexts(w.Canvas()), "オファーを保存しました。オンラインになると送信されます。") {
		t.Error("the offer the server has is said to wait")
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Error("the confirmation is not shown")
	}
	sent, err := svc.Inbox(context.Background(), svc.me.ParticipantID, app.BoxSent, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(sent, func(it app.InboxItem) bool { return it.ID == dlg.id })
	if i < 0 {
		t.Fatal("the offer is not in the store")
	}
	o := sent[i]
	if o.ToID != c.person.ID || o.Mode != app.ModePhone || o.Message != strings.TrimSpace(message) || o.State != app.OfferPending ||
		len(o.Slots) != 2 || !o.Slots[0].Start.Equal(first) || !o.Slots[1].Start.Equal(second) || !o.Slots[0].End.Equal(first.Add(time.Hour)) {
		t.Errorf("stored offer %+v", o.Offer)
	}
	// The card now says an offer is waiting.
	ui.until(t, "the card to reload", func() bool { return !c.busy() })
	if !c.send.Disabled() || c.reason.Text != "この方とは、お返事を待っているオファーがすでにあります。「受信箱」の「お返事が必要」か「お相手のお返事待ち」でご確認ください。" {
		t.Errorf("card after sending: disabled %v, %q", c.send.Disabled(), c.reason.Text)
	}
}

// A rejection by the store is shown in words; the dialog stays open with
// everything typed, and nothing is written.
func TestOfferDialogShowsRejection(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, w := openOfferDialog(t, ui, svc, "さかもと", "坂本 直樹")

	// Meanwhile, the recipient stops taking offers.
	ctx := context.Background()
	p := c.person
	hide := app.UpdateProfileArgs{Name: p.Name, Kana: p.Kana, AgeBand: p.AgeBand, JobRole: p.JobRole, Themes: p.Themes,
		Interests: p.Interests, Intro: p.Intro, Modes: p.Modes, FreeTimes: p.FreeTimes, Visible: false}
	if err := app.Run(ctx, svc.Store, app.ProfileUpdate, app.Actor{ParticipantID: p.ID, CompanyID: p.CompanyID, Role: app.RoleParticipant},
		app.Args(hide), svc.now); err != nil {
		t.Fatal(err)
	}

	dlg.slots.Pickers()[0].SetStart(time.Date(2026, 12, 1, 15, 30, 0, 0, app.Tokyo))
	dlg.modeGroup.SetSelected("オンライン")
	dlg.template.SetSelectedIndex(0)
	message := dlg.text.Text
	offerNext(dlg)
	ui.until(t, "the summary", func() bool { return !c.busy() })
	test.Tap(dlg.send)
	ui.until(t, "the answer", func() bool { return !c.busy() })
	if got := dlg.sendError.Text; got != "お相手は、今はオファーを受け付けていません。別の方をお選びください。" || !dlg.sendError.Visible() {
		t.Errorf("rejection shown as %q (visible %v)", got, dlg.sendError.Visible())
	}
	if dlg.done != nil || !dlg.confirm.Visible() || dlg.send.Disabled() || dlg.back.Disabled() {
		t.Error("the dialog did not stay open at the summary")
	}
	test.Tap(dlg.back)
	if dlg.text.Text != message || dlg.modeGroup.Selected != "オンライン" {
		t.Error("the input was lost")
	}
	sent, err := svc.Inbox(ctx, svc.me.ParticipantID, app.BoxSent, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range sent {
		if it.ToID == p.ID {
			t.Errorf("an offer was written: %+v", it.Offer)
		}
	}
	test.Tap(dlg.cancel)
	if w.Canvas().Overlays().Top() != nil {
		t.Error("cancel did not close the dialog")
	}
}

// The dialog offers only the modes the recipient takes, and only days
// from today to the end of the cohort.
func TestOfferDialogLimits(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, _ := openOfferDialog(t, ui, svc, "いのうえ まゆみ", "井上 真由美")
	if !slices.Equal(dlg.modeGroup.Options, []string{"オンライン"}) || dlg.modeGroup.Selected != "オンライン" {
		t.Errorf("modes %v, chosen %q", dlg.modeGroup.Options, dlg.modeGroup.Selected)
	}
	if min, max := dlg.slots.Range(); !min.Equal(app.StartOfDay(testNow)) || !max.Equal(dlg.cohort.EndsOn) || dlg.slots.Length() != time.Hour {
		t.Errorf("slots from %s to %s, %s long", min, max, dlg.slots.Length())
	}
	dlg.slots.Pickers()[0].SetStart(dlg.cohort.EndsOn.Add(time.Duration(1)*24*time.Hour + 10*time.Hour))
	dlg.template.SetSelectedIndex(2)
	offerNext(dlg)
	if dlg.editError.Text != "1つ目の候補（3月26日(金) 10:00）は、プログラムの期間外です。期間内の日時をお選びください。" {
		t.Errorf("a time after the cohort: %q", dlg.editError.Text)
	}
	dlg.slots.Pickers()[0].SetStart(time.Date(2026, 12, 1, 15, 30, 0, 0, app.Tokyo))

	// The message's limit is shown as it is typed; one character over,
	// the dialog says so and does not go on; at the limit it does.
	dlg.text.SetText("")
	if got := dlg.textLimit.Note.Text; got != "1000文字まで書けます" {
		t.Errorf("empty message: note %q", got)
	}
	dlg.text.SetText(strings.Repeat("あ", app.MaxMessageRunes-1))
	test.Type(dlg.text, "い")
	if got := dlg.textLimit.Note.Text; got != "あと0文字書けます（1000文字まで）" || dlg.textLimit.Note.Label.Importance == widget.DangerImportance {
		t.Errorf("at the limit: note %q", got)
	}
	test.Type(dlg.text, "う")
	over := "「メッセージ」は1000文字までです。いま1001文字なので、1文字短くしてください。"
	if got := dlg.textLimit.Note.Text; got != over || dlg.textLimit.Note.Label.Importance != widget.DangerImportance {
		t.Errorf("one over: note %q", got)
	}
	offerNext(dlg)
	if dlg.confirm.Visible() || !dlg.editError.Visible() || dlg.editError.Text != over {
		t.Errorf("a long message: at the summary %v, %q", dlg.confirm.Visible(), dlg.editError.Text)
	}
	// Spaces and new lines around the text are not sent, nor counted.
	dlg.text.SetText(strings.Repeat("あ", app.MaxMessageRunes) + "\n\n")
	offerNext(dlg)
	ui.until(t, "the summary", func() bool { return !c.busy() })
	if !dlg.confirm.Visible() || len([]rune(dlg.message)) != app.MaxMessageRunes {
		t.Fatalf("a message at the limit: at the summary %v, %q", dlg.confirm.Visible(), dlg.editError.Text)
	}
	test.Tap(dlg.send)
	ui.until(t, "the offer to be saved", func() bool { return !c.busy() && dlg.done != nil })
	if len(svc.calls) != 1 {
		t.Errorf("calls %v", svc.calls)
	}
}

// chooseOffer fills the first step with starts, the first mode and the
// first template.
func chooseOffer(t *testing.T, dlg *OfferDialog, starts ...time.Time) {
	t.Helper()
	dlg.slots.SetStarts(starts)
	dlg.modeGroup.SetSelected(dlg.modeGroup.Options[0])
	dlg.template.SetSelectedIndex(0)
}

// Offline, the offer is saved and waits: the dialog says so, and only
// then. Refused by the server, it says why and stays open, and a new try
// is a new offer.
func TestOfferDialogOfflineAndRefused(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, w := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	chooseOffer(t, dlg, time.Date(2026, 12, 1, 15, 30, 0, 0, app.Tokyo))

	svc.setServer(false, app.CodeRecipientBusy)
	offerNext(dlg)
	ui.until(t, "the summary", func() bool { return !c.busy() })
	first := dlg.id
	test.Tap(dlg.send)
	ui.until(t, "the answer", func() bool { return !c.busy() })
	if got := dlg.sendError.Text; !dlg.sendError.Visible() || got != lang.X("reject.recipient_busy", "") || dlg.done != nil {
		t.Fatalf("the server's refusal shown as %q (visible %v), done %v", got, dlg.sendError.Visible(), dlg.done != nil)
	}
	if dlg.id == first {
		t.Error("a new try after a refusal would send the refused offer's id again")
	}

	svc.setServer(true, "")
	test.Tap(dlg.send)
	ui.until(t, "the offer to be saved", func() bool { return !c.busy() && dlg.done != nil })
	texts := canvasTexts(w.Canvas())
	if !slices.Contains(texts, "オファーを保存しました。オンラインになると送信されます。") || slices.Contains(texts, "送信しました") {
		t.Errorf("offline, the dialog says %q", texts)
	}
}

// Times are checked and named in the first step: two that overlap are
// refused; a time that overlaps one of the user's own talks is allowed,
// with a warning in the summary that names it; today's past times are
// not offered.
func TestOfferDialogTimes(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, _ := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	if got := dlg.slots.Pickers()[0]; got != nil {
		got.SetStart(testNow.Add(-30 * time.Minute))
		if _, ok := got.Start(); ok {
			t.Error("today's 09:30 could be chosen at 10:00")
		}
	}
	a := time.Date(2026, 12, 1, 15, 0, 0, 0, app.Tokyo)
	chooseOffer(t, dlg, a, a.Add(30*time.Minute))
	offerNext(dlg)
	if want := "2つ目の候補（12月1日(火) 15:30）は、1つ目の候補（12月1日(火) 15:00）と時間が重なっています。重ならない日時をお選びください。"; dlg.editError.Text != want || dlg.confirm.Visible() {
		t.Fatalf("overlapping times: %q", dlg.editError.Text)
	}

	// One of the demo user's scheduled talks, still ahead.
	talks, err := svc.TalksBetween(context.Background(), svc.me.ParticipantID, testNow, testNow.AddDate(0, 2, 0))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(talks, func(k app.TalkItem) bool { return k.State == app.TalkScheduled })
	if i < 0 {
		t.Fatal("the demo user has no talk ahead")
	}
	k := talks[i]
	clash := k.Start.Add(30 * time.Minute)
	chooseOffer(t, dlg, a, clash)
	offerNext(dlg)
	ui.until(t, "the summary", func() bool { return !c.busy() })
	if !dlg.confirm.Visible() || !dlg.clash.Visible() {
		t.Fatalf("no summary with a warning: %q", dlg.editError.Text)
	}
	want := "2つ目の候補（" + candidateDay(clash) + "）は、すでに決まっている" + k.OtherName + "さんとのクロストーク（" +
		widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}) + "）と時間が重なっています。\nこのまま送ることもできます。その予定を動かす場合は、お相手とご相談ください。"
	if dlg.clash.Text != want {
		t.Errorf("warning %q, want %q", dlg.clash.Text, want)
	}
	test.Tap(dlg.back)
	chooseOffer(t, dlg, a)
	offerNext(dlg)
	ui.until(t, "the summary", func() bool { return !c.busy() })
	if dlg.clash.Visible() {
		t.Errorf("a warning without a clash: %q", dlg.clash.Text)
	}
}
