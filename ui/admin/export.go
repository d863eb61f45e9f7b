package admin

import (
	"io"
	"math"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The dashboard's exports: one set of tables, written as Excel-friendly
// CSV (UTF-8 with a BOM, CRLF) or as the sheets of a workbook.

// decimal is a figure with its number of decimals: a CSV writes it with
// them, a workbook as a number rounded to them.
type decimal struct {
	v      float64
	places int
}

func (d decimal) text() string { return strconv.FormatFloat(d.v, 'f', d.places, 64) }

func (d decimal) number() float64 {
	p := math.Pow10(d.places)
	return math.Round(d.v*p) / p
}

// figureTable is the figures of d, one a row, after the scope.
func figureTable(d app.Dashboard, cohort, company string, at time.Time) [][]any {
	rows := [][]any{
		{lang.X("dashboard.csv.item", "Item"), lang.X("dashboard.csv.value", "Value")},
		{lang.X("dashboard.cohort", "Programme"), cohort},
		{lang.X("import.company", "Company"), company},
		{lang.X("dashboard.csv.at", "Counted at"), widgets.FormatDateTime(at)},
		{lang.X("dashboard.participants", "Participants in the programme"), d.Participants},
		{lang.X("dashboard.joined", "Started using the app"), d.Joined},
		{lang.X("dashboard.active", "Sent or received an offer"), d.Active},
		{lang.X("dashboard.offers_sent", "Offers sent"), d.OffersSent},
		{lang.X("dashboard.csv.answered", "Offers answered"), d.OffersAnswered},
		{lang.X("dashboard.chart.accepted", "Offers accepted"), d.OffersAccepted},
		{lang.X("dashboard.csv.rate", "Acceptance rate (%)"), decimal{d.AcceptanceRate * 100, 1}},
		{lang.X("dashboard.csv.median", "Time to answer, median (hours)"), decimal{d.MedianAnswer.Hours(), 1}},
		{lang.X("dashboard.talks_held", "Talks held"), d.TalksHeld},
		{lang.X("dashboard.talks_cancelled", "Talks cancelled"), d.TalksCancelled},
		{lang.X("dashboard.talks_no_show", "Talks where someone did not come"), d.TalksNoShow},
		{lang.X("dashboard.no_offers_received", "People with no offer received"), len(d.NoOffersReceived)},
		{lang.X("dashboard.no_offers_sent", "People who sent no offer"), len(d.NoOffersSent)},
		{lang.X("dashboard.answers", "Answers"), d.Survey.Answers},
	}
	if !d.Survey.Shown {
		return append(rows, []any{lang.X("dashboard.survey", "Survey"), tooFewText()})
	}
	return append(rows,
		[]any{lang.X("dashboard.satisfaction", "Satisfaction (average)"), decimal{d.Survey.Satisfaction, 2}},
		[]any{lang.X("dashboard.recommend", "Would recommend (average)"), decimal{d.Survey.Recommend, 2}},
		[]any{lang.X("dashboard.nps", "NPS"), decimal{d.Survey.NPS, 1}})
}

// weekTable is d's activity week by week.
func weekTable(d app.Dashboard) [][]any {
	rows := [][]any{{lang.X("dashboard.csv.week", "Week starting"), lang.X("dashboard.offers_sent", "Offers sent"),
		lang.X("dashboard.chart.accepted", "Offers accepted"), lang.X("dashboard.talks_held", "Talks held")}}
	for _, wk := range d.Weeks {
		rows = append(rows, []any{wk.Start.In(app.Tokyo).Format("2006/01/02"), wk.OffersSent, wk.OffersAccepted, wk.TalksHeld})
	}
	return rows
}

// commentTable is the survey comments of d, without names, or nil when it
// has none (HR never gets any).
func commentTable(d app.Dashboard) [][]any {
	if len(d.Comments) == 0 {
		return nil
	}
	rows := [][]any{{lang.X("dashboard.comments", "Survey comments (without names)")}}
	for _, c := range d.Comments {
		rows = append(rows, []any{c})
	}
	return rows
}

// activityTable is each person's participation: counts only.
func activityTable(acts []app.Activity, companies []app.Company) [][]any {
	rows := [][]any{{
		lang.X("import.column.employee_no", "Employee no."), lang.X("import.column.name", "Name"), lang.X("import.company", "Company"),
		lang.X("dashboard.csv.joined", "Started using the app (1 = yes)"), lang.X("dashboard.offers_sent", "Offers sent"),
		lang.X("dashboard.csv.received", "Offers received"), lang.X("dashboard.chart.accepted", "Offers accepted"),
		lang.X("dashboard.talks_held", "Talks held"), lang.X("dashboard.talks_cancelled", "Talks cancelled"),
		lang.X("dashboard.talks_no_show", "Talks where someone did not come"),
	}}
	for _, a := range acts {
		joined := 0
		if a.Joined {
			joined = 1
		}
		rows = append(rows, []any{employeeNo(a.EmployeeNo), a.Name, companyName(companies, a.CompanyID), joined, a.OffersSent,
			a.OffersReceived, a.OffersAccepted, a.TalksHeld, a.TalksCancelled, a.TalksNoShow})
	}
	return rows
}

// xlsxRow is a table's row as a workbook's cells: decimals as numbers,
// employee numbers and every other text as text cells, which a workbook
// never reads as a formula.
func xlsxRow(row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		switch x := v.(type) {
		case decimal:
			v = x.number()
		case employeeNo:
			v = string(x)
		}
		out[i] = v
	}
	return out
}

// WriteDashboardCSV writes the figures of d for Excel: the scope, one
// figure a row with plain numbers, then the weeks, then (for the
// secretariat) the survey comments without names.
func WriteDashboardCSV(w io.Writer, d app.Dashboard, cohort, company string, at time.Time) error {
	return writeCSVTables(w, figureTable(d, cohort, company, at), weekTable(d), commentTable(d))
}

// WriteActivityCSV writes each person's activity for Excel.
func WriteActivityCSV(w io.Writer, acts []app.Activity, companies []app.Company) error {
	return writeCSVTables(w, activityTable(acts, companies))
}
