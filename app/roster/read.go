package roster

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
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
// it are skipped with a note. Columns that are not ours are ignored with
// a note. Blank rows are skipped. In an .xlsx workbook, Read takes the
// first worksheet with such a header (else the first worksheet) and the
// cells' text as Excel displays it.
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
}

// rawRow is one row of a file: its line, its cells decoded and the
// problems found in reading it.
type rawRow struct {
	line     int
	cells    []string
	problems []Problem
	wide     int // the cells up to the last non-empty one, when some were dropped (see maxCells)
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

	// The header.
	head := t.rows[h]
	p.Problems = append(p.Problems, head.problems...)
	index := map[Column]int{}
	width := head.used()
	var unnamed []int // cells of the header that are empty
	for i, cell := range head.cells[:min(width, len(head.cells))] {
		if blankText(cell) {
			unnamed = append(unnamed, i)
			continue
		}
		c, ok := HeaderColumn(cell)
		switch {
		case !ok:
			p.Notes = append(p.Notes, Problem{Row: head.line, Code: ProblemUnknownColumn, Value: shorten(clean(cell)), Index: i + 1})
		case hasKey(index, c):
			p.Problems = append(p.Problems, Problem{Row: head.line, Column: c, Code: ProblemDuplicateColumn,
				Value: shorten(clean(cell)), Index: i + 1})
		default:
			index[c] = i
			p.Columns = append(p.Columns, c)
		}
	}
	for _, c := range Columns {
		if Required(c) && !hasKey(index, c) {
			p.Problems = append(p.Problems, Problem{Row: head.line, Column: c, Code: ProblemMissingColumn})
		}
	}

	// The rows.
	cohorts := newCohortIndex(known.Cohorts)
	rows := t.rows[h+1:]
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
		row, pr := checkRow(r, p.Columns, index, width, t.trimmed, cohorts)
		p.Rows = append(p.Rows, row)
		probs = append(probs, pr)
	}
	for k, i := range unnamed {
		if used[k] {
			p.Notes = append(p.Notes, Problem{Row: head.line, Code: ProblemUnknownColumn, Index: i + 1})
		}
	}
	if len(p.Rows) == 0 {
		p.Problems = append(p.Problems, Problem{Code: ProblemNoRows})
	}

	// Employee numbers seen twice or more: every such row says the others.
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

// checkRow reads and checks one data row.
func checkRow(r rawRow, cols []Column, index map[Column]int, width int, trimmed bool, cohorts cohortIndex) (Row, []Problem) {
	probs := append([]Problem(nil), r.problems...)
	bad := func(c Column, code ProblemCode, value string) {
		probs = append(probs, Problem{Row: r.line, Column: c, Code: code, Value: shorten(value), Index: index[c] + 1})
	}
	if used := r.used(); used > width {
		probs = append(probs, Problem{Row: r.line, Code: ProblemWrongCellCount, Value: strconv.Itoa(used) + "/" + strconv.Itoa(width)})
	} else if !trimmed && len(r.cells) < width {
		probs = append(probs, Problem{Row: r.line, Code: ProblemWrongCellCount, Value: strconv.Itoa(len(r.cells)) + "/" + strconv.Itoa(width)})
	}
	row := Row{Line: r.line, Cells: make(map[Column]string, len(cols))}
	e := &row.Entry
	e.Cohorts = []string{}
	for _, c := range cols {
		raw := ""
		if i := index[c]; i < len(r.cells) {
			raw = r.cells[i]
		}
		v := Normalize(c, raw)
		row.Cells[c] = v
		if Required(c) && v == "" {
			bad(c, ProblemMissingValue, "")
			continue
		}
		if n := Limit(c); n > 0 && utf8.RuneCountInString(v) > n {
			bad(c, ProblemTooLong, v)
		}
		switch c {
		case ColEmployeeNo:
			e.EmployeeNo = v
		case ColName:
			e.Name = v
		case ColKana:
			e.Kana = v
			if !jtext.IsKana(v) {
				bad(c, ProblemBadKana, v)
			}
		case ColAgeBand:
			if b, ok := ParseAgeBand(v); ok {
				e.AgeBand = b
			} else {
				bad(c, ProblemBadAgeBand, v)
			}
		case ColJobRole:
			e.JobRole = v
		case ColCohort:
			for _, name := range cohortNames(v) {
				id, code := cohorts.find(name)
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
		}
	}
	if !hasKey(index, ColRole) {
		e.Role = app.RoleParticipant
	}
	return row, probs
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
