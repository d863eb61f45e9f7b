package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
	cttheme "crosstalk/ui/theme"
)

// newPanesWindow shows panes of a list 300 wide and a detail 400 wide in
// a window of size.
func newPanesWindow(t *testing.T, size fyne.Size) (*Panes, fyne.Window, fyne.CanvasObject, fyne.CanvasObject) {
	t.Helper()
	testapp.Japanese(t)
	testapp.New(t)
	list, detail := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)), canvas.NewRectangle(theme.Color(theme.ColorNameSuccess))
	list.SetMinSize(fyne.NewSize(300, 200))
	detail.SetMinSize(fyne.NewSize(400, 250))
	p := NewPanes(list, detail, "一覧に戻る")
	w := test.NewTempWindow(t, p)
	w.SetPadded(false)
	w.Resize(size)
	return p, w, list, detail
}

func TestPanesSideBySideWhenWide(t *testing.T) {
	p, _, list, detail := newPanesWindow(t, fyne.NewSize(900, 500))
	if p.Narrow() || !list.Visible() || !detail.Visible() || p.BackButton().Visible() {
		t.Fatalf("900 wide: narrow %v, list %v, detail %v, back %v", p.Narrow(), list.Visible(), detail.Visible(), p.BackButton().Visible())
	}
	if list.Position().X != 0 || detail.Position().X < list.Size().Width {
		t.Errorf("list at %v, detail at %v: not side by side", list.Position(), detail.Position())
	}
	if detail.Size().Width < 400 || list.Size().Width < 300 {
		t.Errorf("list %v and detail %v narrower than their minimum", list.Size(), detail.Size())
	}
	if !p.DetailShown() {
		t.Error("the detail does not count as shown side by side")
	}
}

func TestPanesOneAtATimeWhenNarrow(t *testing.T) {
	p, w, list, detail := newPanesWindow(t, fyne.NewSize(600, 500))
	if !p.Narrow() || !list.Visible() || detail.Visible() || p.BackButton().Visible() {
		t.Fatalf("600 wide: narrow %v, list %v, detail %v, back %v", p.Narrow(), list.Visible(), detail.Visible(), p.BackButton().Visible())
	}
	if list.Size().Width != 600 {
		t.Errorf("the list alone is %v wide, want the whole 600", list.Size().Width)
	}

	// Opening something shows the detail, under the back button.
	p.ShowDetail()
	if list.Visible() || !detail.Visible() || !p.BackButton().Visible() || !p.DetailShown() {
		t.Fatalf("opened: list %v, detail %v, back %v", list.Visible(), detail.Visible(), p.BackButton().Visible())
	}
	if detail.Position().Y < p.BackButton().Size().Height {
		t.Errorf("the detail at %v lies over the back button %v", detail.Position(), p.BackButton().Size())
	}

	// The back button returns to the list.
	backed := false
	p.OnBack = func() { backed = true }
	test.Tap(p.BackButton())
	if !list.Visible() || detail.Visible() || p.BackButton().Visible() || !backed {
		t.Fatalf("after back: list %v, detail %v, back %v, OnBack %v", list.Visible(), detail.Visible(), p.BackButton().Visible(), backed)
	}

	// Widening the window puts both side by side again, live.
	w.Resize(fyne.NewSize(900, 500))
	if p.Narrow() || !detail.Visible() || !list.Visible() {
		t.Errorf("widened: narrow %v, list %v, detail %v", p.Narrow(), list.Visible(), detail.Visible())
	}
}

// The window may be made as narrow as the wider pane, not their sum.
func TestPanesMinSizeIsTheLargerPane(t *testing.T) {
	p, _, _, _ := newPanesWindow(t, fyne.NewSize(600, 500))
	min := p.MinSize()
	if min.Width != 400 {
		t.Errorf("minimum width %v, want the detail's 400", min.Width)
	}
	if want := 250 + p.BackButton().MinSize().Height; min.Height < want {
		t.Errorf("minimum height %v, less than the detail and the back button %v", min.Height, want)
	}
}

// A larger text makes the panes' minimum widths grow: panes side by side
// turn into one at a time without a resize.
func TestPanesFollowTheTextSize(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	list, detail := widget.NewLabel("一覧の説明の文です"), widget.NewLabel("詳細")
	p := NewPanes(list, detail, "一覧に戻る")
	p.DetailEms = 8
	w := test.NewTempWindow(t, p)
	w.SetPadded(false)
	width := list.MinSize().Width + theme.Padding() + 8*theme.TextSize() + 10
	w.Resize(fyne.NewSize(width, 400))
	if p.Narrow() {
		t.Fatalf("%v wide at normal text: narrow", width)
	}
	a.Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	w.Resize(fyne.NewSize(width, 400)) // the same size
	p.Refresh()
	if !p.Narrow() {
		t.Errorf("%v wide at the largest text (list %v): still side by side", width, list.MinSize())
	}
}
