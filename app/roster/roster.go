// Package roster reads the participant lists that HR staff export from
// Excel (CSV in UTF-8, with or without a BOM, or Shift_JIS/CP932; or .xlsx)
// and checks them row by row before anything is written, so that a
// preview can show every problem by row and column.
//
// Read is the entry point. The package holds no user-facing text: a
// Problem carries a ProblemCode, which the UI translates, and the errors
// of Read are sentinels the UI compares with errors.Is.
//
// # What a roster may look like
//
// The header names the columns in Japanese or English, in any order and
// with the variants Headers lists (社員番号, 従業員番号, Employee No…).
// Columns that are not ours, such as 部署 or メール, are ignored and listed
// as notes (Preview.Notes), not as problems: HR systems export them, and
// a careful user should not have to delete columns by hand to import, but
// should see a misspelt header that was left out. A missing required
// column and a column named twice are problems.
//
// Age bands are read by ParseAgeBand: the app's bands written with any
// dash or wave, in any width, with or without 歳 (50-54, ５０－５４, 50〜54歳,
// 50歳～54歳), 60-64 for the top band 60-65, and the decade halves 40代後半,
// 50代前半, 50代後半 and 60代前半. A single age (52) or a whole decade
// (50代) is not a band: it would be a guess.
//
// The reading (Kana) is stored in the script it was written in, hiragana
// or katakana, with half-width katakana made full-width and spaces made
// single: search and sorting fold both scripts (package jtext), and the
// profile editor accepts both, so converting would only change what HR
// wrote. A reading with other characters, such as romaji or kanji, is
// ProblemBadKana, as the profile editor would refuse it.
//
// Employee numbers are compared after normalisation (full-width digits
// and letters made half-width, so ００１２３ and 00123 are one number) but
// not otherwise: 00123 and 123 are two numbers, as they are two texts.
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
	ProblemMissingColumn   ProblemCode = "missing_column"   // a required column is not in the header
	ProblemUnknownColumn   ProblemCode = "unknown_column"   // a header names no known column: a note, the column is ignored
	ProblemDuplicateColumn ProblemCode = "duplicate_column" // two headers name the same column
	ProblemMissingValue    ProblemCode = "missing_value"    // a required cell is empty
	ProblemDuplicateNo     ProblemCode = "duplicate_employee_no"
	ProblemUnknownCohort   ProblemCode = "unknown_cohort"
	ProblemBadAgeBand      ProblemCode = "bad_age_band"
	ProblemBadRole         ProblemCode = "bad_role"
	ProblemTooLong         ProblemCode = "too_long"
	ProblemBadEncoding     ProblemCode = "bad_encoding"     // a row whose bytes are not in the file's encoding (or in none)
	ProblemWrongCellCount  ProblemCode = "wrong_cell_count" // Value is "got/want": the row's cells and the header's

	ProblemBadKana         ProblemCode = "bad_kana"         // the reading is not in hiragana or katakana
	ProblemAmbiguousCohort ProblemCode = "ambiguous_cohort" // a cohort cell names more than one cohort
	ProblemUnclosedQuote   ProblemCode = "unclosed_quote"   // a quoted CSV cell runs to the end of the file
	ProblemNoRows          ProblemCode = "no_rows"          // the file has a header and no data row
	ProblemSkippedRow      ProblemCode = "skipped_row"      // a note: a row above the header, such as a title
)

// ProblemCodes lists every problem code, for a test that each has a
// translation.
var ProblemCodes = []ProblemCode{
	ProblemMissingColumn, ProblemUnknownColumn, ProblemDuplicateColumn, ProblemMissingValue,
	ProblemDuplicateNo, ProblemUnknownCohort, ProblemBadAgeBand, ProblemBadRole, ProblemTooLong,
	ProblemBadEncoding, ProblemWrongCellCount, ProblemBadKana, ProblemAmbiguousCohort,
	ProblemUnclosedQuote, ProblemNoRows, ProblemSkippedRow,
}

// Problem is one thing wrong with the file. Row is the 1-based row of the
// file as a spreadsheet shows it (usually 1 for the header; 0 for the
// whole file): for a CSV file, the records counted from the start, blank
// lines included, a quoted cell with line breaks being one row, which is
// the row number Excel shows when it opens the file. Column is "" when the
// problem is the whole row's or the column is not one of ours; Index is
// the 1-based position of the cell in the row (A is 1), 0 for the row.
//
// Value is the offending text, shortened to 50 runes, for the message; for
// ProblemDuplicateNo it is the other rows with the same number ("3,7",
// at most five of them, then "…"),
// for ProblemWrongCellCount "got/want".
type Problem struct {
	Row    int         `json:"row"`
	Column Column      `json:"column,omitempty"`
	Code   ProblemCode `json:"code"`
	Value  string      `json:"value,omitempty"`
	Index  int         `json:"index,omitempty"`
}

// Row is one data row of the file as read, and the entry made of it.
// Cells holds every column of the header, "" for an empty cell, each
// normalised as Normalize says. Entry is made of the cells even when the
// row has problems: a field that could not be read is left empty, an
// unknown cohort left out. Blank rows are not rows.
type Row struct {
	Line  int               `json:"line"`  // 1-based row of the file, as in Problem.Row
	Cells map[Column]string `json:"cells"` // the cells as read, normalised
	Entry app.RosterEntry   `json:"entry"`
	OK    bool              `json:"ok"` // no problem on this row
}

// Preview is everything an import would write, and every problem found.
// An import may go ahead only when Problems is empty. Notes are things the
// user should see that do not stop an import: the columns that are not
// ours and are ignored (ProblemUnknownColumn, with the header's text in
// Value) and the rows above the header (ProblemSkippedRow).
type Preview struct {
	Encoding string    `json:"encoding"`        // "utf-8", "utf-8-bom", "shift_jis", "utf-16" or "xlsx"
	Sheet    string    `json:"sheet,omitempty"` // the worksheet read, for xlsx
	Columns  []Column  `json:"columns"`         // in the file's order
	Rows     []Row     `json:"rows"`
	Problems []Problem `json:"problems"`
	Notes    []Problem `json:"notes,omitempty"`
}

// Entries returns the entries of the preview's rows, in file order.
func (p Preview) Entries() []app.RosterEntry {
	out := make([]app.RosterEntry, len(p.Rows))
	for i, r := range p.Rows {
		out[i] = r.Entry
	}
	return out
}
