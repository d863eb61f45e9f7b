package admin

import (
	"image"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// Saving what the dashboard shows: a chart as a PNG, the figures and
// each person's activity as CSVs, or everything as an Excel workbook.

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
