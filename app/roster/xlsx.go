package roster

import (
	"bytes"
	"errors"

	"github.com/xuri/excelize/v2"
)

// maxUnzipped bounds the size of a workbook's unzipped parts, against zip
// bombs: a 10 MB workbook of text cells unzips to well under it.
const maxUnzipped = 256 << 20

// readXLSX reads the first worksheet of an .xlsx workbook that has a
// recognisable header, else its first worksheet, as the text Excel
// displays in each cell.
func readXLSX(b []byte) (t *table, err error) {
	// excelize is a large parser of untrusted input: a panic in it is a
	// file we cannot read, not a crash of the app.
	defer func() {
		if recover() != nil {
			t, err = nil, ErrNotSpreadsheet
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzipped, // keep every part in memory: never a temporary file
	})
	if err != nil {
		return nil, ErrNotSpreadsheet
	}
	defer f.Close()
	var first *table
	for _, sheet := range f.GetSheetList() {
		t, err := readSheet(f, sheet)
		if err == ErrTooManyRows {
			return nil, err
		}
		if err != nil {
			continue // a chart sheet, or a broken one: another may do
		}
		if h := findHeader(t.rows); h >= 0 && t.rows[h].recognised() >= 2 {
			return t, nil
		}
		if first == nil {
			first = t
		}
	}
	if first == nil {
		return nil, ErrNotSpreadsheet
	}
	return first, nil
}

// readSheet reads the non-blank rows of one worksheet.
func readSheet(f *excelize.File, sheet string) (*table, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, ErrNotSpreadsheet
	}
	defer rows.Close()
	t := &table{encoding: EncodingXLSX, sheet: sheet, trimmed: true}
	line := 0
	for rows.Next() {
		line++ // Next visits every row number, empty rows included
		cells, err := rows.Columns()
		if err != nil {
			return nil, ErrNotSpreadsheet
		}
		r := rawRow{line: line, cells: cells}
		if r.blank() {
			continue
		}
		if len(t.rows) == MaxRows+maxHeaderSearch+1 {
			return nil, ErrTooManyRows
		}
		t.rows = append(t.rows, r)
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, ErrTooManyRows
		}
		return nil, ErrNotSpreadsheet
	}
	return t, nil
}
