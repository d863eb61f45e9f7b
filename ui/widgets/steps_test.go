package widgets_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/widgets"
)

// Steps shows one page at a time, says which, keeps an object two pages
// share shown, and ignores a page that does not exist.
func TestSteps(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	a, b, c := widget.NewLabel("a"), widget.NewLabel("b"), widget.NewLabel("c")
	back, next := widget.NewButton("戻る", nil), widget.NewButton("次へ", nil)
	s := widgets.NewSteps([]fyne.CanvasObject{a, next}, []fyne.CanvasObject{b, back, next}, []fyne.CanvasObject{c, back})
	var changed []int
	s.OnChanged = func(i int) { changed = append(changed, i) }
	shown := func() (out []string) {
		for _, o := range []*widget.Label{a, b, c} {
			if o.Visible() {
				out = append(out, o.Text)
			}
		}
		return out
	}
	want := func(page int, labels string, backShown, nextShown bool) {
		t.Helper()
		got := ""
		for _, l := range shown() {
			got += l
		}
		if s.At() != page || got != labels || back.Visible() != backShown || next.Visible() != nextShown {
			t.Errorf("page %d: shows %q, back %v, next %v; want page %d, %q, %v, %v",
				s.At(), got, back.Visible(), next.Visible(), page, labels, backShown, nextShown)
		}
	}
	want(0, "a", false, true)
	if s.Indicator.Text != "1 / 3" || s.Len() != 3 {
		t.Errorf("indicator %q, %d pages", s.Indicator.Text, s.Len())
	}
	s.Show(1)
	want(1, "b", true, true)
	s.Show(2)
	want(2, "c", true, false)
	if s.Indicator.Text != "3 / 3" {
		t.Errorf("indicator %q on the last page", s.Indicator.Text)
	}
	s.Show(3)
	s.Show(-1)
	want(2, "c", true, false)
	s.Show(0)
	want(0, "a", false, true)
	if len(changed) != 3 || changed[0] != 1 || changed[1] != 2 || changed[2] != 0 {
		t.Errorf("OnChanged called for %v", changed)
	}
}
