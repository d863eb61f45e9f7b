package admin

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

// importRow is a checked row of a roster file.
func importRow(line int, no, name, kana, band, cohort string, ok bool) roster.Row {
	e := app.RosterEntry{EmployeeNo: no, Name: name, Kana: kana, AgeBand: app.AgeBand(band), JobRole: "営業", Role: app.RoleParticipant}
	if cohort != "" {
		e.Cohorts = []string{"k-2026a"}
	}
	return roster.Row{Line: line, OK: ok, Entry: e, Cells: map[roster.Column]string{
		roster.ColEmployeeNo: no, roster.ColName: name, roster.ColKana: kana, roster.ColAgeBand: band,
		roster.ColJobRole: "営業", roster.ColCohort: cohort,
	}}
}

func newImportFixture(t *testing.T, role app.Role, p roster.Preview) (*fakeAdmin, *ImportView, fyne.Window) {
	t.Helper()
	f := newFakeAdmin(role)
	f.preview = p
	var v *ImportView
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		v = NewImportView(f, w)
		return v.Content()
	})
	v.Refresh()
	settle()
	return f, v, w
}

func TestImportPreviewListsProblems(t *testing.T) {
	p := roster.Preview{
		Encoding: "shift_jis",
		Columns:  importColumns,
		Rows: []roster.Row{
			importRow(2, "S0001", "山田 太郎", "やまだ たろう", "50-54", "2026年度 第1期", true),
			importRow(3, "S0002", "佐藤 花子", "さとう はなこ", "70-74", "2026年度 第1期", false),
			importRow(4, "S0001", "鈴木 一郎", "", "55-59", "秋の部", false),
		},
		Problems: []roster.Problem{
			{Row: 4, Column: roster.ColCohort, Code: roster.ProblemUnknownCohort, Value: "秋の部"},
			{Row: 3, Column: roster.ColAgeBand, Code: roster.ProblemBadAgeBand, Value: "70-74"},
			{Row: 4, Column: roster.ColEmployeeNo, Code: roster.ProblemDuplicateNo, Value: "2"},
			{Row: 4, Column: roster.ColKana, Code: roster.ProblemMissingValue},
		},
	}
	f, v, w := newImportFixture(t, app.RoleHR, p)
	// A programme created since the tab loaded is known to the check.
	f.mu.Lock()
	f.cohorts = append(f.cohorts, app.Cohort{ID: "k-new", Name: "秋の特別回"})
	f.mu.Unlock()
	v.Open("社員一覧.csv", []byte("x"))
	settle()
	if len(f.readWith) != 3 || f.readWith[2].ID != "k-new" {
		t.Errorf("checked against %+v", f.readWith)
	}
	if v.file.Text != "社員一覧.csv（CSV・Shift_JIS）" {
		t.Errorf("file %q", v.file.Text)
	}

	c := w.Content()
	uitest.WantTexts(t, "the import", c,
		"3行を読みました。問題が4件あります。ファイルを直してから、もう一度選んでください。",
		"3行目「年代」: 「70-74」は年代として読めません。50代、52、1968/4/1 のように書いてください。",
		"4行目「社員番号」: ほかの行（2行目）と社員番号が重なっています。社員番号は1人にひとつにしてください。",
		"4行目「ふりがな」: 空欄です。入力してください。",
		"4行目「プログラム」: 「秋の部」というプログラムはありません。事務局がお知らせしたプログラム名を、そのまま書いてください。",
	)
	// In order of line, then column as the table shows them.
	var listed []string
	for _, s := range paragraphTexts(v.problems) {
		listed = append(listed, s[:strings.Index(s, ":")])
	}
	if want := []string{"3行目「年代」", "4行目「社員番号」", "4行目「ふりがな」", "4行目「プログラム」"}; !reflect.DeepEqual(listed, want) {
		t.Errorf("problems in the order %q, want %q", listed, want)
	}
	if !v.run.Disabled() {
		t.Error("the import button is enabled with problems")
	}

	// The table marks the problem cells, and shows every row.
	if rows, cols := v.table.Length(); rows != 3 || cols != len(importColumns)+1 {
		t.Errorf("table of %d×%d", rows, cols)
	}
	for _, tc := range []struct {
		row, col int
		text     string
		marked   bool
	}{
		{0, 0, "2", false}, {0, 2, "山田 太郎", false}, {1, 0, "3", true}, {2, 0, "4", true},
		{1, 4, "70-74", true}, {1, 2, "佐藤 花子", false},
		{2, 1, "S0001", true}, {2, 3, "", true}, {2, 6, "秋の部", true},
	} {
		if text, marked := v.cellText(tc.row, tc.col); text != tc.text || marked != tc.marked {
			t.Errorf("cell %d,%d = %q marked %v, want %q %v", tc.row, tc.col, text, marked, tc.text, tc.marked)
		}
	}
	if h := v.headerText(4); h != "年代" {
		t.Errorf("header %q", h)
	}

	// Choosing a row shows its problems.
	v.showRow(2)
	if !strings.Contains(v.rowInfo.Text, "4行目「社員番号」") || !strings.Contains(v.rowInfo.Text, "4行目「プログラム」") {
		t.Errorf("row detail %q", v.rowInfo.Text)
	}
	v.showRow(0)
	if v.rowInfo.Text != "2行目に問題はありません。" {
		t.Errorf("row detail %q", v.rowInfo.Text)
	}
}

func TestImportWithoutProblems(t *testing.T) {
	p := roster.Preview{Encoding: "utf-8-bom", Columns: importColumns, Rows: []roster.Row{
		importRow(2, "S0001", "山田 太郎", "やまだ たろう", "50-54", "2026年度 第1期", true),
		importRow(3, "S0002", "佐藤 花子", "さとう はなこ", "55-59", "", true),
		importRow(4, "S0003", "鈴木 一郎", "すずき いちろう", "60-65", "2026年度 第1期", true),
	}}
	f, v, w := newImportFixture(t, app.RoleHR, p)
	v.Open("社員一覧.csv", []byte("x"))
	settle()
	uitest.WantTexts(t, "the import", w.Content(), "3行を読みました。問題はありません。「取り込む」を押すと登録します。", "問題は見つかりませんでした。")

	tapButton(t, w.Content(), "取り込む")
	if f.importedTo != "c-sakura" || !reflect.DeepEqual(f.imported, p.Entries()) {
		t.Errorf("imported %+v to %q, want %+v", f.imported, f.importedTo, p.Entries())
	}
	want := "取り込みました。追加 2人、更新 1人、変更なし 0人です。次は「招待」タブで招待コードを作ってください。"
	if v.status.Text() != want {
		t.Errorf("status %q, want %q", v.status.Text(), want)
	}
	if !v.run.Disabled() {
		t.Error("the same file can be imported twice")
	}
}

// The server kept the addresses some people confirmed themselves in the
// app: the result says so.
func TestImportSaysOwnAddressesKept(t *testing.T) {
	p := roster.Preview{Rows: []roster.Row{importRow(2, "S0001", "山田 太郎", "やまだ たろう", "50-54", "", true)}}
	f, v, w := newImportFixture(t, app.RoleHR, p)
	f.mu.Lock()
	f.ownKept = 1
	f.mu.Unlock()
	v.Open("a.csv", []byte("x"))
	settle()
	tapButton(t, w.Content(), "取り込む")
	want := "取り込みました。追加 0人、更新 1人、変更なし 0人です。うち 1人は、ご本人がアプリで確認したメールアドレスのままです。次は「招待」タブで招待コードを作ってください。"
	if got := v.status.Text(); got != want {
		t.Errorf("status %q, want %q", got, want)
	}
}

func TestImportOffline(t *testing.T) {
	p := roster.Preview{Rows: []roster.Row{importRow(2, "S0001", "山田 太郎", "やまだ たろう", "50-54", "", true)}}
	f, v, w := newImportFixture(t, app.RoleHR, p)
	v.Open("a.csv", []byte("x"))
	settle()
	f.mu.Lock()
	f.err = fmt.Errorf("import: %w", app.ErrOffline)
	f.mu.Unlock()
	tapButton(t, w.Content(), "取り込む")
	if got := v.status.Text(); got != "サーバーにつながりません。ネットワークを確かめて、もう一度お試しください。" {
		t.Errorf("status %q", got)
	}
	if v.run.Disabled() {
		t.Error("the import cannot be tried again")
	}
	// A rejection is told in its own words.
	f.mu.Lock()
	f.err = &app.Rejection{Code: app.CodeNotAllowed}
	f.mu.Unlock()
	tapButton(t, w.Content(), "取り込む")
	if got := v.status.Text(); got != lang.X("reject.not_allowed", "") || got == "" {
		t.Errorf("status %q", got)
	}
}

// The secretariat chooses the company first; the cohorts load for the
// check, and an unreadable file is told in words.
func TestImportSecretariatChoosesCompany(t *testing.T) {
	p := roster.Preview{Rows: []roster.Row{importRow(2, "A01", "田中 次郎", "たなか じろう", "45-49", "", true)}}
	f, v, w := newImportFixture(t, app.RoleSecretariat, p)
	v.Open("aozora.xlsx", []byte("x"))
	settle()
	if !v.run.Disabled() {
		t.Error("import possible before a company is chosen")
	}
	v.company.sel.SetSelected("あおぞら電機株式会社")
	tapButton(t, w.Content(), "取り込む")
	if f.importedTo != "c-aozora" {
		t.Errorf("imported to %q", f.importedTo)
	}

	f.previewErr = fmt.Errorf("roster: not a spreadsheet")
	v.Open("photo.xlsx", []byte("x"))
	settle()
	if !strings.HasPrefix(v.status.Text(), "このファイルは読めませんでした。") {
		t.Errorf("status %q", v.status.Text())
	}
	if !v.run.Disabled() {
		t.Error("import enabled after a failed read")
	}
}

// Every problem code and column has its words.
func TestImportTextsComplete(t *testing.T) {
	testapp.Japanese(t) // en.json has the same keys: package assets checks it
	for _, c := range roster.ProblemCodes {
		if s := lang.X("import.problem."+string(c), "\x00"); s == "\x00" {
			t.Errorf("no text for problem %q", c)
		}
	}
	for _, c := range append(importColumns, "line") {
		if s := lang.X("import.column."+string(c), "\x00"); s == "\x00" {
			t.Errorf("no text for column %q", c)
		}
	}
	if got := problemText(roster.Problem{Row: 0, Code: roster.ProblemBadEncoding}); !strings.HasPrefix(got, "ファイル全体: ") {
		t.Errorf("file problem %q", got)
	}
	if got := problemText(roster.Problem{Row: 5, Code: roster.ProblemWrongCellCount}); !strings.HasPrefix(got, "5行目: 列の数") {
		t.Errorf("row problem %q", got)
	}
	// A code newer than the view is still told in Japanese.
	if got := problemText(roster.Problem{Row: 6, Column: roster.ColJobRole, Code: "bad_job"}); got != "6行目「職種」: この欄の内容を確かめてください。" {
		t.Errorf("unknown problem %q", got)
	}
}

// A preview of 10,000 rows, half of them with a problem, is shown
// without a widget per row.
func TestImportLargePreview(t *testing.T) {
	var p roster.Preview
	for i := range 10000 {
		p.Rows = append(p.Rows, importRow(i+2, fmt.Sprintf("E%05d", i), "山田 太郎", "やまだ たろう", "50-54", "", i%2 == 0))
		if i%2 == 1 {
			p.Problems = append(p.Problems, roster.Problem{Row: i + 2, Column: roster.ColAgeBand, Code: roster.ProblemBadAgeBand, Value: "70-74"})
		}
	}
	_, v, _ := newImportFixture(t, app.RoleHR, p)
	v.Open("big.csv", []byte("x"))
	settle()
	if n := len(v.problems.Objects); n != importProblemsShown {
		t.Errorf("%d problems written out", n)
	}
	if !strings.HasPrefix(v.more.Text, "ほかに4800件の問題があります。") {
		t.Errorf("more %q", v.more.Text)
	}
	cells := 0
	uitest.Walk(v.table, func(o fyne.CanvasObject) {
		if _, ok := o.(*importCell); ok {
			cells++
		}
	})
	if cells == 0 || cells > 1000 {
		t.Errorf("%d cells made for 10,000 rows", cells)
	}
}
