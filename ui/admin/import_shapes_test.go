package admin

import (
	"slices"
	"testing"

	"crosstalk/ui/internal/uitest"
)

// The files HR departments have (issue 13), made by LibreOffice under
// app/roster/testdata, through the import tab as HR uses it.

// TestImportHRListShape: a CP932 list with decades, themes and addresses
// and one bad row: the row is named, in words, and nothing is sent.
func TestImportHRListShape(t *testing.T) {
	f, v, w := openRosterFile(t, "hr_cp932.csv")
	uitest.WantTexts(t, "the preview", w.Content(),
		"7行を読みました。問題が1件あります。ファイルを直してから、もう一度選んでください。",
		"6行目「年代」: 「30代」は、対象の年齢（45〜65歳）に入りません。",
		"1行目: 見出し「所属」の列は取り込みません。",
	)
	for _, c := range []struct {
		row, col int
		text     string
		marked   bool
	}{
		{0, 2, "髙橋 一郎", false}, {0, 4, "50代", false}, {0, 8, "セカンドキャリア、学び直し", false},
		{0, 9, "takahashi.ichiro@example.co.jp", false}, {4, 4, "30代", true},
	} {
		if text, marked := v.cellText(c.row, c.col); text != c.text || marked != c.marked {
			t.Errorf("cell %d,%d = %q marked %v, want %q %v", c.row, c.col, text, marked, c.text, c.marked)
		}
	}
	if !v.run.Disabled() {
		t.Fatal("the import button is enabled with a bad row")
	}
	v.run.OnTapped()
	settle()
	if f.imported != nil {
		t.Errorf("a file with a bad row was imported: %+v", f.imported)
	}
}

// TestImportShapesWithoutProblems: the name in two columns under a merged
// heading, Excel's Unicode text and a workbook whose employee numbers lost
// their zeros are imported as they read.
func TestImportShapesWithoutProblems(t *testing.T) {
	for _, c := range []struct {
		file, label string
		names       []string
		no          string
		texts       []string
		name, kana  string // the table's first row
	}{
		{file: "name_columns.csv", label: "name_columns.csv（CSV・Shift_JIS）", names: []string{"松本 直樹", "井上 秀樹", "木村 明"}, no: "3001",
			name: "松本 直樹", kana: "まつもと なおき"},
		{file: "unicode.txt", label: "unicode.txt（Unicode テキスト）", names: []string{"近藤 一郎", "坂本 直樹", "石田 陽子"}, no: "5001",
			name: "近藤 一郎", kana: "こんどう いちろう"},
		{file: "lost_zeros.xlsx", label: "lost_zeros.xlsx（Excel ブック）", names: []string{"前田 一郎", "村上 二郎", "山口 三郎", "吉川 四郎", "和田 五郎"},
			no: "301", name: "前田 一郎", kana: "マエダ イチロウ", texts: []string{
				"2行目「社員番号」: 社員番号が数値になっています。先頭の0が消えている可能性があります。登録済みの社員番号が0で桁をそろえてあれば、0を除いて照らし合わせます。"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			f, v, w := openRosterFile(t, c.file)
			if v.file.Text != c.label {
				t.Errorf("file %q", v.file.Text)
			}
			uitest.WantTexts(t, "the preview", w.Content(), c.texts...)
			if name, _ := v.cellText(0, 2); name != c.name {
				t.Errorf("name %q", name)
			}
			if kana, _ := v.cellText(0, 3); kana != c.kana {
				t.Errorf("reading %q", kana)
			}
			tapButton(t, w.Content(), "取り込む")
			settle()
			var names []string
			for _, e := range f.imported {
				names = append(names, e.Name)
			}
			if !slices.Equal(names, c.names) || f.imported[0].EmployeeNo != c.no {
				t.Errorf("imported %+v", f.imported)
			}
		})
	}
}

// TestImportNameSplitShape: 姓 and 名 under a merged 氏名 are shown joined;
// a problem of a part marks the name's cell and names the part.
func TestImportNameSplitShape(t *testing.T) {
	_, v, w := openRosterFile(t, "name_split.xlsx")
	uitest.WantTexts(t, "the preview", w.Content(),
		"6行目「名（ふりがな）」: 「Hiroshi」はふりがなとして使えません。ひらがなかカタカナで書いてください。")
	for _, c := range []struct {
		row, col int
		text     string
		marked   bool
	}{
		{0, 0, "3", false}, {0, 2, "田中 誠", false}, {0, 3, "タナカ マコト", false}, {2, 2, "李", false},
		{3, 3, "スズキ Hiroshi", true}, {3, 2, "鈴木 浩", false},
	} {
		if text, marked := v.cellText(c.row, c.col); text != c.text || marked != c.marked {
			t.Errorf("cell %d,%d = %q marked %v, want %q %v", c.row, c.col, text, marked, c.text, c.marked)
		}
	}
}

// TestImportAgeShapes: an age is shown with the band it gives; a decade
// as it is.
func TestImportAgeShapes(t *testing.T) {
	_, v, _ := openRosterFile(t, "ages.xlsx")
	for row, want := range map[int]string{0: "52（50〜54歳）", 1: "58歳（55〜59歳）", 2: "40代", 8: "55〜59歳"} {
		if text, _ := v.cellText(row, 4); text != want {
			t.Errorf("age of row %d: %q, want %q", row, text, want)
		}
	}
}

// TestImportHeaderProblemShapes: a column of data under no heading is
// named by its letter; a header under two title rows is on line 3; a
// file with nobody in it says so.
func TestImportHeaderProblemShapes(t *testing.T) {
	for _, c := range []struct {
		file  string
		texts []string
	}{
		{"no_header.csv", []string{"1行目: 列 D にデータがありますが、見出しがありません。見出しを書くか、列を消してください。"}},
		{"title_rows.xlsx", []string{"3行目「年代」: 「年代」の列がありません。3行目の見出しに「年代」の列を加えてください。",
			"1行目: 見出しより上の行「2026年度 クロストーク参加者名簿」は読み飛ばします。"}},
		{"header_only.csv", []string{"参加者の行がありません。見出しの行の下に、参加者を1行に1人ずつ書いてください。"}},
		{"empty.csv", []string{"このファイルは空です。参加者の一覧が入ったファイルを選んでください。"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			_, v, w := openRosterFile(t, c.file)
			uitest.WantTexts(t, "the preview", w.Content(), c.texts...)
			if !v.run.Disabled() {
				t.Error("the import button is enabled")
			}
		})
	}
}
