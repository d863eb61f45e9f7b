package roster

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"crosstalk/app"
)

var update = flag.Bool("update", false, "rewrite the golden previews under testdata")

// known are the cohorts the test files name. Two cohorts share the name
// 秋の回.
var known = Known{Cohorts: []app.Cohort{
	{ID: "c1", Name: "2026年度 第1期"},
	{ID: "c2", Name: "2026年度 第2期"},
	{ID: "c3", Name: "秋の回"},
	{ID: "c4", Name: "秋の回"},
}, Today: importDay}

// importDay is the day of the tests' imports, which gives the ages of
// birth dates: Monday 7 December 2026, 10:00 in Tokyo.
var importDay = time.Date(2026, 12, 7, 10, 0, 0, 0, app.Tokyo)

// testFiles are the roster files kept under testdata.
var testFiles = []string{"sjis.csv", "utf8bom.csv", "roster.xlsx", "broken.csv", "badheader.csv",
	// Made by LibreOffice (testdata/gen/libreoffice.sh), as HR departments
	// save their lists (issue 13).
	"hr_cp932.csv", "ages.xlsx", "birthdates.xlsx", "name_split.xlsx", "name_split.csv", "name_columns.csv",
	"no_header.csv", "padded.csv", "lost_zeros.xlsx", "unicode.txt", "title_rows.xlsx", "header_only.csv"}

// TestGolden reads each file under testdata and compares the whole
// preview with the one kept beside it in <file>.golden.json; go test
// -update rewrites those.
func TestGolden(t *testing.T) {
	for _, name := range testFiles {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Read(name, b, known)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(p, "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("preview of %s differs from %s:\n%s", name, golden, got)
			}
		})
	}
}

// TestFilesAreWhatTheyClaim guards the files under testdata against a
// regeneration that would quietly change their point.
func TestFilesAreWhatTheyClaim(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sjis := read("sjis.csv")
	for what, b := range map[string][]byte{
		"髙 (NEC-selected IBM extension)": {0xEE, 0xE0}, "㈱ (NEC row 13)": {0x87, 0x8A}, "① (NEC row 13)": {0x87, 0x40},
		"﨑": {0xED, 0x95}, "full-width ０": {0x82, 0x4F}, "half-width ﾀ": {0xC0}, "CRLF": {'\r', '\n'},
	} {
		if !bytes.Contains(sjis, b) {
			t.Errorf("sjis.csv has no %s (% x)", what, b)
		}
	}
	if bom := read("utf8bom.csv"); !bytes.HasPrefix(bom, []byte("\xEF\xBB\xBF")) || !bytes.Contains(bom, []byte("\"\"Key\"\"")) ||
		!bytes.Contains(bom, []byte("\r\n")) {
		t.Error("utf8bom.csv lacks its BOM, CRLF or quoted quotes")
	}
	if broken := read("broken.csv"); !bytes.Contains(broken, []byte{0xFF, 0xFE, 0xFD}) {
		t.Error("broken.csv lacks its bytes valid in no encoding")
	}
}

// TestConcurrentRead reads the files under testdata from several
// goroutines at once (run it with -race).
func TestConcurrentRead(t *testing.T) {
	var files [][]byte
	for _, name := range testFiles {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	done := make(chan error)
	for i := range 8 {
		go func() {
			_, err := Read(testFiles[i%len(files)], files[i%len(files)], known)
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
