package smoke

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// sized is a rectangle of minimum size s.
func sized(w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

// window is a test window of 800x600 showing content, on a screen of
// 800x600 pixels at scale 1 with the window at its top left.
func window(t *testing.T, content fyne.CanvasObject) (fyne.Window, Place) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, content)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))
	return w, Place{Screen: fyne.NewSize(800, 600), Size: fyne.NewSize(800, 600)}
}

func misfits(t *testing.T, f Fitting, want ...string) {
	t.Helper()
	if len(f.Misfits) != len(want) {
		t.Fatalf("misfits %q, want %d of them: %q", f.Misfits, len(want), want)
	}
	for i, w := range want {
		if !strings.Contains(f.Misfits[i], w) {
			t.Errorf("misfit %d is %q, want it to say %q", i, f.Misfits[i], w)
		}
	}
}

func TestFitWindowThatFits(t *testing.T) {
	w, p := window(t, container.NewBorder(nil, widget.NewButton("送る", nil), nil, nil, sized(300, 200)))
	f := Fit(w, p)
	misfits(t, f)
	if f.Largest.Width < 300 || f.Largest.Height < 200 {
		t.Errorf("largest minimum %v, want at least the content's 300x200", f.Largest)
	}
}

func TestFitWindowBeyondTheScreen(t *testing.T) {
	w, p := window(t, sized(100, 100))
	p.Screen = fyne.NewSize(1024, 768)
	p.At, p.Size = fyne.NewPos(300, 0), fyne.NewSize(800, 600)
	misfits(t, Fit(w, p), "the window, 800x600 px at 300,0, goes beyond the screen of 1024x768 px")
}

func TestFitWindowMinimumLargerThanTheScreen(t *testing.T) {
	// The window's 1258 units do not fit 1366 pixels at a scale of 1.3
	// (1051 units), though they fit its pixels.
	w, p := window(t, sized(1258, 500))
	w.Canvas().(test.WindowlessCanvas).SetScale(1.3)
	w.Resize(fyne.NewSize(800, 580))
	p.Screen, p.Size = fyne.NewSize(1366, 768), fyne.NewSize(1040, 754)
	f := Fit(w, p)
	misfits(t, f, "the window's minimum size 1258x500 is larger than the screen's 1051x591")
	if f.Largest != fyne.NewSize(1258, 500) {
		t.Errorf("largest minimum %v, want 1258x500", f.Largest)
	}
}

func TestFitDialogTooLarge(t *testing.T) {
	w, p := window(t, sized(100, 100))
	d := dialog.NewCustom("大きい", "閉じる", sized(700, 650), w)
	d.Show()
	f := Fit(w, p)
	if len(f.Misfits) == 0 || !strings.Contains(f.Misfits[0], "the dialog's minimum size") || !strings.Contains(f.Misfits[0], "larger than the window's part on the screen, 800x600") {
		t.Fatalf("misfits %q, want the dialog's minimum size larger than 800x600 first", f.Misfits)
	}
	if f.Largest.Height <= 650 {
		t.Errorf("largest minimum %v, want the dialog's height, over 650", f.Largest)
	}
}

func TestFitDialogOnTheScreenPartOfAWindow(t *testing.T) {
	// The window goes 200 pixels beyond the screen's right edge: a dialog
	// of about 680 units fits the window, not its part on the screen.
	w, p := window(t, sized(100, 100))
	p.Screen = fyne.NewSize(600, 600)
	d := dialog.NewCustom("中くらい", "閉じる", sized(650, 100), w)
	d.Show()
	f := Fit(w, p)
	var said bool
	for _, m := range f.Misfits {
		if strings.Contains(m, "the dialog's minimum size") && strings.Contains(m, "600x600") {
			said = true
		}
	}
	if !said {
		t.Errorf("misfits %q, want the dialog too large for the 600x600 on the screen", f.Misfits)
	}
}

func TestFitButtonOutside(t *testing.T) {
	// A button placed past the window's right edge, as a layout too wide
	// for its window leaves it.
	b := widget.NewButton("オファーを送る", nil)
	b.Move(fyne.NewPos(760, 10))
	b.Resize(fyne.NewSize(120, 40))
	w, p := window(t, container.NewWithoutLayout(b))
	misfits(t, Fit(w, p), `the window's button "オファーを送る", 120x40 at 760,10, cannot be seen whole in its part on the screen, 800x600`)
}

func TestFitButtonInAScrollIsReachable(t *testing.T) {
	// Far below the scrolled area's bottom, but reachable by scrolling.
	list := container.NewVBox(sized(10, 2000), widget.NewButton("下の方", nil))
	w, p := window(t, container.NewVScroll(list))
	misfits(t, Fit(w, p))
}

func TestFitScrollPartlyOutside(t *testing.T) {
	// A list going 100 units past the window's right edge: its button on
	// the left is reachable, the one on the right is not, however far
	// it scrolls down.
	left, right := widget.NewButton("保存", nil), widget.NewButton("削除", nil)
	row := container.NewBorder(nil, nil, left, right)
	s := container.NewVScroll(container.NewVBox(sized(10, 1000), row))
	s.Move(fyne.NewPos(500, 0))
	s.Resize(fyne.NewSize(400, 300))
	w, p := window(t, container.NewWithoutLayout(s))
	misfits(t, Fit(w, p), `the window's button "削除", 41x36 at 859,1004, cannot be seen whole in the part on the screen of its scrolled area, 400x300 at 500,0`)
}

func TestFitScrollTooShortForItsButtons(t *testing.T) {
	// A list squeezed to 20 units: its buttons, taller, are never seen
	// whole.
	s := container.NewVScroll(container.NewVBox(widget.NewButton("承諾する", nil), widget.NewButton("辞退する", nil), widget.NewButton("承諾する", nil)))
	s.Move(fyne.NewPos(0, 500))
	s.Resize(fyne.NewSize(300, 20))
	w, p := window(t, container.NewWithoutLayout(s))
	misfits(t, Fit(w, p), `the window's buttons ["承諾する" "辞退する"] cannot be seen whole in the part on the screen of its scrolled area, 300x20 at 0,500`)
}

func TestFitHiddenButtonIgnored(t *testing.T) {
	b := widget.NewButton("隠れた", nil)
	b.Move(fyne.NewPos(900, 0))
	b.Resize(fyne.NewSize(100, 40))
	b.Hide()
	w, p := window(t, container.New(layout.NewStackLayout(), sized(10, 10), container.NewWithoutLayout(b)))
	misfits(t, Fit(w, p))
}
