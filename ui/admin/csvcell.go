package admin

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"crosstalk/app"
)

// Every CSV the views write is read by the secretariat and HR in Excel,
// which reads a cell that starts with a formula character as a formula:
// a survey comment or a name such as =HYPERLINK("https://…","詳細") would
// become a live link or worse (OWASP's "CSV injection"). So every CSV is
// written by writeCSVTables, and each of its cells by kind (csvCell):
//
//   - text a person typed or imported (names, readings, comments, the
//     names of companies and programmes) goes through csvText;
//   - an employee number goes through csvEmployeeNo, so that Excel keeps
//     it as written;
//   - a figure the app computed is written as a number, as it is: a
//     negative NPS must stay a number Excel can sum.

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula, after OWASP: = + - @, tab and carriage return; also
// line feed and NUL (OWASP's ASVS lists NUL), and the full-width ＝ ＋ －
// ＠. Excel in Japanese turns full-width digits and signs typed into a
// cell into half-width ones, and reports differ on whether a cell that
// starts with a full-width ＝ becomes a formula when a file is opened; we
// could not try Excel here, so they count as formula characters too (a
// quote in front of such a text costs nothing). LibreOffice, tried in
// TestExportsInLibreOffice, reads none of the full-width ones as a
// formula, nor @.
const formulaStarts = "=+-@\t\r\n\x00＝＋－＠"

// csvText is user text as a CSV cell that no spreadsheet reads as a
// formula: a text that starts with one of formulaStarts gets a single
// quote in front, as OWASP advises. Excel shows such a cell as text;
// other text is written as it is.
func csvText(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	if s != "" && strings.ContainsRune(formulaStarts, r) {
		return "'" + s
	}
	return s
}

// csvEmployeeNo is an employee number as a CSV cell that Excel keeps as
// text, as written: 00123 would otherwise open as 123 and 0012E3 as
// 12000. It is written the usual way, as the formula ="00123".
//
// That is the one formula the app ever writes, and it is safe where user
// text is not: it is a single string constant. The number sits inside a
// string literal whose only special character, the double quote, is
// doubled (Excel's own escape), so nothing in the number can end the
// literal, and inside it nothing is an operator, a function or a
// reference; the formula's value is the number's text and nothing else.
// A number with a control character or longer than
// app.MaxEmployeeNoRunes (an import lets in neither) is not put in a
// formula but written as user text.
func csvEmployeeNo(no string) string {
	if no == "" {
		return ""
	}
	if !utf8.ValidString(no) || utf8.RuneCountInString(no) > app.MaxEmployeeNoRunes || strings.IndexFunc(no, unicode.IsControl) >= 0 {
		return csvText(no)
	}
	return `="` + strings.ReplaceAll(no, `"`, `""`) + `"`
}

// employeeNo is a table cell that holds an employee number: text for a
// workbook, csvEmployeeNo for a CSV.
type employeeNo string

// newCSV starts a CSV that Excel opens in Japanese: a BOM, then CRLF rows.
func newCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw, nil
}

// writeCSVTables writes tables one after another, a blank row between
// them; a nil table is left out.
func writeCSVTables(w io.Writer, tables ...[][]any) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	first := true
	for _, t := range tables {
		if t == nil {
			continue
		}
		if !first {
			cw.Write([]string{""})
		}
		first = false
		for _, row := range t {
			cells := make([]string, len(row))
			for i, v := range row {
				cells[i] = csvCell(v)
			}
			if err := cw.Write(cells); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell is a table's cell as a CSV writes it: text neutralised, an
// employee number kept as text, a figure as a number.
func csvCell(v any) string {
	switch x := v.(type) {
	case string:
		return csvText(x)
	case employeeNo:
		return csvEmployeeNo(string(x))
	case int:
		return strconv.Itoa(x)
	case decimal:
		return x.text()
	}
	panic("csvCell: a cell of a kind the tables do not hold")
}
