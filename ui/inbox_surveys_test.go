package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// answerSurvey chooses 6 and 9 in survey d and sends it.
func answerSurvey(t *testing.T, d *SurveyDialog) {
	t.Helper()
	test.Tap(d.satisfaction.buttons[5])
	test.Tap(d.recommend.buttons[9])
	test.Tap(d.next)
	test.Tap(d.next)
	test.Tap(d.send)
}

// The surveys due wait in the inbox: nothing opens by itself, a notice
// above the lists counts them and opens the first, and their tab lists
// each talk with a button that opens its survey. An answered survey
// leaves the list, the notice and the count.
func TestInboxSurveys(t *testing.T) {
	f := newInboxFixture(t, testNow)
	if f.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog opened by itself")
	}
	due, err := f.svc.SurveysDue(t.Context(), f.svc.me.ParticipantID, f.svc.now)
	if err != nil || len(due) != 1 {
		t.Fatalf("the demo user has %d surveys due (%v), want 1", len(due), err)
	}
	k := due[0]
	l := f.in.surveys
	// The tab counts the programme's two questions waiting too.
	if f.in.SurveysDue() != 1 || programmeDue(t, f.svc) != 2 || l.item.Text != "アンケート（3）" {
		t.Errorf("%d due, tab %q", f.in.SurveysDue(), l.item.Text)
	}
	if !l.notice.Visible() || l.text.Text != "アンケートのお願いが1件あります。" || l.answer.Text != "答える" {
		t.Errorf("notice shown %v: %q %q", l.notice.Visible(), l.text.Text, l.answer.Text)
	}
	if len(l.rows) != 1 || l.rows[0].talk.ID != k.ID {
		t.Fatalf("the list holds %d talks", len(l.rows))
	}
	f.in.ShowSurveys()
	if f.in.tabs.Selected() != l.item {
		t.Error("ShowSurveys did not turn to the surveys")
	}
	uitest.WantTexts(t, "the survey's row", l.rows[0].content,
		k.OtherName+"さん（"+k.OtherCompany+"）",
		"クロストーク："+widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End})+"（"+ModeName(k.Mode)+"）")
	if l.rows[0].answer.Text != "アンケートに答える" {
		t.Errorf("button %q", l.rows[0].answer.Text)
	}

	// The notice opens the survey; 後で答える keeps it waiting.
	test.Tap(l.answer)
	uitest.WantTexts(t, "the survey from the notice", f.top(t), k.OtherName+"さん（"+k.OtherCompany+"）とのクロストーク")
	test.Tap(l.opened.later)
	if f.win.Canvas().Overlays().Top() != nil || !l.notice.Visible() || len(l.rows) != 1 {
		t.Fatal("後で答える did not leave the survey waiting")
	}

	// The list's button opens it too; once answered, it is gone.
	test.Tap(l.rows[0].answer)
	if l.opened.talk.ID != k.ID {
		t.Fatalf("opened the survey of %s", l.opened.talk.ID)
	}
	answerSurvey(t, l.opened)
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("survey: %v", err)
	}
	f.waitLoaded(t)
	if len(l.rows) != 0 || l.notice.Visible() || l.item.Text != "アンケート（2）" || f.in.SurveysDue() != 0 || f.changed != 1 {
		t.Errorf("after answering: %d rows, notice %v, tab %q, OnChanged %d times", len(l.rows), l.notice.Visible(), l.item.Text, f.changed)
	}
	uitest.WantTexts(t, "the empty list", l.list, "お答えいただくアンケートはありません。クロストークが終わると、ここに表示されます。")
}

// A finished talk's detail offers its survey while it is due, and the
// button opens it; once answered, the button is gone.
func TestTalkDetailSurvey(t *testing.T) {
	f := newCalendarFixture(t)
	// ShowTalk loads the month and the detail checks the survey at once:
	// their results run one by one on the test's goroutine.
	ui := dirQueueApp(t, fyne.CurrentApp())
	due, err := f.svc.SurveysDue(t.Context(), f.svc.me.ParticipantID, f.svc.now)
	if err != nil {
		t.Fatal(err)
	}
	k := heldTalk(t, due)
	f.cal.ShowTalk(k)
	ui.settle()
	d := f.cal.detail
	if d == nil || d.talk.ID != k.ID {
		t.Fatal("ShowTalk did not open the talk")
	}
	if !treeHas(d.actions, d.survey) || d.survey.Text != "アンケートに答える" {
		t.Fatalf("the finished talk offers no survey: %q", uitest.ShownTexts(d.actions))
	}
	test.Tap(d.survey)
	if d.surveyDlg == nil || d.surveyDlg.talk.ID != k.ID {
		t.Fatal("the button did not open the talk's survey")
	}
	uitest.WantTexts(t, "the survey", f.win.Canvas().Overlays().Top(), k.OtherName+"さん（"+k.OtherCompany+"）とのクロストーク")
	answerSurvey(t, d.surveyDlg)
	ui.until(t, "the survey answered", func() bool { return !treeHas(d.actions, d.survey) })

	// A talk still to come offers none.
	for _, x := range f.talks(t, testNow, testNow.AddDate(0, 0, 30)) {
		if x.State == app.TalkScheduled {
			f.cal.ShowTalk(x)
			ui.settle()
			if treeHas(f.cal.detail.actions, f.cal.detail.survey) {
				t.Error("a talk to come offers its survey")
			}
			break
		}
	}
}

// In the window, the inbox's survey notice opens the survey, and
// answering it takes it off the badge; a decided talk's button opens its
// detail in the calendar.
func TestMainWindowOpensSurveysAndTalks(t *testing.T) {
	m, w, svc, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog opened by itself at start")
	}
	m.tabs.Select(m.inboxTab)
	ui.settle()
	// And the demo's proposal of a new time, and its message not read.
	waiting := m.inbox.Waiting() + 1 + unreadCount(t, svc)
	// The talk's survey, 「はじめのアンケート」 and the review.
	if want := badge(waiting, 3); m.inboxTab.Text != want {
		t.Errorf("badge %q, want %q", m.inboxTab.Text, want)
	}

	l := m.inbox.surveys
	if !l.notice.Visible() {
		t.Fatal("the inbox tells of no survey")
	}
	test.Tap(l.answer)
	if l.opened == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("the notice opened no survey")
	}
	answerSurvey(t, l.opened)
	ui.settle()
	if want := badge(waiting, 2); m.inboxTab.Text != want || l.notice.Visible() {
		t.Errorf("after answering: badge %q, want %q; notice shown %v", m.inboxTab.Text, want, l.notice.Visible())
	}

	decided := m.inbox.boxes[listOf(app.BoxScheduled)].cards
	if len(decided) == 0 || decided[0].openTalk == nil {
		t.Fatal("no decided talk to open")
	}
	test.Tap(decided[0].openTalk)
	ui.settle()
	if m.tabs.Selected().Content != m.calendar.Content() || m.calendar.detail == nil || m.calendar.detail.talk.ID != decided[0].item.Talk.ID {
		t.Errorf("カレンダーで開く shows tab %q, detail %v", m.tabs.Selected().Text, m.calendar.detail != nil)
	}
}
