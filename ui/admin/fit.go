package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// The administration fits small screens (1024×768, or 1366×768 at
// 125 %) at every text size: rows of buttons wrap without holding the
// window wide, and a view's head gives way to its list when the window
// is short, scrolling rather than pushing the list or the main button out
// of the window.

// flowLayout places its objects in rows, as many in a row as fit, each
// at its minimum size. Unlike Fyne's row wrap layout, its minimum width
// is its widest object, whatever width it was laid out at last, so that
// the window can always be made narrower again.
type flowLayout struct {
	width float32 // the width laid out at last
}

func (l *flowLayout) rows(objs []fyne.CanvasObject, width float32, place func(o fyne.CanvasObject, at fyne.Position)) float32 {
	pad := theme.Padding()
	var x, y, rowH float32
	first := true
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if !first && x+s.Width > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if place != nil {
			place(o, fyne.NewPos(x, y))
		}
		x += s.Width + pad
		rowH = max(rowH, s.Height)
		first = false
	}
	return y + rowH
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.rows(objs, size.Width, func(o fyne.CanvasObject, at fyne.Position) {
		o.Resize(o.MinSize())
		o.Move(at)
	})
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	width := l.width
	if width < w {
		width = w // not laid out yet, or narrower than an object: one a row
	}
	return fyne.NewSize(w, l.rows(objs, width, nil))
}

// flow places objs in rows that wrap (flowLayout).
func flow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}
