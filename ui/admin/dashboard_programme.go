package admin

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The dashboard's section 「プログラムのふりかえり」 (issue 18): the
// programme survey's three means beside the reference (the first pilot's
// unless the secretariat set another), each with its distribution and the
// reference drawn on it, the change of the self-assessment, and for the
// secretariat the free answers without names (the same answer once, with
// its count). Every part is shown only
// over closed batches of app.MinGroup people, as the server counts them.

// figureText writes a figure as the reference is set: 6.3, 8, 5.75.
func figureText(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// oneDecimal writes a mean the server rounded to two decimals with one,
// half up as on paper: 5.85 is 5.9 (which %.1f of the float 5.85 would
// write 5.8).
func oneDecimal(f float64) string {
	n := (int(math.Round(f*100)) + 5) / 10
	return fmt.Sprintf("%d.%d", n/10, n%10)
}

// refLabel names the reference and its value, with one decimal as the
// means beside it: 「第1回パイロット 6.3」, or 「参照値 9.0」 when the
// secretariat set it.
func refLabel(p app.ProgrammeResults, value float64) string {
	data := map[string]any{"N": oneDecimal(value)}
	if p.ReferenceIsPilot {
		return lang.X("programme.ref.pilot", "First pilot {{.N}}", data)
	}
	return lang.X("programme.ref.other", "Reference {{.N}}", data)
}

// programmeFigure is one of the three figures: its name, scale and
// values.
type programmeFigure struct {
	name, chartTitle string
	of               string // "dashboard.of7" or "dashboard.of10"
	first, last      int    // the scale
	mean, ref        float64
	bar              []int
}

func programmeFigures(p app.ProgrammeResults) []programmeFigure {
	s := p.Survey
	return []programmeFigure{
		{name: lang.X("programme.satisfaction", "Overall satisfaction (average)"),
			chartTitle: lang.X("programme.chart.satisfaction", "Overall satisfaction (1–7): answers per score"),
			of:         "dashboard.of7", first: 1, last: 7, mean: s.Means.Satisfaction, ref: p.Reference.Satisfaction, bar: s.SatisfactionBar[:]},
		{name: lang.X("programme.next_round", "Would take part in the next round (average)"),
			chartTitle: lang.X("programme.chart.next_round", "Would take part in the next round (1–7): answers per score"),
			of:         "dashboard.of7", first: 1, last: 7, mean: s.Means.NextRound, ref: p.Reference.NextRound, bar: s.NextRoundBar[:]},
		{name: lang.X("programme.recommend", "Would recommend it to others (average)"),
			chartTitle: lang.X("programme.chart.recommend", "Would recommend it to others (0–10): answers per score"),
			of:         "dashboard.of10", first: 0, last: 10, mean: s.Means.Recommend, ref: p.Reference.Recommend, bar: s.RecommendBar[:]},
	}
}

// programmeRows are the survey's figures beside the reference, or nil
// when too few answered.
func programmeRows(p app.ProgrammeResults) [][2]string {
	if !p.Survey.Shown {
		return nil
	}
	rows := [][2]string{{lang.X("dashboard.answers", "Answers"), count("dashboard.items", "{{.Count}}", p.Survey.Answers)}}
	for _, f := range programmeFigures(p) {
		rows = append(rows, [2]string{f.name, lang.X("programme.mean_ref", "{{.Mean}} ({{.Ref}})", map[string]any{
			"Mean": lang.X(f.of, "{{.N}}", map[string]any{"N": oneDecimal(f.mean)}),
			"Ref":  refLabel(p, f.ref),
		})})
	}
	return rows
}

// programmeCharts are the distributions of the three scores, each with
// the reference's line, or nil when too few answered.
func programmeCharts(p app.ProgrammeResults) []*BarChart {
	if !p.Survey.Shown {
		return nil
	}
	var charts []*BarChart
	for _, f := range programmeFigures(p) {
		var labels []string
		for i := f.first; i <= f.last; i++ {
			labels = append(labels, strconv.Itoa(i))
		}
		c := newBarChart(f.chartTitle, labels, chartSeries{Name: lang.X("dashboard.answers", "Answers"), Values: f.bar})
		c.Ref = &chartRef{Value: f.ref, First: float64(f.first), Label: refLabel(p, f.ref)}
		charts = append(charts, c)
	}
	return charts
}

// changeRows are the change of the self-assessment, or nil when too few
// answered both times.
func changeRows(c app.AssessmentChange) [][2]string {
	if !c.Shown {
		return nil
	}
	of5 := func(f float64) string {
		return lang.X("programme.of5", "{{.N}} / 5", map[string]any{"N": fmt.Sprintf("%.2f", f)})
	}
	return [][2]string{
		{lang.X("programme.change.means", "Self-assessment (average): before → after"),
			lang.X("programme.change.arrow", "{{.Before}} → {{.After}}", map[string]any{"Before": of5(c.Before), "After": of5(c.After)})},
		{lang.X("programme.change.improved", "People whose self-assessment went up"),
			lang.X("dashboard.people_share", "{{.Count}} ({{.Rate}})", map[string]any{"Count": c.Improved, "Rate": percent(c.ImprovedShare)})},
	}
}

// countedText says whom the change counts: 「対象N人（はじめの回答が
// ない方M人は含みません）」.
func countedText(c app.AssessmentChange) string {
	data := map[string]any{"Count": c.Counted, "NoBefore": c.NoBefore}
	if c.NoBefore == 0 {
		return lang.X("programme.change.counted", "Counted: {{.Count}} people (people without a first answer are not included).", data)
	}
	return lang.X("programme.change.counted_no_before", "Counted: {{.Count}} people ({{.NoBefore}} people without a first answer are not included).", data)
}

// changeTooFewText is what the change says when it cannot be shown.
func changeTooFewText() string {
	return lang.X("programme.change.too_few", "Fewer than {{.Min}} people answered both before and after, so the change is not shown.", map[string]any{"Min": app.MinGroup})
}

// programmeObjects draws the section; chart draws each chart with its
// button to save it.
func programmeObjects(p app.ProgrammeResults, charts []*BarChart, secretariat bool, chart func(*BarChart) []fyne.CanvasObject) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		widget.NewSeparator(),
		heading(lang.X("programme.title", "Programme review")),
		widgets.NewParagraph(lang.X("programme.intro", "The answers to the review at the end of the programme. In brackets, the reference figures to compare with.")),
	}
	if rows := programmeRows(p); rows != nil {
		objs = append(objs, formRows(rows), widgets.NewParagraph(batchText()))
	} else {
		objs = append(objs, widgets.NewParagraph(tooFewText()))
	}
	for _, c := range charts {
		objs = append(objs, chart(c)...)
	}

	objs = append(objs, widget.NewSeparator(), sectionHeading(lang.X("programme.change", "Change in the self-assessment")))
	if rows := changeRows(p.Change); rows != nil {
		objs = append(objs, formRows(rows), widgets.NewParagraph(countedText(p.Change)))
	} else {
		objs = append(objs, widgets.NewParagraph(changeTooFewText()))
		if p.Change.NoBefore > 0 {
			objs = append(objs, widgets.NewParagraph(count("programme.change.no_before", "{{.Count}} people who answered have no first answer (not included in the change).", p.Change.NoBefore)))
		}
	}

	if !secretariat {
		return objs
	}
	for _, list := range []struct {
		key, fallback string
		answers       []string
	}{
		{"programme.insights", "The biggest insight (without names)", p.Insights},
		{"programme.next_steps", "What they want to try next (without names)", p.NextSteps},
	} {
		objs = append(objs, widget.NewSeparator(), sectionHeading(lang.X(list.key, list.fallback)))
		if len(list.answers) == 0 {
			objs = append(objs, widgets.NewParagraph(lang.X("programme.no_answers", "There are no answers yet.")))
		}
		for _, a := range sameAnswersOnce(list.answers) {
			text := a.text
			if a.n > 1 {
				text = lang.X("programme.answer_count", "{{.Answer}} ({{.Count}} answers)", map[string]any{"Answer": a.text, "Count": a.n})
			}
			objs = append(objs, widgets.NewParagraph("・"+text))
		}
	}
	return objs
}

// countedAnswer is a free answer and how many gave it.
type countedAnswer struct {
	text string
	n    int
}

// sameAnswersOnce lists identical answers (but for the blanks around
// them) once, with their count, in the order they first come.
func sameAnswersOnce(answers []string) []countedAnswer {
	var out []countedAnswer
	at := map[string]int{}
	for _, a := range answers {
		a = strings.TrimSpace(a)
		if i, ok := at[a]; ok {
			out[i].n++
			continue
		}
		at[a] = len(out)
		out = append(out, countedAnswer{a, 1})
	}
	return out
}

// chooseEarliestCohort chooses the programme that began first, which
// loads its figures; false when none is listed.
func (v *DashboardView) chooseEarliestCohort() bool {
	best := -1
	for i, c := range v.cohorts {
		if best < 0 || c.StartsOn.Before(v.cohorts[best].StartsOn) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	v.cohort.SetSelectedIndex(best)
	return true
}

// scrollToProgramme scrolls the programme's review into view, once the
// chosen programme's figures are shown; false while they are not.
func (v *DashboardView) scrollToProgramme() bool {
	if v.dash == nil || v.dash.Scope.CohortID != v.cohortID() || v.programme == nil {
		return false
	}
	v.scroll.Offset = fyne.NewPos(0, v.programme.Position().Y)
	v.scroll.Refresh()
	return true
}
