// Package roster reads the participant lists that HR staff export from
// Excel (CSV in UTF-8, with or without a BOM, or Shift_JIS/CP932; or .xlsx)
// and checks them row by row before anything is written, so that a
// preview can show every problem by row and column.
package roster

import "crosstalk/app"

// Column is one field of a roster file. A file names its columns in a
// header row, in Japanese or English, in any order.
type Column string

// The columns a roster may have. EmployeeNo, Name, Kana and AgeBand are
// required; the others may be absent.
const (
	ColEmployeeNo Column = "employee_no"
	ColName       Column = "name"
	ColKana       Column = "kana"
	ColAgeBand    Column = "age_band"
	ColJobRole    Column = "job_role"
	ColCohort     Column = "cohort" // one or more cohort names, separated by 、 , or ;
	ColRole       Column = "role"
)

// ProblemCode says what is wrong with a cell, a row or the file. Codes key
// the translations "import.problem.<code>".
type ProblemCode string

// Problem codes.
const (
	ProblemMissingColumn   ProblemCode = "missing_column" // a required column is not in the header
	ProblemUnknownColumn   ProblemCode = "unknown_column" // a header names no known column
	ProblemDuplicateColumn ProblemCode = "duplicate_column"
	ProblemMissingValue    ProblemCode = "missing_value" // a required cell is empty
	ProblemDuplicateNo     ProblemCode = "duplicate_employee_no"
	ProblemUnknownCohort   ProblemCode = "unknown_cohort"
	ProblemBadAgeBand      ProblemCode = "bad_age_band"
	ProblemBadRole         ProblemCode = "bad_role"
	ProblemTooLong         ProblemCode = "too_long"
	ProblemBadEncoding     ProblemCode = "bad_encoding" // bytes that are neither UTF-8 nor Shift_JIS
	ProblemWrongCellCount  ProblemCode = "wrong_cell_count"
)

// Problem is one thing wrong with the file. Row is the 1-based line of the
// file (1 is the header; 0 for the whole file); Column is "" when the
// problem is the whole row's.
type Problem struct {
	Row    int         `json:"row"`
	Column Column      `json:"column,omitempty"`
	Code   ProblemCode `json:"code"`
	Value  string      `json:"value,omitempty"` // the offending text, for the message
}

// Row is one data row of the file as read, and the entry made of it.
type Row struct {
	Line  int               `json:"line"`  // 1-based line of the file
	Cells map[Column]string `json:"cells"` // the cells as read, normalised
	Entry app.RosterEntry   `json:"entry"`
	OK    bool              `json:"ok"` // no problem on this row
}

// Preview is everything an import would write, and every problem found.
// An import may go ahead only when Problems is empty.
type Preview struct {
	Encoding string    `json:"encoding"` // "utf-8", "utf-8-bom", "shift_jis" or "xlsx"
	Columns  []Column  `json:"columns"`  // in the file's order
	Rows     []Row     `json:"rows"`
	Problems []Problem `json:"problems"`
}

// Entries returns the entries of the preview's rows, in file order.
func (p Preview) Entries() []app.RosterEntry {
	out := make([]app.RosterEntry, len(p.Rows))
	for i, r := range p.Rows {
		out[i] = r.Entry
	}
	return out
}
