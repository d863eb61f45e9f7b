package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
)

// Buttons sit side by side when the width allows, and one under another
// when it does not; the row never asks for more than its widest button.
func TestButtonRowWraps(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	a, b, c := widget.NewButton("承諾する", nil), widget.NewButton("別の日時を提案する", nil), widget.NewButton("辞退する", nil)
	r := NewButtonRow(a, b, c)
	if got, want := r.MinSize().Width, b.MinSize().Width; got != want {
		t.Errorf("minimum width %v, want the widest button's %v", got, want)
	}
	w := test.NewTempWindow(t, container.NewVBox(r))
	w.SetPadded(false)

	w.Resize(fyne.NewSize(3*b.MinSize().Width+40, 300))
	if a.Position().Y != c.Position().Y || c.Position().X <= b.Position().X {
		t.Errorf("wide: buttons at %v %v %v, want one row", a.Position(), b.Position(), c.Position())
	}

	w.Resize(fyne.NewSize(b.MinSize().Width+10, 300))
	if !(a.Position().Y < b.Position().Y && b.Position().Y < c.Position().Y) {
		t.Errorf("narrow: buttons at %v %v %v, want one under another", a.Position(), b.Position(), c.Position())
	}
	if r.MinSize().Height < 3*b.MinSize().Height {
		t.Errorf("narrow: minimum height %v, less than three buttons", r.MinSize().Height)
	}
	for _, o := range []*widget.Button{a, b, c} {
		if o.Position().X+o.Size().Width > r.Size().Width || o.Size().Width < o.MinSize().Width {
			t.Errorf("narrow: %q at %v size %v, outside the row %v", o.Text, o.Position(), o.Size(), r.Size())
		}
	}
}
