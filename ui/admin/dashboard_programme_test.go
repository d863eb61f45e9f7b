package admin

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

// programmeShown is a programme's results over 20 answers, beside the
// first pilot's figures, with free answers (which only the secretariat
// gets from the server).
func programmeShown() app.ProgrammeResults {
	return app.ProgrammeResults{
		Survey: app.ProgrammeSurveyFigures{Shown: true, Answers: 20,
			Means:           app.ProgrammeFigures{Satisfaction: 5.85, NextRound: 5.4, Recommend: 7.95},
			SatisfactionBar: [7]int{0, 0, 1, 2, 3, 8, 6}, NextRoundBar: [7]int{0, 1, 2, 3, 4, 6, 4},
			RecommendBar: [11]int{0, 0, 0, 0, 1, 1, 2, 3, 5, 4, 4}},
		Reference: app.PilotFigures, ReferenceIsPilot: true,
		Change:    app.AssessmentChange{Shown: true, Counted: 15, NoBefore: 5, Before: 3.1, After: 3.62, Improved: 9, ImprovedShare: 0.6},
		Insights:  []string{"他社の方も同じ悩みを抱えていると知りました。"},
		NextSteps: []string{"社外の勉強会に参加してみます。"},
	}
}

// chartTexts lists the texts a chart draws.
func chartTexts(c *BarChart) []string {
	var out []string
	for _, o := range test.WidgetRenderer(c).Objects() {
		if t, ok := o.(*canvas.Text); ok && !t.Hidden {
			out = append(out, t.Text)
		}
	}
	return out
}

// HR sees its company's programme results beside the first pilot's, the
// change and whom it counts, and no free answer, even had the server sent
// one.
func TestDashboardProgrammeHR(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	f.dashboard.Programme = programmeShown()
	v, w := newDashboardFixture(t, f)
	uitest.WantTexts(t, "the programme's results", w.Content(),
		"プログラムのふりかえり", "回答数", "20件",
		"全体の満足度（平均）", "5.9 / 7（第1回パイロット 6.3）",
		"次の回への参加意向（平均）", "5.4 / 7（第1回パイロット 6.2）",
		"ほかの方へのおすすめ度（平均）", "8.0 / 10（第1回パイロット 8.3）",
		"自己評価の変化", "自己評価の平均（はじめ → おわり）", "3.10 / 5 → 3.62 / 5",
		"自己評価が上がった方", "9人（60%）",
		"対象15人（はじめの回答がない方5人は含みません）",
	)
	for _, s := range []string{"いちばんの気づき（お名前なし）", "これから試してみたいこと（お名前なし）",
		"・他社の方も同じ悩みを抱えていると知りました。", "・社外の勉強会に参加してみます。"} {
		if uitest.ShowsText(w.Content(), s) {
			t.Errorf("HR sees %q", s)
		}
	}
	if len(v.charts) != 6 {
		t.Fatalf("%d charts, want the 3 of the talks and the 3 of the programme", len(v.charts))
	}
	sat := v.charts[3]
	if sat.Title != "全体の満足度（1〜7）：点数ごとの回答数" || !slices.Equal(sat.Series[0].Values, []int{0, 0, 1, 2, 3, 8, 6}) {
		t.Errorf("satisfaction chart %q %v", sat.Title, sat.Series)
	}
	for i, want := range []string{"第1回パイロット 6.3", "第1回パイロット 6.2", "第1回パイロット 8.3"} {
		if got := chartTexts(v.charts[3+i]); !slices.Contains(got, want) {
			t.Errorf("chart %d draws %q, not %q", 3+i, got, want)
		}
	}
	if v.charts[0].Ref != nil {
		t.Error("the weekly chart has a reference line")
	}
	// The line of 6.3 lies between the bars of 6 and 7, nearer to 6;
	// that of 8.3 on the 0–10 scale between 8 and 9.
	for _, c := range []struct {
		chart   *BarChart
		low, hi int
	}{{v.charts[3], 5, 6}, {v.charts[5], 8, 9}} {
		r := test.WidgetRenderer(c.chart).(*barChartRenderer)
		x := r.refLine.Position1.X
		lo, hi := r.labels[c.low].Position().X+r.labels[c.low].Size().Width/2, r.labels[c.hi].Position().X+r.labels[c.hi].Size().Width/2
		if x <= lo || x >= (lo+hi)/2 || r.refLine.Position1.X != r.refLine.Position2.X {
			t.Errorf("%s: line at %v, between %v and %v", c.chart.Title, r.refLine, lo, hi)
		}
	}
	// Saved as a PNG, the line is drawn too.
	imgs := v.chartImages()
	if n := countColor(imgs[3], refColor); n < 50 {
		t.Errorf("the saved chart has %d pixels of the reference line", n)
	}
	if n := countColor(imgs[1], refColor); n != 0 {
		t.Errorf("the talks' chart has %d pixels of a reference line", n)
	}
}

// The secretariat sees the free answers without names, and a reference
// it set is named as such, not as the pilot's.
func TestDashboardProgrammeSecretariat(t *testing.T) {
	f := newFakeAdmin(app.RoleSecretariat)
	p := programmeShown()
	p.Reference, p.ReferenceIsPilot = app.ProgrammeFigures{Satisfaction: 5.8, NextRound: 5.5, Recommend: 8}, false
	p.NextSteps = nil
	p.Change.NoBefore = 0
	f.dashboard.Programme = p
	v, w := newDashboardFixture(t, f)
	uitest.WantTexts(t, "the programme's results", w.Content(),
		"5.9 / 7（参照値 5.8）", "5.4 / 7（参照値 5.5）", "8.0 / 10（参照値 8.0）",
		"対象15人（はじめの回答がない方は含みません）",
		"いちばんの気づき（お名前なし）", "・他社の方も同じ悩みを抱えていると知りました。",
		"これから試してみたいこと（お名前なし）", "まだ回答はありません。",
	)
	if uitest.ShowsText(w.Content(), "5.9 / 7（第1回パイロット 6.3）") {
		t.Error("the secretariat's reference is named as the pilot's")
	}

	// The same answer given three times is listed once, with its count,
	// where it first came; an answer given once has no count.
	same := "視野が広がりました。"
	f.dashboard.Programme.Insights = []string{same, "他社の方も同じ悩みを抱えていると知りました。", same + " ", "社外の勉強会を探します。", same}
	v.Refresh()
	settle()
	var listed []string
	for _, s := range uitest.ShownTexts(w.Content()) {
		if strings.HasPrefix(s, "・") {
			listed = append(listed, s)
		}
	}
	if want := []string{"・視野が広がりました。（3件）", "・他社の方も同じ悩みを抱えていると知りました。", "・社外の勉強会を探します。"}; !slices.Equal(listed, want) {
		t.Errorf("the insights listed %q, want %q", listed, want)
	}
	// A reference is written with one decimal, as the means are.
	for i, want := range []string{"参照値 5.8", "参照値 5.5", "参照値 8.0"} {
		if got := chartTexts(v.charts[3+i]); !slices.Contains(got, want) {
			t.Errorf("chart %d draws %q, not %q", 3+i, got, want)
		}
	}
}

// Until 5 people answered, neither the figures nor their charts are
// shown, and the change says why; people without a first answer are
// told apart.
func TestDashboardProgrammeTooFew(t *testing.T) {
	f := newFakeAdmin(app.RoleSecretariat)
	f.dashboard.Programme = app.ProgrammeResults{Reference: app.PilotFigures, ReferenceIsPilot: true,
		Change: app.AssessmentChange{NoBefore: 5}}
	v, w := newDashboardFixture(t, f)
	uitest.WantTexts(t, "the programme's results", w.Content(), "プログラムのふりかえり",
		"はじめとおわりの両方に回答した方が5人未満のため、変化は表示しません。",
		"はじめの回答がない方が5人います（変化には含みません）。")
	n := 0
	for _, s := range uitest.ShownTexts(w.Content()) {
		if s == "回答が5人未満のため表示しません。" {
			n++
		}
	}
	if n != 1 { // the talks' survey is shown; the programme's is not
		t.Errorf("the too-few text is shown %d times", n)
	}
	for _, s := range []string{"全体の満足度（平均）", "自己評価の平均（はじめ → おわり）"} {
		if uitest.ShowsText(w.Content(), s) {
			t.Errorf("%q is shown over too few answers", s)
		}
	}
	if len(v.charts) != 3 {
		t.Errorf("%d charts: the programme's are drawn over too few answers", len(v.charts))
	}

	f.dashboard.Programme.Change.NoBefore = 0
	v.Refresh()
	settle()
	if uitest.ShowsText(w.Content(), "はじめの回答がない方が0人います（変化には含みません）。") {
		t.Error("zero people without a first answer are told of")
	}
}
