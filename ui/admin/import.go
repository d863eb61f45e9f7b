package admin

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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

// importColumns are the preview's columns after the line number. A
// column that stands in for one of them (姓 and 名 for the name, 生年月日
// for the age) is shown in it.
var importColumns = []roster.Column{
	roster.ColEmployeeNo, roster.ColName, roster.ColKana, roster.ColAgeBand,
	roster.ColJobRole, roster.ColCohort, roster.ColRole, roster.ColThemes, roster.ColEmail,
}

// importMaxBytes is the largest file the import reads.
const importMaxBytes = 32 << 20

// importProblemsShown is how many problems are written out below the
// preview; the rest are counted, and each row's own are shown when it is
// chosen in the table.
const importProblemsShown = 200

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
	more        *widgets.Paragraph
	run         *widget.Button
	status      *statusLine
	relayout    func()            // lays the view out again after a part appeared or went
	head        *container.Scroll // the view's head, above the preview
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
	v.more = widgets.NewParagraph("")
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
	top.Add(v.summary)

	// The problems' heading scrolls with them: the table and the problems
	// both fit a short window.
	problems := container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle(lang.X("import.problems", "Problems"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.rowInfo, widget.NewSeparator(), v.problemsBox))
	split := container.NewVSplit(v.table, problems)
	split.Offset = 0.6
	// The status and the main button stay in view, whatever the
	// window's height; the head gives way to the preview.
	main, head := widgets.Squeezed(top, split)
	v.head = head
	body := container.NewBorder(nil, container.NewVBox(v.status.text, container.NewHBox(tall(v.run))), nil, nil, main)
	v.status.relayout = body.Refresh
	v.relayout = body.Refresh
	v.content = container.NewPadded(body)
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
		counts := map[string]any{"Added": r.Added, "Updated": r.Updated, "Unchanged": r.Unchanged, "Own": r.OwnEmailKept}
		if r.OwnEmailKept > 0 { // the server kept addresses the people confirmed themselves
			v.status.done(lang.X("import.doneOwnEmail", "Imported: {{.Added}} added, {{.Updated}} updated, {{.Unchanged}} unchanged; {{.Own}} kept the address they confirmed in the app. Next, make invitation codes in the “Invitations” tab.", counts))
			return
		}
		v.status.done(lang.X("import.done", "Imported: {{.Added}} added, {{.Updated}} updated, {{.Unchanged}} unchanged. Next, make invitation codes in the “Invitations” tab.", counts))
	})
}
