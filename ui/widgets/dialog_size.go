package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
)

// A dialog never grows past its window: it is as large as it asks, at
// most the window's canvas less a margin, and what does not fit scrolls
// inside it while its buttons stay in view. Large text on a small screen
// (1024×768, or 1366×768 at 125 % scaling) would otherwise push a
// dialog's buttons off the screen.

// DialogMargin is the least room left between a dialog and each edge of
// its window.
const DialogMargin = 12

// dialogInset is what a Fyne dialog puts around its content across its
// width.
const dialogInset = 32

// DialogSize is want, at most c's size less DialogMargin on every side.
func DialogSize(c fyne.Canvas, want fyne.Size) fyne.Size {
	s := c.Size()
	return fyne.NewSize(min(want.Width, s.Width-2*DialogMargin), min(want.Height, s.Height-2*DialogMargin))
}

// TextScaled is want, a size for Fyne's default text size, grown or
// shrunk in proportion to the current text size.
func TextScaled(want fyne.Size) fyne.Size {
	scale := theme.TextSize() / 14 // Fyne's default text size
	return fyne.NewSize(want.Width*scale, want.Height*scale)
}

// ResizeDialog sizes d to want, at most win's canvas less DialogMargin on
// every side. A dialog is never smaller than its least size, so what it
// holds must be able to shrink (a scroll) for it to fit a small window.
func ResizeDialog(d dialog.Dialog, win fyne.Window, want fyne.Size) {
	d.Resize(DialogSize(win.Canvas(), want))
	Recentre(win.Canvas())
}

// ShowSized shows d at want grown with the text size (TextScaled), at
// most win's canvas less DialogMargin on every side, centred.
func ShowSized(d dialog.Dialog, win fyne.Window, want fyne.Size) {
	d.Show()
	ResizeDialog(d, win, TextScaled(want))
}

// FitDialog sizes d, whose content is scroll, to at most maxWidth and the
// window, and as tall as what scroll holds when that fits: the dialog
// scrolls only when the window is too small. Wrapped labels know their
// height only once their width is set, so the content is laid out at the
// dialog's width first.
func FitDialog(d dialog.Dialog, win fyne.Window, scroll *container.Scroll, maxWidth float32) {
	size := DialogSize(win.Canvas(), fyne.NewSize(maxWidth, 0))
	inner := scroll.Content
	for range 2 { // a label that wraps differently at the new width changes the height
		inner.Resize(fyne.NewSize(max(size.Width-dialogInset, inner.MinSize().Width), inner.MinSize().Height))
	}
	chrome := d.MinSize().Height - scroll.MinSize().Height
	ResizeDialog(d, win, fyne.NewSize(size.Width, chrome+inner.MinSize().Height+theme.Padding()))
}

// Recentre lays c's overlays out again, which centres their dialogs and
// pop-ups: an overlay centres what it holds only when laid out.
func Recentre(c fyne.Canvas) {
	for _, o := range c.Overlays().List() {
		o.Refresh()
	}
}
