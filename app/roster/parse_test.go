package roster

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"

	"crosstalk/app"
)

func TestParseAgeBand(t *testing.T) {
	for in, want := range map[string]app.AgeBand{
		"45-49": "45-49", "50-54": "50-54", "55-59": "55-59", "60-65": "60-65",
		"50〜54": "50-54", "50～54": "50-54", "50~54": "50-54", "50～54歳": "50-54", "50歳〜54歳": "50-54",
		"５０－５４": "50-54", "５０〜５４歳": "50-54", "50−54": "50-54", "50–54": "50-54", "50ー54": "50-54",
		" 55 - 59 ": "55-59", "55才～59才": "55-59", "60-64": "60-65", "60～64歳": "60-65",
		"40代後半": "45-49", "50代前半": "50-54", "50代後半": "55-59", "60代前半": "60-65", "５０代 前半": "50-54",
		// Not bands.
		"": "", "50": "", "52歳": "", "50代": "", "60代": "", "60代後半": "", "40-44": "", "50-59": "",
		"45-50": "", "65-69": "", "50-54-59": "", "050-54": "", "50-540": "", "50/54": "", "fifty": "",
		"50歳-": "", "-54": "", "50--54": "",
	} {
		got, ok := ParseAgeBand(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseAgeBand(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]app.Role{
		"": app.RoleParticipant, "参加者": app.RoleParticipant, "participant": app.RoleParticipant,
		"Participant": app.RoleParticipant, " 参加者　": app.RoleParticipant,
		"人事": app.RoleHR, "hr": app.RoleHR, "HR": app.RoleHR, "ＨＲ": app.RoleHR, "人事担当者": app.RoleHR,
		"事務局": "", "secretariat": "", "admin": "", "一般": "",
	} {
		got, ok := ParseRole(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestHeaders(t *testing.T) {
	seen := map[string]Column{}
	for _, c := range Columns {
		names := Headers(c)
		if len(names) == 0 {
			t.Errorf("%s has no header names", c)
		}
		for _, n := range names {
			k := headerKey(n)
			if d, ok := seen[k]; ok && d != c {
				t.Errorf("header %q names both %s and %s", n, d, c)
			}
			seen[k] = c
			if got, ok := HeaderColumn(n); !ok || got != c {
				t.Errorf("HeaderColumn(%q) = %q, %v; want %s", n, got, ok, c)
			}
		}
	}
	for in, want := range map[string]Column{
		"社員番号（必須）": ColEmployeeNo, "Employee_Number": ColEmployeeNo, "ＥＭＰＬＯＹＥＥ　ＮＯ": ColEmployeeNo,
		"従業員No.": ColEmployeeNo, "氏名※": ColName, "ﾌﾘｶﾞﾅ": ColKana, "氏名（カナ）": ColKana, "氏名(漢字)": ColName,
		"Age Band": ColAgeBand, "年齢層": ColAgeBand, "Job Role": ColJobRole, "コホート": ColCohort, "権限": ColRole,
		"【必須】氏名": ColName,
	} {
		if got, ok := HeaderColumn(in); !ok || got != want {
			t.Errorf("HeaderColumn(%q) = %q, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "部署", "メール", "氏名漢字カナ", "個人番号"} {
		if c, ok := HeaderColumn(in); ok {
			t.Errorf("HeaderColumn(%q) = %s", in, c)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		c      Column
		in, up string
	}{
		{ColEmployeeNo, "　００１２３　", "00123"},
		{ColEmployeeNo, "Ａ－００４２", "A-0042"},
		{ColEmployeeNo, "A−0042", "A-0042"},
		{ColEmployeeNo, "Aｰ0042", "A-0042"},
		{ColEmployeeNo, "Aー0042", "A-0042"},
		{ColName, " 髙橋　\t一郎 ", "髙橋 一郎"},
		{ColName, "ＡＢＣ商事", "ＡＢＣ商事"}, // kept as written
		{ColName, "佐藤\r\n健一", "佐藤 健一"},
		{ColKana, "ﾀｶﾊｼ　ｲﾁﾛｳ", "タカハシ イチロウ"},
		{ColKana, "ｶﾞｷﾞﾊﾟｳﾞｰ", "ガギパヴー"},
		{ColKana, "たかはし", "たかはし"},
		{ColJobRole, "㈱出向①", "㈱出向①"},
		{ColJobRole, "a\u200bb\x00c", "a b c"},
		{ColCohort, " 第1期 、第2期;第1期\n 第3期 ,", "第1期、第2期、第3期"},
		{ColAgeBand, "５０－５４", "50-54"},
	} {
		if got := Normalize(tc.c, tc.in); got != tc.up {
			t.Errorf("Normalize(%s, %q) = %q, want %q", tc.c, tc.in, got, tc.up)
		}
	}
}

func TestDetectEncoding(t *testing.T) {
	enc := func(s string) []byte {
		b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct {
		in   []byte
		want string
	}{
		{[]byte("a,b\n"), EncodingUTF8},
		{[]byte("氏名\n"), EncodingUTF8},
		{[]byte("\xEF\xBB\xBF氏名\n"), EncodingUTF8BOM},
		{[]byte("\xFF\xFEa\x00"), EncodingUTF16},
		{enc("氏名,ふりがな\n髙橋,たかはし\n"), EncodingSJIS},
		{append(enc("氏名\n髙橋\n"), "\xFF\n"...), EncodingSJIS},
		{[]byte("氏名\n山田\n\x83\x41\n"), EncodingUTF8}, // two rows UTF-8, one Shift_JIS
	} {
		if got := DetectEncoding(tc.in); got != tc.want {
			t.Errorf("DetectEncoding(% x) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestCP932 reads the characters that exist only in CP932, in the codes
// Windows writes for them: 髙 and 﨑 as IBM extensions (FBFC, FAB1), their
// NEC-selected twins (EEE0, ED95), ① and ㈱ (NEC row 13), and 〜 as the
// wave 8160, which Windows reads as U+FF5E.
func TestCP932(t *testing.T) {
	head := "社員番号,氏名,ふりがな,年代,職種\r\n"
	h, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(head))
	row := []byte("1,\xFB\xFC\x8b\xb4 \xfa\xb1,\x82\xbd\x82\xa9,50\x81\x6054,\x87\x8a\x87\x40\xee\xe0\xed\x95\r\n")
	p, err := Read("x.csv", append(h, row...), Known{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Encoding != EncodingSJIS || len(p.Problems) != 0 || len(p.Rows) != 1 {
		t.Fatalf("preview %+v", p)
	}
	e := p.Rows[0].Entry
	if e.Name != "髙橋 﨑" || e.Kana != "たか" || e.AgeBand != "50-54" || e.JobRole != "㈱①髙﨑" {
		t.Errorf("entry %+v", e)
	}
}

func TestReadErrors(t *testing.T) {
	xlsx, err := os.ReadFile(filepath.Join("testdata", "roster.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("a"), MaxBytes+1)
	var many bytes.Buffer
	many.WriteString("社員番号,氏名,ふりがな,年代\n")
	for i := 0; i <= MaxRows; i++ {
		many.WriteString("1,a,あ,50-54\n")
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"a.csv", nil, ErrEmpty},
		{"a.csv", []byte("\xEF\xBB\xBF"), ErrEmpty},
		{"a.csv", []byte("\r\n,,,\r\n \r\n"), ErrEmpty},
		{"a.csv", big, ErrTooLarge},
		{"a.csv", many.Bytes(), ErrTooManyRows},
		{"a.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotSpreadsheet},
		{"a.xlsx", []byte("社員番号,氏名\n"), ErrNotSpreadsheet},
		{"a.xlsx", xlsx[:len(xlsx)/2], ErrNotSpreadsheet},                         // cut short
		{"a.xlsx", append([]byte("PK\x03\x04"), xlsx[40:]...), ErrNotSpreadsheet}, // garbage after the magic
		{"a.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), ErrLegacyExcel},
	} {
		_, err := Read(tc.name, tc.in, known)
		if !errors.Is(err, tc.want) {
			t.Errorf("Read(%s, %.20q…) = %v, want %v", tc.name, tc.in, err, tc.want)
		}
	}
	// Exactly MaxRows data rows, with blank lines after them, are read.
	ok := bytes.TrimSuffix(many.Bytes(), []byte("1,a,あ,50-54\n"))
	ok = append(ok, "\n\n,,,\n"...)
	if p, err := Read("a.csv", ok, known); err != nil || len(p.Rows) != MaxRows {
		t.Errorf("%d rows: %d, %v", MaxRows, len(p.Rows), err)
	}
}

func TestReadCSVForms(t *testing.T) {
	for _, tc := range []struct {
		what, in string
		want     []string // the names read, in order
		problems []ProblemCode
	}{
		{"tabs", "氏名\t社員番号\tよみ\t年代\n山田 太郎\t1\tやまだ\t50-54\n", []string{"山田 太郎"}, nil},
		{"CR only", "氏名,社員番号,よみ,年代\r山田,1,やまだ,50-54\r鈴木,2,すずき,45-49", []string{"山田", "鈴木"}, nil},
		{"no final newline", "氏名,社員番号,よみ,年代\n山田,1,やまだ,50-54", []string{"山田"}, nil},
		{"quote inside a cell", "氏名,社員番号,よみ,年代\n山\"田,1,やまだ,50-54\n", []string{"山\"田"}, nil},
		{"text after a closing quote", "氏名,社員番号,よみ,年代\n\"山\"田,1,やまだ,50-54\n", []string{"山田"}, nil},
		{"unclosed quote", "氏名,社員番号,よみ,年代\n山田,1,やまだ,50-54\n\"鈴木,2,すずき,45-49\n", []string{"山田", "鈴木,2,すずき,45-49"},
			[]ProblemCode{ProblemWrongCellCount, ProblemUnclosedQuote, ProblemMissingValue, ProblemMissingValue, ProblemMissingValue}},
		{"trailing empty cells", "氏名,社員番号,よみ,年代,,\n山田,1,やまだ,50-54,,,,\n", []string{"山田"}, nil},
		{"a row of commas", "氏名,社員番号,よみ,年代\n山田,1,やまだ,50-54" + strings.Repeat(",", 5<<20) + "x\n", []string{"山田"},
			[]ProblemCode{ProblemWrongCellCount}},
		{"a row of commas only", "氏名,社員番号,よみ,年代\n山田,1,やまだ,50-54\n" + strings.Repeat(",", 20000) + "x\n", []string{"山田", ""},
			[]ProblemCode{ProblemWrongCellCount, ProblemMissingValue, ProblemMissingValue, ProblemMissingValue, ProblemMissingValue}},
		{"a header too wide", "氏名,社員番号,よみ,年代" + strings.Repeat(",", 20000) + "x\n山田,1,やまだ,50-54\n", []string{"山田"},
			[]ProblemCode{ProblemWrongCellCount}}, // and no panic
		{"header only", "氏名,社員番号,よみ,年代\n\n", nil, []ProblemCode{ProblemNoRows}},
	} {
		p, err := Read("a.csv", []byte(tc.in), known)
		if err != nil {
			t.Errorf("%s: %v", tc.what, err)
			continue
		}
		var names []string
		for _, r := range p.Rows {
			names = append(names, r.Entry.Name)
		}
		var codes []ProblemCode
		for _, pr := range p.Problems {
			codes = append(codes, pr.Code)
		}
		if strings.Join(names, "|") != strings.Join(tc.want, "|") || !slices.Equal(codes, tc.problems) {
			t.Errorf("%s: names %q, problems %+v", tc.what, names, p.Problems)
		}
	}
}

func TestUTF16(t *testing.T) {
	// Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
	s := "社員番号\t氏名\tフリガナ\t年代\r\n1\t髙橋 一郎\tタカハシ\t50-54\r\n"
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	be := []byte{0xFE, 0xFF}
	for _, r := range s {
		be = append(be, byte(r>>8), byte(r))
	}
	for _, b := range [][]byte{b, be} {
		p, err := Read("a.txt", b, known)
		if err != nil {
			t.Fatal(err)
		}
		if p.Encoding != EncodingUTF16 || len(p.Problems) != 0 || len(p.Rows) != 1 || p.Rows[0].Entry.Name != "髙橋 一郎" {
			t.Errorf("preview of % x…: %+v", b[:4], p)
		}
	}
}

func TestXLSXCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	f.SetSheetRow(s, "A1", &[]any{"社員番号", "氏名", "ふりがな", "年代"})
	f.SetSheetRow(s, "A2", &[]any{"00123", "a", "あ", "50-54"})
	f.SetSheetRow(s, "A3", &[]any{123, "b", "い", "50-54"})
	f.SetSheetRow(s, "A4", &[]any{123.0, "c", "う", "50-54"})
	f.SetCellFormula(s, "A5", "=A3+1")
	f.SetSheetRow(s, "B5", &[]any{"d", "え", "50-54"})
	f.SetSheetRow(s, "A6", &[]any{1234567, "e", "お", "50-54"})
	p := readWorkbook(t, f, "a.XLSX")
	var nos []string
	for _, r := range p.Rows {
		nos = append(nos, r.Entry.EmployeeNo)
	}
	// A formula without a cached value reads as empty: Excel stores the
	// value when it saves, excelize does not.
	if got := strings.Join(nos, ","); got != "00123,123,123,,1234567" {
		t.Errorf("employee numbers %s", got)
	}
}

func TestDuplicateValue(t *testing.T) {
	var b strings.Builder
	b.WriteString("社員番号,氏名,ふりがな,年代\n")
	for range 7 {
		b.WriteString("7,a,あ,50-54\n")
	}
	b.WriteString("6,a,あ,50-54\n")
	for range 5 {
		b.WriteString("6,a,あ,50-54\n")
	}
	p, err := Read("a.csv", []byte(b.String()), known)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{2: "3,4,5,6,7,…", 8: "2,3,4,5,6,…", 9: "10,11,12,13,14", 14: "9,10,11,12,13"}
	n := 0
	for _, pr := range p.Problems {
		if pr.Code != ProblemDuplicateNo {
			t.Errorf("problem %+v", pr)
		}
		if w, ok := want[pr.Row]; ok && pr.Value != w {
			t.Errorf("row %d: value %q, want %q", pr.Row, pr.Value, w)
		}
		n++
	}
	if n != 13 {
		t.Errorf("%d problems, want 13", n)
	}
}

func TestTextFormula(t *testing.T) {
	in := "氏名,社員番号,よみ,年代\n山田,=\"00123\",やまだ,50-54\n鈴木,\"=\"\"00124\"\"\",すずき,50-54\n" +
		"林,=\"a\"&\"b\",はやし,50-54\n"
	p, err := Read("a.csv", []byte(in), known)
	if err != nil {
		t.Fatal(err)
	}
	var nos []string
	for _, r := range p.Rows {
		nos = append(nos, r.Entry.EmployeeNo)
	}
	if got := strings.Join(nos, " "); got != `00123 00124 ="a"&"b"` {
		t.Errorf("employee numbers %s", got)
	}
}

func TestProblemCodes(t *testing.T) {
	seen := map[ProblemCode]bool{}
	for _, c := range ProblemCodes {
		if seen[c] || c == "" {
			t.Errorf("code %q twice or empty", c)
		}
		seen[c] = true
	}
	if len(seen) != 23 {
		t.Errorf("%d codes", len(seen))
	}
}

func TestNotes(t *testing.T) {
	in := "参加者名簿\n\n社員番号,,氏名,ふりがな,年代,メール,\n1,x,a,あ,50-54,a@example.com\n2,,b,い,50-54,,\n"
	p, err := Read("a.csv", []byte(in), known)
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Row: 1, Code: ProblemSkippedRow, Value: "参加者名簿"},
		{Row: 3, Code: ProblemUnknownColumn, Value: "メール", Index: 6},
	}
	// Column B has data but no header: a problem that names it (issue 13),
	// no longer a note. Column G, empty to the end, is nothing.
	problems := []Problem{{Row: 3, Code: ProblemUnnamedColumn, Index: 2}}
	if !slices.Equal(p.Problems, problems) || len(p.Rows) != 2 || !slices.Equal(p.Notes, want) {
		t.Errorf("problems %+v, notes %+v", p.Problems, p.Notes)
	}
}

func TestXLSXFirstSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"番号", "名前"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"1", "a"})
	f.NewSheet("Sheet2")
	f.SetSheetRow("Sheet2", "A1", &[]any{"x"})
	// No sheet has a header we know: the first is read, and says so.
	p := readWorkbook(t, f, "a.xlsx")
	if p.Sheet != "Sheet1" || len(p.Rows) != 1 || len(p.Columns) != 1 {
		t.Errorf("preview %+v", p)
	}
	var codes []ProblemCode
	for _, pr := range p.Problems {
		codes = append(codes, pr.Code)
	}
	if !slices.Equal(codes, []ProblemCode{ProblemMissingColumn, ProblemMissingColumn, ProblemMissingColumn}) {
		t.Errorf("problems %+v", p.Problems)
	}
}

// TestXLSXHiddenSheet: a hidden worksheet, even one with the header, is
// not read; the visible one is.
func TestXLSXHiddenSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"社員番号", "氏名", "ふりがな"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"1", "隠れた 人", "かくれた ひと"})
	second, err := f.NewSheet("Sheet2")
	if err != nil {
		t.Fatal(err)
	}
	f.SetActiveSheet(second) // Excel hides no active sheet
	f.SetSheetRow("Sheet2", "A1", &[]any{"社員番号", "氏名", "ふりがな"})
	f.SetSheetRow("Sheet2", "A2", &[]any{"2", "見える 人", "みえる ひと"})
	f.SetSheetRow("Sheet2", "A3", &[]any{"3", "見える 二人目", "みえる ふたりめ"})
	if err := f.SetSheetVisible("Sheet1", false); err != nil {
		t.Fatal(err)
	}
	p := readWorkbook(t, f, "a.xlsx")
	if p.Sheet != "Sheet2" || len(p.Rows) != 2 {
		t.Errorf("read sheet %q with %d rows, want the visible Sheet2 with 2", p.Sheet, len(p.Rows))
	}
}

// TestXLSXZipBomb: a small workbook that would unzip to more than
// maxUnzipped is refused as too large, before anything is unzipped.
func TestXLSXZipBomb(t *testing.T) {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "xl/worksheets/sheet1.xml" {
			chunk := bytes.Repeat([]byte("<row/>"), 1<<16)
			for range (maxUnzipped / len(chunk)) + 1 {
				w.Write(chunk)
			}
		} else {
			w.Write([]byte("<x/>"))
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes", b.Len())
	}
	if _, err := Read("bomb.xlsx", b.Bytes(), known); err != ErrTooLarge {
		t.Errorf("Read of a zip bomb: %v, want ErrTooLarge", err)
	}
}

// readWorkbook saves f and reads it back as the file name.
func readWorkbook(t *testing.T, f *excelize.File, name string) Preview {
	t.Helper()
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	p, err := Read(name, b.Bytes(), known)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTemplate(t *testing.T) {
	p, err := Read("template.csv", Template(), known)
	if err != nil {
		t.Fatal(err)
	}
	if p.Encoding != EncodingUTF8BOM || !slices.Equal(p.Columns, Columns) ||
		!slices.Equal(p.Problems, []Problem{{Code: ProblemNoRows}}) || len(p.Notes) != 0 {
		t.Errorf("template: %+v", p)
	}
}
