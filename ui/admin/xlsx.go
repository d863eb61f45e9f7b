package admin

import (
	"io"
	"strings"
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
	numFmts := map[int]int{}
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
		if err := setXLSXRows(f, s.name, s.rows, numFmts); err != nil {
			return err
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

// setXLSXRows writes rows into sheet from A1 (numbers as numbers, see
// xlsxRow) and gives each decimal cell the number format of its places,
// so that a mean of 6 reads 6.00 as in the CSV, not 6. styles keeps the
// style made for each number of places, for the whole workbook.
func setXLSXRows(f *excelize.File, sheet string, rows [][]any, styles map[int]int) error {
	for r, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		cells := xlsxRow(row)
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return err
		}
		for c, v := range row {
			d, ok := v.(decimal)
			if !ok {
				continue
			}
			style, ok := styles[d.places]
			if !ok {
				format := "0"
				if d.places > 0 {
					format += "." + strings.Repeat("0", d.places)
				}
				if style, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
					return err
				}
				styles[d.places] = style
			}
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStyle(sheet, name, name, style); err != nil {
				return err
			}
		}
	}
	return nil
}
