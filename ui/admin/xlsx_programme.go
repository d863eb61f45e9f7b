package admin

import (
	"io"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/xuri/excelize/v2"

	"crosstalk/app"
)

// WriteProgrammeXLSX writes the programme survey's results as one Excel
// workbook: a sheet of figures, one of the distributions and, when
// secretariat is true, one of the free answers without names; numbers as
// numbers (decimals with their places' format), every text as a text
// cell, a bold header row.
func WriteProgrammeXLSX(w io.Writer, d app.Dashboard, cohort, company string, at time.Time, secretariat bool) error {
	type sheet struct {
		name   string
		rows   [][]any
		widths []float64 // of the columns from A; the last one for the rest
		wrap   bool      // long texts wrap in the last column
	}
	sheets := []sheet{
		{lang.X("programme_export.sheet.figures", "Figures"), programmeFigureTable(d, cohort, company, at), []float64{52, 34, 18}, false},
		{lang.X("programme_export.sheet.distributions", "Distributions"), programmeDistributionTable(d), []float64{44, 34, 12}, false},
	}
	if free := programmeFreeTable(d, secretariat); free != nil {
		sheets = append(sheets, sheet{lang.X("programme_export.sheet.free", "Free answers"), free, []float64{28, 80}, true})
	}

	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	numFmts := map[int]int{} // decimals' styles, by places
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		for c, width := range s.widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(s.name, col, col, width); err != nil {
				return err
			}
			if s.wrap && c == len(s.widths)-1 {
				if err := f.SetColStyle(s.name, col, wrap); err != nil {
					return err
				}
			}
		}
		if err := setXLSXRows(f, s.name, s.rows, numFmts); err != nil {
			return err
		}
		if err := f.SetRowStyle(s.name, 1, 1, bold); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
