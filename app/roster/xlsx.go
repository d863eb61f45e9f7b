package roster

import (
	"archive/zip"
	"bytes"
	"errors"

	"github.com/xuri/excelize/v2"
)

// maxUnzipped bounds the size of a workbook's unzipped parts, against zip
// bombs, whose few kilobytes unzip to gigabytes: 10,000 people in 20
// columns of long text unzip to about 30 MB. (archive/zip refuses a part
// that unzips to more than its header says, so the headers' sizes hold.)
const maxUnzipped = 64 << 20

// readXLSX reads the first visible worksheet of an .xlsx workbook that
// has a recognisable header, else its first visible worksheet, as the
// text Excel displays in each cell. Hidden worksheets are never read.
func readXLSX(b []byte) (t *table, err error) {
	// excelize is a large parser of untrusted input: a panic in it is a
	// file we cannot read, not a crash of the app.
	defer func() {
		if recover() != nil {
			t, err = nil, ErrNotSpreadsheet
		}
	}()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, ErrNotSpreadsheet
	}
	var unzipped uint64
	for _, part := range z.File {
		if unzipped += part.UncompressedSize64; unzipped > maxUnzipped {
			return nil, ErrTooLarge
		}
	}
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
		if visible, err := f.GetSheetVisible(sheet); err != nil || !visible {
			continue // what the user does not see in Excel is not theirs to import
		}
		t, err := readSheet(f, sheet)
		if err == ErrTooManyRows {
			return nil, err
		}
		if err != nil {
			continue // a chart sheet, or a broken one: another may do
		}
		if h := findHeader(t.rows); h >= 0 && t.rows[h].recognised() >= 2 {
			return withNumbers(t, z), nil
		}
		if first == nil {
			first = t
		}
	}
	if first == nil {
		return nil, ErrNotSpreadsheet
	}
	return withNumbers(first, z), nil
}

// withNumbers adds to the rows of t the cells that hold numbers, and the
// workbook's date system.
func withNumbers(t *table, z *zip.Reader) *table {
	info := readWorkbookInfo(z)
	t.date1904 = info.date1904
	if part, ok := info.parts[t.sheet]; ok {
		nums := numberCells(z, part)
		for i := range t.rows {
			t.rows[i].numbers = nums[t.rows[i].line]
		}
	}
	return t
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
