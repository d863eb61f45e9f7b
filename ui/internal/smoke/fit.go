package smoke

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Place is where the window lies on its screen, in the screen's pixels,
// as the X server tells.
type Place struct {
	Screen fyne.Size     // the screen's size
	At     fyne.Position // the window's top left corner
	Size   fyne.Size     // the window's size
}

// Fitting is what Fit found on one screen.
type Fitting struct {
	// Largest is the largest minimum width and the largest minimum
	// height of the window and its dialogs, in Fyne's units.
	Largest fyne.Size
	// Misfits says, one sentence each, what does not fit the screen.
	Misfits []string
}

// slack is how far, in Fyne's units, something may pass an edge: the
// rounding of fractional positions and of the screen at a scale such as
// 125 %.
const slack = 1

// Fit checks the window win, on the screen as p places it, and every
// dialog and pop-up it shows: the window must lie inside the screen and
// its minimum size fit it; each dialog's minimum size must fit the part
// of the window on the screen, and the dialog lie inside that part; and
// every button shown must lie inside it too. A button in a scrolled area
// (a container.Scroll, and so a list) is reachable by scrolling: then the
// scrolled area, when it holds a button, must lie inside instead. Sizes
// are in Fyne's units (the screen's pixels over the canvas's scale).
func Fit(win fyne.Window, p Place) Fitting {
	c := win.Canvas()
	scale := c.Scale()
	if scale <= 0 {
		scale = 1
	}
	screen := fyne.NewSize(p.Screen.Width/scale, p.Screen.Height/scale)
	// The part of the canvas on the screen.
	view := rect{
		fyne.NewPos(max(0, -p.At.X)/scale, max(0, -p.At.Y)/scale),
		fyne.NewSize(0, 0),
	}
	view.size = fyne.NewSize(
		min(c.Size().Width, (p.Screen.Width-p.At.X)/scale)-view.at.X,
		min(c.Size().Height, (p.Screen.Height-p.At.Y)/scale)-view.at.Y)

	var f Fitting
	if p.At.X < 0 || p.At.Y < 0 || p.At.X+p.Size.Width > p.Screen.Width+slack || p.At.Y+p.Size.Height > p.Screen.Height+slack {
		f.misfit("the window, %s px at %.0f,%.0f, goes beyond the screen of %s px", size(p.Size), p.At.X, p.At.Y, size(p.Screen))
	}
	if content := c.Content(); content != nil {
		minimum := content.MinSize()
		if win.Padded() {
			minimum = minimum.Add(fyne.NewSquareSize(2 * theme.Padding()))
		}
		f.largest(minimum)
		if larger(minimum, screen) {
			f.misfit("the window's minimum size %s is larger than the screen's %s", size(minimum), size(screen))
		}
		f.buttons(content, "the window", view)
	}
	overlays := c.Overlays().List()
	for i, o := range overlays {
		if !o.Visible() {
			continue
		}
		what := "the dialog"
		if len(overlays) > 1 {
			what = fmt.Sprintf("dialog %d of %d", i+1, len(overlays))
		}
		if pop, ok := Find[*widget.PopUp](o); ok && pop.Content != nil {
			minimum := pop.MinSize()
			f.largest(minimum)
			if larger(minimum, view.size) {
				f.misfit("%s's minimum size %s is larger than the window's part on the screen, %s", what, size(minimum), size(view.size))
			}
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(pop.Content)
			if box := (rect{at, pop.Content.Size()}); !view.holds(box) {
				f.misfit("%s, %s at %.0f,%.0f, goes beyond the window's part on the screen, %s", what, size(box.size), at.X, at.Y, size(view.size))
			}
		}
		f.buttons(o, what, view)
	}
	return f
}

// buttons checks that each button shown in o, and each scrolled area
// holding one, lies inside view.
func (f *Fitting) buttons(o fyne.CanvasObject, what string, view rect) {
	var walk func(o fyne.CanvasObject, origin fyne.Position)
	walk = func(o fyne.CanvasObject, origin fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		box := rect{origin.Add(o.Position()), o.Size()}
		switch x := o.(type) {
		case *widget.Button:
			if !box.size.IsZero() && !view.holds(box) {
				f.misfit("%s's button %q, %s at %.0f,%.0f, lies outside its part on the screen, %s", what, label(x), size(box.size), box.at.X, box.at.Y, size(view.size))
			}
			return
		case *container.Scroll:
			if names := Buttons(x.Content); len(names) > 0 && !box.size.IsZero() && !view.holds(box) {
				f.misfit("%s's scrolled area with the buttons %q, %s at %.0f,%.0f, lies outside its part on the screen, %s", what, names, size(box.size), box.at.X, box.at.Y, size(view.size))
			}
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c, box.at)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, box.at)
			}
		}
	}
	walk(o, fyne.Position{})
}

func (f *Fitting) misfit(format string, args ...any) {
	f.Misfits = append(f.Misfits, fmt.Sprintf(format, args...))
}

func (f *Fitting) largest(s fyne.Size) { f.Largest = f.Largest.Max(s) }

// rect is a rectangle of the canvas.
type rect struct {
	at   fyne.Position
	size fyne.Size
}

// holds reports whether in lies inside r, give or take slack.
func (r rect) holds(in rect) bool {
	return in.at.X >= r.at.X-slack && in.at.Y >= r.at.Y-slack &&
		in.at.X+in.size.Width <= r.at.X+r.size.Width+slack &&
		in.at.Y+in.size.Height <= r.at.Y+r.size.Height+slack
}

// larger reports whether a is wider or taller than b, give or take slack.
func larger(a, b fyne.Size) bool {
	return a.Width > b.Width+slack || a.Height > b.Height+slack
}

// size prints s as WxH.
func size(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }

// label names a button: its text, or its icon's name.
func label(b *widget.Button) string {
	if b.Text != "" {
		return b.Text
	}
	if b.Icon != nil {
		return "icon " + b.Icon.Name()
	}
	return "without text"
}
