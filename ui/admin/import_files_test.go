package admin

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/internal/uitest"
)

// rosterReader is the fake administration with the real roster reader, as
// the desktop app wires it.
type rosterReader struct{ *fakeAdmin }

func (r rosterReader) ReadRoster(name string, b []byte, cohorts []app.Cohort) (roster.Preview, error) {
	return roster.Read(name, b, roster.Known{Cohorts: cohorts})
}

// openRosterFile shows the preview of a file kept under app/roster/testdata.
func openRosterFile(t *testing.T, name string) (*fakeAdmin, *ImportView, fyne.Window) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "app", "roster", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f := newFakeAdmin(app.RoleHR)
	f.cohorts = append(f.cohorts, app.Cohort{ID: "k-2026b", Name: "2026年度 第2期", StartsOn: day(2026, 10, 1), EndsOn: day(2027, 3, 31), State: app.CohortOpen, Rules: app.DefaultRules})
	var v *ImportView
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		v = NewImportView(rosterReader{f}, w)
		return v.Content()
	})
	v.Refresh()
	settle()
	v.Open(name, b)
	settle()
	return f, v, w
}

// TestImportShiftJISFile reads the Shift_JIS file an Excel user saves by
// default and imports it: the names with CP932's own characters reach the
// server as written.
func TestImportShiftJISFile(t *testing.T) {
	f, v, w := openRosterFile(t, "sjis.csv")
	if v.file.Text != "sjis.csv（CSV・Shift_JIS）" {
		t.Errorf("file %q", v.file.Text)
	}
	uitest.WantTexts(t, "the preview", w.Content(), "3行を読みました。問題はありません。「取り込む」を押すと登録します。")
	if v.run.Disabled() {
		t.Fatal("the import button is disabled for a file without problems")
	}
	tapButton(t, w.Content(), "取り込む")
	settle()
	if len(f.imported) != 3 || f.imported[0].Name != "髙橋 一郎" || f.imported[0].EmployeeNo != "00123" {
		t.Fatalf("imported %+v", f.imported)
	}
	if got := f.imported[1].Cohorts; len(got) != 2 || got[0] != "k-2026a" || got[1] != "k-2026b" {
		t.Errorf("cohorts of the second entry %v", got)
	}
}

// TestImportBrokenFile shows every problem of the broken file in words,
// what it leaves out as a note, and sends nothing.
func TestImportBrokenFile(t *testing.T) {
	f, v, w := openRosterFile(t, "broken.csv")
	if !v.run.Disabled() {
		t.Error("the import button is enabled for a file with problems")
	}
	uitest.WantTexts(t, "the problems", w.Content(),
		"2行目「社員番号」: ほかの行（6,15行目）と社員番号が重なっています。社員番号は1人にひとつにしてください。",
		"3行目「氏名」: 空欄です。入力してください。",
		"5行目「年代」: 「40-44」は、対象の年齢（45〜65歳）に入りません。", // 50代 on line 4 is a decade, and fine (issue 13)
		"5行目「ふりがな」: 「Hayashi Osamu」はふりがなとして使えません。ひらがなかカタカナで書いてください。",
		"1行目: 見出し「部署」の列は取り込みません。",
	)
	v.run.OnTapped() // even if a tap reached it, nothing would be sent
	settle()
	if f.imported != nil {
		t.Errorf("a file with problems was imported: %+v", f.imported)
	}
}

// TestImportReadFailures says in words why a file could not be read.
func TestImportReadFailures(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{roster.ErrEmpty, "このファイルは空です。参加者の一覧が入ったファイルを選んでください。"},
		{roster.ErrTooManyRows, "ファイルが大きすぎます。1万人以下のファイルに分けてください。"},
		{roster.ErrLegacyExcel, "古い Excel のファイル（.xls）か、パスワード付きのファイルです。Excel で開き、パスワードなしの「Excel ブック（.xlsx）」として保存し直してください。"},
		{roster.ErrNotSpreadsheet, "このファイルは読めませんでした。Excel で「CSV UTF-8」か「Excel ブック（.xlsx）」として保存し直して、もう一度選んでください。"},
		{errors.New("disk"), "このファイルは読めませんでした。Excel で「CSV UTF-8」か「Excel ブック（.xlsx）」として保存し直して、もう一度選んでください。"},
	} {
		if got := readFailure(c.err); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
	// Through the view, with the reader's own error for an empty file.
	_, v, w := openRosterFile(t, "badheader.csv")
	v.Open("空.csv", nil)
	settle()
	uitest.WantTexts(t, "an empty file", w.Content(), "このファイルは空です。参加者の一覧が入ったファイルを選んでください。")
}
