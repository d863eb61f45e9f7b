package admin

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"crosstalk/ui/internal/testapp"
)

// TestProgrammeExportsInLibreOffice opens the programme results'
// exports in LibreOffice Calc, as TestExportsInLibreOffice does the
// dashboard's: the workbook saved by it as one CSV a sheet holds every
// cell as written (Japanese intact, the numbers, the free answers that
// start with = + - @ as their text), and the CSV opened in it keeps its
// Japanese, its figures as numbers and no cell as a formula.
func TestProgrammeExportsInLibreOffice(t *testing.T) {
	testapp.Japanese(t)
	dir := t.TempDir()
	d := programmeDashboard()
	var book, text bytes.Buffer
	if err := WriteProgrammeXLSX(&book, d, progCohort, progCompany, testNow, true); err != nil {
		t.Fatal(err)
	}
	if err := WriteProgrammeCSV(&text, d, progCohort, progCompany, testNow, true); err != nil {
		t.Fatal(err)
	}
	bookPath, csvPath := filepath.Join(dir, "programme.xlsx"), filepath.Join(dir, "programme-text.csv")
	if err := os.WriteFile(bookPath, book.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csvPath, text.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	// The workbook as CSV, UTF-8, each cell's value rather than as
	// shown, every sheet (the last option, -1) to a file of its own.
	fromBook := filepath.Join(dir, "from-xlsx")
	sheetFiles := sofficeSheetsCSV(t, dir, fromBook, bookPath)
	names, want := progWorkbook(true)
	if len(sheetFiles) != len(names) {
		t.Errorf("LibreOffice wrote %q for the sheets %q", sheetFiles, names)
	}
	for _, sheet := range names {
		raw, err := os.ReadFile(filepath.Join(fromBook, "programme-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no CSV of the sheet %s: %v", sheet, err)
		}
		cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte(bom))))
		cr.FieldsPerRecord = -1
		rows, err := cr.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var wantRows [][]string
		for _, row := range want[sheet] {
			var cells []string
			for _, c := range row {
				cells = append(cells, c.v)
			}
			wantRows = append(wantRows, cells)
		}
		for i, row := range rows { // a sheet's CSV is as wide as its widest row
			for len(row) > 0 && row[len(row)-1] == "" {
				row = row[:len(row)-1]
			}
			rows[i] = row
		}
		if !reflect.DeepEqual(rows, wantRows) {
			t.Errorf("the sheet %s, saved as CSV by LibreOffice:\n%q\nwant\n%q", sheet, rows, wantRows)
		}
	}

	// The workbook opened and saved again: the numbers still numbers,
	// the texts texts, no formula.
	again := filepath.Join(dir, "again")
	soffice(t, dir, again, "xlsx", "", bookPath)
	x := openXLSX(t, filepath.Join(again, "programme.xlsx"))
	checkWorkbook(t, "LibreOffice's workbook", x, names, want)

	// The CSV, read as Excel reads it: UTF-8, comma-separated.
	fromCSV := filepath.Join(dir, "from-csv")
	soffice(t, dir, fromCSV, "xlsx", "CSV:44,34,76,1", csvPath)
	y := openXLSX(t, filepath.Join(fromCSV, "programme-text.xlsx"))
	got := loSheet(t, y, y.GetSheetList()[0])
	japanese, numbers := 0, 0
	eachCSVCell(t, "programme", text.Bytes(), got, func(where, w string, cell loCell) {
		switch {
		case cell.formula != "":
			t.Errorf("%s: %q opens as the formula %q", where, w, cell.formula)
		case checkFigureOrText(t, where, w, cell):
			numbers++
		case strings.ContainsAny(w, "満足度気づき"):
			japanese++
		}
	})
	if japanese < 10 || numbers < 40 {
		t.Errorf("only %d Japanese texts and %d figures were compared", japanese, numbers)
	}
}

// sofficeSheetsCSV saves the workbook at path as CSV with LibreOffice,
// as soffice converts, one file a sheet: outDir/<name>-<sheet>.csv. It
// returns the names of the files written.
func sofficeSheetsCSV(t *testing.T, dir, outDir, path string) []string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("LibreOffice (soffice) is not on PATH; this test opens the exports in it. " +
			"Install it with: apt-get install -y --no-install-recommends libreoffice-calc-nogui " +
			"(Debian 12; .ci/run installs it)")
	}
	profile := url.URL{Scheme: "file", Path: filepath.Join(dir, "lo-profile")}
	args := []string{"-env:UserInstallation=" + profile.String(), "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", outDir, path}
	ctx, cancel := context.WithTimeout(context.Background(), sofficeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	// The sheets' Japanese names become file names: in UTF-8.
	cmd.Env = append(os.Environ(), "HOME="+dir, "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	files, err := filepath.Glob(filepath.Join(outDir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("soffice wrote no CSV: %v\n%s", err, out)
	}
	for i, f := range files {
		files[i] = filepath.Base(f)
	}
	return files
}
