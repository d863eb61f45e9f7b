package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"crosstalk/ui/internal/testapp"
)

// A paragraph that gets wider draws the lines broken for its new width,
// not those it had when it was first laid out at its minimum width.
func TestParagraphDrawsTheLinesOfItsNewWidth(t *testing.T) {
	testapp.New(t)
	p := NewParagraph(sentences[0])
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(600, 200))
	want := p.Label.Text
	var got string
	for _, o := range test.WidgetRenderer(p).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			if got != "" {
				got += "\n"
			}
			got += tx.Text
		}
	}
	if got != want {
		t.Errorf("drawn lines %q, want the lines for the width %v: %q", got, p.Size().Width, want)
	}
}
