package admin

import (
	"io"
	"time"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The programme survey's results (issue 18) in the shape a consortium
// report uses: a table of figures, one of the distributions and, for the
// secretariat only, one of the free answers without names. The tables
// are written as one CSV (as the dashboard's figures are) or as the
// sheets of a workbook. A part of the results not shown (fewer than
// app.MinGroup people, or no batch closed yet) is written as the
// dashboard's too-few text, never as zeros.

// programmeReferenceLabel names the line the figures are shown beside:
// the first pilot's, or the one the secretariat set for the programme.
func programmeReferenceLabel(p app.ProgrammeResults) string {
	if p.ReferenceIsPilot {
		return lang.X("programme_export.reference.pilot", "First pilot")
	}
	return lang.X("programme_export.reference", "Reference")
}

// programmeQuestions are the three scored questions of the programme
// survey as the distributions name them, with their answers per score
// and the lowest score.
func programmeQuestions(s app.ProgrammeSurveyFigures) []struct {
	name   string
	counts []int
	from   int
} {
	return []struct {
		name   string
		counts []int
		from   int
	}{
		{lang.X("programme_export.q.satisfaction", "Overall satisfaction (1–7)"), s.SatisfactionBar[:], 1},
		{lang.X("programme_export.q.next_round", "Intention to take part in the next round (1–7)"), s.NextRoundBar[:], 1},
		{lang.X("programme_export.q.recommend", "Recommendation to others (0–10)"), s.RecommendBar[:], 0},
	}
}

// programmeFigureTable is the scope, the three means beside the
// reference, and the change of the self-assessment, one figure a row.
func programmeFigureTable(d app.Dashboard, cohort, company string, at time.Time) [][]any {
	p := d.Programme
	tooFew := tooFewText()
	rows := [][]any{
		{lang.X("dashboard.csv.item", "Item"), lang.X("dashboard.csv.value", "Value"), programmeReferenceLabel(p)},
		{lang.X("dashboard.cohort", "Programme"), cohort},
		{lang.X("import.company", "Company"), company},
		{lang.X("dashboard.csv.at", "Counted at"), widgets.FormatDateTime(at)},
	}
	// shown is a figure when the part is shown, else the too-few text;
	// changed is the same for the change, with the change's own text.
	shown := func(ok bool, v any) any {
		if !ok {
			return tooFew
		}
		return v
	}
	changeTooFew := changeTooFewText()
	changed := func(v any) any {
		if !p.Change.Shown {
			return changeTooFew
		}
		return v
	}
	s, c := p.Survey, p.Change
	var noBefore any = c.NoBefore
	if c.NoBefore == 0 {
		noBefore = lang.X("programme_export.no_before_too_few", "Fewer than {{.Min}} people, so not shown.", map[string]any{"Min": app.MinGroup})
	}
	rows = append(rows,
		[]any{lang.X("programme_export.answers", "Programme survey answers"), shown(s.Shown, s.Answers)},
		[]any{lang.X("programme_export.satisfaction", "Overall satisfaction (average, 1–7)"), shown(s.Shown, decimal{s.Means.Satisfaction, 2}), decimal{p.Reference.Satisfaction, 2}},
		[]any{lang.X("programme_export.next_round", "Intention to take part in the next round (average, 1–7)"), shown(s.Shown, decimal{s.Means.NextRound, 2}), decimal{p.Reference.NextRound, 2}},
		[]any{lang.X("programme_export.recommend", "Recommendation to others (average, 0–10)"), shown(s.Shown, decimal{s.Means.Recommend, 2}), decimal{p.Reference.Recommend, 2}},
		[]any{lang.X("programme_export.counted", "Self-assessment: people counted (answered before and after)"), changed(c.Counted)},
		// NoBefore is batched on its own: 0 until app.MinGroup of them,
		// which its own words say (these people gave no answers).
		[]any{lang.X("programme_export.no_before", "Self-assessment: people left out, with no first answer"), noBefore},
		[]any{lang.X("programme_export.before", "Self-assessment: average before (1–5)"), changed(decimal{c.Before, 2})},
		[]any{lang.X("programme_export.after", "Self-assessment: average after (1–5)"), changed(decimal{c.After, 2})},
		[]any{lang.X("programme_export.improved", "Self-assessment: people whose average went up"), changed(c.Improved)},
		[]any{lang.X("programme_export.improved_share", "Self-assessment: share whose average went up (%)"), changed(decimal{c.ImprovedShare * 100, 1})},
	)
	return rows
}

// programmeDistributionTable is the answers per score of each of the
// three questions, a score a row; a question not shown has one row, the
// too-few text.
func programmeDistributionTable(d app.Dashboard) [][]any {
	s := d.Programme.Survey
	rows := [][]any{{lang.X("programme_export.question", "Question"), lang.X("programme_export.score", "Score"), lang.X("dashboard.answers", "Answers")}}
	for _, q := range programmeQuestions(s) {
		if !s.Shown {
			rows = append(rows, []any{q.name, tooFewText()})
			continue
		}
		for i, n := range q.counts {
			rows = append(rows, []any{q.name, q.from + i, n})
		}
	}
	return rows
}

// programmeFreeTable is the free answers, one a row after its question,
// without names: the secretariat's alone, so nil for anyone else.
func programmeFreeTable(d app.Dashboard, secretariat bool) [][]any {
	if !secretariat {
		return nil
	}
	p := d.Programme
	rows := [][]any{{lang.X("programme_export.question", "Question"), lang.X("programme_export.free_answer", "Answer (without names)")}}
	for _, q := range []struct {
		name    string
		answers []string
	}{
		{lang.X("programme_export.insight", "The biggest insight"), p.Insights},
		{lang.X("programme_export.next_step", "What I want to try next"), p.NextSteps},
	} {
		for _, a := range q.answers {
			rows = append(rows, []any{q.name, a})
		}
	}
	if len(rows) == 1 {
		none := lang.X("programme_export.no_free_answers", "There are no free answers yet.")
		if !p.Survey.Shown {
			none = tooFewText()
		}
		rows = append(rows, []any{none})
	}
	return rows
}

// WriteProgrammeCSV writes the programme survey's results for Excel: the
// figures, the distributions and, when secretariat is true, the free
// answers without names, one table after another.
func WriteProgrammeCSV(w io.Writer, d app.Dashboard, cohort, company string, at time.Time, secretariat bool) error {
	return writeCSVTables(w, programmeFigureTable(d, cohort, company, at), programmeDistributionTable(d), programmeFreeTable(d, secretariat))
}
