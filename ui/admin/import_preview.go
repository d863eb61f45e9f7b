package admin

import (
	"image/color"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app/roster"
	"crosstalk/ui/widgets"
)

// The preview: every row of the file in a virtual table, the cells with
// a problem marked, and the problems in words under it.

// columnName is a roster column in words: 社員番号, 年代…
func columnName(c roster.Column) string {
	if c == "" {
		return ""
	}
	return lang.X("import.column."+string(c), string(c))
}

// problemText is one problem in words, with where it is: 3行目「年代」:
// 「70-74」は年代として使えません。…
func problemText(p roster.Problem) string {
	value := []rune(p.Value)
	if len(value) > 40 {
		value = append(value[:40], '…')
	}
	data := map[string]any{"Value": string(value), "Column": columnName(p.Column), "Row": p.Row, "Letter": roster.ColumnLetter(p.Index)}
	const missing = "\x00"
	what := lang.X("import.problem."+string(p.Code), missing, data)
	if what == missing { // a code newer than this view
		what = lang.X("import.problem_other", "Please check this cell.", data)
	}
	data = map[string]any{"Row": p.Row, "Column": columnName(p.Column), "Text": what}
	switch {
	case p.Row <= 0:
		return lang.X("import.where.file", "The file: {{.Text}}", data)
	case p.Column == "":
		return lang.X("import.where.row", "Line {{.Row}}: {{.Text}}", data)
	}
	return lang.X("import.where.cell", "Line {{.Row}}, “{{.Column}}”: {{.Text}}", data)
}

// sortProblems orders problems by line, then by column as the preview
// shows them.
func sortProblems(ps []roster.Problem) {
	col := func(c roster.Column) int {
		if c == "" {
			return -1
		}
		if i := slices.Index(importColumns, roster.StandsFor(c)); i >= 0 {
			return i
		}
		return len(importColumns)
	}
	slices.SortStableFunc(ps, func(a, b roster.Problem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return col(a.Column) - col(b.Column)
	})
}

// sizeColumns gives each column a width for its content at the current
// text size.
func (v *ImportView) sizeColumns() {
	ts := theme.TextSize()
	widths := []float32{4, 7, 8, 9, 7, 9, 12, 5, 12, 14} // in characters: line, no, name, kana, age, job, cohorts, role, themes, address
	for i, w := range widths {
		v.table.SetColumnWidth(i, w*ts+2*theme.InnerPadding())
	}
}

func (v *ImportView) headerText(col int) string {
	if col == 0 {
		return lang.X("import.column.line", "Line")
	}
	return columnName(importColumns[col-1])
}

// cellText is what the preview shows in a cell, and whether it is marked
// as a problem.
func (v *ImportView) cellText(row, col int) (string, bool) {
	if row < 0 || row >= len(v.preview.Rows) {
		return "", false
	}
	r := v.preview.Rows[row]
	if col == 0 { // marked when anything on the row is wrong
		return strconv.Itoa(r.Line), len(v.byLine[r.Line]) > 0 || !r.OK
	}
	c := importColumns[col-1]
	text, has := r.Cells[c]
	switch {
	case c == roster.ColCohort && text == "" && len(r.Entry.Cohorts) > 0:
		for i, id := range r.Entry.Cohorts {
			if i > 0 {
				text += "、"
			}
			text += cohortName(v.cohorts, id)
		}
	case (c == roster.ColName || c == roster.ColKana) && !has:
		// 姓 and 名 (セイ and メイ) joined, as they are imported.
		text = r.Entry.Name
		if c == roster.ColKana {
			text = r.Entry.Kana
		}
	case c == roster.ColAgeBand:
		if !has {
			text = r.Cells[roster.ColBirthDate]
		}
		// An age or a birth date is shown with the band it gives.
		if b := r.Entry.AgeBand; b != "" && text != string(b) {
			if words := widgets.FormatAgeBand(b); words != text {
				text = lang.X("import.age_with_band", "{{.Text}} ({{.Band}})", map[string]any{"Text": text, "Band": words})
			}
		}
	}
	return text, v.marks[r.Line][c]
}

func (v *ImportView) setPreview(p roster.Preview) {
	v.preview = p
	v.marks = map[int]map[roster.Column]bool{}
	v.byLine = map[int][]roster.Problem{}
	sortProblems(p.Problems)
	for _, pr := range p.Problems {
		if v.marks[pr.Row] == nil {
			v.marks[pr.Row] = map[roster.Column]bool{}
		}
		v.marks[pr.Row][roster.StandsFor(pr.Column)] = true // a problem of 姓 marks the name
		v.byLine[pr.Row] = append(v.byLine[pr.Row], pr)
	}

	objs := make([]fyne.CanvasObject, 0, min(len(p.Problems), importProblemsShown))
	for i, pr := range p.Problems {
		if i == importProblemsShown {
			break
		}
		t := widgets.NewParagraph(problemText(pr))
		t.Label.Importance = widget.DangerImportance
		objs = append(objs, t)
	}
	if len(p.Problems) == 0 && len(p.Rows) > 0 {
		objs = append(objs, widgets.NewParagraph(lang.X("import.no_problems", "No problems were found.")))
	}
	for i, n := range p.Notes { // what is left out, which does not stop the import
		if i == importProblemsShown {
			break
		}
		objs = append(objs, widgets.NewParagraph(problemText(n)))
	}
	v.problems.Objects = objs
	v.problems.Refresh()
	if extra := len(p.Problems) - importProblemsShown; extra > 0 {
		v.more.SetText(lang.X("import.more_problems", "There are {{.Count}} more problems. Please correct the ones above, then choose the file again.", map[string]any{"Count": extra}))
		v.more.Show()
	} else {
		v.more.Hide()
	}
	v.rowInfo.SetText(lang.X("import.row_hint", "Choose a row in the table to see its problems here."))

	data := map[string]any{"Rows": len(p.Rows), "Problems": len(p.Problems)}
	switch {
	case p.Rows == nil && p.Problems == nil:
		v.summary.Hide()
	case len(p.Rows) == 0: // a header and nobody: say so first, whatever else is wrong
		v.summary.Label.Importance = widget.DangerImportance
		v.summary.SetText(lang.X("import.summary.empty", "The file has no rows of people. Please write one person per line under the headings."))
		v.summary.Show()
	case len(p.Problems) > 0:
		v.summary.Label.Importance = widget.DangerImportance
		v.summary.SetText(lang.X("import.summary.problems", "{{.Rows}} rows read, {{.Problems}} problems. Please correct the file and choose it again.", data))
		v.summary.Show()
	default:
		v.summary.Label.Importance = widget.MediumImportance
		v.summary.SetText(lang.X("import.summary.ok", "{{.Rows}} rows read, no problems. Press “Import” to register them.", data))
		v.summary.Show()
	}
	v.problemsBox.Refresh()
	v.relayout()
	v.head.ScrollToBottom() // the summary, in a short window
	v.table.UnselectAll()
	v.sizeColumns()
	v.table.Refresh()
	v.table.ScrollToTop()
	v.updateRun()
}

// showRow shows the problems of row i of the preview.
func (v *ImportView) showRow(i int) {
	if i < 0 || i >= len(v.preview.Rows) {
		return
	}
	line := v.preview.Rows[i].Line
	ps := v.byLine[line]
	if len(ps) == 0 {
		v.rowInfo.SetText(lang.X("import.row_ok", "Line {{.Row}} has no problem.", map[string]any{"Row": line}))
		return
	}
	text := ""
	for i, p := range ps {
		if i > 0 {
			text += "\n"
		}
		text += problemText(p)
	}
	v.rowInfo.SetText(text)
}

// importCell is one cell of the preview: marked in the error colour, and
// in bold, when it has a problem.
type importCell struct {
	widget.BaseWidget
	bg    *canvas.Rectangle
	label *widget.Label
}

func newImportCell() *importCell {
	c := &importCell{bg: canvas.NewRectangle(color.Transparent), label: widget.NewLabel("")}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

func (c *importCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.label))
}

func (c *importCell) set(text string, marked bool) {
	if marked {
		r, g, b, _ := theme.Color(theme.ColorNameError).RGBA()
		c.bg.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x40}
		c.label.Importance = widget.DangerImportance
		c.label.TextStyle.Bold = true
		if text == "" {
			text = "—"
		}
	} else {
		c.bg.FillColor = color.Transparent
		c.label.Importance = widget.MediumImportance
		c.label.TextStyle.Bold = false
	}
	c.bg.Refresh()
	c.label.SetText(text)
	c.label.Refresh()
}
