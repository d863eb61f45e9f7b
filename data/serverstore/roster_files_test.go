package serverstore_test

import (
	"os"
	"path/filepath"
	"testing"

	"crosstalk/app"
	rosterfile "crosstalk/app/roster" // roster is admin_test.go's
	"crosstalk/data/internal/fixture"
)

// rosterFiles are the files of app/roster/testdata that LibreOffice made
// as HR departments save their lists (issue 13), each read as the import
// screen reads it.
var rosterFiles = []string{"hr_cp932.csv", "ages.xlsx", "birthdates.xlsx", "name_split.xlsx", "name_split.csv",
	"name_columns.csv", "no_header.csv", "padded.csv", "lost_zeros.xlsx", "unicode.txt"}

// readRosterFile reads a file of app/roster/testdata for company A's
// import on the fixture's day, and returns the entries of its rows
// without problems: what HR imports once the others are corrected or
// taken out.
func readRosterFile(t *testing.T, name string) []app.RosterEntry {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "app", "roster", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p, err := rosterfile.Read(name, b, rosterfile.Known{Cohorts: []app.Cohort{{ID: fixture.CoOpen, Name: "2026年度 第1期"}},
		Today: fixture.Now})
	if err != nil {
		t.Fatal(err)
	}
	var out []app.RosterEntry
	for _, r := range p.Rows {
		if r.OK {
			out = append(out, r.Entry)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has no row without problems", name)
	}
	return out
}

// Each shape of file imports, and the same file imported again writes
// nothing: no row, no version.
func TestImportRosterFilesTwice(t *testing.T) {
	for _, name := range rosterFiles {
		t.Run(name, func(t *testing.T) {
			st := open(t, fixture.Dataset())
			entries := readRosterFile(t, name)
			res, err := importRoster(t, st, entries)
			if err != nil || res != (app.ImportResult{Added: len(entries)}) {
				t.Fatalf("first import of %d entries: %+v, %v", len(entries), res, err)
			}
			before := fixture.Snapshot(t, st)
			res, err = importRoster(t, st, readRosterFile(t, name))
			if err != nil || res != (app.ImportResult{Unchanged: len(entries)}) {
				t.Fatalf("re-import: %+v, %v", res, err)
			}
			if fixture.Snapshot(t, st) != before {
				t.Fatal("re-importing the same file wrote something")
			}
		})
	}
}

// The workbook that Excel made of a zero-padded list, its 00301 now the
// number 301, finds the people the list imported: nobody is added, nothing
// is written, and the numbers stay as they were.
func TestImportLostZerosFile(t *testing.T) {
	st := open(t, fixture.Dataset())
	padded := readRosterFile(t, "padded.csv")
	if _, err := importRoster(t, st, padded); err != nil {
		t.Fatal(err)
	}
	before := fixture.Snapshot(t, st)
	lost := readRosterFile(t, "lost_zeros.xlsx")
	if lost[0].EmployeeNo != "301" {
		t.Fatalf("the workbook's first number is %q: it did not lose its zeros", lost[0].EmployeeNo)
	}
	res, err := importRoster(t, st, lost)
	if err != nil || res != (app.ImportResult{Unchanged: len(padded)}) {
		t.Fatalf("the workbook: %+v, %v", res, err)
	}
	if fixture.Snapshot(t, st) != before {
		t.Fatal("the workbook wrote something")
	}
	for _, e := range padded {
		byEmployeeNo(t, st, e.EmployeeNo)
	}
}

// Birth dates give the band on the day of the import, in Tokyo: on 25
// November 2026 someone born on 1 April 1968 is 58, one born on 8
// December 1975 still 50.
func TestImportBirthDatesOnTheDay(t *testing.T) {
	st := open(t, fixture.Dataset())
	if _, err := importRoster(t, st, readRosterFile(t, "birthdates.xlsx")); err != nil {
		t.Fatal(err)
	}
	for no, want := range map[string]app.AgeBand{"2001": "55-59", "2002": "50-54"} {
		if p := participantOf(t, st, byEmployeeNo(t, st, no).ParticipantID); p.AgeBand != want {
			t.Errorf("%s: %s, want %s", no, p.AgeBand, want)
		}
	}
}
