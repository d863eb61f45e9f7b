package admin

import (
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// saveSurvey taps the form's Save, through its pages when it has them.
func saveSurvey(t *testing.T, w fyne.Window, f *surveyForm) {
	t.Helper()
	if f.pages.paged && f.pages.at == 0 {
		tapButton(t, topOverlay(t, w), "次へ")
		if f.pages.at == 0 {
			return // the days were refused
		}
	}
	tapButton(t, topOverlay(t, w), "保存する")
}

func openSurveyForm(t *testing.T, v *ProgrammesView, id string) *surveyForm {
	t.Helper()
	for _, c := range v.cohorts {
		if c.ID == id {
			v.editSurvey(c)
			return v.surveyForm
		}
	}
	t.Fatalf("no programme %s", id)
	return nil
}

// The programme's row opens its review settings, which show the default
// days and the first pilot's figures; saved untouched, they send none of
// them, so that the defaults stay.
func TestSurveyFormDefaults(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	tapButton(t, w.Content(), "ふりかえりの設定") // the first row: the latest programme
	if v.surveyForm == nil || v.surveyForm.c.ID != "k-2027a" {
		t.Fatalf("the form of %+v", v.surveyForm)
	}
	v.surveyForm.dialog.Hide()

	form := openSurveyForm(t, v, "k-2026a") // ends on 31 March 2027
	if got := []string{form.opens.btn.Text, form.closes.btn.Text}; !reflect.DeepEqual(got, []string{"標準の日：2027年3月25日(木)", "標準の日：2027年4月14日(水)"}) {
		t.Errorf("the days read %q", got)
	}
	if got := []string{form.sat.Text, form.next.Text, form.rec.Text}; !reflect.DeepEqual(got, []string{"6.3", "6.2", "8.3"}) {
		t.Errorf("the figures read %q", got)
	}
	uitest.WantTexts(t, "the form", topOverlay(t, w), "回答の始まりの日", "回答の終わりの日", "全体の満足度（1〜7）",
		"参加者がふりかえりに回答できる期間です。選ばないときは標準の日で、プログラムの最後の日の6日前から、最後の日の14日後までです。")
	saveSurvey(t, w, form)
	if want := []surveySet{{CohortID: "k-2026a"}}; !reflect.DeepEqual(f.surveys, want) {
		t.Fatalf("sent %+v", f.surveys)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the form is still open")
	}
	if got := v.status.Text(); got != "「2026年度 第1期」のふりかえりの設定を保存しました。" {
		t.Errorf("status %q", got)
	}
}

// The form refuses, in words, days the wrong way round and figures off
// their scales, sends nothing until they are right, then sends what it
// says; opened again it shows them, and its resets return to the
// defaults.
func TestSurveyFormValidatesAndSends(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	form := openSurveyForm(t, v, "k-2026a")
	form.closes.set(day(2027, 3, 20)) // before the default first day, 25 March
	saveSurvey(t, w, form)
	if want := "回答の終わりの日が、始まりの日より前です。日付を選び直してください。"; form.errLine.Text != want || !form.errLine.Visible() {
		t.Errorf("error %q", form.errLine.Text)
	}
	// Days far from the programme: before its first day, and more than
	// app.SurveyLatestDaysAfter days after its last (31 March 2027).
	form.closes.set(day(2027, 4, 30))
	form.opens.set(app.StartOfDay(form.c.StartsOn).AddDate(0, 0, -1))
	saveSurvey(t, w, form)
	if want := "回答の始まりの日は、プログラムの最初の日（" + widgets.FormatDate(app.StartOfDay(form.c.StartsOn)) + "）以降にしてください。"; form.errLine.Text != want {
		t.Errorf("a first day before the programme: error %q", form.errLine.Text)
	}
	clearDay(form.opens, form.defOpens)
	form.closes.set(day(2027, 9, 28))
	saveSurvey(t, w, form)
	if want := "回答の終わりの日は、プログラムの最後の日から180日後（2027年9月27日(月)）までにしてください。"; form.errLine.Text != want {
		t.Errorf("a last day too late: error %q", form.errLine.Text)
	}
	form.closes.set(day(2027, 4, 30))
	if form.errLine.Visible() {
		t.Errorf("the error %q stays once the days are right", form.errLine.Text)
	}
	form.pages.show(len(form.pages.pages) - 1)
	for _, c := range []struct{ sat, rec, want string }{
		{"8", "8.3", "「全体の満足度（1〜7）」の参照値は、1から7までの数で入れてください（例: 6.3）。"},
		{"", "8.3", "「全体の満足度（1〜7）」の参照値を入れてください。"},
		{"6", "10.5", "「ほかの方へのおすすめ度（0〜10）」の参照値は、0から10までの数で入れてください（例: 6.3）。"},
		{"ろく", "8", "「全体の満足度（1〜7）」の参照値は、1から7までの数で入れてください（例: 6.3）。"},
	} {
		form.sat.SetText(c.sat)
		form.rec.SetText(c.rec)
		tapButton(t, topOverlay(t, w), "保存する")
		if form.errLine.Text != c.want {
			t.Errorf("%q, %q: error %q", c.sat, c.rec, form.errLine.Text)
		}
	}
	if len(f.surveys) != 0 {
		t.Fatalf("sent %+v", f.surveys)
	}
	form.sat.SetText("５．８") // typed with the Japanese input
	form.rec.SetText("7.9")
	tapButton(t, topOverlay(t, w), "保存する")
	want := surveySet{CohortID: "k-2026a", ClosesOn: tp(day(2027, 4, 30)),
		Reference: &app.ProgrammeFigures{Satisfaction: 5.8, NextRound: 6.2, Recommend: 7.9}}
	if len(f.surveys) != 1 || !reflect.DeepEqual(f.surveys[0], want) {
		t.Fatalf("sent %+v", f.surveys)
	}

	form = openSurveyForm(t, v, "k-2026a")
	if got := []string{form.opens.btn.Text, form.closes.btn.Text, form.sat.Text, form.rec.Text}; !reflect.DeepEqual(got,
		[]string{"標準の日：2027年3月25日(木)", "2027年4月30日(金)", "5.8", "7.9"}) {
		t.Errorf("the form reopens with %q", got)
	}
	form.pages.show(0)
	tapButtons(t, topOverlay(t, w), "標準の日にもどす")
	if form.closes.btn.Text != "標準の日：2027年4月14日(水)" || !form.closes.day.IsZero() {
		t.Errorf("the last day after its reset: %q", form.closes.btn.Text)
	}
	form.pages.show(len(form.pages.pages) - 1)
	tapButton(t, topOverlay(t, w), "第1回パイロットの数値にもどす")
	if got := []string{form.sat.Text, form.next.Text, form.rec.Text}; !reflect.DeepEqual(got, []string{"6.3", "6.2", "8.3"}) {
		t.Errorf("the figures after the reset %q", got)
	}
	tapButton(t, topOverlay(t, w), "保存する")
	if len(f.surveys) != 2 || !reflect.DeepEqual(f.surveys[1], surveySet{CohortID: "k-2026a"}) {
		t.Fatalf("sent %+v", f.surveys)
	}
}

// A refusal of the server stays in the form, which stays open.
func TestSurveyFormServerError(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	form := openSurveyForm(t, v, "k-2026a")
	f.mu.Lock()
	f.err = app.Reject(app.CodeOutOfRange, "test")
	f.mu.Unlock()
	saveSurvey(t, w, form)
	if !form.errLine.Visible() || form.errLine.Text == "" || form.errLine.Text == "保存しています…" {
		t.Errorf("error %q", form.errLine.Text)
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Error("the form closed on a refusal")
	}
}

// tapButtons taps every shown button labelled text in o.
func tapButtons(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var bs []*widget.Button
	uitest.ShownWalk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			bs = append(bs, b)
		}
	})
	n := 0
	for _, b := range bs {
		test.Tap(b)
		n++
	}
	if n == 0 {
		t.Fatalf("no button %q", text)
	}
	settle()
}

// A last day of answers already past (today is 25 November 2026 by the
// services' clock) would end the review for everyone who has not
// answered: the form asks first, in red, and sends nothing when told to
// go back. Today itself, or a last day moved while the review had
// already ended, is saved without asking.
func TestSurveyFormAsksBeforeEndingTheReview(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	form := openSurveyForm(t, v, "k-2026a")
	form.opens.set(day(2026, 10, 1))
	form.closes.set(day(2026, 11, 24))
	saveSurvey(t, w, form)
	ask := topOverlay(t, w)
	uitest.WantTexts(t, "the question", ask, "回答の終わりの日が過ぎています",
		"回答の終わりの日（2026年11月24日(火)）はもう過ぎています。まだ答えていない方は、ふりかえりに答えられなくなります。保存しますか？")
	wantDanger(t, "ending the review", ask, "保存する")
	tapButton(t, ask, "やめる")
	if len(f.surveys) != 0 {
		t.Fatalf("sent %+v after going back", f.surveys)
	}
	if topOverlay(t, w) == ask || form.dialog == nil || !uitest.ShowsText(topOverlay(t, w), "回答の終わりの日") {
		t.Fatal("the form is not shown again after going back")
	}
	tapButton(t, topOverlay(t, w), "保存する")
	tapButton(t, topOverlay(t, w), "保存する") // the question's
	want := surveySet{CohortID: "k-2026a", OpensOn: tp(day(2026, 10, 1)), ClosesOn: tp(day(2026, 11, 24))}
	if len(f.surveys) != 1 || !reflect.DeepEqual(f.surveys[0], want) {
		t.Fatalf("sent %+v", f.surveys)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog is still open after saving")
	}

	// Its review has ended now: another past day ends nothing more.
	form = openSurveyForm(t, v, "k-2026a")
	form.closes.set(day(2026, 11, 20))
	saveSurvey(t, w, form)
	if len(f.surveys) != 2 || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("a review already ended: sent %d, %v shown", len(f.surveys), w.Canvas().Overlays().Top())
	}

	// The last day today: answers are taken until tonight.
	form = openSurveyForm(t, v, "k-2027a")
	form.opens.set(day(2027, 4, 1))
	form.closes.set(day(2027, 4, 2))
	f.mu.Lock()
	f.now = day(2027, 4, 2).Add(23 * time.Hour)
	f.mu.Unlock()
	saveSurvey(t, w, form)
	if len(f.surveys) != 3 || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the last day today: sent %d, %v shown", len(f.surveys), w.Canvas().Overlays().Top())
	}
}

// Each date picker opens on the day it shows: the default day while it
// holds none, else its day, whatever month another picker (or itself)
// was turned to before.
func TestSurveyFormPickersOpenOnTheirDay(t *testing.T) {
	_, v, w := newProgrammesFixture(t)
	form := openSurveyForm(t, v, "k-2026a") // defaults 25 March and 14 April 2027
	open := func(p *datePicker, what string, want time.Time) {
		t.Helper()
		test.Tap(p.btn)
		settle()
		if p.grid == nil || !p.grid.Month().Equal(day(want.Year(), want.Month(), 1)) || !p.grid.Selected().Equal(want) {
			t.Fatalf("%s opens on %v with %v chosen, want %v", what, p.grid.Month(), p.grid.Selected(), want)
		}
		p.grid.ShowMonth(day(2026, 11, 1)) // browsed, then left
		tapButton(t, topOverlay(t, w), "キャンセル")
	}
	open(form.opens, "the first day, default", day(2027, 3, 25))
	open(form.closes, "the last day, default", day(2027, 4, 14))
	open(form.opens, "the first day again", day(2027, 3, 25))
	form.closes.set(day(2027, 5, 10))
	open(form.closes, "the last day chosen", day(2027, 5, 10))
	clearDay(form.closes, form.defCloses)
	open(form.closes, "the last day reset", day(2027, 4, 14))
}
