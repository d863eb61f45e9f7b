package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// surveyFixture is the demo user's survey of a talk, on a real demo
// database, in a headless window.
type surveyFixture struct {
	dialogWindow
	svc  *testServices
	dlg  *SurveyDialog
	done int
}

func newSurveyFixture(t *testing.T, now time.Time) *surveyFixture {
	t.Helper()
	testapp.Japanese(t)
	testapp.New(t)
	f := &surveyFixture{dialogWindow: newDialogWindow(t), svc: newTestServices(t)}
	f.svc.now = now
	f.win.Resize(fyne.NewSize(820, 900))
	return f
}

// due lists the demo user's talks waiting for their survey.
func (f *surveyFixture) due(t *testing.T) []app.TalkItem {
	t.Helper()
	due, err := f.svc.SurveysDue(context.Background(), f.svc.me.ParticipantID, f.svc.now)
	if err != nil {
		t.Fatal(err)
	}
	return due
}

// open shows the survey of talk k.
func (f *surveyFixture) open(k app.TalkItem) {
	f.dlg = NewSurveyDialog(f.svc, f.win, k, func() { f.done++ })
	f.dlg.form.settled = func(err error) { f.settled <- err }
	f.dlg.Show()
}

// heldTalk is the demo user's held talk that waits for their survey.
func heldTalk(t *testing.T, due []app.TalkItem) app.TalkItem {
	t.Helper()
	for _, k := range due {
		if k.State == app.TalkHeld {
			return k
		}
	}
	t.Fatal("no held talk waits for the demo user's survey")
	return app.TalkItem{}
}

// Answering 6 and 9 stores the survey; a second answer is refused; a
// missing score gets a plain message.
func TestSurveySubmit(t *testing.T) {
	f := newSurveyFixture(t, testNow)
	k := heldTalk(t, f.due(t))
	f.open(k)
	dlg := f.top(t)
	uitest.WantTexts(t, "the survey", dlg,
		"クロストークのアンケート",
		k.OtherName+"さん（"+k.OtherCompany+"）とのクロストーク",
		widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}),
		"不満", "とても満足")
	if uitest.ShownButton(dlg, "トークは行われませんでした") != nil {
		t.Error("a held talk offers to be marked as not held")
	}
	if n := len(f.dlg.satisfaction.buttons); n != 7 || f.dlg.satisfaction.buttons[0].Text != "1" {
		t.Errorf("%d satisfaction buttons", n)
	}
	if n := len(f.dlg.recommend.buttons); n != 11 || f.dlg.recommend.buttons[0].Text != "0" {
		t.Errorf("%d recommend buttons", n)
	}

	// Each question, then the comment: one page each.
	uitest.WantTexts(t, "the survey's first page", dlg, "1 / 3")
	if uitest.ShownButton(dlg, "送信する") != nil || uitest.ShowsText(dlg, "ご感想（任意）") || uitest.ShowsText(dlg, "勧めたくない") {
		t.Error("the first page shows more than the first question")
	}
	f.tap(t, "次へ")
	uitest.WantTexts(t, "the survey without answers", dlg, "満足度をお選びください。")
	test.Tap(f.dlg.satisfaction.buttons[5]) // 6
	if uitest.ShowsText(dlg, "満足度をお選びください。") {
		t.Error("the message stays after choosing")
	}
	f.tap(t, "次へ")
	uitest.WantTexts(t, "the second question", dlg, "2 / 3", "勧めたくない", "ぜひ勧めたい")
	f.tap(t, "次へ")
	uitest.WantTexts(t, "the survey without a recommendation", dlg, "他の方に勧めたいかをお選びください。")
	if len(f.svc.calls) != 0 || f.dlg.steps.At() != 1 {
		t.Fatalf("went on without both scores: page %d, calls %v", f.dlg.steps.At(), f.svc.calls)
	}
	test.Tap(f.dlg.recommend.buttons[9]) // 9
	f.tap(t, "次へ")
	uitest.WantTexts(t, "the survey's last page", dlg, "3 / 3", "ご感想（任意）", "お答えはお相手には表示されません。")
	test.Type(f.dlg.comment, "転職経験のお話がとても参考になりました。")
	test.AssertImageMatches(t, "survey_dialog.png", f.win.Canvas().Capture())
	// Going back keeps the comment and the scores.
	f.tap(t, "戻る")
	f.tap(t, "戻る")
	if f.dlg.steps.At() != 0 || f.dlg.recommend.value != 9 || f.dlg.satisfaction.value != 6 {
		t.Fatalf("back: page %d, scores %d %d", f.dlg.steps.At(), f.dlg.satisfaction.value, f.dlg.recommend.value)
	}
	f.tap(t, "次へ")
	f.tap(t, "次へ")
	if f.dlg.comment.Text != "転職経験のお話がとても参考になりました。" || f.dlg.steps.At() != 2 {
		t.Fatalf("the comment after going back: %q, page %d", f.dlg.comment.Text, f.dlg.steps.At())
	}
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("submit: %v", err)
	}
	if f.done != 1 {
		t.Errorf("after sending: onDone %d times", f.done)
	}
	f.wantSent(t, "送信しました。")
	rows, err := f.svc.DumpTables(context.Background(), "surveys")
	if err != nil {
		t.Fatal(err)
	}
	want := k.ID + "|" + f.svc.me.ParticipantID + "|6|9|転職経験のお話がとても参考になりました。|"
	if !strings.Contains(rows, want) {
		t.Errorf("survey not stored as %q", want)
	}
	for _, d := range f.due(t) {
		if d.ID == k.ID {
			t.Error("the answered talk is still due")
		}
	}

	// A second answer to the same talk is refused, in words.
	f.open(k)
	test.Tap(f.dlg.satisfaction.buttons[0])
	test.Tap(f.dlg.recommend.buttons[0])
	f.tap(t, "次へ")
	f.tap(t, "次へ")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); app.CodeOf(err) != app.CodeSurveyExists {
		t.Fatalf("second answer: %v", err)
	}
	uitest.WantTexts(t, "the second survey", f.top(t), "このアンケートには、すでにお答えいただいています。ご協力ありがとうございました。")
	if f.done != 1 {
		t.Error("onDone called for a refused answer")
	}
	f.tap(t, "後で答える")
	if f.win.Canvas().Overlays().Top() != nil {
		t.Error("後で答える did not close the survey")
	}
}

// "The talk did not take place" marks an ended, scheduled talk as no_show
// after confirming.
func TestSurveyNoShow(t *testing.T) {
	f := newSurveyFixture(t, testNow.AddDate(0, 0, 8))
	var k app.TalkItem
	for _, d := range f.due(t) {
		if d.State == app.TalkScheduled {
			k = d
			break
		}
	}
	if k.ID == "" {
		t.Fatal("no scheduled talk has ended a week later")
	}
	f.open(k)
	f.tap(t, "トークは行われませんでした")
	uitest.WantTexts(t, "the confirmation", f.top(t),
		k.OtherName+"さんとのクロストークは、行われなかったものとして記録します。よろしいですか？")
	test.AssertImageMatches(t, "survey_no_show_confirm.png", f.win.Canvas().Capture())
	f.tap(t, "はい、行われませんでした")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("no-show: %v", err)
	}
	talks, err := f.svc.TalksBetween(context.Background(), f.svc.me.ParticipantID, k.Start, k.End)
	if err != nil {
		t.Fatal(err)
	}
	if len(talks) != 1 || talks[0].ID != k.ID || talks[0].State != app.TalkNoShow {
		t.Errorf("talk after no-show: %+v", talks)
	}
	if f.done != 1 {
		t.Errorf("after no-show: onDone %d times", f.done)
	}
	f.wantSent(t, "送信しました。")
}
