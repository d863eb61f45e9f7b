package roster

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"crosstalk/app"
	"crosstalk/app/jtext"
)

// Bounds on what Read reads.
const (
	MaxBytes = 10 << 20             // the largest file, in bytes
	MaxRows  = app.MaxRosterEntries // the most data rows, blank rows not counted: what one import may hold

	maxHeaderSearch = 10 // the header is among the first non-blank rows
	maxOthers       = 5  // the other rows a duplicate number's problem names
)

// The errors of Read. Each is returned as is, so that a caller may compare
// with == or errors.Is.
var (
	ErrEmpty          = errors.New("roster: the file has no rows")
	ErrTooLarge       = errors.New("roster: the file is larger than 10 MB, or unzips to more than 64 MB")
	ErrTooManyRows    = errors.New("roster: the file has more rows than one import may hold")
	ErrNotSpreadsheet = errors.New("roster: the file is neither CSV text nor an .xlsx workbook")
	// ErrLegacyExcel is an Excel 97–2003 workbook (.xls) or a workbook
	// saved with a password: both are OLE2 files, which Read does not
	// read. Saving the file as .xlsx without a password, or as CSV, helps.
	ErrLegacyExcel = errors.New("roster: the file is an .xls workbook or is protected by a password")
)

// Known is what rows are checked against.
type Known struct {
	Cohorts []app.Cohort // a cohort cell names a cohort by its name (or ID); unknown names are ProblemUnknownCohort
	// Today is the day of the import, whose date in Tokyo gives the age of
	// a birth date; zero means now.
	Today time.Time
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads a roster file and checks every row. The file is read as an
// .xlsx workbook when name ends in .xlsx or .xlsm (in any case) or the
// bytes are a zip archive, else as CSV: comma-separated, or tab-separated
// when its first lines have more tabs than commas, in the encoding
// DetectEncoding finds.
//
// The header is the first of the first ten non-blank rows that names at
// least two of our columns (else the first non-blank row); the rows above
// it are skipped with a note. When the next row names the parts of a
// merged 氏名 or フリガナ (姓 and 名, セイ and メイ), the header is the two
// rows. Columns that are not ours are ignored with a note. Blank rows are
// skipped. In an .xlsx workbook, Read takes the first worksheet with such
// a header (else the first worksheet) and the cells' text as Excel
// displays it, but for a date cell in an age or birth-date column, whose
// text depends on its format: its day number gives the date, shown as
// Japanese Excel shows it (1968/4/1).
//
// A CSV row with fewer cells than the header, and a row of either kind
// with a non-empty cell right of the header's last, is
// ProblemWrongCellCount: its cells may have shifted.
//
// Read may be called from several goroutines at once.
//
// Read returns an error only when nothing can be read at all: the file is
// empty or holds only blank rows (ErrEmpty), is larger than MaxBytes
// (ErrTooLarge), has more than MaxRows data rows (ErrTooManyRows), or is
// not a spreadsheet (ErrNotSpreadsheet, ErrLegacyExcel). Everything else
// is a Problem of the Preview.
func Read(name string, b []byte, known Known) (Preview, error) {
	if len(b) > MaxBytes {
		return Preview{}, ErrTooLarge
	}
	if len(b) == 0 {
		return Preview{}, ErrEmpty
	}
	var t *table
	var err error
	lower := strings.ToLower(name)
	switch {
	case bytes.HasPrefix(b, zipMagic):
		t, err = readXLSX(b)
	case bytes.HasPrefix(b, oleMagic):
		err = ErrLegacyExcel
	case strings.HasSuffix(lower, ".xlsx"), strings.HasSuffix(lower, ".xlsm"):
		err = ErrNotSpreadsheet
	default:
		t, err = readCSV(b)
	}
	if err != nil {
		return Preview{}, err
	}
	return check(t, known)
}

// table is a file as read, before it is checked.
type table struct {
	encoding string
	sheet    string
	rows     []rawRow
	trimmed  bool // rows leave out their trailing empty cells (xlsx)
	date1904 bool // the workbook counts days from 1904 (xlsx)
}

// rawRow is one row of a file: its line, its cells decoded and the
// problems found in reading it.
type rawRow struct {
	line     int
	cells    []string
	problems []Problem
	wide     int       // the cells up to the last non-empty one, when some were dropped (see maxCells)
	numbers  []numCell // the cells that hold a number, by 0-based index (xlsx), for what the text alone cannot tell
}

// numCell is a cell of a workbook that holds a number: its 0-based
// column and its value as stored (123 where the cell shows 00123, the day
// number of a date).
type numCell struct {
	col int
	raw string
}

// number returns the stored value of cell i when it holds a number.
func (r rawRow) number(i int) (string, bool) {
	for _, n := range r.numbers {
		if n.col == i {
			return n.raw, true
		}
	}
	return "", false
}

func (r rawRow) blank() bool {
	if r.wide > 0 {
		return false
	}
	for _, c := range r.cells {
		if !blankText(c) {
			return false
		}
	}
	return true
}

// used is the number of cells up to the last non-empty one.
func (r rawRow) used() int {
	if r.wide > 0 {
		return r.wide
	}
	for i := len(r.cells) - 1; i >= 0; i-- {
		if !blankText(r.cells[i]) {
			return i + 1
		}
	}
	return 0
}

// recognised is the number of the row's cells that name a column.
func (r rawRow) recognised() int {
	n := 0
	for _, c := range r.cells {
		if _, ok := HeaderColumn(c); ok {
			n++
		}
	}
	return n
}

// findHeader returns the index in rows of the header, or -1 when every
// row is blank.
func findHeader(rows []rawRow) int {
	first, seen := -1, 0
	for i, r := range rows {
		if r.blank() {
			continue
		}
		if first < 0 {
			first = i
		}
		if r.recognised() >= 2 {
			return i
		}
		if seen++; seen == maxHeaderSearch {
			break
		}
	}
	return first
}

// check makes the preview of a table.
func check(t *table, known Known) (Preview, error) {
	h := findHeader(t.rows)
	if h < 0 {
		return Preview{}, ErrEmpty
	}
	p := Preview{Encoding: t.encoding, Sheet: t.sheet, Columns: []Column{}, Rows: []Row{}, Problems: []Problem{}}
	for _, r := range t.rows[:h] {
		p.Problems = append(p.Problems, r.problems...)
		if !r.blank() {
			p.Notes = append(p.Notes, Problem{Row: r.line, Code: ProblemSkippedRow, Value: shorten(joinCells(r.cells))})
		}
	}

	// The header: one row, or two when the next row names the parts of
	// a merged 氏名 or フリガナ above it.
	head := t.rows[h]
	p.Problems = append(p.Problems, head.problems...)
	var sub *rawRow
	if h+1 < len(t.rows) && t.rows[h+1].line == head.line+1 && subHeader(head, t.rows[h+1]) {
		sub = &t.rows[h+1]
		p.Problems = append(p.Problems, sub.problems...)
	}
	index := map[Column]int{}
	names := map[Column]string{} // the header's text of each column
	width := head.used()
	if sub != nil {
		width = max(width, sub.used())
	}
	var unnamed []int // cells of the header that are empty
	group := Column("")
	cells := len(head.cells) // the cells kept (see maxCells), which width may exceed
	if sub != nil {
		cells = max(cells, len(sub.cells))
	}
	for i := range min(width, cells) {
		upper, lower := cellAt(head, i), ""
		if sub != nil {
			lower = cellAt(*sub, i)
		}
		text := upper
		c, ok := HeaderColumn(upper)
		switch {
		case !blankText(upper):
			group = c
			if !ok {
				group = ""
			}
			if sc, sok := subColumn(group, lower); sok {
				c, ok, text = sc, true, lower
			}
		case !blankText(lower):
			text = lower
			c, ok = subColumn(group, lower)
			if !ok {
				c, ok = HeaderColumn(lower)
			}
		default:
			unnamed = append(unnamed, i)
			continue
		}
		switch {
		case !ok:
			p.Notes = append(p.Notes, Problem{Row: head.line, Code: ProblemUnknownColumn, Value: shorten(clean(text)), Index: i + 1})
		case hasKey(index, c):
			p.Problems = append(p.Problems, Problem{Row: head.line, Column: c, Code: ProblemDuplicateColumn,
				Value: shorten(clean(text)), Index: i + 1})
		default:
			index[c] = i
			names[c] = clean(text)
			p.Columns = append(p.Columns, c)
		}
	}
	// A column that stands in for another the file has too is left.
	for _, alt := range AltColumns {
		if i, ok := index[alt]; ok && hasKey(index, StandsFor(alt)) {
			p.Notes = append(p.Notes, Problem{Row: head.line, Column: StandsFor(alt), Code: ProblemIgnoredColumn,
				Value: shorten(names[alt]), Index: i + 1})
			delete(index, alt)
			p.Columns = slices.DeleteFunc(p.Columns, func(c Column) bool { return c == alt })
		}
	}
	for _, c := range Columns {
		if Required(c) && !hasKey(index, c) && !hasKey(index, standIn(c)) {
			p.Problems = append(p.Problems, Problem{Row: head.line, Column: c, Code: ProblemMissingColumn})
		}
	}

	// The rows.
	today := known.Today
	if today.IsZero() {
		today = time.Now()
	}
	rc := rowChecker{cols: p.Columns, index: index, width: width, trimmed: t.trimmed, date1904: t.date1904,
		cohorts: newCohortIndex(known.Cohorts), today: today}
	rows := t.rows[h+1:]
	if sub != nil {
		rows = t.rows[h+2:]
	}
	probs := make([][]Problem, 0, len(rows))
	used := make([]bool, len(unnamed))
	for _, r := range rows {
		if r.blank() {
			p.Problems = append(p.Problems, r.problems...)
			continue
		}
		if len(p.Rows) == MaxRows {
			return Preview{}, ErrTooManyRows
		}
		for k, i := range unnamed {
			if i < len(r.cells) && !blankText(r.cells[i]) {
				used[k] = true
			}
		}
		row, pr, notes := rc.check(r)
		p.Rows = append(p.Rows, row)
		probs = append(probs, pr)
		p.Notes = append(p.Notes, notes...)
	}
	for k, i := range unnamed {
		if used[k] {
			p.Problems = append(p.Problems, Problem{Row: head.line, Code: ProblemUnnamedColumn, Index: i + 1})
		}
	}
	if len(p.Rows) == 0 {
		p.Problems = append(p.Problems, Problem{Code: ProblemNoRows})
	}

	// Employee numbers seen twice or more: every such row says the others.
	// 00123 and 123 are two numbers here, as they are two texts; the
	// server, which knows the company's numbers, matches a number that
	// lost its zeros (see the note ProblemNumericEmployeeNo).
	if hasKey(index, ColEmployeeNo) {
		lines := map[string][]int{}
		for i, r := range p.Rows {
			if no := r.Cells[ColEmployeeNo]; no != "" {
				lines[no] = append(lines[no], i)
			}
		}
		for i, r := range p.Rows {
			same := lines[r.Cells[ColEmployeeNo]]
			if len(same) < 2 {
				continue
			}
			var others []string
			for _, j := range same {
				if len(others) == maxOthers {
					others = append(others, "…") // len(same)-1 > maxOthers
					break
				}
				if j != i {
					others = append(others, strconv.Itoa(p.Rows[j].Line))
				}
			}
			if len(same)-1 == maxOthers && len(others) > maxOthers {
				others = others[:maxOthers]
			}
			probs[i] = append(probs[i], Problem{Row: r.Line, Column: ColEmployeeNo, Code: ProblemDuplicateNo,
				Value: strings.Join(others, ","), Index: index[ColEmployeeNo] + 1})
		}
	}
	for i := range p.Rows {
		p.Rows[i].OK = len(probs[i]) == 0
		p.Problems = append(p.Problems, probs[i]...)
	}
	slices.SortStableFunc(p.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(a.Index, b.Index))
	})
	slices.SortStableFunc(p.Notes, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(a.Index, b.Index))
	})
	return p, nil
}

// cellAt is cell i of r, or "" when the row is shorter.
func cellAt(r rawRow, i int) string {
	if i < len(r.cells) {
		return r.cells[i]
	}
	return ""
}

// subHeader reports whether next is the lower row of a header of two:
// it names a part of the name (姓, 名) or of the reading (セイ, メイ) under
// a cell of head that names the name or the reading, or under an empty
// cell right of one (a cell merged across two columns keeps its text in
// the first), and it leaves empty every cell under the header's other
// columns of ours (a data row fills them).
func subHeader(head, next rawRow) bool {
	parts := 0
	group := Column("")
	for i := range max(len(head.cells), len(next.cells)) {
		upper, lower := cellAt(head, i), cellAt(next, i)
		if !blankText(upper) {
			group, _ = HeaderColumn(upper)
		}
		if blankText(lower) {
			continue
		}
		if _, ok := subColumn(group, lower); ok {
			parts++
		} else if group != "" {
			return false
		}
	}
	return parts > 0
}

// rowChecker reads and checks data rows against a header.
type rowChecker struct {
	cols     []Column
	index    map[Column]int
	width    int
	trimmed  bool
	date1904 bool
	cohorts  cohortIndex
	today    time.Time
}

// check reads and checks one data row: the row, its problems and its
// notes.
func (rc *rowChecker) check(r rawRow) (Row, []Problem, []Problem) {
	index := rc.index
	probs := append([]Problem(nil), r.problems...)
	var notes []Problem
	bad := func(c Column, code ProblemCode, value string) {
		probs = append(probs, Problem{Row: r.line, Column: c, Code: code, Value: shorten(value), Index: index[c] + 1})
	}
	if used := r.used(); used > rc.width {
		probs = append(probs, Problem{Row: r.line, Code: ProblemWrongCellCount, Value: strconv.Itoa(used) + "/" + strconv.Itoa(rc.width)})
	} else if !rc.trimmed && len(r.cells) < rc.width {
		probs = append(probs, Problem{Row: r.line, Code: ProblemWrongCellCount, Value: strconv.Itoa(len(r.cells)) + "/" + strconv.Itoa(rc.width)})
	}
	row := Row{Line: r.line, Cells: make(map[Column]string, len(rc.cols))}
	e := &row.Entry
	e.Cohorts = []string{}
	for _, c := range rc.cols {
		i := index[c]
		raw := cellAt(r, i)
		num, isNum := r.number(i)
		if isNum && (c == ColBirthDate || c == ColAgeBand) && !readsAsAge(c, Normalize(c, raw), rc.today) {
			// A date cell: its text depends on its format (Excel's
			// built-in date shows 04-01-68 here, a General one 24929); its
			// day number does not. It is shown as Japanese Excel shows it.
			if d, ok := serialDate(num, rc.date1904); ok {
				raw = dateText(d)
			}
		}
		v := Normalize(c, raw)
		row.Cells[c] = v
		if (Required(c) || c == ColFamilyName || c == ColFamilyKana || c == ColBirthDate) && v == "" {
			bad(c, ProblemMissingValue, "")
			continue
		}
		if n := Limit(c); n > 0 && utf8.RuneCountInString(v) > n {
			bad(c, ProblemTooLong, v)
		}
		switch c {
		case ColEmployeeNo:
			e.EmployeeNo = v
			if isNum {
				notes = append(notes, Problem{Row: r.line, Column: c, Code: ProblemNumericEmployeeNo, Value: shorten(v), Index: i + 1})
			}
		case ColName:
			e.Name = v
		case ColKana:
			e.Kana = v
			if !jtext.IsKana(v) {
				bad(c, ProblemBadKana, v)
			}
		case ColFamilyKana, ColGivenKana:
			if v != "" && !jtext.IsKana(v) {
				bad(c, ProblemBadKana, v)
			}
		case ColAgeBand, ColBirthDate:
			if b, code := rc.age(c, v); code == "" {
				e.AgeBand = b
			} else {
				bad(c, code, v)
			}
		case ColJobRole:
			e.JobRole = v
		case ColCohort:
			for _, name := range cohortNames(v) {
				id, code := rc.cohorts.find(name)
				if code != "" {
					bad(c, code, name)
				} else if !contains(e.Cohorts, id) {
					e.Cohorts = append(e.Cohorts, id)
				}
			}
		case ColRole:
			if role, ok := ParseRole(v); ok {
				e.Role = role
			} else {
				bad(c, ProblemBadRole, v)
			}
		case ColThemes:
			themes := splitThemes(v)
			if len(themes) > app.MaxThemes {
				bad(c, ProblemTooManyThemes, strconv.Itoa(len(themes)))
			}
			for _, th := range themes {
				if utf8.RuneCountInString(th) > app.MaxThemeRunes {
					bad(c, ProblemTooLong, th)
				}
			}
			if len(themes) > 0 {
				e.Themes = themes
			}
		case ColEmail:
			if v != "" && !app.ValidEmail(v) {
				bad(c, ProblemBadEmail, v)
			} else {
				e.Email = v
			}
		}
	}
	// A name and a reading split over two columns are joined with a
	// space, as a name in one cell is written (髙橋 一郎).
	if hasKey(index, ColFamilyName) {
		e.Name = joinName(row.Cells[ColFamilyName], row.Cells[ColGivenName])
		if row.Cells[ColFamilyName] != "" && utf8.RuneCountInString(e.Name) > MaxNameRunes {
			bad(ColFamilyName, ProblemTooLong, e.Name)
		}
	}
	if hasKey(index, ColFamilyKana) {
		e.Kana = joinName(row.Cells[ColFamilyKana], row.Cells[ColGivenKana])
		if row.Cells[ColFamilyKana] != "" && utf8.RuneCountInString(e.Kana) > MaxKanaRunes {
			bad(ColFamilyKana, ProblemTooLong, e.Kana)
		}
	}
	if !hasKey(index, ColRole) {
		e.Role = app.RoleParticipant
	}
	return row, probs, notes
}

// age reads an age cell of column c: any form ParseAge reads in an age
// column, a birth date in a birth-date column, where a whole number of
// days (a date cell saved as General) is a date too.
func (rc *rowChecker) age(c Column, v string) (app.AgeBand, ProblemCode) {
	if c == ColAgeBand {
		return ParseAge(v, rc.today)
	}
	d, ok := ParseBirthDate(v)
	if !ok && allDigits(v) && len(v) <= 7 {
		d, ok = serialDate(v, rc.date1904)
	}
	if !ok {
		return "", ProblemBadBirthDate
	}
	return bandOfBirth(d, rc.today)
}

// readsAsAge reports whether the text of a cell of column c reads as an
// age or a date by itself, without being taken for a day number.
func readsAsAge(c Column, v string, today time.Time) bool {
	if c == ColBirthDate {
		_, ok := ParseBirthDate(v)
		return ok
	}
	_, code := ParseAge(v, today)
	return code != ProblemBadAgeBand
}

// joinName joins the parts of a name (or of its reading) with a space:
// the family part alone when there is no given one.
func joinName(family, given string) string {
	switch {
	case family == "":
		return given
	case given == "":
		return family
	}
	return family + " " + given
}

// cohortIndex finds cohorts by ID, by name, and by name in nameKey form.
type cohortIndex struct {
	byID        map[string]string
	byName, key map[string][]string
}

func newCohortIndex(cs []app.Cohort) cohortIndex {
	x := cohortIndex{byID: map[string]string{}, byName: map[string][]string{}, key: map[string][]string{}}
	for _, c := range cs {
		x.byID[c.ID] = c.ID
		x.byName[clean(c.Name)] = append(x.byName[clean(c.Name)], c.ID)
		k := nameKey(c.Name)
		x.key[k] = append(x.key[k], c.ID)
	}
	return x
}

// find returns the ID of the cohort a name names: a cohort whose ID it
// is, else the one cohort of that name, else the one cohort whose name is
// the same but for width, case and spaces. code says why there is none.
func (x cohortIndex) find(name string) (id string, code ProblemCode) {
	if id, ok := x.byID[name]; ok {
		return id, ""
	}
	ids := x.byName[name]
	if len(ids) == 0 {
		ids = x.key[nameKey(name)]
	}
	switch len(ids) {
	case 0:
		return "", ProblemUnknownCohort
	case 1:
		return ids[0], ""
	}
	return "", ProblemAmbiguousCohort
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// joinCells is a row's non-empty cells, for a note.
func joinCells(cells []string) string {
	var out []string
	for _, c := range cells {
		if c = clean(c); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, ",")
}

// shorten cuts s to 50 runes, marking the cut with "…".
func shorten(s string) string {
	const max = 50
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
