package widgets_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/widgets"
)

// A view's head gives way to its body in a short window: whole when there
// is room, else scrolling in at most half the height, so that a list
// keeps room for more than one row; never less than two lines.
func TestSqueezedGivesTheBodyRoom(t *testing.T) {
	testapp.New(t)
	head := canvas.NewRectangle(nil)
	head.SetMinSize(fyne.NewSize(100, 300))
	body := canvas.NewRectangle(nil)
	body.SetMinSize(fyne.NewSize(100, 100))
	c, scroll := widgets.Squeezed(head, body)
	w := test.NewWindow(c)
	defer w.Close()

	for _, tc := range []struct {
		height  float32
		atLeast float32 // the body's least height
		whole   bool    // the head is shown whole
	}{
		{height: 1000, atLeast: 600, whole: true},
		{height: 600, atLeast: 290, whole: false},
		{height: 400, atLeast: 190, whole: false},
	} {
		c.Resize(fyne.NewSize(200, tc.height))
		if got := body.Size().Height; got < tc.atLeast {
			t.Errorf("window %v high: the body is %v high, want at least %v", tc.height, got, tc.atLeast)
		}
		if got := scroll.Size().Height >= 300; got != tc.whole {
			t.Errorf("window %v high: the head is %v high, whole %v, want %v", tc.height, scroll.Size().Height, got, tc.whole)
		}
		if scroll.Size().Height < 2*widgets.TallButton && scroll.Size().Height < 300 {
			t.Errorf("window %v high: the head is only %v high", tc.height, scroll.Size().Height)
		}
	}
	if got := c.MinSize().Height; got >= 400 {
		t.Errorf("the minimum height is %v: the head does not give way", got)
	}
}
