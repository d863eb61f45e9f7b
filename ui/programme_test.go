package ui

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

// currentCohort is the cohort of the demo's current round among p's: of
// the open ones, the one that ends last (the demo user is also in the
// previous round, which ends in three days).
func currentCohort(t *testing.T, svc *testServices, p app.DirectoryEntry) string {
	t.Helper()
	var cur app.Cohort
	for _, id := range p.Cohorts {
		c, err := svc.Cohort(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.OpenAt(svc.now) && (cur.ID == "" || c.EndsOn.After(cur.EndsOn)) {
			cur = c
		}
	}
	if cur.ID == "" {
		t.Fatalf("%s is in no open cohort", p.Name)
	}
	return cur.ID
}

// programmes are who's statuses in the demo's current round (whose
// "before" the demo user has not answered) and its previous round (whose
// programme survey is open), straight from the store.
func programmes(t *testing.T, svc *testServices, who string) (current, previous app.ProgrammeStatus) {
	t.Helper()
	sts, err := svc.ProgrammeStatuses(context.Background(), who, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if st.Cohort.Name == "" {
			t.Fatalf("a programme without a name: %+v", st.Cohort)
		}
		if o, cl := st.Cohort.SurveyWindow(); !testNow.Before(o) && testNow.Before(cl) {
			previous = st
		} else {
			current = st
		}
	}
	if len(sts) > 2 || previous.Cohort.ID == "" {
		t.Fatalf("%d programmes, the previous round %q", len(sts), previous.Cohort.ID)
	}
	return current, previous
}

// noticeShown reports whether box is one of the inbox's notices, shown.
func noticeShown(f *inboxFixture, box fyne.CanvasObject) bool {
	for _, o := range f.in.notices.Objects {
		if o == box {
			return box.Visible()
		}
	}
	return false
}

// reload loads the inbox again at now, as who.
func (f *inboxFixture) reload(t *testing.T, who app.Actor, now time.Time) {
	t.Helper()
	f.svc.me, f.svc.now = who, now
	f.in.Refresh()
	f.waitLoaded(t)
}

// The inbox asks a new member for 「はじめのアンケート」 and, from the
// programme's last week until 14 days after it ends, for the programme
// survey, naming the last day; a reminder's words once the reminder is
// due. Nothing opens by itself. Not before the window, not after it
// closes, not to a member who held no talk, not once answered.
func TestProgrammeNotices(t *testing.T) {
	f := newInboxFixture(t, testNow)
	if f.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog opened by itself")
	}
	me := f.svc.me
	cur, prev := programmes(t, f.svc, me.ParticipantID)
	if !cur.BeforeDue || prev.BeforeDue || !prev.Due.Open || prev.Due.Remind {
		t.Fatalf("the demo: before due %v and %v, survey open %v (reminder %v)", cur.BeforeDue, prev.BeforeDue, prev.Due.Open, prev.Due.Remind)
	}
	p := f.in.programme
	if !noticeShown(f, p.before.box) || p.before.text.Text != cur.Cohort.Name+"：はじめに、いまのお気持ちを5つの質問で教えてください（1分ほど）。" ||
		p.before.answer.Text != "答える" {
		t.Errorf("the before notice: shown %v, %q, %q", p.before.box.Visible(), p.before.text.Text, p.before.answer.Text)
	}
	// The previous round ends on 28 November: its survey takes answers
	// until the end of 12 December.
	const last = "2026年12月12日(土)"
	if !noticeShown(f, p.survey.box) || p.survey.text.Text != prev.Cohort.Name+"のふりかえりにご協力ください。"+last+"までお答えいただけます。" ||
		p.survey.answer.Text != "ふりかえりに答える" {
		t.Errorf("the survey notice: shown %v, %q, %q", p.survey.box.Visible(), p.survey.text.Text, p.survey.answer.Text)
	}
	// The surveys' tab lists both too, with the same buttons, and counts
	// them with the talks' surveys: the folded notices hide neither.
	rev, before := rowWithButton(p, "ふりかえりに答える"), rowWithButton(p, "答える")
	if len(p.rows) != 2 || rev == nil || rev.status.Cohort.ID != prev.Cohort.ID || before == nil || before.status.Cohort.ID != cur.Cohort.ID || !p.header.Visible() {
		t.Fatalf("the surveys' tab: %d programme rows", len(p.rows))
	}
	if want := "アンケート（" + strconv.Itoa(f.in.SurveysDue()+2) + "）"; f.in.surveys.item.Text != want {
		t.Errorf("the surveys' tab is titled %q, want %q", f.in.surveys.item.Text, want)
	}
	f.in.ShowSurveys()
	uitest.WantTexts(t, "the surveys' tab", f.in.surveys.item.Content, "プログラムのふりかえり", prev.Cohort.Name, "はじめのアンケート",
		cur.Cohort.Name+"：はじめに、いまのお気持ちを5つの質問で教えてください（1分ほど）。")
	test.Tap(before.button)
	if p.openedBefore == nil || p.openedBefore.cohort.ID != cur.Cohort.ID || f.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the row did not open 「はじめのアンケート」")
	}
	f.tap(t, "後で答える")
	test.Tap(rev.button)
	if p.openedSurvey == nil || p.openedSurvey.status.Cohort.ID != prev.Cohort.ID || f.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the row did not open the review")
	}
	f.tap(t, "後で答える")
	if f.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog opened by itself after loading")
	}

	// A week after it opened, the same notice reminds.
	f.reload(t, me, testNow.AddDate(0, 0, 5))
	if want := "締め切りが近づいています。" + prev.Cohort.Name + "のふりかえりに、" + last + "までにお答えください。"; !p.survey.box.Visible() || p.survey.text.Text != want {
		t.Errorf("the reminder: shown %v, %q, want %q", p.survey.box.Visible(), p.survey.text.Text, want)
	}
	// The day before it opens, and the day after it closes: nothing.
	for _, at := range []time.Time{testNow.AddDate(0, 0, -4), testNow.AddDate(0, 0, 18)} {
		f.reload(t, me, at)
		if p.survey.box.Visible() || rowWithButton(p, "ふりかえりに答える") != nil || len(p.rows) != 1 {
			t.Errorf("at %s: the survey notice shown %v, %d rows", at, p.survey.box.Visible(), len(p.rows))
		}
		if want := surveyTabTitle(f.in.SurveysDue() + 1); f.in.surveys.item.Text != want {
			t.Errorf("at %s: the surveys' tab is titled %q, want %q", at, f.in.surveys.item.Text, want)
		}
	}
	if !p.before.box.Visible() {
		t.Error("the before notice left with the survey's")
	}

	// Members of the previous round who held no talk, and who answered.
	people, err := f.svc.SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: me.ParticipantID, Now: testNow, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var noTalk, answered *app.DirectoryEntry
	for i, e := range people {
		if _, st := programmesOf(t, f.svc, e.ID, prev.Cohort.ID); st == nil {
			continue
		} else if st.HeldTalks == 0 && noTalk == nil {
			noTalk = &people[i]
		} else if st.Survey != nil && st.Before != nil && answered == nil {
			answered = &people[i]
		}
	}
	if noTalk == nil || answered == nil {
		t.Fatal("the demo has no member of the previous round who held no talk, or who answered")
	}
	f.reload(t, app.Actor{ParticipantID: noTalk.ID, CompanyID: noTalk.CompanyID, Role: app.RoleParticipant}, testNow)
	if p.survey.box.Visible() || rowWithButton(p, "ふりかえりに答える") != nil {
		t.Errorf("%s held no talk: the survey notice shown %v, %d rows", noTalk.Name, p.survey.box.Visible(), len(p.rows))
	}
	f.reload(t, app.Actor{ParticipantID: answered.ID, CompanyID: answered.CompanyID, Role: app.RoleParticipant}, testNow)
	if p.survey.box.Visible() {
		t.Errorf("%s answered: the survey notice is shown", answered.Name)
	}
	// They may look at their answers side by side, from the surveys' tab.
	change := rowWithButton(p, "自分の変化を見る")
	if change == nil || rowWithButton(p, "ふりかえりに答える") != nil {
		t.Fatalf("%s answered: %d rows", answered.Name, len(p.rows))
	}
	if f.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog opened by itself")
	}
	test.Tap(change.button)
	v := p.openedChange
	if v == nil || f.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the button opened nothing")
	}
	uitest.WantTexts(t, "the answers side by side", f.top(t), "自分の変化", prev.Cohort.Name, "参加したとき", "ふりかえりのとき（いま）")
	if len(v.rows) != len(app.SelfAssessmentStatements) || v.rows[0].before == 0 || v.rows[0].after == 0 {
		t.Errorf("the view's rows: %+v", v.rows)
	}
	f.tap(t, "閉じる")
	if f.win.Canvas().Overlays().Top() != nil {
		t.Error("閉じる did not close the view")
	}
}

// programmeDue counts the programme questions waiting for svc's user.
func programmeDue(t *testing.T, svc *testServices) int {
	t.Helper()
	sts, err := svc.ProgrammeStatuses(context.Background(), svc.me.ParticipantID, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	return programmeQuestionsDue(sts)
}

// rowWithButton is p's row in the surveys' tab whose button says text,
// or nil.
func rowWithButton(p *programmeNotices, text string) *programmeRow {
	for _, r := range p.rows {
		if r.button.Text == text {
			return r
		}
	}
	return nil
}

// programmesOf is who's status in cohort, or nil when who is not in it.
func programmesOf(t *testing.T, svc *testServices, who, cohort string) ([]app.ProgrammeStatus, *app.ProgrammeStatus) {
	t.Helper()
	sts, err := svc.ProgrammeStatuses(context.Background(), who, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sts {
		if sts[i].Cohort.ID == cohort {
			return sts, &sts[i]
		}
	}
	return sts, nil
}

// answerStatements chooses value for every statement of a, page by page
// of the dialog p, from page first; it leaves the dialog on the page
// after the statements.
func answerStatements(t *testing.T, p *pagedForm, a *assessment, first, value int) {
	t.Helper()
	for i, c := range a.choices {
		if p.steps.At() != first+i/assessmentPerPage {
			t.Fatalf("statement %d on page %d", i+1, p.steps.At()+1)
		}
		test.Tap(c.buttons[value-app.MinAssessment])
		if i%assessmentPerPage == assessmentPerPage-1 || i == len(a.choices)-1 {
			test.Tap(p.next)
		}
	}
}

// 「はじめのアンケート」: each statement, two to a page, answered 1–5 with
// the ends labelled; a page is not left with a statement unanswered;
// sending stores the answers, and the notice leaves.
func TestSelfAssessmentSubmit(t *testing.T) {
	f := newInboxFixture(t, testNow)
	cur, _ := programmes(t, f.svc, f.svc.me.ParticipantID)
	p := f.in.programme
	test.Tap(p.before.answer)
	d := p.openedBefore
	if d == nil || d.cohort.ID != cur.Cohort.ID {
		t.Fatal("the notice opened no self-assessment of the current round")
	}
	dlg := f.top(t)
	uitest.WantTexts(t, "the first page", dlg, "はじめのアンケート", cur.Cohort.Name, "1 / 3",
		"1．自分のキャリアについて、自分で考えて決めている。", "2．社外の人と話すことで、新しい選択肢に気づける。",
		"あてはまらない", "あてはまる")
	if uitest.ShowsText(dlg, "3．この1年でやってみたいことがある。") || uitest.ShownButton(dlg, "送信する") != nil {
		t.Error("the first page shows more than its two statements")
	}
	if n := len(d.assess.choices[0].buttons); n != 5 || d.assess.choices[0].buttons[0].Text != "1" {
		t.Errorf("%d answers to a statement", n)
	}
	test.Tap(d.assess.choices[0].buttons[2])
	f.tap(t, "次へ")
	uitest.WantTexts(t, "a statement unanswered", dlg, "まだ選ばれていない質問があります。1〜5のどれかをお選びください。")
	if d.steps.At() != 0 {
		t.Fatalf("went on to page %d with a statement unanswered", d.steps.At()+1)
	}
	values := []int{3, 2, 5, 4, 1}
	for i, v := range values {
		test.Tap(d.assess.choices[i].buttons[v-1])
		if i%2 == 1 {
			f.tap(t, "次へ")
		}
	}
	uitest.WantTexts(t, "the last page", dlg, "3 / 3", "5．キャリアのために、自分から行動を起こしている。",
		"お答えが、あなたのものとして、ほかの参加者や会社の人事の方に見られることはありません。事務局と人事が見るのは、5人以上をまとめた結果だけです。プログラムの終わりに、ふりかえりのお答えと並べてご覧いただけます。")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("send: %v", err)
	}
	uitest.WantTexts(t, "the message", f.top(t), "送信しました。")
	f.waitLoaded(t)
	cur, _ = programmes(t, f.svc, f.svc.me.ParticipantID)
	if cur.Before == nil || cur.BeforeDue {
		t.Fatalf("not stored: %+v", cur)
	}
	for i, s := range app.SelfAssessmentStatements {
		if cur.Before.Answers[s.ID] != values[i] {
			t.Errorf("%s: stored %d, chose %d", s.ID, cur.Before.Answers[s.ID], values[i])
		}
	}
	if p.before.box.Visible() || f.changed != 1 {
		t.Errorf("after sending: the notice shown %v, OnChanged %d times", p.before.box.Visible(), f.changed)
	}
	if !p.survey.box.Visible() {
		t.Error("the programme survey's notice left too")
	}
}

// A refused self-assessment says why in words and stays open, its
// answers kept; 後で答える closes it, and the notice stays.
func TestSelfAssessmentRejected(t *testing.T) {
	f := newInboxFixture(t, testNow)
	f.svc.setServer(false, app.CodeProgrammeEnded)
	p := f.in.programme
	test.Tap(p.before.answer)
	d := p.openedBefore
	answerStatements(t, d.pagedForm, d.assess, 0, 4)
	f.tap(t, "送信する")
	if err := f.waitSettled(t); app.CodeOf(err) != app.CodeProgrammeEnded {
		t.Fatalf("send: %v", err)
	}
	uitest.WantTexts(t, "the refusal", f.top(t), "このプログラムは終了したため、はじめのアンケートには回答できません。")
	if got, missing := d.assess.answers(); missing >= 0 || got["act.v1"] != 4 {
		t.Errorf("the answers after the refusal: %v", got)
	}
	f.tap(t, "後で答える")
	if f.win.Canvas().Overlays().Top() != nil || !p.before.box.Visible() {
		t.Error("後で答える did not leave the self-assessment waiting")
	}
}

// answerProgrammeSurvey answers d's figures 6, 5 and 9 and every
// statement 4, page by page, and leaves it on its last page.
func answerProgrammeSurvey(t *testing.T, d *ProgrammeSurveyDialog) {
	t.Helper()
	test.Tap(d.satisfaction.buttons[5])
	test.Tap(d.nextRound.buttons[4])
	test.Tap(d.next)
	test.Tap(d.recommend.buttons[9])
	test.Tap(d.next)
	answerStatements(t, d.pagedForm, d.assess, programmeStepStatement, 4)
	if d.steps.At() != d.steps.Len()-1 {
		t.Fatalf("on page %d of %d", d.steps.At()+1, d.steps.Len())
	}
}

// The programme survey, a page at a time: the three figures, the
// statements again, two free answers. Sending stores them (the "after"
// with them), the notice leaves, and once the message is read the
// person's answers at joining and now are shown side by side.
func TestProgrammeSurveySubmit(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	_, prev := programmes(t, f.svc, me)
	p := f.in.programme
	test.Tap(p.survey.answer)
	d := p.openedSurvey
	if d == nil || d.status.Cohort.ID != prev.Cohort.ID {
		t.Fatal("the notice opened no programme survey of the previous round")
	}
	dlg := f.top(t)
	uitest.WantTexts(t, "the first page", dlg, "プログラムのふりかえり", prev.Cohort.Name, "1 / 6",
		"全体の満足度：このプログラムに、どのくらい満足していますか？", "次の回への参加：次の回があれば、また参加したいと思いますか？",
		"参加したくない", "ぜひ参加したい")
	if len(d.satisfaction.buttons) != 7 || len(d.nextRound.buttons) != 7 || len(d.recommend.buttons) != 11 || d.recommend.buttons[0].Text != "0" {
		t.Errorf("answers: %d, %d, %d", len(d.satisfaction.buttons), len(d.nextRound.buttons), len(d.recommend.buttons))
	}
	f.tap(t, "次へ")
	uitest.WantTexts(t, "no satisfaction", dlg, "満足度をお選びください。")
	test.Tap(d.satisfaction.buttons[5])
	f.tap(t, "次へ")
	uitest.WantTexts(t, "no next round", dlg, "次の回にも参加したいかをお選びください。")
	if d.steps.At() != 0 {
		t.Fatal("went on without both figures")
	}
	d.showStep(0)
	answerProgrammeSurvey(t, d)
	uitest.WantTexts(t, "the last page", dlg, "6 / 6", "いちばんの気づき（任意）", "これから試してみたいこと（任意）",
		"お答えが、あなたのものとして、ほかの参加者や会社の人事の方に見られることはありません。事務局と人事が見るのは、5人以上をまとめた結果だけです。書いた文章は、お名前を伏せて事務局だけが読みます。")
	// Going back keeps the answers.
	f.tap(t, "戻る")
	f.tap(t, "戻る")
	if got, missing := d.assess.answers(); missing >= 0 || got["decide.v1"] != 4 || d.steps.At() != 3 {
		t.Fatalf("back to page %d: %v", d.steps.At()+1, got)
	}
	d.showStep(d.steps.Len() - 1)
	test.Type(d.insight, "他社の方も同じ悩みを持っていると知りました。")
	test.Type(d.nextStep, "社内の勉強会に参加します。")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("send: %v", err)
	}
	uitest.WantTexts(t, "the message", f.top(t), "送信しました。")
	f.waitLoaded(t)
	_, st := programmesOf(t, f.svc, me, prev.Cohort.ID)
	if s := st.Survey; s == nil || s.Satisfaction != 6 || s.NextRound != 5 || s.Recommend != 9 ||
		s.Insight != "他社の方も同じ悩みを持っていると知りました。" || s.NextStep != "社内の勉強会に参加します。" {
		t.Fatalf("stored %+v", st.Survey)
	}
	if st.After == nil || len(st.After.Answers) != len(app.SelfAssessmentStatements) || st.After.Answers["act.v1"] != 4 {
		t.Fatalf("the 'after' stored: %+v", st.After)
	}
	if p.survey.box.Visible() || f.changed != 1 {
		t.Errorf("after sending: the notice shown %v, OnChanged %d times", p.survey.box.Visible(), f.changed)
	}
	if d.change != nil {
		t.Fatal("the answers side by side opened over the message")
	}

	// Read the message: the answers side by side. The demo user answered
	// 2, 3, 4, 2, 3 at joining, and 4 to each now.
	f.tap(t, lang.L("OK"))
	v := d.change
	if v == nil || f.top(t) == nil {
		t.Fatal("no answers side by side after the message")
	}
	uitest.WantTexts(t, "the answers side by side", f.top(t), "自分の変化", prev.Cohort.Name,
		"参加したときと、いまのお答えを並べました。5問のうち、参加したときより高くなったのが4問、同じだったのが1問です。",
		"1．自分のキャリアについて、自分で考えて決めている。",
		"あまりあてはまらない", "ややあてはまる", "どちらともいえない",
		"参加したときより2段階上がりました。", "参加したときより1段階上がりました。", "参加したときと同じです。",
		"このお答えは、あなただけが見られます。")
	f.tap(t, "閉じる")

	// Later, from the surveys' tab.
	change := rowWithButton(p, "自分の変化を見る")
	if change == nil || rowWithButton(p, "ふりかえりに答える") != nil {
		t.Fatalf("%d rows in the surveys' tab", len(p.rows))
	}
	test.Tap(change.button)
	if p.openedChange == nil || len(p.openedChange.rows) != 5 || p.openedChange.rows[2].before != 4 || p.openedChange.rows[2].after != 4 {
		t.Fatal("the surveys' tab did not show the answers side by side")
	}
}

// A refused programme survey says why in words and stays open, with what
// was typed; nothing is stored and the notice stays.
func TestProgrammeSurveyRejected(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	_, prev := programmes(t, f.svc, me)
	f.svc.setServer(false, app.CodeSurveyClosed)
	p := f.in.programme
	test.Tap(p.survey.answer)
	d := p.openedSurvey
	answerProgrammeSurvey(t, d)
	test.Type(d.insight, "気づき")
	f.tap(t, "送信する")
	if err := f.waitSettled(t); app.CodeOf(err) != app.CodeSurveyClosed {
		t.Fatalf("send: %v", err)
	}
	uitest.WantTexts(t, "the refusal", f.top(t), "このふりかえりの回答期間は、すでに終わっています。")
	if d.insight.Text != "気づき" || d.steps.At() != d.steps.Len()-1 {
		t.Errorf("after the refusal: %q on page %d", d.insight.Text, d.steps.At()+1)
	}
	if _, st := programmesOf(t, f.svc, me, prev.Cohort.ID); st.Survey != nil || st.After != nil {
		t.Error("a refused survey was stored")
	}
	f.tap(t, "後で答える")
	if f.win.Canvas().Overlays().Top() != nil || !p.survey.box.Visible() {
		t.Error("後で答える did not leave the survey waiting")
	}
}

// A free answer over its limit is refused in words before anything is
// sent.
func TestProgrammeSurveyTooLong(t *testing.T) {
	f := newInboxFixture(t, testNow)
	p := f.in.programme
	test.Tap(p.survey.answer)
	d := p.openedSurvey
	answerProgrammeSurvey(t, d)
	d.nextStep.SetText(strings.Repeat("あ", app.MaxFreeAnswerRunes+1))
	f.tap(t, "送信する")
	uitest.WantTexts(t, "the refusal", f.top(t),
		"「これから試してみたいこと」は1000文字までです。いま1001文字なので、1文字短くしてください。")
	if len(f.svc.calls) != 0 {
		t.Errorf("sent: %v", f.svc.calls)
	}
}

// Someone who joined late has no answers from joining: the view says so
// kindly and shows the answers of now. A statement answered lower is
// said to be lower. In English, the statements are the English ones.
func TestProgrammeChangeView(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(820, 900))
	c := app.Cohort{ID: "c1", Name: "2026年度 春期"}
	after := app.SelfAssessment{Answers: map[string]int{"decide.v1": 4, "options.v1": 5, "goal.v1": 3, "strengths.v1": 2, "act.v1": 1}}

	v := NewProgrammeChangeView(w, c, nil, after)
	v.Show()
	uitest.WantTexts(t, "without a before", w.Canvas().Overlays().Top(), "2026年度 春期",
		"参加したときのアンケートにはお答えいただいていないため（途中から参加された場合など）、ふりかえりのお答えだけを表示しています。お答えいただき、ありがとうございました。",
		"—", "お答えなし", "5", "あてはまる", "1", "あてはまらない", "参加したときのお答えがないため、くらべられません。")
	for _, r := range v.rows {
		if r.before != 0 || r.after != after.Answers[r.statement.ID] {
			t.Errorf("%s: %d → %d", r.statement.ID, r.before, r.after)
		}
	}
	v.dlg.Hide()

	before := app.SelfAssessment{Answers: map[string]int{"decide.v1": 4, "options.v1": 3, "goal.v1": 5, "strengths.v1": 2, "act.v1": 2}}
	v = NewProgrammeChangeView(w, c, &before, after)
	v.Show()
	uitest.WantTexts(t, "with a before", w.Canvas().Overlays().Top(),
		"参加したときと、いまのお答えを並べました。5問のうち、参加したときより高くなったのが1問、同じだったのが2問、低くなったのが2問です。",
		"参加したときより2段階上がりました。", "参加したときより2段階下がりました。", "参加したときより1段階下がりました。", "参加したときと同じです。")
	if uitest.ShowsText(w.Canvas().Overlays().Top(), "お答えなし") {
		t.Error("a dash with every answer given")
	}
	v.dlg.Hide()
	// Only the counts that moved, or stayed, are named.
	for _, c := range []struct {
		up, same, down int
		want           string
	}{
		{5, 0, 0, "参加したときと、いまのお答えを並べました。5問のうち、参加したときより高くなったのが5問です。"},
		{0, 3, 2, "参加したときと、いまのお答えを並べました。5問のうち、同じだったのが3問、低くなったのが2問です。"},
		{0, 0, 0, "参加したときと、いまのお答えを並べました。"},
	} {
		if got := changeSummary(c.up, c.same, c.down); got != c.want {
			t.Errorf("changeSummary(%d, %d, %d) = %q, want %q", c.up, c.same, c.down, got, c.want)
		}
	}

	english(t)
	if got, want := changeSummary(4, 1, 0), "Your answers when you joined and now, side by side. Of the 5 statements: 4 higher than when you joined, 1 the same."; got != want {
		t.Errorf("in English: %q, want %q", got, want)
	}
	v = NewProgrammeChangeView(w, c, &before, after)
	v.Show()
	uitest.WantTexts(t, "in English", w.Canvas().Overlays().Top(),
		"1. "+app.SelfAssessmentStatements[0].En, "True of me", "Lower than when you joined, by 2.")
}

// The programme's dialogs fit a small screen with the largest text:
// every page's buttons in view, and on a screen as tall as 1024×768 its
// questions too.
func TestProgrammeDialogsFitSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		f := newInboxFixture(t, testNow)
		largestText()
		f.win.Resize(size)
		p := f.in.programme

		test.Tap(p.before.answer)
		a := p.openedBefore
		for i := range a.steps.Len() {
			a.showStep(i)
			buttons := []fyne.CanvasObject{a.later, a.next}
			if i > 0 {
				buttons = append(buttons, a.back)
			}
			if i == a.steps.Len()-1 {
				buttons = []fyne.CanvasObject{a.later, a.back, a.send}
			}
			var choices []fyne.CanvasObject
			for j := i * assessmentPerPage; j < min(len(a.assess.choices), (i+1)*assessmentPerPage); j++ {
				choices = append(choices, a.assess.choices[j])
			}
			wantFits(t, f.win, "the self-assessment's page "+strconv.Itoa(i+1), append(tall(size, choices...), buttons...)...)
		}
		test.Tap(a.later)

		test.Tap(p.survey.answer)
		d := p.openedSurvey
		wantFits(t, f.win, "the figures", append(tall(size, d.satisfaction, d.nextRound), d.later, d.next)...)
		d.showStep(programmeStepRecommend)
		wantFits(t, f.win, "the recommendation", d.recommend, d.later, d.back, d.next)
		d.showStep(programmeStepStatement)
		wantFits(t, f.win, "the statements", append(tall(size, d.assess.choices[0], d.assess.choices[1]), d.later, d.back, d.next)...)
		d.showStep(d.steps.Len() - 1)
		wantFits(t, f.win, "the free answers", append(tall(size, d.insight), d.later, d.back, d.send)...)
		test.Tap(d.later)

		_, prev := programmes(t, f.svc, f.svc.me.ParticipantID)
		v := NewProgrammeChangeView(f.win, prev.Cohort, prev.Before, *prev.Before)
		v.Show()
		wantFits(t, f.win, "the answers side by side", v.close)
	})
}

// scoresOf is the scores chosen in choices, 0 for none.
func scoresOf(choices ...*scoreChoice) []int {
	out := make([]int, len(choices))
	for i, c := range choices {
		if v, ok := c.Value(); ok {
			out[i] = v
		}
	}
	return out
}

// 後で答える keeps the choices made, with what was written, as the
// dialog's draft; the dialog opened again shows them all, and says it
// shows the draft, on its first page. Sending forgets the draft.
func TestProgrammeChoicesDraft(t *testing.T) {
	f := newInboxFixture(t, testNow)
	cur, prev := programmes(t, f.svc, f.svc.me.ParticipantID)
	p := f.in.programme
	st := app.SelfAssessmentStatements

	// 「はじめのアンケート」: three statements of five, on two pages.
	test.Tap(p.before.answer)
	settle() // the draft is looked for
	a := p.openedBefore
	test.Tap(a.assess.choices[0].buttons[2])
	test.Tap(a.assess.choices[1].buttons[4])
	f.tap(t, "次へ")
	test.Tap(a.assess.choices[2].buttons[0])
	f.tap(t, "後で答える")
	key := "self-assessment:" + cur.Cohort.ID
	// The draft is the free answers' fields and, as one more, the scores
	// chosen, by statement, as a small JSON object.
	inner, _ := json.Marshal(map[string]int{st[0].ID: 3, st[1].ID: 5, st[2].ID: 1})
	want, _ := json.Marshal(map[string]string{"scores": string(inner)})
	if got := savedDraft(t, f.svc, key); got != string(want) {
		t.Fatalf("the draft after answering later: %q, want %q", got, want)
	}
	test.Tap(p.before.answer)
	settle()
	a = p.openedBefore
	if got := scoresOf(a.assess.choices...); !slices.Equal(got, []int{3, 5, 1, 0, 0}) {
		t.Fatalf("opened again: the choices %v", got)
	}
	if a.steps.At() != 0 || !a.form.draft.Note.Visible() {
		t.Fatalf("opened again on page %d, the note shown %v", a.steps.At()+1, a.form.draft.Note.Visible())
	}
	uitest.WantTexts(t, "「はじめのアンケート」 opened again", f.top(t), "前回の下書きを表示しています。", "1．"+st[0].Ja)
	f.tap(t, "次へ")
	f.tap(t, "次へ")
	uitest.WantTexts(t, "a statement unanswered", f.top(t), "まだ選ばれていない質問があります。1〜5のどれかをお選びください。")
	test.Tap(a.assess.choices[3].buttons[3])
	f.tap(t, "次へ")
	test.Tap(a.assess.choices[4].buttons[1])
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("send: %v", err)
	}
	if got := savedDraft(t, f.svc, key); got != "" {
		t.Fatalf("the draft outlived 「はじめのアンケート」: %q", got)
	}
	f.waitLoaded(t)
	if cur, _ = programmes(t, f.svc, f.svc.me.ParticipantID); cur.Before == nil || cur.Before.Answers[st[1].ID] != 5 || cur.Before.Answers[st[4].ID] != 2 {
		t.Fatalf("stored %+v", cur.Before)
	}
	f.tap(t, lang.L("OK"))

	// The review: its three figures, two statements and a free answer.
	test.Tap(p.survey.answer)
	settle()
	d := p.openedSurvey
	test.Tap(d.satisfaction.buttons[5])
	test.Tap(d.nextRound.buttons[4])
	f.tap(t, "次へ")
	test.Tap(d.recommend.buttons[9])
	f.tap(t, "次へ")
	test.Tap(d.assess.choices[0].buttons[1])
	test.Tap(d.assess.choices[1].buttons[3])
	d.showStep(d.steps.Len() - 1)
	test.Type(d.insight, "気づき")
	f.tap(t, "後で答える")
	key = "programme-survey:" + prev.Cohort.ID
	inner, _ = json.Marshal(map[string]int{"satisfaction": 6, "nextRound": 5, "recommend": 9, st[0].ID: 2, st[1].ID: 4})
	want, _ = json.Marshal(map[string]string{"insight": "気づき", "nextStep": "", "scores": string(inner)})
	if got := savedDraft(t, f.svc, key); got != string(want) {
		t.Fatalf("the review's draft after answering later: %q, want %q", got, want)
	}
	test.Tap(p.survey.answer)
	settle()
	d = p.openedSurvey
	if got := scoresOf(append([]*scoreChoice{d.satisfaction, d.nextRound, d.recommend}, d.assess.choices...)...); !slices.Equal(got, []int{6, 5, 9, 2, 4, 0, 0, 0}) ||
		d.insight.Text != "気づき" {
		t.Fatalf("the review opened again: the choices %v, %q", got, d.insight.Text)
	}
	uitest.WantTexts(t, "the review opened again", f.top(t), "前回の下書きを表示しています。", "1 / 6")
	answerProgrammeSurvey(t, d)
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("send: %v", err)
	}
	if got := savedDraft(t, f.svc, key); got != "" {
		t.Fatalf("the draft outlived the review: %q", got)
	}
}

// Both dialogs keep one size on every page, that of the tallest, and
// their buttons keep their places: 次へ (送信する on the last page) and
// 戻る, greyed out on the first page, do not move from page to page.
func TestProgrammeDialogsKeepTheirSize(t *testing.T) {
	for _, largest := range []bool{false, true} {
		t.Run(map[bool]string{false: "normal", true: "largest"}[largest], func(t *testing.T) {
			f := newInboxFixture(t, testNow)
			if largest {
				largestText()
				f.win.Resize(fyne.NewSize(1024, 728))
			}
			p := f.in.programme
			driver := fyne.CurrentApp().Driver()
			check := func(what string, pf *pagedForm) {
				t.Helper()
				var size fyne.Size
				var later, back, next fyne.Position
				for i := range pf.steps.Len() {
					pf.showStep(i)
					frame(f.win.Canvas())
					forward := pf.next
					if i == pf.steps.Len()-1 {
						forward = pf.send
					}
					if !forward.Visible() || !pf.back.Visible() || pf.back.Disabled() != (i == 0) {
						t.Errorf("%s page %d: 次へ shown %v, 戻る shown %v, greyed out %v", what, i+1, forward.Visible(), pf.back.Visible(), pf.back.Disabled())
					}
					s, l, b, n := pf.form.scroll.Size(), driver.AbsolutePositionForObject(pf.later),
						driver.AbsolutePositionForObject(pf.back), driver.AbsolutePositionForObject(forward)
					if i == 0 {
						size, later, back, next = s, l, b, n
						continue
					}
					if s != size || l != later || b != back || n != next {
						t.Errorf("%s page %d: %v, buttons at %v %v %v; page 1: %v, %v %v %v", what, i+1, s, l, b, n, size, later, back, next)
					}
				}
			}
			test.Tap(p.before.answer)
			check("「はじめのアンケート」", p.openedBefore.pagedForm)
			f.tap(t, "後で答える")
			test.Tap(p.survey.answer)
			check("the review", p.openedSurvey.pagedForm)
		})
	}
}
