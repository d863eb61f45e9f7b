package roster

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/app/jtext"
)

// FuzzRead reads arbitrary bytes as a CSV file (and, when xlsx is set, as
// a workbook): Read never panics, returns only its sentinel errors, and
// its preview keeps the invariants of checkPreview.
func FuzzRead(f *testing.F) {
	for _, name := range testFiles {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, strings.HasSuffix(name, ".xlsx"))
	}
	f.Add([]byte("社員番号,氏名,ふりがな,年代\n1,a,あ,50-54\n1,\"b\nc\",い,45-49\n"), false)
	f.Add([]byte("\"a\"b\"\r\r\n\",,\t\"\""), false)
	f.Fuzz(func(t *testing.T, b []byte, xlsx bool) {
		name := "a.csv"
		if xlsx {
			name = "a.xlsx"
		}
		p, err := Read(name, b, known)
		if err != nil {
			switch {
			case errors.Is(err, ErrEmpty), errors.Is(err, ErrTooLarge), errors.Is(err, ErrTooManyRows),
				errors.Is(err, ErrNotSpreadsheet), errors.Is(err, ErrLegacyExcel):
			default:
				t.Fatalf("error %v is none of the sentinels", err)
			}
			return
		}
		lines := -1 // no bound for a workbook
		if !bytes.HasPrefix(b, zipMagic) {
			lines = bytes.Count(b, []byte("\n")) + bytes.Count(b, []byte("\r")) + 1
		}
		checkPreview(t, p, lines)
	})
}

// checkPreview checks what holds of every preview: rows in order; a row
// is OK exactly when no problem is on its line; problems and notes are
// within the file's lines (when lines >= 0) and sorted; every cell of the
// preview's columns is there, normalised; and the entry of an OK row is
// its cells.
func checkPreview(t *testing.T, p Preview, lines int) {
	t.Helper()
	if len(p.Entries()) != len(p.Rows) {
		t.Fatalf("%d entries for %d rows", len(p.Entries()), len(p.Rows))
	}
	on := map[int]bool{}
	for _, list := range [][]Problem{p.Problems, p.Notes} {
		for i, pr := range list {
			if pr.Row < 0 || (lines >= 0 && pr.Row > lines) {
				t.Errorf("problem %+v outside lines 0..%d", pr, lines)
			}
			if i > 0 && (pr.Row < list[i-1].Row || pr.Row == list[i-1].Row && pr.Index < list[i-1].Index) {
				t.Errorf("problem %+v after %+v", pr, list[i-1])
			}
			if pr.Code == "" {
				t.Errorf("problem %+v has no code", pr)
			}
		}
	}
	for _, pr := range p.Problems {
		on[pr.Row] = true
	}
	for i, r := range p.Rows {
		if i > 0 && r.Line <= p.Rows[i-1].Line {
			t.Errorf("row %d after row %d", r.Line, p.Rows[i-1].Line)
		}
		if r.Line < 1 || (lines >= 0 && r.Line > lines) {
			t.Errorf("row %d outside lines 1..%d", r.Line, lines)
		}
		if r.OK == on[r.Line] {
			t.Errorf("row %d: OK %v, problems on its line %v", r.Line, r.OK, on[r.Line])
		}
		if len(r.Cells) != len(p.Columns) {
			t.Errorf("row %d: %d cells for %d columns", r.Line, len(r.Cells), len(p.Columns))
		}
		for c, v := range r.Cells {
			if !slices.Contains(p.Columns, c) {
				t.Errorf("row %d: cell of %s, not a column", r.Line, c)
			}
			if Normalize(c, v) != v {
				t.Errorf("row %d: %s cell %q is not normalised (%q)", r.Line, c, v, Normalize(c, v))
			}
		}
		if r.OK {
			checkEntry(t, p, r)
		}
	}
}

// checkEntry checks that an OK row's entry is what its cells say.
func checkEntry(t *testing.T, p Preview, r Row) {
	t.Helper()
	e, c := r.Entry, r.Cells
	has := func(col Column) bool { return slices.Contains(p.Columns, col) }
	// The age is read from the age column, else from the birth date; the
	// name and its reading from their columns, else from their two parts.
	var band app.AgeBand
	var code ProblemCode = ProblemMissingColumn
	switch {
	case has(ColAgeBand):
		band, code = ParseAge(c[ColAgeBand], known.Today)
	case has(ColBirthDate):
		band, code = (&rowChecker{today: known.Today}).age(ColBirthDate, c[ColBirthDate])
	}
	okBand := code == ""
	name, kana := c[ColName], c[ColKana]
	if !has(ColName) && has(ColFamilyName) {
		name = joinName(c[ColFamilyName], c[ColGivenName])
	}
	if !has(ColKana) && has(ColFamilyKana) {
		kana = joinName(c[ColFamilyKana], c[ColGivenKana])
	}
	role, okRole := ParseRole(c[ColRole])
	var ids []string
	for _, name := range cohortNames(c[ColCohort]) {
		id, code := newCohortIndex(known.Cohorts).find(name)
		if code != "" {
			t.Errorf("row %d: OK with cohort %q: %s", r.Line, name, code)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	// A column the header lacks is a problem of the header, not of the
	// row: the entry's field is then empty (a participant, for the role).
	switch {
	case e.EmployeeNo != c[ColEmployeeNo] || has(ColEmployeeNo) == (e.EmployeeNo == ""),
		e.Name != name || (has(ColName) || has(ColFamilyName)) == (e.Name == ""),
		e.Kana != kana || (has(ColKana) || has(ColFamilyKana)) != jtext.IsKana(e.Kana),
		(has(ColAgeBand) || has(ColBirthDate)) != okBand || e.AgeBand != band,
		e.JobRole != c[ColJobRole],
		!okRole || e.Role != role,
		!slices.Equal(e.Cohorts, ids) && len(e.Cohorts)+len(ids) > 0,
		!slices.Equal(e.Themes, splitThemes(c[ColThemes])),
		e.Email != c[ColEmail]:
		t.Errorf("row %d: entry %+v for cells %q", r.Line, e, c)
	}
	for col, n := range map[string]int{e.EmployeeNo: MaxEmployeeNoRunes, e.Name: MaxNameRunes, e.Kana: MaxKanaRunes, e.JobRole: MaxJobRoleRunes} {
		if len([]rune(col)) > n {
			t.Errorf("row %d: %q is longer than %s runes", r.Line, col, strconv.Itoa(n))
		}
	}
}

// TestInvariants checks the invariants on the files under testdata.
func TestInvariants(t *testing.T) {
	for _, name := range testFiles {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Read(name, b, known)
		if err != nil {
			t.Fatal(err)
		}
		lines := -1
		if !strings.HasSuffix(name, ".xlsx") {
			lines = bytes.Count(b, []byte("\n")) + 1
		}
		checkPreview(t, p, lines)
	}
}
