package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"crosstalk/ui/internal/testapp"
)

// In a narrow window the status line's long Japanese note (offline) is
// set on several lines one and a half times the text size apart, in the
// warning colour, where a Fyne label set them with no space between.
func TestStatusLineWrapsAtParagraphPitch(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	w := test.NewTempWindow(t, nil)
	s := NewStatusLine(w)
	w.SetContent(s)
	w.Resize(fyne.NewSize(360, 200))

	var ys []float32
	var textSize float32
	warn := a.Settings().Theme().Color(theme.ColorNameWarning, a.Settings().ThemeVariant())
	for _, o := range test.LaidOutObjects(s.state) {
		if tx, ok := o.(*canvas.Text); ok {
			ys = append(ys, tx.Position().Y)
			textSize = tx.TextSize
			if tx.Color != warn {
				t.Errorf("line %q is %v, want the warning colour %v", tx.Text, tx.Color, warn)
			}
		}
	}
	if len(ys) < 2 {
		t.Fatalf("the offline note %q is on %d line, want several", s.state.Text, len(ys))
	}
	for i := 1; i < len(ys); i++ {
		if pitch := ys[i] - ys[i-1]; pitch < 1.5*textSize-0.5 {
			t.Errorf("lines %v apart at text size %v: %.2f, want at least 1.5", pitch, textSize, pitch/textSize)
		}
	}
	if h := s.state.Size().Height; h < ys[len(ys)-1]+textSize {
		t.Errorf("the note is %v tall, its last line starts at %v", h, ys[len(ys)-1])
	}
}
