package admin

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The dashboard shows one programme's figures, for HR its own company's
// and for the secretariat every company's or one company's: how many
// joined, the offers and the answers, the talks, the survey results (only
// over at least app.MinGroup answers), who has had no offer yet, the
// weekly trend and the score distributions as charts, each chart savable
// as a PNG and the figures and each person's activity as CSVs for Excel.
// HR never sees a survey comment; the secretariat sees them without
// names.

// DashboardView is the dashboard tab.
type DashboardView struct {
	svc Services
	win fyne.Window

	cohort   *widget.Select
	company  *companyChoice // the secretariat's; nil for HR
	reload   *widget.Button
	status   *statusLine
	body     *fyne.Container
	saveData *widget.Button
	saveAct  *widget.Button
	saveXLSX *widget.Button
	progCSV  *widget.Button // the programme survey's results
	progXLSX *widget.Button
	relayout func()
	content  fyne.CanvasObject
	scroll   *container.Scroll
	// programme is the first object of the programme's section, once
	// shown (for the smoke walk's picture of it).
	programme fyne.CanvasObject

	cohorts   []app.Cohort
	companies []app.Company
	dash      *app.Dashboard // the figures shown; nil before the first load
	activity  []app.Activity
	actErr    error
	charts    []*BarChart
	gen       int
}

// NewDashboardView makes the dashboard tab.
func NewDashboardView(svc Services, win fyne.Window) *DashboardView {
	v := &DashboardView{svc: svc, win: win}
	v.buildUI()
	return v
}

// Content is the tab's canvas object.
func (v *DashboardView) Content() fyne.CanvasObject { return v.content }

func (v *DashboardView) secretariat() bool { return v.svc.Me().Role == app.RoleSecretariat }

func (v *DashboardView) buildUI() {
	v.cohort = widget.NewSelect(nil, func(string) { v.load() })
	v.cohort.PlaceHolder = lang.X("dashboard.choose_cohort", "Choose a programme")
	v.reload = widget.NewButtonWithIcon(lang.X("admin.reload", "Show the latest"), theme.ViewRefreshIcon(), v.Refresh)
	v.status = newStatusLine()
	v.body = container.NewVBox()
	v.saveData = widget.NewButtonWithIcon(lang.X("dashboard.save_figures", "Save the figures as CSV"), theme.DocumentSaveIcon(), v.saveFigures)
	v.saveAct = widget.NewButtonWithIcon(lang.X("dashboard.save_activity", "Save each person's activity as CSV"), theme.DocumentSaveIcon(), v.saveActivity)
	v.saveXLSX = widget.NewButtonWithIcon(lang.X("dashboard.save_xlsx", "Save everything as an Excel workbook (.xlsx)"), theme.DocumentSaveIcon(), v.saveWorkbook)
	v.progCSV = widget.NewButtonWithIcon(lang.X("programme_export.save_csv", "Save the programme survey results as CSV"), theme.DocumentSaveIcon(), v.saveProgrammeCSV)
	v.progXLSX = widget.NewButtonWithIcon(lang.X("programme_export.save_xlsx", "Save the programme survey results as Excel"), theme.DocumentSaveIcon(), v.saveProgrammeWorkbook)
	v.saveData.Disable()
	v.saveAct.Disable()
	v.saveXLSX.Disable()
	v.progCSV.Disable()
	v.progXLSX.Disable()

	choices := container.New(layout.NewFormLayout(), widget.NewLabel(lang.X("dashboard.cohort", "Programme")), v.cohort)
	if v.secretariat() {
		v.company = newCompanyChoice(true, v.load)
		choices.Add(widget.NewLabel(lang.X("import.company", "Company")))
		choices.Add(v.company.sel)
	}
	top := container.NewVBox(
		heading(lang.X("dashboard.title", "Dashboard")),
		choices,
		flow(v.reload, v.saveData, v.saveAct, v.saveXLSX),
		v.status.text,
	)
	// In a short window the head (its rows of buttons wrap) scrolls
	// rather than pushing the figures out of it.
	v.scroll = container.NewVScroll(container.NewPadded(v.body))
	outer, _ := widgets.Squeezed(top, v.scroll)
	v.status.relayout = outer.Refresh
	v.relayout = outer.Refresh
	v.content = container.NewPadded(outer)
}

// Refresh loads the programmes (and the companies), then the figures.
func (v *DashboardView) Refresh() {
	v.status.loading()
	type lists struct {
		cohorts   []app.Cohort
		companies []app.Company
	}
	secretariat := v.secretariat()
	callServer(func(ctx context.Context) (lists, error) {
		var l lists
		var err error
		if l.cohorts, err = v.svc.Cohorts(ctx); err != nil {
			return l, err
		}
		// HR may be refused the list: its own company's name is then
		// left out of the activity file.
		if l.companies, err = v.svc.Companies(ctx); err != nil && !secretariat {
			err = nil
		}
		return l, err
	}, func(l lists, err error) {
		if err != nil {
			v.status.fail(err)
			return
		}
		v.cohorts, v.companies = l.cohorts, l.companies
		if v.company != nil {
			v.company.set(l.companies)
		}
		keep := v.cohortID()
		var names []string
		for _, c := range l.cohorts {
			names = append(names, c.Name)
		}
		cb := v.cohort.OnChanged
		v.cohort.OnChanged = nil
		v.cohort.SetOptions(names)
		if i := v.cohortIndex(keep); i >= 0 {
			v.cohort.SetSelectedIndex(i)
		} else if i := v.defaultCohort(); i >= 0 {
			v.cohort.SetSelectedIndex(i)
		}
		v.cohort.OnChanged = cb
		if len(l.cohorts) == 0 {
			v.status.busy(lang.X("dashboard.no_cohorts", "There is no programme yet."))
			return
		}
		v.load()
	})
}

func (v *DashboardView) cohortIndex(id string) int {
	for i, c := range v.cohorts {
		if c.ID == id && id != "" {
			return i
		}
	}
	return -1
}

// defaultCohort is the open programme, else the latest.
func (v *DashboardView) defaultCohort() int {
	best := -1
	for i, c := range v.cohorts {
		if c.State == app.CohortOpen {
			return i
		}
		if best < 0 || c.StartsOn.After(v.cohorts[best].StartsOn) {
			best = i
		}
	}
	return best
}

func (v *DashboardView) cohortID() string {
	i := v.cohort.SelectedIndex()
	if i < 0 || i >= len(v.cohorts) {
		return ""
	}
	return v.cohorts[i].ID
}

func (v *DashboardView) scope() app.Scope {
	s := app.Scope{CohortID: v.cohortID()}
	if v.company != nil {
		s.CompanyID = v.company.ID()
	} else {
		s.CompanyID = v.svc.Me().CompanyID
	}
	return s
}

type dashboardData struct {
	dash     app.Dashboard
	activity []app.Activity
	actErr   error
}

// load loads the figures of the chosen scope.
func (v *DashboardView) load() {
	scope := v.scope()
	if scope.CohortID == "" {
		return
	}
	v.gen++
	gen := v.gen
	v.status.loading()
	callServer(func(ctx context.Context) (dashboardData, error) {
		var d dashboardData
		var err error
		if d.dash, err = v.svc.Dashboard(ctx, scope); err != nil {
			return d, err
		}
		d.activity, d.actErr = v.svc.Activity(ctx, scope)
		return d, nil
	}, func(d dashboardData, err error) {
		if gen != v.gen {
			return
		}
		if err != nil {
			v.status.fail(err)
			return
		}
		if d.actErr != nil {
			fyne.LogError("dashboard: activity", d.actErr)
		}
		v.status.clear()
		v.show(d)
	})
}

func (v *DashboardView) show(d dashboardData) {
	v.dash, v.activity, v.actErr = &d.dash, d.activity, d.actErr
	dash := d.dash
	objs := []fyne.CanvasObject{
		sectionHeading(lang.X("dashboard.figures", "Figures")),
		formRows(figureRows(dash)),
		widgets.NewParagraph(lang.X("dashboard.people_note", "Only the programme's participants are counted; HR and secretariat accounts are not.")),
		widget.NewSeparator(),
		sectionHeading(lang.X("dashboard.survey", "Survey")),
	}
	if rows := surveyRows(dash.Survey); rows != nil {
		objs = append(objs, formRows(rows), widgets.NewParagraph(batchText()))
	} else {
		objs = append(objs, widgets.NewParagraph(tooFewText()))
	}
	if !v.secretariat() {
		for _, list := range []struct {
			key, fallback string
			people        []app.PersonRef
		}{
			{"dashboard.list.no_received", "Not yet offered a talk ({{.Count}})", dash.NoOffersReceived},
			{"dashboard.list.no_sent", "Not yet sent an offer ({{.Count}})", dash.NoOffersSent},
		} {
			if len(list.people) == 0 {
				continue
			}
			objs = append(objs, widget.NewSeparator(), sectionHeading(count(list.key, list.fallback, len(list.people))), widgets.NewParagraph(personNames(list.people)))
		}
	}
	v.charts = dashboardCharts(dash)
	for _, c := range v.charts {
		objs = append(objs, v.chartObjects(c)...)
	}
	if v.secretariat() {
		objs = append(objs, widget.NewSeparator(), sectionHeading(lang.X("dashboard.comments", "Survey comments (without names)")))
		if len(dash.Comments) == 0 {
			objs = append(objs, widgets.NewParagraph(lang.X("dashboard.no_comments", "There are no comments yet.")))
		}
		for _, c := range dash.Comments {
			objs = append(objs, widgets.NewParagraph("・"+c))
		}
	}
	pcharts := programmeCharts(dash.Programme)
	v.charts = append(v.charts, pcharts...)
	prog := programmeObjects(dash.Programme, pcharts, v.secretariat(), v.chartObjects)
	v.programme = prog[0]
	// The review's own exports head it, beside what they save.
	objs = append(objs, prog[:3]...)
	objs = append(objs, flow(v.progCSV, v.progXLSX))
	objs = append(objs, prog[3:]...)
	v.body.Objects = objs
	v.body.Refresh()
	v.saveData.Enable()
	v.saveXLSX.Enable()
	v.progCSV.Enable()
	v.progXLSX.Enable()
	if d.actErr == nil {
		v.saveAct.Enable()
	} else {
		v.saveAct.Disable()
	}
	v.relayout()
}

// chartObjects draw a chart with its button to save it as a PNG.
func (v *DashboardView) chartObjects(c *BarChart) []fyne.CanvasObject {
	save := widget.NewButtonWithIcon(lang.X("dashboard.save_png", "Save this chart as an image (PNG)"), theme.DocumentSaveIcon(), func() { v.saveChart(c) })
	return []fyne.CanvasObject{widget.NewSeparator(), c, container.NewHBox(save)}
}
