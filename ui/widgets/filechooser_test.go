package widgets

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
)

// chooserFolder makes a folder as a person's Documents may look: a
// subfolder, files of the kinds asked and of others, a hidden file.
func chooserFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"社内", ".cache"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"名簿.csv", "b.XLSX", "memo.txt", ".hidden.csv", "社内/2026年度.csv"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var rosterKinds = []FileFilter{{Name: "CSV", Extensions: []string{"csv"}}, {Name: "Excel", Extensions: []string{"xlsx"}}}

// showChooser shows a chooser in a window of the app's usual size, and
// waits for its folder to be listed.
func showChooser(t *testing.T, save bool, req FileRequest) (*FileChooser, fyne.Window, *[]string) {
	t.Helper()
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1024, 700))
	var got []string
	c := NewFileChooser(w, save, req, func(path string, err error) {
		if err != nil {
			t.Errorf("done with %v", err)
		}
		got = append(got, path)
	})
	c.Show()
	WaitBackground()
	return c, w, &got
}

// buttonIn finds the button labelled text among o's objects.
func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var objs []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		objs = v.Objects
	case fyne.Widget:
		objs = test.WidgetRenderer(v).Objects()
	}
	for _, c := range objs {
		if b := buttonIn(c, text); b != nil {
			return b
		}
	}
	return nil
}

// Opening: folders first, then the files of the kinds asked, by name,
// nothing hidden; a tap on a folder opens it, "up" comes back, and a
// chosen file is what done gets.
func TestFileChooserOpens(t *testing.T) {
	dir := chooserFolder(t)
	c, w, got := showChooser(t, false, FileRequest{Title: "名簿を選ぶ", Filters: rosterKinds, Dir: dir})
	if want := []string{"社内/", "b.XLSX", "名簿.csv"}; !slices.Equal(c.Names(), want) {
		t.Fatalf("listed %q, want %q", c.Names(), want)
	}
	if !c.ok.Disabled() {
		t.Error("open is enabled before a file is chosen")
	}
	if size := w.Canvas().Overlays().Top().Size(); size.Width > 1024 || size.Height > 700 {
		t.Errorf("the dialog is %v, larger than its window", size)
	}
	c.list.Select(0) // 社内
	WaitBackground()
	if c.Dir() != filepath.Join(dir, "社内") || !slices.Equal(c.Names(), []string{"2026年度.csv"}) {
		t.Fatalf("after tapping the folder: %s %q", c.Dir(), c.Names())
	}
	test.Tap(c.up)
	WaitBackground()
	if c.Dir() != dir {
		t.Fatalf("up went to %s", c.Dir())
	}
	c.list.Select(2) // 名簿.csv
	if c.ok.Disabled() {
		t.Fatal("open is disabled with a file chosen")
	}
	test.Tap(c.ok)
	if want := []string{filepath.Join(dir, "名簿.csv")}; !slices.Equal(*got, want) {
		t.Errorf("done got %q, want %q", *got, want)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still shown")
	}
}

// Saving: the name asked is filled in, the extension is added when none
// was typed, a name with a slash is refused in words, and an existing
// file is replaced only when the person says so.
func TestFileChooserSaves(t *testing.T) {
	dir := chooserFolder(t)
	c, w, got := showChooser(t, true, FileRequest{Title: "保存", Name: "招待コード.csv", Filters: rosterKinds[:1], Dir: dir})
	if c.name.Text != "招待コード.csv" || c.ok.Disabled() {
		t.Fatalf("name %q, save disabled: %v", c.name.Text, c.ok.Disabled())
	}
	c.SetName("a/b")
	test.Tap(c.ok)
	if len(*got) != 0 || !c.problem.Visible() || c.problem.Text != "ファイル名に / や \\ は使えません。名前を変えてください。" {
		t.Fatalf("a name with a slash: done %q, problem %q", *got, c.problem.Text)
	}
	c.SetName("")
	if !c.ok.Disabled() {
		t.Error("save is enabled with no name")
	}
	c.SetName("名簿") // 名簿.csv exists
	test.Tap(c.ok)
	confirm := w.Canvas().Overlays().Top()
	if len(*got) != 0 || confirm == nil || buttonIn(confirm, "置き換える") == nil {
		t.Fatalf("replacing: done %q, confirm %v", *got, confirm)
	}
	test.Tap(buttonIn(confirm, "置き換えない"))
	if len(*got) != 0 {
		t.Fatalf("done after refusing to replace: %q", *got)
	}
	test.Tap(c.ok)
	test.Tap(buttonIn(w.Canvas().Overlays().Top(), "置き換える"))
	if want := []string{filepath.Join(dir, "名簿.csv")}; !slices.Equal(*got, want) {
		t.Fatalf("done got %q, want %q", *got, want)
	}
}

// A new name gets the filter's extension; cancelling gives "".
func TestFileChooserNewNameAndCancel(t *testing.T) {
	dir := chooserFolder(t)
	c, _, got := showChooser(t, true, FileRequest{Title: "保存", Name: "x", Filters: rosterKinds[:1], Dir: dir})
	c.SetName("新しい名簿")
	c.Confirm()
	if want := []string{filepath.Join(dir, "新しい名簿.csv")}; !slices.Equal(*got, want) {
		t.Fatalf("done got %q, want %q", *got, want)
	}
	c2, _, got2 := showChooser(t, false, FileRequest{Title: "開く", Filters: rosterKinds, Dir: dir})
	c2.Cancel()
	if !slices.Equal(*got2, []string{""}) {
		t.Fatalf("cancel gave %q", *got2)
	}
}

// A folder that cannot be read is said in words, and the dialog stays
// where it was.
func TestFileChooserUnreadableFolder(t *testing.T) {
	dir := chooserFolder(t)
	c, _, _ := showChooser(t, false, FileRequest{Title: "開く", Filters: rosterKinds, Dir: dir})
	c.Open(filepath.Join(dir, "ない"))
	WaitBackground()
	if !c.problem.Visible() || c.problem.Text != "このフォルダーは開けません。ほかのフォルダーを選んでください。" || c.Dir() != dir {
		t.Fatalf("problem %q (shown %v), dir %s", c.problem.Text, c.problem.Visible(), c.Dir())
	}
}

func TestWithExtension(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/d/a", "/d/a.csv"}, {"/d/a.csv", "/d/a.csv"}, {"/d/a.CSV", "/d/a.CSV"}, {"/d/a.xlsx", "/d/a.xlsx"},
		{"/d/a.txt", "/d/a.txt.csv"}, {"/d/名簿.", "/d/名簿..csv"},
	} {
		if got := WithExtension(tc.in, rosterKinds); got != tc.want {
			t.Errorf("WithExtension(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := WithExtension("/d/a", nil); got != "/d/a" {
		t.Errorf("no filter: %q", got)
	}
}
