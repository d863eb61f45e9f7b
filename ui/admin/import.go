package admin

import (
	"context"
	"errors"
	"image/color"
	"io"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/widgets"
)

// The import reads HR's participant list (CSV or .xlsx), shows every row
// as the server would write it with the problem cells marked, lists every
// problem in words by row and column, and writes the list only when there
// is none. The preview is a virtual table: a file of 10,000 rows makes no
// more widgets than the rows on screen.

// importColumns are the preview's columns after the line number.
var importColumns = []roster.Column{
	roster.ColEmployeeNo, roster.ColName, roster.ColKana, roster.ColAgeBand,
	roster.ColJobRole, roster.ColCohort, roster.ColRole,
}

// importMaxBytes is the largest file the import reads.
const importMaxBytes = 32 << 20

// importProblemsShown is how many problems are written out below the
// preview; the rest are counted, and each row's own are shown when it is
// chosen in the table.
const importProblemsShown = 200

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
	data := map[string]any{"Value": string(value), "Column": columnName(p.Column)}
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
		if i := slices.Index(importColumns, c); i >= 0 {
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

// ImportView is the import tab.
type ImportView struct {
	svc Services
	win fyne.Window

	company     *companyChoice // the secretariat's; nil for HR
	choose      *widget.Button
	file        *widget.Label
	summary     *widgets.Paragraph
	table       *widget.Table
	rowInfo     *widgets.Paragraph // the problems of the row chosen in the table
	problems    *fyne.Container
	problemsBox *fyne.Container // problems and more
	more        *widget.Label
	run         *widget.Button
	status      *statusLine
	relayout    func() // lays the view out again after a part appeared or went
	content     fyne.CanvasObject

	cohorts []app.Cohort
	loaded  bool // the cohorts are here: a file can be read
	name    string
	preview roster.Preview
	marks   map[int]map[roster.Column]bool // line → columns with a problem ("" for the row)
	byLine  map[int][]roster.Problem
	// OnImported, when set, is called on the UI goroutine after an
	// import was written: other views may show new people.
	OnImported func()
	importing  bool
	imported   bool // the preview shown was imported
	gen        int
}

// NewImportView makes the import tab.
func NewImportView(svc Services, win fyne.Window) *ImportView {
	v := &ImportView{svc: svc, win: win}
	v.buildUI()
	return v
}

// Content is the tab's canvas object.
func (v *ImportView) Content() fyne.CanvasObject { return v.content }

func (v *ImportView) buildUI() {
	intro := widgets.NewParagraph(lang.X("import.intro", "Choose the participant list saved from Excel (CSV or .xlsx). Nothing is written until you press “Import”."))
	v.choose = widget.NewButtonWithIcon(lang.X("import.choose", "Choose a file"), theme.FolderOpenIcon(), v.openDialog)
	v.choose.Importance = widget.HighImportance
	v.choose.Disable()
	v.file = widget.NewLabel("")
	v.file.Truncation = fyne.TextTruncateEllipsis
	v.summary = widgets.NewParagraph("")
	v.summary.Label.TextStyle.Bold = true
	v.summary.Hide()
	v.run = widget.NewButtonWithIcon(lang.X("import.run", "Import"), theme.ConfirmIcon(), v.runImport)
	v.run.Importance = widget.HighImportance
	v.run.Disable()
	v.status = newStatusLine()
	v.rowInfo = widgets.NewParagraph(lang.X("import.row_hint", "Choose a row in the table to see its problems here."))
	v.more = widget.NewLabel("")
	v.more.Wrapping = fyne.TextWrapWord
	v.more.Hide()
	v.problems = container.NewVBox()
	v.problemsBox = container.NewVBox(v.problems, v.more)

	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.preview.Rows), len(importColumns) + 1 },
		func() fyne.CanvasObject { return newImportCell() },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			text, marked := v.cellText(id.Row, id.Col)
			o.(*importCell).set(text, marked)
		})
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(v.headerText(id.Col))
		}
	}
	v.table.OnSelected = func(id widget.TableCellID) { v.showRow(id.Row) }
	v.sizeColumns()

	top := container.NewVBox(
		heading(lang.X("import.title", "Import participants")),
		intro,
	)
	if v.svc.Me().Role == app.RoleSecretariat {
		v.company = newCompanyChoice(false, v.updateRun)
		top.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.X("import.company", "Company")), nil, v.company.sel))
	}
	top.Add(container.NewBorder(nil, nil, tall(v.choose), nil, v.file))
	top.Add(v.status.text)
	top.Add(v.summary)

	problems := container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle(lang.X("import.problems", "Problems"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.rowInfo, widget.NewSeparator()),
		nil, nil, nil,
		container.NewVScroll(v.problemsBox))
	split := container.NewVSplit(v.table, problems)
	split.Offset = 0.6
	body := container.NewBorder(top, container.NewHBox(tall(v.run)), nil, nil, split)
	v.status.relayout = body.Refresh
	v.relayout = body.Refresh
	v.content = container.NewPadded(body)
}

// sizeColumns gives each column a width for its content at the current
// text size.
func (v *ImportView) sizeColumns() {
	ts := theme.TextSize()
	widths := []float32{4, 7, 8, 9, 5, 9, 12, 5} // in characters: line, no, name, kana, age, job, cohorts, role
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
	text := r.Cells[c]
	if c == roster.ColCohort && text == "" && len(r.Entry.Cohorts) > 0 {
		for i, id := range r.Entry.Cohorts {
			if i > 0 {
				text += "、"
			}
			text += cohortName(v.cohorts, id)
		}
	}
	return text, v.marks[r.Line][c]
}

// Refresh loads the programmes (and, for the secretariat, the companies)
// that a file is checked against.
func (v *ImportView) Refresh() {
	v.status.loading()
	secretariat := v.company != nil
	type lists struct {
		cohorts   []app.Cohort
		companies []app.Company
	}
	callServer(func(ctx context.Context) (lists, error) {
		var l lists
		var err error
		if l.cohorts, err = v.svc.Cohorts(ctx); err != nil {
			return l, err
		}
		if secretariat {
			l.companies, err = v.svc.Companies(ctx)
		}
		return l, err
	}, func(l lists, err error) {
		if err != nil {
			v.status.fail(err)
			return
		}
		v.cohorts, v.loaded = l.cohorts, true
		if v.company != nil {
			v.company.set(l.companies)
		}
		v.status.clear()
		v.choose.Enable()
		v.updateRun()
	})
}

func (v *ImportView) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.status.fail(err)
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		v.name = name
		v.status.busy(lang.X("import.reading", "Reading the file…"))
		widgets.Background(func() ([]byte, error) {
			defer r.Close()
			b, err := io.ReadAll(io.LimitReader(r, importMaxBytes+1))
			if err == nil && len(b) > importMaxBytes {
				err = errImportTooBig
			}
			return b, err
		}, func(b []byte, err error) {
			if err != nil {
				v.readFailed(err)
				return
			}
			v.Open(name, b)
		})
	}, v.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".CSV", ".XLSX"}))
	d.Resize(fyne.NewSize(800, 600))
	d.Show()
}

var errImportTooBig = errors.New("import: the file is too large")

func (v *ImportView) readFailed(err error) {
	fyne.LogError("import: read "+v.name, err)
	v.status.failText(readFailure(err))
}

// readFailure says in words why a file could not be read at all.
func readFailure(err error) string {
	switch {
	case errors.Is(err, errImportTooBig), errors.Is(err, roster.ErrTooLarge), errors.Is(err, roster.ErrTooManyRows):
		return lang.X("import.too_big", "This file is too large. Please split the list into files of 10,000 people or fewer.")
	case errors.Is(err, roster.ErrEmpty):
		return lang.X("import.read_empty", "This file is empty. Please choose the file that holds the list of participants.")
	case errors.Is(err, roster.ErrLegacyExcel):
		return lang.X("import.read_legacy", "This is an old Excel file (.xls) or a file protected by a password. Please open it in Excel and save it as an Excel workbook (.xlsx) without a password.")
	}
	return lang.X("import.read_failed", "This file could not be read. Please save it from Excel as “CSV UTF-8” or as an Excel workbook (.xlsx) and choose it again.")
}

// Open reads and checks file name with content b off the UI goroutine and
// shows its preview: what the file dialog calls once a file is chosen.
func (v *ImportView) Open(name string, b []byte) {
	v.gen++
	gen := v.gen
	v.name = name
	v.file.SetText(name)
	v.status.busy(lang.X("import.reading", "Reading the file…"))
	v.imported = false
	v.run.Disable()
	cohorts := v.cohorts
	type read struct {
		p       roster.Preview
		cohorts []app.Cohort
	}
	callServer(func(ctx context.Context) (read, error) {
		// The programmes may have changed since the tab loaded: check
		// against the server's, or the last known when it cannot be
		// reached (the import itself will say so).
		if fresh, err := v.svc.Cohorts(ctx); err == nil {
			cohorts = fresh
		}
		p, err := v.svc.ReadRoster(name, b, cohorts)
		return read{p, cohorts}, err
	}, func(r read, err error) {
		if gen != v.gen {
			return
		}
		v.cohorts = r.cohorts
		if err != nil {
			v.setPreview(roster.Preview{})
			v.readFailed(err)
			return
		}
		v.status.clear()
		v.file.SetText(lang.X("import.file", "{{.Name}} ({{.Encoding}})", map[string]any{"Name": name, "Encoding": encodingName(r.p.Encoding)}))
		v.setPreview(r.p)
	})
}

// encodingName says how a file was written, as Excel's save dialog names
// it.
func encodingName(e string) string {
	switch e {
	case roster.EncodingUTF8:
		return lang.X("import.encoding.utf8", "CSV UTF-8")
	case roster.EncodingUTF8BOM:
		return lang.X("import.encoding.utf8bom", "CSV UTF-8 (with BOM)")
	case roster.EncodingSJIS:
		return lang.X("import.encoding.sjis", "CSV (Shift_JIS)")
	case roster.EncodingUTF16:
		return lang.X("import.encoding.utf16", "Unicode text")
	case roster.EncodingXLSX:
		return lang.X("import.encoding.xlsx", "Excel workbook")
	}
	return e
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
		v.marks[pr.Row][pr.Column] = true
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
	case len(p.Problems) > 0:
		v.summary.Label.Importance = widget.DangerImportance
		v.summary.SetText(lang.X("import.summary.problems", "{{.Rows}} rows read, {{.Problems}} problems. Please correct the file and choose it again.", data))
		v.summary.Show()
	case len(p.Rows) == 0:
		v.summary.Label.Importance = widget.DangerImportance
		v.summary.SetText(lang.X("import.summary.empty", "The file has no rows of people. Please check that the first line holds the headings and the people follow it."))
		v.summary.Show()
	default:
		v.summary.Label.Importance = widget.MediumImportance
		v.summary.SetText(lang.X("import.summary.ok", "{{.Rows}} rows read, no problems. Press “Import” to register them.", data))
		v.summary.Show()
	}
	v.problemsBox.Refresh()
	v.relayout()
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

// ready reports whether the preview may be imported.
func (v *ImportView) ready() bool {
	return v.loaded && !v.importing && !v.imported && len(v.preview.Rows) > 0 && len(v.preview.Problems) == 0 &&
		(v.company == nil || v.company.ID() != "")
}

func (v *ImportView) updateRun() {
	if v.ready() {
		v.run.Enable()
	} else {
		v.run.Disable()
	}
}

func (v *ImportView) companyID() string {
	if v.company != nil {
		return v.company.ID()
	}
	return v.svc.Me().CompanyID
}

func (v *ImportView) runImport() {
	if !v.ready() {
		return
	}
	v.importing = true
	v.updateRun()
	v.choose.Disable()
	v.status.busy(lang.X("import.running", "Importing…"))
	company, entries := v.companyID(), v.preview.Entries()
	callServer(func(ctx context.Context) (app.ImportResult, error) {
		return v.svc.Import(ctx, company, entries)
	}, func(r app.ImportResult, err error) {
		v.importing = false
		v.choose.Enable()
		if err != nil {
			v.status.fail(err)
			v.updateRun()
			return
		}
		v.imported = true
		v.updateRun()
		if v.OnImported != nil {
			v.OnImported()
		}
		v.status.done(lang.X("import.done", "Imported: {{.Added}} added, {{.Updated}} updated, {{.Unchanged}} unchanged. Next, make invitation codes in the “Invitations” tab.",
			map[string]any{"Added": r.Added, "Updated": r.Updated, "Unchanged": r.Unchanged}))
	})
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
