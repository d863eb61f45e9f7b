package admin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// documentsHome makes a home folder with a Documents folder for the
// file dialogs to start in, and returns the Documents folder.
func documentsHome(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	return docs
}

// shownChooser is the file dialog shown on top of w.
func shownChooser(t *testing.T, w fyne.Window) *widgets.FileChooser {
	t.Helper()
	var c *widgets.FileChooser
	uitest.Walk(topOverlay(t, w), func(o fyne.CanvasObject) {
		if fc, ok := o.(*widgets.FileChooser); ok {
			c = fc
		}
	})
	if c == nil {
		t.Fatal("no file dialog is shown")
	}
	settle()
	return c
}

// 「ファイルを選ぶ」 opens the file dialog in Documents, and the file
// chosen there is read and checked for the preview.
func TestImportThroughTheFileDialog(t *testing.T) {
	docs := documentsHome(t)
	content := "\ufeff社員番号,氏名\r\nS1,山田 太郎\r\n"
	if err := os.WriteFile(filepath.Join(docs, "参加者一覧.csv"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	f, v, w := newImportFixture(t, app.RoleHR, roster.Preview{Columns: importColumns, Rows: []roster.Row{importRow(2, "S1", "山田 太郎", "やまだ たろう", "50-54", "", true)}})
	tapButton(t, w.Content(), "ファイルを選ぶ")
	c := shownChooser(t, w)
	if c.Dir() != docs || strings.Join(c.Names(), ",") != "参加者一覧.csv" {
		t.Fatalf("the dialog shows %s: %q", c.Dir(), c.Names())
	}
	c.Select("参加者一覧.csv")
	c.Confirm()
	settle()
	if v.name != "参加者一覧.csv" || f.readBytes != content {
		t.Errorf("read %q: %q", v.name, f.readBytes)
	}
	if !strings.Contains(v.file.Text, "参加者一覧.csv") {
		t.Errorf("the file shown is %q", v.file.Text)
	}
}

// 「数値を CSV で保存」 asks where with the file's name filled in, and
// writes the file there.
func TestDashboardSavesThroughTheFileDialog(t *testing.T) {
	docs := documentsHome(t)
	f := newFakeAdmin(app.RoleHR)
	_, w := newDashboardFixture(t, f)
	tapButton(t, w.Content(), "数値を CSV で保存")
	c := shownChooser(t, w)
	c.SetName("数値")
	c.Confirm()
	settle()
	b, err := os.ReadFile(filepath.Join(docs, "数値.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, b); len(rows) < 5 || rows[0][0] != "項目" {
		t.Errorf("the saved file holds %q", rows)
	}
	if !uitest.ShowsText(w.Content(), "「数値.csv」として保存しました。") {
		t.Errorf("the status line says %q", uitest.ShownTexts(w.Content()))
	}
}
