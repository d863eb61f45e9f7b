package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// treeHasLabel reports whether a label with text is in o's tree.
func treeHasLabel(o fyne.CanvasObject, text string) bool {
	found := false
	treeWalk(o, func(x fyne.CanvasObject) {
		if l, ok := x.(*widget.Label); ok && l.Text == text {
			found = true
		}
	})
	return found
}

// treeButton finds a button with text in o's tree.
func treeButton(o fyne.CanvasObject, text string) *widget.Button {
	var b *widget.Button
	treeWalk(o, func(x fyne.CanvasObject) {
		if bb, ok := x.(*widget.Button); ok && bb.Text == text {
			b = bb
		}
	})
	return b
}

// treeWalk visits o and everything inside it, widgets included.
func treeWalk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			treeWalk(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			treeWalk(c, f)
		}
	}
}

// settle waits until every background load and its display are done, so
// that the test goroutine alone touches the widgets afterwards.
func settle() { inflight.Wait() }

// settle runs the background work and the UI queue of a queued test app
// (dirQueueApp) until both are empty.
func (ui *dirUI) settle() {
	for {
		inflight.Wait()
		if !ui.drv.drain() {
			return
		}
	}
}
