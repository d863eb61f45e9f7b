package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
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

// dialogMargin is the least room left around a dialog in the window.
const dialogMargin = 16

// dialogSize is want, grown with the text size, but never larger than
// win's canvas less a margin: a dialog is never larger than the window.
// (A dialog is still as large as its content's minimum; the tests check
// that this fits the window too.)
func dialogSize(win fyne.Window, want fyne.Size) fyne.Size {
	return dialogSizeIn(win.Canvas().Size(), want)
}

// dialogSizeIn is dialogSize in a canvas of size cs.
func dialogSizeIn(cs fyne.Size, want fyne.Size) fyne.Size {
	scale := theme.TextSize() / 14 // Fyne's default text size
	return fyne.NewSize(min(want.Width*scale, cs.Width-2*dialogMargin), min(want.Height*scale, cs.Height-2*dialogMargin))
}

// showSized shows d at dialogSize(win, want), centred: an overlay
// centres its dialog only when laid out, so the overlays are laid out
// again.
func showSized(d dialog.Dialog, win fyne.Window, want fyne.Size) {
	d.Show()
	d.Resize(dialogSize(win, want))
	recentre(win.Canvas())
}

// recentre lays c's overlays out again, which centres their dialogs.
func recentre(c fyne.Canvas) {
	for _, o := range c.Overlays().List() {
		o.Refresh()
	}
}

// message is text to ask about in a confirmation: wrapped at a width
// that grows with the text size and fits win, and as tall as its lines.
func message(win fyne.Window, text string) fyne.CanvasObject {
	p := widgets.NewParagraph(text)
	w := min(30*theme.TextSize(), win.Canvas().Size().Width-2*dialogMargin-40)
	p.Resize(fyne.NewSize(w, p.MinSize().Height)) // breaks the lines for w
	return container.NewGridWrap(fyne.NewSize(w, p.MinSize().Height), p)
}

// confirm asks text, with a button yes to go on and one back to go
// back; when going on cannot be undone (danger), yes is red, as the
// button that asked is. done gets the answer.
func confirm(win fyne.Window, title, text, yes, back string, danger bool, done func(bool)) *dialog.ConfirmDialog {
	d := dialog.NewCustomConfirm(title, yes, back, message(win, text), done, win)
	if danger {
		d.SetConfirmImportance(widget.DangerImportance)
	}
	d.Show()
	return d
}
