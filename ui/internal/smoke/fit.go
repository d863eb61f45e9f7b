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
// every button shown must be seen whole inside it too. A button in a
// scrolled area (a container.Scroll, and so a list) is reachable by
// scrolling: across the scrolling it must lie inside the part of the
// area on the screen, and along it that part must be as long as the
// button. Sizes are in Fyne's units (the screen's pixels over the
// canvas's scale).
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

// buttons checks that each button shown in o can be seen whole in
// view: that it lies inside it, or, in a scrolled area, that scrolling
// brings it whole onto the part of the area inside view. The buttons
// that cannot are told together, for each area they lie outside.
func (f *Fitting) buttons(o fyne.CanvasObject, what string, view rect) {
	var areas []string
	outside := map[string][]string{}
	first := map[string]rect{}
	var walk func(o fyne.CanvasObject, origin fyne.Position, c clip)
	walk = func(o fyne.CanvasObject, origin fyne.Position, c clip) {
		if o == nil || !o.Visible() {
			return
		}
		box := rect{origin.Add(o.Position()), o.Size()}
		switch x := o.(type) {
		case *widget.Button:
			if box.size.IsZero() || c.x.holds(box.at.X, box.size.Width) && c.y.holds(box.at.Y, box.size.Height) {
				return
			}
			if _, seen := outside[c.area]; !seen {
				areas = append(areas, c.area)
				first[c.area] = box
			}
			outside[c.area] = append(outside[c.area], label(x))
			return
		case *container.Scroll:
			if x.Direction != container.ScrollNone {
				c = clip{
					x: c.x.enter(box.at.X, box.size.Width, x.Direction != container.ScrollVerticalOnly),
					y: c.y.enter(box.at.Y, box.size.Height, x.Direction != container.ScrollHorizontalOnly),
					area: fmt.Sprintf("the part on the screen of its scrolled area, %s at %.0f,%.0f",
						size(box.size), box.at.X, box.at.Y),
				}
			}
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, o := range x.Objects {
				walk(o, box.at, c)
			}
		case fyne.Widget:
			for _, o := range test.WidgetRenderer(x).Objects() {
				walk(o, box.at, c)
			}
		}
	}
	walk(o, fyne.Position{}, clip{
		x:    span{lo: view.at.X, hi: view.at.X + view.size.Width},
		y:    span{lo: view.at.Y, hi: view.at.Y + view.size.Height},
		area: "its part on the screen, " + size(view.size),
	})
	for _, a := range areas {
		names, b := distinct(outside[a]), first[a]
		if len(names) == 1 {
			f.misfit("%s's button %q, %s at %.0f,%.0f, cannot be seen whole in %s", what, names[0], size(b.size), b.at.X, b.at.Y, a)
			continue
		}
		f.misfit("%s's buttons %q cannot be seen whole in %s (the first is %s at %.0f,%.0f)", what, names, a, size(b.size), b.at.X, b.at.Y)
	}
}

// clip is where a button must lie to be seen whole, and its name.
type clip struct {
	x, y span
	area string
}

// span is where a button must lie along one axis, from lo to hi; along
// the axis of a scrolled area, anywhere, as long as the part of the area
// on the screen, hi-lo, is as long as the button.
type span struct {
	lo, hi   float32
	scrolled bool
}

// holds reports whether a button from at, n long, can be seen whole on s.
func (s span) holds(at, n float32) bool {
	if s.scrolled {
		return s.hi-s.lo >= n-slack
	}
	return at >= s.lo-slack && at+n <= s.hi+slack
}

// enter is s inside an area from at, n long, which scrolls along the
// axis or not.
func (s span) enter(at, n float32, scrolls bool) span {
	if s.scrolled { // an outer area scrolls the inner one into view
		return span{lo: 0, hi: min(s.hi-s.lo, n), scrolled: true}
	}
	lo, hi := max(s.lo, at), min(s.hi, at+n)
	return span{lo: lo, hi: max(lo, hi), scrolled: scrolls}
}

// distinct is names without repeats, in their order.
func distinct(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
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
