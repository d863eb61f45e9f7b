package admin

import (
	"io"
	"time"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
)

// Saving the programme survey's results shown on the dashboard, as a CSV
// or an Excel workbook, named after the programme: 2026年度第1期_ふりかえり.csv.

// programmeExported is the dashboard as the programme exports write it:
// the free answers are the secretariat's alone, whatever an answer held.
func (v *DashboardView) programmeExported() app.Dashboard {
	d := v.exported()
	if !v.secretariat() {
		d.Programme.Insights, d.Programme.NextSteps = nil, nil
	}
	return d
}

func (v *DashboardView) programmeFileName(ext string) string {
	return v.fileStem() + lang.X("programme_export.file", "_programme_survey") + ext
}

func (v *DashboardView) saveProgrammeCSV() {
	v.saveProgramme(".csv", WriteProgrammeCSV)
}

func (v *DashboardView) saveProgrammeWorkbook() {
	v.saveProgramme(".xlsx", WriteProgrammeXLSX)
}

// saveProgramme asks where to save the results and writes them there
// with write, off the UI goroutine (saveFile); what is written is taken
// here, on the UI goroutine.
func (v *DashboardView) saveProgramme(ext string, write func(io.Writer, app.Dashboard, string, string, time.Time, bool) error) {
	if v.dash == nil {
		return
	}
	d, secretariat := v.programmeExported(), v.secretariat()
	cohort, company := v.scopeNames(d.Scope)
	now := v.svc.Now()
	saveFile(v.win, v.programmeFileName(ext), []string{ext}, v.status, func(w io.Writer) error {
		return write(w, d, cohort, company, now, secretariat)
	})
}
