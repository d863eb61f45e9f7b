package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/data/replica"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// savedDraft is the draft under key as svc keeps it, once every draft
// waiting is written; "" for none.
func savedDraft(t *testing.T, svc Services, key string) string {
	t.Helper()
	widgets.FlushDrafts()
	b, err := svc.Draft(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// restart closes svc's file and opens it again, as the app does when it
// starts again: the services of the new start.
func restart(t *testing.T, svc *testServices) *testServices {
	t.Helper()
	widgets.FlushDrafts()
	path := svc.Store.Path()
	if err := svc.Store.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := replica.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &testServices{Store: st, me: svc.me, now: svc.now}
}

// The message of an offer not sent outlives the dialog's closing and a
// restart of the app: opened again for the same person, the dialog shows
// it with a note. Sending the offer forgets it.
func TestOfferMessageDraft(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	_, dlg, _ := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	ui.settle()
	if dlg.draft.Note.Visible() {
		t.Fatal("a note of a draft with no draft")
	}
	key := "offer:" + dlg.to.ID
	test.Type(dlg.text, "はじめまして。")
	const message = "はじめまして。キャリアについて伺いたく、ご連絡しました。"
	dlg.text.SetText(message)
	test.Tap(dlg.cancel)
	if got := savedDraft(t, svc, key); got != `{"message":"`+message+`"}` {
		t.Fatalf("draft after cancel: %q", got)
	}
	if savedDraft(t, svc, "offer:someone-else") != "" {
		t.Fatal("the draft is kept for another recipient too")
	}

	svc = restart(t, svc)
	c, dlg, w := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	ui.settle()
	dlg.slots.Pickers()[0].SetStart(time.Date(2026, 11, 30, 14, 0, 0, 0, app.Tokyo))
	dlg.modeGroup.SetSelected("電話")
	test.Tap(dlg.toMessage) // the message is the second step
	if dlg.text.Text != message || !dlg.draft.Note.Visible() || !uitest.ShowsText(w.Canvas().Overlays().Top(), "前回の下書きを表示しています。") {
		t.Fatalf("after a restart: %q, note %v", dlg.text.Text, dlg.draft.Note.Visible())
	}
	offerNext(dlg)
	test.Tap(dlg.send)
	ui.until(t, "the offer to be saved", func() bool { return !c.busy() && dlg.done != nil })
	if got := savedDraft(t, svc, key); got != "" {
		t.Fatalf("the draft outlived the offer: %q", got)
	}
}

// A decline's note is kept when the dialog is cancelled, shown again for
// the same offer, and forgotten once the offer is declined.
func TestDeclineNoteDraft(t *testing.T) {
	f := newInboxFixture(t, testNow)
	it := f.received(t)
	key := "decline:" + it.ID
	test.Tap(f.card(0, it.ID).decline)
	settle() // the draft is looked for
	const note = "せっかくお声がけいただいたのに、申し訳ありません。"
	findShown[*widget.Entry](f.top(t)).SetText(note)
	f.tap(t, "キャンセル")
	if f.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stayed open")
	}
	if got := savedDraft(t, f.svc, key); got != `{"note":"`+note+`"}` {
		t.Fatalf("draft after cancel: %q", got)
	}

	test.Tap(f.card(0, it.ID).decline)
	settle()
	dlg := f.top(t)
	if e := findShown[*widget.Entry](dlg); e == nil || e.Text != note {
		t.Fatalf("opened again: %v", e)
	}
	uitest.WantTexts(t, "the decline dialog opened again", dlg, "前回の下書きを表示しています。")
	findShown[*widget.RadioGroup](dlg).SetSelected("日程が合わないため")
	f.tap(t, "辞退する")
	f.tap(t, "辞退する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("decline: %v", err)
	}
	f.waitLoaded(t)
	if got := savedDraft(t, f.svc, key); got != "" {
		t.Fatalf("the draft outlived the decline: %q", got)
	}
}

// A survey's comment is kept when the person answers later, and comes
// back with the survey of the same talk.
func TestSurveyCommentDraft(t *testing.T) {
	f := newSurveyFixture(t, testNow)
	k := heldTalk(t, f.due(t))
	f.open(k)
	settle() // the draft is looked for
	const comment = "転職経験のお話がとても参考になりました。"
	f.dlg.comment.SetText(comment)
	f.tap(t, "後で答える")
	if got := savedDraft(t, f.svc, "survey:"+k.ID); got != `{"comment":"`+comment+`"}` {
		t.Fatalf("draft after answering later: %q", got)
	}
	f.open(k)
	settle()
	if f.dlg.comment.Text != comment {
		t.Fatalf("opened again: %q", f.dlg.comment.Text)
	}
	test.Tap(f.dlg.satisfaction.buttons[5])
	test.Tap(f.dlg.recommend.buttons[9])
	f.tap(t, "次へ")
	f.tap(t, "次へ") // the comment is on the last page
	uitest.WantTexts(t, "the survey opened again", f.top(t), "前回の下書きを表示しています。")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("submit: %v", err)
	}
	if got := savedDraft(t, f.svc, "survey:"+k.ID); got != "" {
		t.Fatalf("the draft outlived the survey: %q", got)
	}
}
