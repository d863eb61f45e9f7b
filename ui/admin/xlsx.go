package admin

import (
	"io"
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
	figures := figureTable(d, cohort, company, at)
	weeks := weekTable(d)
	activity := activityTable(acts, companies)

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
	if comments := commentTable(d); comments != nil {
		sheets = append(sheets, struct {
			name  string
			rows  [][]any
			width float64
		}{lang.X("dashboard.xlsx.comments", "Comments"), comments, 80})
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
			cells := xlsxRow(row)
			if err := f.SetSheetRow(s.name, cell, &cells); err != nil {
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
