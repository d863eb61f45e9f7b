package roster

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"crosstalk/app"
)

// The files LibreOffice made as HR departments save their lists
// (testdata/gen/libreoffice.sh, issue 13). TestGolden compares each whole
// preview; these tests say what each file is for, so that a golden file
// rewritten with -update cannot quietly lose its point.

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readPreview(t *testing.T, name string, k Known) Preview {
	t.Helper()
	p, err := Read(name, readFile(t, name), k)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// entryRow is what a test expects of a row: its line, whether it is OK,
// and its entry's main fields.
type entryRow struct {
	line           int
	ok             bool
	no, name, kana string
	band           app.AgeBand
	themes         []string
	email          string
}

func checkRows(t *testing.T, p Preview, want []entryRow) {
	t.Helper()
	if len(p.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(p.Rows), len(want))
	}
	for i, w := range want {
		r := p.Rows[i]
		e := r.Entry
		if r.Line != w.line || r.OK != w.ok || e.EmployeeNo != w.no || e.Name != w.name || e.Kana != w.kana ||
			e.AgeBand != w.band || !slices.Equal(e.Themes, w.themes) || e.Email != w.email {
			t.Errorf("row %d: line %d, ok %v, entry %+v; want %+v", i, r.Line, r.OK, e, w)
		}
	}
}

// zipPart is the text of a part of a workbook.
func zipPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	f := findPart(z, name)
	if f == nil {
		t.Fatalf("no part %s", name)
	}
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(x)
}

// TestHRListCP932 is the list an HR department exports from Excel as its
// default CSV (CP932): ages as decades, a theme column, an address
// column, a column of its own, and one bad row, read as the import screen
// reads it, with no programme known and today's date. Every good row is
// accepted; the bad row is named by row and column.
func TestHRListCP932(t *testing.T) {
	b := readFile(t, "hr_cp932.csv")
	for what, bs := range map[string][]byte{"髙 as Windows writes it": {0xFB, 0xFC}, "﨑": {0xFA, 0xB1}, "㈱": {0x87, 0x8A},
		"half-width ﾀ": {0xC0}} {
		if !bytes.Contains(b, bs) {
			t.Errorf("hr_cp932.csv has no %s (% x)", what, bs)
		}
	}
	p, err := Read("社員名簿.csv", b, Known{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Encoding != EncodingSJIS {
		t.Errorf("encoding %s", p.Encoding)
	}
	checkRows(t, p, []entryRow{
		{2, true, "00123", "髙橋 一郎", "タカハシ イチロウ", "50s", []string{"セカンドキャリア", "学び直し"}, "takahashi.ichiro@example.co.jp"},
		{3, true, "00124", "山﨑 花子", "ヤマザキ ハナコ", "40s", []string{"介護との両立"}, "yamazaki.hanako@example.co.jp"},
		{4, true, "00125", "渡邊 恵子", "ワタナベ ケイコ", "60s", []string{"副業・兼業", "地域貢献"}, "watanabe.keiko@example.co.jp"},
		{5, true, "00126", "斎藤 健", "サイトウ ケン", "50s", []string{"健康", "資格取得"}, "saito.ken@example.co.jp"},
		{6, false, "00127", "森 茂", "モリ シゲル", "", []string{"起業"}, "mori.shigeru@example.co.jp"},
		{7, true, "00128", "小野 誠", "オノ マコト", "50s", []string{"転職", "海外経験"}, ""},
		{8, true, "00129", "後藤 浩", "ゴトウ ヒロシ", "60s", nil, "goto.hiroshi@example.co.jp"},
	})
	if want := []Problem{{Row: 6, Column: ColAgeBand, Code: ProblemAgeOutOfRange, Value: "30代", Index: 4}}; !slices.Equal(p.Problems, want) {
		t.Errorf("problems %+v, want %+v", p.Problems, want)
	}
	if want := []Problem{{Row: 1, Code: ProblemUnknownColumn, Value: "所属", Index: 5}}; !slices.Equal(p.Notes, want) {
		t.Errorf("notes %+v, want %+v", p.Notes, want)
	}
}

// TestAgeForms: decades, ages (a number cell and 58歳), birth dates as
// text and as a date cell, a band; three rows outside the ages served.
func TestAgeForms(t *testing.T) {
	b := readFile(t, "ages.xlsx")
	if sheet := zipPart(t, b, "xl/worksheets/sheet1.xml"); !strings.Contains(sheet, `<c r="D2" s="0" t="n"><v>52</v>`) ||
		!strings.Contains(sheet, `t="n"><v>24929</v>`) {
		t.Error("ages.xlsx lost its number cells: the age 52 and the date 1968-04-01")
	}
	p := readPreview(t, "ages.xlsx", known)
	var got []app.AgeBand
	for _, r := range p.Rows {
		got = append(got, r.Entry.AgeBand)
	}
	want := []app.AgeBand{"50-54", "55-59", "40s", "50s", "60s", "55-59", "55-59", "55-59", "55-59", "", "", ""}
	if !slices.Equal(got, want) {
		t.Errorf("bands %v, want %v", got, want)
	}
	wantProblems := []Problem{
		{Row: 11, Column: ColAgeBand, Code: ProblemAgeOutOfRange, Value: "30代", Index: 4},
		{Row: 12, Column: ColAgeBand, Code: ProblemAgeOutOfRange, Value: "38", Index: 4},
		{Row: 13, Column: ColAgeBand, Code: ProblemAgeOutOfRange, Value: "1996/4/1", Index: 4},
	}
	if !slices.Equal(p.Problems, wantProblems) {
		t.Errorf("problems %+v", p.Problems)
	}
}

// TestBirthDates: a 生年月日 column stands for the age: date cells whose
// text (04/01/68) tells the year only by the day number, a bare day
// number (24929), both shown as dates; an era date; the band is the one
// of the import day.
func TestBirthDates(t *testing.T) {
	b := readFile(t, "birthdates.xlsx")
	if !strings.Contains(zipPart(t, b, "xl/styles.xml"), `formatCode="mm/dd/yy"`) {
		t.Error("birthdates.xlsx has no date cells shown mm/dd/yy")
	}
	p := readPreview(t, "birthdates.xlsx", known)
	if !slices.Equal(p.Columns, []Column{ColEmployeeNo, ColName, ColKana, ColBirthDate}) {
		t.Errorf("columns %v", p.Columns)
	}
	var got []string
	for _, r := range p.Rows {
		got = append(got, r.Cells[ColBirthDate]+"="+string(r.Entry.AgeBand))
	}
	want := []string{"1968/4/1=55-59", "1975/12/8=50-54", "1968/4/1=55-59", "1961/4/1=60-65", "昭和48年7月7日=50-54",
		"1968/2/30=", "1996/4/1="}
	if !slices.Equal(got, want) {
		t.Errorf("birth dates %v, want %v", got, want)
	}
	wantProblems := []Problem{
		{Row: 7, Column: ColBirthDate, Code: ProblemBadBirthDate, Value: "1968/2/30", Index: 4},
		{Row: 8, Column: ColBirthDate, Code: ProblemAgeOutOfRange, Value: "1996/4/1", Index: 4},
	}
	if !slices.Equal(p.Problems, wantProblems) {
		t.Errorf("problems %+v", p.Problems)
	}
	// A day later, the one born on 8 December 1975 is 51: still 50-54;
	// the one born on 1 April 1961 is 65 until 1 April 2027.
	k := known
	k.Today = app.Date(2027, 4, 1)
	if p := readPreview(t, "birthdates.xlsx", k); p.Rows[3].Entry.AgeBand != "" || p.Problems[0].Row != 5 {
		t.Errorf("on 1 April 2027, born 1961/4/1: %q, problems %+v", p.Rows[3].Entry.AgeBand, p.Problems)
	}
}

// TestNameSplit: 姓 and 名 (セイ and メイ) under 氏名 and フリガナ merged
// across them, in a workbook and in the CSV saved from it, and in
// separate columns of one header row: joined with a space.
func TestNameSplit(t *testing.T) {
	b := readFile(t, "name_split.xlsx")
	if sheet := zipPart(t, b, "xl/worksheets/sheet1.xml"); !strings.Contains(sheet, `<mergeCell ref="B1:C1"/>`) ||
		!strings.Contains(sheet, `<mergeCell ref="D1:E1"/>`) || !strings.Contains(sheet, `<mergeCell ref="A1:A2"/>`) {
		t.Error("name_split.xlsx lost its merged header cells")
	}
	want := []entryRow{
		{3, true, "00201", "田中 誠", "タナカ マコト", "50s", nil, ""},
		{4, true, "00202", "佐藤 健一", "さとう けんいち", "55-59", nil, ""},
		{5, true, "00203", "李", "リ", "45-49", nil, ""},
		{6, false, "00204", "鈴木 浩", "スズキ Hiroshi", "60s", nil, ""},
	}
	for _, name := range []string{"name_split.xlsx", "name_split.csv"} {
		t.Run(name, func(t *testing.T) {
			p := readPreview(t, name, known)
			checkRows(t, p, want)
			if cols := []Column{ColEmployeeNo, ColFamilyName, ColGivenName, ColFamilyKana, ColGivenKana, ColAgeBand, ColCohort}; !slices.Equal(p.Columns, cols) {
				t.Errorf("columns %v", p.Columns)
			}
			if w := []Problem{{Row: 6, Column: ColGivenKana, Code: ProblemBadKana, Value: "Hiroshi", Index: 5}}; !slices.Equal(p.Problems, w) {
				t.Errorf("problems %+v", p.Problems)
			}
			if len(p.Notes) != 0 {
				t.Errorf("notes %+v", p.Notes)
			}
		})
	}
	p := readPreview(t, "name_columns.csv", known)
	checkRows(t, p, []entryRow{
		{2, true, "3001", "松本 直樹", "まつもと なおき", "50s", nil, ""},
		{3, true, "3002", "井上 秀樹", "いのうえ ひでき", "45-49", nil, ""},
		{4, true, "3003", "木村 明", "キムラ アキラ", "60s", nil, ""},
	})
	if len(p.Problems) != 0 || len(p.Notes) != 0 || p.Encoding != EncodingSJIS {
		t.Errorf("problems %+v, notes %+v, %s", p.Problems, p.Notes, p.Encoding)
	}
}

// TestUnnamedColumnFile: data in column D, which has no heading, is a
// problem of the header row naming the column.
func TestUnnamedColumnFile(t *testing.T) {
	p := readPreview(t, "no_header.csv", known)
	if w := []Problem{{Row: 1, Code: ProblemUnnamedColumn, Index: 4}}; !slices.Equal(p.Problems, w) || ColumnLetter(p.Problems[0].Index) != "D" {
		t.Errorf("problems %+v, want %+v (列 D)", p.Problems, w)
	}
	if len(p.Rows) != 3 || len(p.Notes) != 0 {
		t.Errorf("%d rows, notes %+v", len(p.Rows), p.Notes)
	}
}

// TestLostZeros: the workbook Excel made of a zero-padded list: every
// employee number is a number cell now, and each row says so in a note
// (the server matches them to the padded numbers); nothing stops the
// import.
func TestLostZeros(t *testing.T) {
	padded := readPreview(t, "padded.csv", known)
	lost := readPreview(t, "lost_zeros.xlsx", known)
	if len(lost.Problems) != 0 || len(padded.Problems) != 0 || len(padded.Notes) != 0 {
		t.Fatalf("problems %+v %+v, notes of padded.csv %+v", lost.Problems, padded.Problems, padded.Notes)
	}
	var notes []Problem
	for i, r := range lost.Rows {
		pe, le := padded.Rows[i].Entry, r.Entry
		if strings.TrimLeft(pe.EmployeeNo, "0") != le.EmployeeNo || pe.EmployeeNo == le.EmployeeNo {
			t.Errorf("row %d: %q in the CSV, %q in the workbook", r.Line, pe.EmployeeNo, le.EmployeeNo)
		}
		le.EmployeeNo = pe.EmployeeNo
		if !slices.Equal(le.Themes, pe.Themes) || le.Name != pe.Name || le.AgeBand != pe.AgeBand || le.Email != pe.Email {
			t.Errorf("row %d: %+v in the workbook, %+v in the CSV", r.Line, le, pe)
		}
		notes = append(notes, Problem{Row: r.Line, Column: ColEmployeeNo, Code: ProblemNumericEmployeeNo, Value: r.Entry.EmployeeNo, Index: 1})
	}
	if !slices.Equal(lost.Notes, notes) {
		t.Errorf("notes %+v, want %+v", lost.Notes, notes)
	}
}

// TestUnicodeText: Excel's 「Unicode テキスト」, UTF-16 LE with a BOM and
// tabs, saved as .txt.
func TestUnicodeText(t *testing.T) {
	b := readFile(t, "unicode.txt")
	if !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || !bytes.Contains(b, []byte{'\t', 0}) {
		t.Fatal("unicode.txt is not UTF-16 LE with a BOM and tabs")
	}
	p := readPreview(t, "unicode.txt", known)
	if p.Encoding != EncodingUTF16 || len(p.Problems) != 0 || len(p.Notes) != 0 {
		t.Errorf("%s, problems %+v, notes %+v", p.Encoding, p.Problems, p.Notes)
	}
	checkRows(t, p, []entryRow{
		{2, true, "5001", "近藤 一郎", "こんどう いちろう", "50s", []string{"セカンドキャリア", "後進育成"}, ""},
		{3, true, "5002", "坂本 直樹", "さかもと なおき", "60-65", []string{"定年後の働き方"}, ""},
		{4, true, "5003", "石田 陽子", "いしだ ようこ", "40s", nil, ""},
	})
}

// TestHeaderOnRow3: a header found under two title rows: its problems
// say row 3.
func TestHeaderOnRow3(t *testing.T) {
	p := readPreview(t, "title_rows.xlsx", known)
	if w := []Problem{{Row: 3, Column: ColAgeBand, Code: ProblemMissingColumn}}; !slices.Equal(p.Problems, w) {
		t.Errorf("problems %+v, want %+v", p.Problems, w)
	}
	if len(p.Rows) != 2 || p.Rows[0].Line != 4 || len(p.Notes) != 2 || p.Notes[1].Row != 2 {
		t.Errorf("rows %+v, notes %+v", p.Rows, p.Notes)
	}
}

// TestEmptyFiles: a sheet with nothing in it saved as CSV, and a header
// with nobody under it.
func TestEmptyFiles(t *testing.T) {
	if _, err := Read("empty.csv", readFile(t, "empty.csv"), known); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty.csv: %v, want ErrEmpty", err)
	}
	p := readPreview(t, "header_only.csv", known)
	if w := []Problem{{Code: ProblemNoRows}}; len(p.Rows) != 0 || !slices.Equal(p.Problems, w) || len(p.Columns) != 4 {
		t.Errorf("header only: %+v", p)
	}
}
