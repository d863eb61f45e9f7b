// Package roster reads the participant lists that HR staff export from
// Excel or LibreOffice (CSV in UTF-8, with or without a BOM, Shift_JIS
// (CP932) or UTF-16 (Excel's 「Unicode テキスト」, tab-separated, .txt);
// or .xlsx) and checks them row by row before anything is written, so
// that a preview can show every problem by row and column.
//
// Read is the entry point. The package holds no user-facing text: a
// Problem carries a ProblemCode, which the UI translates, and the errors
// of Read are sentinels the UI compares with errors.Is.
//
// # What a roster may look like
//
// The header names the columns in Japanese or English, in any order and
// with the variants Headers lists (社員番号, 従業員番号, Employee No…), on
// any of the first ten non-blank rows (the rows above it, such as a
// title, are skipped with a note, and the header's problems name its own
// row). Columns that are not ours, such as 部署 or メール, are ignored and
// listed as notes (Preview.Notes), not as problems: HR systems export
// them, and a careful user should not have to delete columns by hand to
// import, but should see a misspelt header that was left out. A missing
// required column, a column named twice, and a column that holds data
// under no header (named by its letter, 列 C) are problems.
//
// The name may be split over two columns, 姓 and 名 (and its reading
// over セイ and メイ, or 姓（ふりがな）and 名（ふりがな）), either as
// separate columns or under a merged 氏名 (フリガナ) cell with the parts
// in a second header row, as Excel makes it: the parts are joined with an
// ASCII space, as every name is written once read (髙橋 一郎). A file with
// both 氏名 and 姓 reads 氏名 and notes the other.
//
// Ages are read by ParseAge: a five-year band (ParseAgeBand: the app's
// bands written with any dash or wave, in any width, with or without 歳,
// 60-64 for the top band, the decade halves 40代後半 to 60代前半), a decade
// (50代: a coarser band of its own, app.AgeDecades), an age (52, 58歳) or
// a birth date, in the age column or in a column of its own (生年月日),
// as text (1968/4/1, 1968-04-01, 昭和43年4月1日) or as a date cell. An age
// or a birth date gives the five-year band on the day of the import in
// Tokyo (Known.Today); anything outside the programme's ages (30代, 38) is
// ProblemAgeOutOfRange.
//
// Career themes (キャリアテーマ) are split at 、 and , (or at ・ when the
// cell has neither) and become a new person's first themes; an e-mail
// address (メールアドレス) must be one address (app.ValidEmail). Both are
// optional.
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
// not otherwise: 00123 and 123 are two numbers, as they are two texts. An
// employee number in a number cell of a workbook, which Excel makes of
// 00123 in a CSV opened and saved, gets a note
// (ProblemNumericEmployeeNo); the server matches it to the company's
// zero-padded number.
package roster

import "crosstalk/app"

// Column is one field of a roster file. A file names its columns in a
// header row, in Japanese or English, in any order.
type Column string

// The columns a roster may have. EmployeeNo, Name, Kana and AgeBand are
// required, each of the last three or the columns that stand in for it
// (see StandsFor); the others may be absent.
const (
	ColEmployeeNo Column = "employee_no"
	ColName       Column = "name"
	ColKana       Column = "kana"
	ColAgeBand    Column = "age_band" // a band, a decade (50代), an age (52) or a birth date
	ColJobRole    Column = "job_role"
	ColCohort     Column = "cohort" // one or more cohort names, separated by 、 , or ;
	ColRole       Column = "role"
	ColThemes     Column = "themes" // career themes, separated by 、 or , (or ・ when neither is there)
	ColEmail      Column = "email"  // the person's address for notifications

	// The columns that stand in for one of the above when a file splits
	// the name, or gives a birth date (see StandsFor).
	ColFamilyName Column = "family_name" // 姓
	ColGivenName  Column = "given_name"  // 名
	ColFamilyKana Column = "family_kana" // セイ
	ColGivenKana  Column = "given_kana"  // メイ
	ColBirthDate  Column = "birth_date"  // 生年月日
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

	ProblemUnnamedColumn     ProblemCode = "unnamed_column"      // a column with data under an empty header cell: Index says which
	ProblemIgnoredColumn     ProblemCode = "ignored_column"      // a note: a column that stands in for Column, which the file has too (Value: its header)
	ProblemNumericEmployeeNo ProblemCode = "numeric_employee_no" // a note: an employee number in a number cell of a workbook, which may have lost its leading zeros
	ProblemAgeOutOfRange     ProblemCode = "age_out_of_range"    // an age, decade, band or birth date outside the programme's ages
	ProblemBadBirthDate      ProblemCode = "bad_birth_date"      // a birth date that is not a date
	ProblemBadEmail          ProblemCode = "bad_email"           // not one e-mail address (app.ValidEmail)
	ProblemTooManyThemes     ProblemCode = "too_many_themes"     // more than app.MaxThemes themes: Value is how many
)

// ProblemCodes lists every problem code, for a test that each has a
// translation.
var ProblemCodes = []ProblemCode{
	ProblemMissingColumn, ProblemUnknownColumn, ProblemDuplicateColumn, ProblemMissingValue,
	ProblemDuplicateNo, ProblemUnknownCohort, ProblemBadAgeBand, ProblemBadRole, ProblemTooLong,
	ProblemBadEncoding, ProblemWrongCellCount, ProblemBadKana, ProblemAmbiguousCohort,
	ProblemUnclosedQuote, ProblemNoRows, ProblemSkippedRow,
	ProblemUnnamedColumn, ProblemIgnoredColumn, ProblemNumericEmployeeNo, ProblemAgeOutOfRange,
	ProblemBadBirthDate, ProblemBadEmail, ProblemTooManyThemes,
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
// for ProblemWrongCellCount "got/want", for ProblemTooManyThemes the
// number of themes. ColumnLetter(Index) is the column as a spreadsheet
// names it (C), for the messages that name an unnamed column.
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
// Value), the columns left for another that says the same
// (ProblemIgnoredColumn), the rows above the header (ProblemSkippedRow)
// and the employee numbers that were number cells
// (ProblemNumericEmployeeNo).
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

// ColumnLetter is the name a spreadsheet gives the column at 1-based
// index i: A for 1, Z for 26, AA for 27; "" for i < 1.
func ColumnLetter(i int) string {
	var b []byte
	for ; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}
