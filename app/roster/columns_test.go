package roster

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"crosstalk/app"
)

func TestAltHeaders(t *testing.T) {
	for _, c := range AltColumns {
		if len(Headers(c)) == 0 {
			t.Errorf("%s has no header names", c)
		}
		for _, n := range Headers(c) {
			if got, ok := HeaderColumn(n); !ok || got != c {
				t.Errorf("HeaderColumn(%q) = %q, %v; want %s", n, got, ok, c)
			}
		}
		if StandsFor(c) == c || !Required(StandsFor(c)) && c != ColGivenName && c != ColGivenKana {
			t.Errorf("%s stands for %s", c, StandsFor(c))
		}
	}
	for in, want := range map[string]Column{
		"姓": ColFamilyName, "名": ColGivenName, "姓（カナ）": ColFamilyKana, "名(ふりがな)": ColGivenKana, "ｾｲ": ColFamilyKana,
		"メイ": ColGivenKana, "Last Name": ColFamilyName, "生年月日": ColBirthDate, "Date of birth": ColBirthDate,
		"キャリアテーマ": ColThemes, "メールアドレス": ColEmail, "E-mail": ColEmail, "Ｅメール": ColEmail, "年齢": ColAgeBand,
	} {
		if got, ok := HeaderColumn(in); !ok || got != want {
			t.Errorf("HeaderColumn(%q) = %q, %v; want %s", in, got, ok, want)
		}
	}
	for _, l := range []struct {
		i    int
		want string
	}{{1, "A"}, {3, "C"}, {26, "Z"}, {27, "AA"}, {52, "AZ"}, {53, "BA"}, {16384, "XFD"}, {0, ""}} {
		if got := ColumnLetter(l.i); got != l.want {
			t.Errorf("ColumnLetter(%d) = %q, want %q", l.i, got, l.want)
		}
	}
}

// readCSV reads CSV text with the tests' known programmes.
func readText(t *testing.T, in string) Preview {
	t.Helper()
	p, err := Read("a.csv", []byte(in), known)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSplitHeaders(t *testing.T) {
	for _, tc := range []struct {
		what, in   string
		name, kana string
		line       int
		problems   []Problem
		notes      []Problem
	}{
		{what: "ふりがな merged over 姓 and 名",
			in:   "社員番号,氏名,,ふりがな,,年代\n,姓,名,姓,名,\n1,山田,太郎,やまだ,たろう,50代\n",
			name: "山田 太郎", kana: "やまだ たろう", line: 3},
		{what: "a name header over its parts, the reading in one column",
			in:   "社員番号,氏名,,フリガナ,年代\n,姓,名,,\n1,山田,太郎,ヤマダ タロウ,50代\n",
			name: "山田 太郎", kana: "ヤマダ タロウ", line: 3},
		{what: "a data row under the header is no second header",
			in:   "社員番号,氏名,,フリガナ,,年代\n1,姓,名,セイ,メイ,50代\n",
			name: "姓", kana: "セイ", line: 2,
			problems: []Problem{{Row: 1, Code: ProblemUnnamedColumn, Index: 3}, {Row: 1, Code: ProblemUnnamedColumn, Index: 5}}},
		{what: "separate columns, given name empty",
			in:   "社員番号,姓,名,セイ,メイ,年代\n1,李,,リ,,45-49\n",
			name: "李", kana: "リ", line: 2},
		{what: "the whole name wins over its parts",
			in:   "社員番号,氏名,姓,名,フリガナ,セイ,メイ,年代,生年月日\n1,山田 太郎,山田,太郎,ヤマダ タロウ,ヤマダ,タロウ,50代,1968/4/1\n",
			name: "山田 太郎", kana: "ヤマダ タロウ", line: 2,
			notes: []Problem{
				{Row: 1, Column: ColName, Code: ProblemIgnoredColumn, Value: "姓", Index: 3},
				{Row: 1, Column: ColName, Code: ProblemIgnoredColumn, Value: "名", Index: 4},
				{Row: 1, Column: ColKana, Code: ProblemIgnoredColumn, Value: "セイ", Index: 6},
				{Row: 1, Column: ColKana, Code: ProblemIgnoredColumn, Value: "メイ", Index: 7},
				{Row: 1, Column: ColAgeBand, Code: ProblemIgnoredColumn, Value: "生年月日", Index: 9},
			}},
		{what: "a given name without a family name",
			in:   "社員番号,名,フリガナ,年代\n1,太郎,タロウ,50代\n",
			name: "", kana: "タロウ", line: 2,
			problems: []Problem{{Row: 1, Column: ColName, Code: ProblemMissingColumn}}},
		{what: "an empty family name",
			in:   "社員番号,姓,名,セイ,メイ,年代\n1,,太郎,,タロウ,50代\n",
			name: "太郎", kana: "タロウ", line: 2,
			problems: []Problem{{Row: 2, Column: ColFamilyName, Code: ProblemMissingValue, Index: 2},
				{Row: 2, Column: ColFamilyKana, Code: ProblemMissingValue, Index: 4}}},
		{what: "a joined name too long",
			in:   "社員番号,姓,名,セイ,メイ,年代\n1," + strings.Repeat("長", 30) + "," + strings.Repeat("名", 30) + ",ナガ,ナ,50代\n",
			name: strings.Repeat("長", 30) + " " + strings.Repeat("名", 30), kana: "ナガ ナ", line: 2,
			problems: []Problem{{Row: 2, Column: ColFamilyName, Code: ProblemTooLong, Value: shorten(strings.Repeat("長", 30) + " " + strings.Repeat("名", 30)), Index: 2}}},
	} {
		t.Run(tc.what, func(t *testing.T) {
			p := readText(t, tc.in)
			if len(p.Rows) != 1 || p.Rows[0].Entry.Name != tc.name || p.Rows[0].Entry.Kana != tc.kana || p.Rows[0].Line != tc.line {
				t.Fatalf("rows %+v", p.Rows)
			}
			if !slices.Equal(p.Problems, tc.problems) && len(p.Problems)+len(tc.problems) > 0 {
				t.Errorf("problems %+v, want %+v", p.Problems, tc.problems)
			}
			if !slices.Equal(p.Notes, tc.notes) && len(p.Notes)+len(tc.notes) > 0 {
				t.Errorf("notes %+v, want %+v", p.Notes, tc.notes)
			}
		})
	}
}

func TestThemesAndEmail(t *testing.T) {
	long := strings.Repeat("長", app.MaxThemeRunes+1)
	in := "社員番号,氏名,ふりがな,年代,キャリアテーマ,メールアドレス\n" +
		"1,a,あ,50代,\"学び直し, 起業、学び直し\",ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ\n" +
		"2,b,い,50代,a、b、c、d、e、f、g、h、i、j、k,山田 <taro@example.co.jp>\n" +
		"3,c,う,50代," + long + ",taro@localhost\n" +
		"4,d,え,50代,\"健康\n転職\",\n" +
		"5,e,お,50代,セカンドキャリア・学び直し,taro@example.co.jp\n"
	p := readText(t, in)
	// Rows 3 and 4 have too many themes and one too long: their entries
	// keep them, but the rows are not imported.
	want := [][]string{{"学び直し", "起業"}, strings.Split("a,b,c,d,e,f,g,h,i,j,k", ","), {long}, {"健康", "転職"},
		{"セカンドキャリア", "学び直し"}}
	emails := []string{"taro@example.co.jp", "", "", "", "taro@example.co.jp"}
	for i, r := range p.Rows {
		if !slices.Equal(r.Entry.Themes, want[i]) {
			t.Errorf("row %d: themes %q, want %q", r.Line, r.Entry.Themes, want[i])
		}
		if r.Entry.Email != emails[i] {
			t.Errorf("row %d: address %q, want %q", r.Line, r.Entry.Email, emails[i])
		}
	}
	wantProblems := []Problem{
		{Row: 3, Column: ColThemes, Code: ProblemTooManyThemes, Value: "11", Index: 5},
		{Row: 3, Column: ColEmail, Code: ProblemBadEmail, Value: "山田 <taro@example.co.jp>", Index: 6},
		{Row: 4, Column: ColThemes, Code: ProblemTooLong, Value: long, Index: 5},
		{Row: 4, Column: ColEmail, Code: ProblemBadEmail, Value: "taro@localhost", Index: 6},
	}
	if !slices.Equal(p.Problems, wantProblems) {
		t.Errorf("problems %+v, want %+v", p.Problems, wantProblems)
	}
	if got := p.Rows[3].Cells[ColThemes]; got != "健康、転職" {
		t.Errorf("a cell of themes on two lines reads %q", got)
	}
}

// TestExcelDateCell: a birth date typed into Excel becomes a date cell of
// the built-in format 14, which Japanese Excel shows 1968/4/1 and which
// excelize writes 04-01-68: the day number gives the date, and the
// preview shows it as Japanese Excel does. A workbook of the 1904 date
// system counts from 1904.
func TestExcelDateCell(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		f := excelize.NewFile()
		s := "Sheet1"
		if date1904 {
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
				t.Fatal(err)
			}
		}
		f.SetSheetRow(s, "A1", &[]any{"社員番号", "氏名", "ふりがな", "生年月日", "年齢"})
		serial := 24929.0 // 1 April 1968
		if date1904 {
			serial -= 1462
		}
		f.SetSheetRow(s, "A2", &[]any{"1", "a", "あ", serial, 52})
		style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle(s, "D2", "D2", style)
		f.SetSheetRow(s, "A3", &[]any{"2", "b", "い", "1968/4/1", serial})
		f.SetCellStyle(s, "E3", "E3", style)
		p := readWorkbook(t, f, "a.xlsx")
		f.Close()
		// The age column wins over the birth date; a date cell there is a
		// birth date too.
		if len(p.Rows) != 2 || p.Rows[0].Entry.AgeBand != "50-54" || p.Rows[1].Entry.AgeBand != "55-59" ||
			p.Rows[1].Cells[ColAgeBand] != "1968/4/1" || len(p.Problems) != 0 {
			t.Errorf("1904 %v: rows %+v, problems %+v", date1904, p.Rows, p.Problems)
		}
		f = excelize.NewFile()
		if date1904 {
			f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904})
		}
		f.SetSheetRow(s, "A1", &[]any{"社員番号", "氏名", "ふりがな", "生年月日"})
		f.SetSheetRow(s, "A2", &[]any{"1", "a", "あ", serial})
		f.SetCellStyle(s, "D2", "D2", style)
		p = readWorkbook(t, f, "a.xlsx")
		f.Close()
		if len(p.Rows) != 1 || p.Rows[0].Cells[ColBirthDate] != "1968/4/1" || p.Rows[0].Entry.AgeBand != "55-59" {
			t.Errorf("1904 %v: rows %+v, problems %+v", date1904, p.Rows, p.Problems)
		}
	}
}

func TestScanNumbers(t *testing.T) {
	x := `<?xml version="1.0"?><x:worksheet xmlns:x="urn:x"><x:sheetData>` +
		`<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2"><x:f>A1+1</x:f><x:v>124</x:v></x:c><x:c r="D2" t="n"><x:v>3.5</x:v></x:c></x:row>` +
		`<x:row><x:c><x:v>7</x:v></x:c><x:c t="inlineStr"><x:is><x:t>8</x:t></x:is></x:c><x:c t='n' s='1'><x:v> 9 </x:v></x:c><x:c/></x:row>` +
		`<row r="9"><c r="B9" t="str"><f>"a"</f><v>a</v></c><c r="AA9" t="b"><v>1</v></c><c r="AB9"><v>10</v></c></row>` +
		`</x:sheetData></x:worksheet>`
	got := scanNumbers([]byte(x))
	want := map[int][]numCell{2: {{2, "124"}, {3, "3.5"}}, 3: {{0, "7"}, {2, "9"}}, 9: {{27, "10"}}}
	if len(got) != len(want) {
		t.Fatalf("scanNumbers = %v, want %v", got, want)
	}
	for row, cells := range want {
		if !slices.Equal(got[row], cells) {
			t.Errorf("row %d: %v, want %v", row, got[row], cells)
		}
	}
	// Broken XML is read as far as it goes, never with a panic.
	for _, broken := range []string{`<c r="A1"><v>1`, `<c r="A1" t=><v>1</v></c>`, `<c r="1A"><v>1</v></c>`, `<row r="x"><c><v>`, `<`, `<c`} {
		scanNumbers([]byte(broken))
	}
}

// TestBirthDateDayNumber: a CSV saved from a sheet whose birth dates were
// General gives their day numbers; in a birth-date column they are
// dates, in an age column they are not ages.
func TestBirthDateDayNumber(t *testing.T) {
	p := readText(t, "社員番号,氏名,ふりがな,生年月日\n1,a,あ,24929\n2,b,い,2999\n")
	if p.Rows[0].Entry.AgeBand != "55-59" || p.Rows[0].Cells[ColBirthDate] != "24929" {
		t.Errorf("day number 24929: %+v", p.Rows[0])
	}
	if w := []Problem{{Row: 3, Column: ColBirthDate, Code: ProblemBadBirthDate, Value: "2999", Index: 4}}; !slices.Equal(p.Problems, w) {
		t.Errorf("problems %+v", p.Problems)
	}
	p = readText(t, "社員番号,氏名,ふりがな,年齢\n1,a,あ,24929\n")
	if w := []Problem{{Row: 2, Column: ColAgeBand, Code: ProblemBadAgeBand, Value: "24929", Index: 4}}; !slices.Equal(p.Problems, w) {
		t.Errorf("problems %+v", p.Problems)
	}
}

// TestREADMEListsHeaders: the HR guide in the README names every header
// the import reads, each as 「name」, so that it says exactly what is read.
func TestREADMEListsHeaders(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	guide := string(b)
	if i := strings.Index(guide, "2. **取り込み**"); i >= 0 {
		guide = guide[i:]
		if j := strings.Index(guide, "3. **招待**"); j >= 0 {
			guide = guide[:j]
		}
	} else {
		t.Fatal("the README has no 取り込み item")
	}
	for _, c := range append(append([]Column{}, Columns...), AltColumns...) {
		for _, n := range Headers(c) {
			if !strings.Contains(guide, "「"+n+"」") {
				t.Errorf("the README's 取り込み item does not name the header 「%s」 (%s)", n, c)
			}
		}
	}
}
