package admin

import (
	"context"
	"fmt"
	"image"
	"io"
	"strconv"
	"strings"
	"time"

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
	relayout func()
	content  fyne.CanvasObject

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
	v.saveData.Disable()
	v.saveAct.Disable()
	v.saveXLSX.Disable()

	choices := container.New(layout.NewFormLayout(), widget.NewLabel(lang.X("dashboard.cohort", "Programme")), v.cohort)
	if v.secretariat() {
		v.company = newCompanyChoice(true, v.load)
		choices.Add(widget.NewLabel(lang.X("import.company", "Company")))
		choices.Add(v.company.sel)
	}
	top := container.NewVBox(
		heading(lang.X("dashboard.title", "Dashboard")),
		choices,
		container.New(layout.NewRowWrapLayout(), v.reload, v.saveData, v.saveAct, v.saveXLSX),
		v.status.text,
	)
	outer := container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(v.body)))
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

// durationText writes a time to answer: 45分, 30時間, 3日.
func durationText(d time.Duration) string {
	switch {
	case d <= 0:
		return lang.X("dashboard.none", "—")
	case d < time.Hour:
		return lang.X("dashboard.minutes", "{{.N}} minutes", map[string]any{"N": int(d.Minutes() + 0.5)})
	case d < 48*time.Hour:
		return lang.X("dashboard.hours", "{{.N}} hours", map[string]any{"N": int(d.Hours() + 0.5)})
	}
	return lang.X("dashboard.days", "{{.N}} days", map[string]any{"N": fmt.Sprintf("%.1f", d.Hours()/24)})
}

func count(key, fallback string, n int) string {
	return lang.X(key, fallback, map[string]any{"Count": n})
}

// figureRows are the dashboard's figures as label and value, in order.
func figureRows(d app.Dashboard) [][2]string {
	people := func(n int) string { return count("dashboard.people", "{{.Count}}", n) }
	items := func(n int) string { return count("dashboard.items", "{{.Count}}", n) }
	rate := lang.X("dashboard.none", "—")
	if d.OffersAnswered > 0 {
		rate = lang.X("dashboard.rate", "{{.Rate}} ({{.Accepted}} of {{.Answered}} answered)",
			map[string]any{"Rate": percent(d.AcceptanceRate), "Accepted": d.OffersAccepted, "Answered": d.OffersAnswered})
	}
	return [][2]string{
		{lang.X("dashboard.joined", "Joined"), lang.X("dashboard.joined_value", "{{.Joined}} of {{.Count}}", map[string]any{"Joined": d.Joined, "Count": d.Participants})},
		{lang.X("dashboard.offers_sent", "Offers sent"), items(d.OffersSent)},
		{lang.X("dashboard.acceptance", "Acceptance rate"), rate},
		{lang.X("dashboard.median_answer", "Time to answer (median)"), durationText(d.MedianAnswer)},
		{lang.X("dashboard.talks_held", "Talks held"), items(d.TalksHeld)},
		{lang.X("dashboard.talks_cancelled", "Talks cancelled"), items(d.TalksCancelled)},
		{lang.X("dashboard.talks_no_show", "Talks where someone did not come"), items(d.TalksNoShow)},
		{lang.X("dashboard.no_offers_received", "People with no offer received"), people(len(d.NoOffersReceived))},
		{lang.X("dashboard.no_offers_sent", "People who sent no offer"), people(len(d.NoOffersSent))},
	}
}

// surveyRows are the survey's figures, or nil when too few answered.
func surveyRows(s app.SurveyFigures) [][2]string {
	if !s.Shown {
		return nil
	}
	return [][2]string{
		{lang.X("dashboard.answers", "Answers"), count("dashboard.items", "{{.Count}}", s.Answers)},
		{lang.X("dashboard.satisfaction", "Satisfaction (average)"), lang.X("dashboard.of7", "{{.N}} / 7", map[string]any{"N": fmt.Sprintf("%.1f", s.Satisfaction)})},
		{lang.X("dashboard.recommend", "Would recommend (average)"), lang.X("dashboard.of10", "{{.N}} / 10", map[string]any{"N": fmt.Sprintf("%.1f", s.Recommend)})},
		{lang.X("dashboard.nps", "NPS"), fmt.Sprintf("%+.0f", s.NPS)},
	}
}

// batchText says why the survey's figures count fewer answers than were
// given, and when they change.
func batchText() string {
	return lang.X("dashboard.batches", "The results are updated each time {{.Min}} more answers have come in, so that no one answer can be singled out.", map[string]any{"Min": app.MinGroup})
}

// tooFewText is what the survey says when it cannot be shown.
func tooFewText() string {
	return lang.X("dashboard.too_few", "Fewer than {{.Min}} people answered, so the results are not shown.", map[string]any{"Min": app.MinGroup})
}

func formRows(rows [][2]string) *fyne.Container {
	f := container.New(layout.NewFormLayout())
	for _, r := range rows {
		l := widget.NewLabel(r[0])
		val := widget.NewLabel(r[1])
		val.TextStyle.Bold = true
		val.Wrapping = fyne.TextWrapWord
		f.Add(l)
		f.Add(val)
	}
	return f
}

func sectionHeading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// weekLabel is a week's short name: 11/1〜.
func weekLabel(t time.Time) string {
	t = t.In(app.Tokyo)
	return lang.X("dashboard.week", "{{.M}}/{{.D}}", map[string]any{"M": int(t.Month()), "D": t.Day()})
}

// dashboardCharts are the charts of d: the weekly trend, and the score
// distributions when the survey may be shown.
func dashboardCharts(d app.Dashboard) []*BarChart {
	var labels []string
	sent, accepted, held := make([]int, len(d.Weeks)), make([]int, len(d.Weeks)), make([]int, len(d.Weeks))
	for i, w := range d.Weeks {
		labels = append(labels, weekLabel(w.Start))
		sent[i], accepted[i], held[i] = w.OffersSent, w.OffersAccepted, w.TalksHeld
	}
	charts := []*BarChart{newBarChart(lang.X("dashboard.chart.weeks", "Week by week"), labels,
		chartSeries{Name: lang.X("dashboard.offers_sent", "Offers sent"), Values: sent},
		chartSeries{Name: lang.X("dashboard.chart.accepted", "Offers accepted"), Values: accepted},
		chartSeries{Name: lang.X("dashboard.talks_held", "Talks held"), Values: held})}
	if d.Survey.Shown {
		var sl, rl []string
		for i := 1; i <= 7; i++ {
			sl = append(sl, strconv.Itoa(i))
		}
		for i := 0; i <= 10; i++ {
			rl = append(rl, strconv.Itoa(i))
		}
		charts = append(charts,
			newBarChart(lang.X("dashboard.chart.satisfaction", "Satisfaction (1–7): answers per score"), sl,
				chartSeries{Name: lang.X("dashboard.answers", "Answers"), Values: d.Survey.SatisfactionBar[:]}),
			newBarChart(lang.X("dashboard.chart.recommend", "Would recommend (0–10): answers per score"), rl,
				chartSeries{Name: lang.X("dashboard.answers", "Answers"), Values: d.Survey.RecommendBar[:]}))
	}
	return charts
}

func personNames(ps []app.PersonRef) string {
	var names []string
	for _, p := range ps {
		if p.EmployeeNo == "" { // not imported by HR, so without a number
			names = append(names, p.Name)
			continue
		}
		names = append(names, lang.X("dashboard.person", "{{.Name}} ({{.No}})", map[string]any{"Name": p.Name, "No": p.EmployeeNo}))
	}
	return strings.Join(names, lang.X("dashboard.list_sep", ", "))
}

func (v *DashboardView) show(d dashboardData) {
	v.dash, v.activity, v.actErr = &d.dash, d.activity, d.actErr
	dash := d.dash
	objs := []fyne.CanvasObject{
		sectionHeading(lang.X("dashboard.figures", "Figures")),
		formRows(figureRows(dash)),
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
		c := c
		save := widget.NewButtonWithIcon(lang.X("dashboard.save_png", "Save this chart as an image (PNG)"), theme.DocumentSaveIcon(), func() { v.saveChart(c) })
		objs = append(objs, widget.NewSeparator(), c, container.NewHBox(save))
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
	v.body.Objects = objs
	v.body.Refresh()
	v.saveData.Enable()
	v.saveXLSX.Enable()
	if d.actErr == nil {
		v.saveAct.Enable()
	} else {
		v.saveAct.Disable()
	}
	v.relayout()
}

// fileStem names the saved files after the programme: 2026年度第1期_….
func (v *DashboardView) fileStem() string {
	name := cohortName(v.cohorts, v.cohortID())
	if c := companyName(v.companies, v.scope().CompanyID); c != "" && v.company != nil {
		name += "_" + c
	}
	return strings.NewReplacer("/", "-", "\\", "-", ":", "-", " ", "").Replace(name)
}

func (v *DashboardView) saveChart(c *BarChart) {
	img := chartImage(c, v.chartNote()) // drawn here, on the UI goroutine; written in the background
	name := v.fileStem() + "_" + strings.NewReplacer("/", "-", " ", "", "（", "(", "）", ")").Replace(c.Title) + ".png"
	saveFile(v.win, name, []string{".png"}, v.status, func(w io.Writer) error { return writePNG(w, img) })
}

func (v *DashboardView) saveFigures() {
	if v.dash == nil {
		return
	}
	d := v.exported()
	cohort, company := v.scopeNames(d.Scope)
	now := v.svc.Now()
	saveFile(v.win, v.fileStem()+lang.X("dashboard.figures_file", "_figures.csv"), []string{".csv"}, v.status, func(w io.Writer) error {
		return WriteDashboardCSV(w, d, cohort, company, now)
	})
}

// exported is the dashboard as the exports write it: the comments are the
// secretariat's alone, whatever an answer held.
func (v *DashboardView) exported() app.Dashboard {
	d := *v.dash
	if !v.secretariat() {
		d.Comments = nil
	}
	return d
}

func (v *DashboardView) saveWorkbook() {
	if v.dash == nil {
		return
	}
	d, acts, companies := v.exported(), v.activity, v.companies
	cohort, company := v.scopeNames(d.Scope)
	now := v.svc.Now()
	saveFile(v.win, v.fileStem()+".xlsx", []string{".xlsx"}, v.status, func(w io.Writer) error {
		return WriteDashboardXLSX(w, d, cohort, company, now, acts, companies)
	})
}

// scopeNames are the names of a scope's programme and company.
func (v *DashboardView) scopeNames(s app.Scope) (cohort, company string) {
	cohort = cohortName(v.cohorts, s.CohortID)
	company = companyName(v.companies, s.CompanyID)
	if s.CompanyID == "" {
		company = lang.X("admin.company.all", "All companies")
	}
	return cohort, company
}

func (v *DashboardView) saveActivity() {
	if v.dash == nil {
		return
	}
	acts, companies := v.activity, v.companies
	saveFile(v.win, v.fileStem()+lang.X("dashboard.activity_file", "_activity.csv"), []string{".csv"}, v.status, func(w io.Writer) error {
		return WriteActivityCSV(w, acts, companies)
	})
}

// chartNote says under an exported chart's title what it covers and when.
func (v *DashboardView) chartNote() string {
	cohort, company := v.scopeNames(v.scope())
	return lang.X("dashboard.chart.note", "{{.Cohort}} · {{.Company}} · {{.Date}}",
		map[string]any{"Cohort": cohort, "Company": company, "Date": widgets.FormatDate(v.svc.Now())})
}

// chartImages draws every chart shown as saveChart draws it.
func (v *DashboardView) chartImages() []image.Image {
	var out []image.Image
	for _, c := range v.charts {
		out = append(out, chartImage(c, v.chartNote()))
	}
	return out
}
