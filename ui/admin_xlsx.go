package ui

import (
	"io"
	"math"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/xuri/excelize/v2"

	"crosstalk/app"
)

// WriteDashboardXLSX writes a programme's figures as one Excel workbook:
// a sheet of figures, one of the weeks and one of each person's activity
// (counts only), with numbers as numbers and a bold header row.
func WriteDashboardXLSX(w io.Writer, d app.Dashboard, cohort, company string, at time.Time, acts []app.Activity, companies []app.Company) error {
	f := excelize.NewFile()
	defer f.Close()
	round := func(x float64, n int) float64 { p := math.Pow(10, float64(n)); return math.Round(x*p) / p }

	figures := [][]any{
		{lang.X("dashboard.csv.item", "Item"), lang.X("dashboard.csv.value", "Value")},
		{lang.X("dashboard.cohort", "Programme"), cohort},
		{lang.X("import.company", "Company"), company},
		{lang.X("dashboard.csv.at", "Counted at"), FormatDateTime(at)},
		{lang.X("dashboard.csv.participants", "Participants"), d.Participants},
		{lang.X("dashboard.joined", "Joined"), d.Joined},
		{lang.X("dashboard.offers_sent", "Offers sent"), d.OffersSent},
		{lang.X("dashboard.csv.answered", "Offers answered"), d.OffersAnswered},
		{lang.X("dashboard.chart.accepted", "Offers accepted"), d.OffersAccepted},
		{lang.X("dashboard.csv.rate", "Acceptance rate (%)"), round(d.AcceptanceRate*100, 1)},
		{lang.X("dashboard.csv.median", "Time to answer, median (hours)"), round(d.MedianAnswer.Hours(), 1)},
		{lang.X("dashboard.talks_held", "Talks held"), d.TalksHeld},
		{lang.X("dashboard.talks_cancelled", "Talks cancelled"), d.TalksCancelled},
		{lang.X("dashboard.talks_no_show", "Talks where someone did not come"), d.TalksNoShow},
		{lang.X("dashboard.no_offers_received", "People with no offer received"), len(d.NoOffersReceived)},
		{lang.X("dashboard.no_offers_sent", "People who sent no offer"), len(d.NoOffersSent)},
		{lang.X("dashboard.answers", "Answers"), d.Survey.Answers},
	}
	if d.Survey.Shown {
		figures = append(figures,
			[]any{lang.X("dashboard.satisfaction", "Satisfaction (average)"), round(d.Survey.Satisfaction, 2)},
			[]any{lang.X("dashboard.recommend", "Would recommend (average)"), round(d.Survey.Recommend, 2)},
			[]any{lang.X("dashboard.nps", "NPS"), round(d.Survey.NPS, 1)})
	} else {
		figures = append(figures, []any{lang.X("dashboard.survey", "Survey"), tooFewText()})
	}
	weeks := [][]any{{lang.X("dashboard.csv.week", "Week starting"), lang.X("dashboard.offers_sent", "Offers sent"),
		lang.X("dashboard.chart.accepted", "Offers accepted"), lang.X("dashboard.talks_held", "Talks held")}}
	for _, wk := range d.Weeks {
		weeks = append(weeks, []any{wk.Start.In(app.Tokyo).Format("2006/01/02"), wk.OffersSent, wk.OffersAccepted, wk.TalksHeld})
	}
	activity := [][]any{{
		lang.X("import.column.employee_no", "Employee no."), lang.X("import.column.name", "Name"), lang.X("import.company", "Company"),
		lang.X("dashboard.csv.joined", "Joined (1 = yes)"), lang.X("dashboard.offers_sent", "Offers sent"),
		lang.X("dashboard.csv.received", "Offers received"), lang.X("dashboard.chart.accepted", "Offers accepted"),
		lang.X("dashboard.talks_held", "Talks held"), lang.X("dashboard.talks_cancelled", "Talks cancelled"),
		lang.X("dashboard.talks_no_show", "Talks where someone did not come"),
	}}
	for _, a := range acts {
		joined := 0
		if a.Joined {
			joined = 1
		}
		activity = append(activity, []any{a.EmployeeNo, a.Name, companyName(companies, a.CompanyID), joined, a.OffersSent,
			a.OffersReceived, a.OffersAccepted, a.TalksHeld, a.TalksCancelled, a.TalksNoShow})
	}

	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sheets := []struct {
		name  string
		rows  [][]any
		width float64
	}{
		{lang.X("dashboard.xlsx.figures", "Figures"), figures, 34},
		{lang.X("dashboard.xlsx.weeks", "Weeks"), weeks, 20},
		{lang.X("dashboard.xlsx.activity", "Activity"), activity, 18},
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		for r, row := range s.rows {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				return err
			}
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				return err
			}
		}
		last, _ := excelize.ColumnNumberToName(max(len(s.rows[0]), 1))
		if err := f.SetColWidth(s.name, "A", last, s.width); err != nil {
			return err
		}
		if err := f.SetRowStyle(s.name, 1, 1, bold); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
