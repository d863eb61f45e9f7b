package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// The tests' one set of helpers to look into a window: walk the widget
// tree, read the texts shown, find and tap buttons, and follow dialogs.

// treeWalk visits o and everything inside it, hidden or not, widgets
// included.
func treeWalk(o fyne.CanvasObject, f func(fyne.CanvasObject)) { walkTree(o, false, f) }

// shownWalk visits o and everything shown inside it: a hidden object and
// all it holds are skipped.
func shownWalk(o fyne.CanvasObject, f func(fyne.CanvasObject)) { walkTree(o, true, f) }

func walkTree(o fyne.CanvasObject, shownOnly bool, f func(fyne.CanvasObject)) {
	if o == nil || shownOnly && !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkTree(c, shownOnly, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkTree(c, shownOnly, f)
		}
	}
}

// treeHas reports whether target is in o's tree.
func treeHas(o, target fyne.CanvasObject) bool {
	found := false
	treeWalk(o, func(x fyne.CanvasObject) { found = found || x == target })
	return found
}

// shownTexts lists the texts of the labels and paragraphs shown in o.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	shownWalk(o, func(x fyne.CanvasObject) {
		switch l := x.(type) {
		case *widget.Label:
			if l.Text != "" {
				out = append(out, l.Text)
			}
		case *widgets.Paragraph:
			if l.Text != "" {
				out = append(out, l.Text)
			}
		}
	})
	return out
}

// showsText reports whether o shows text as a label or paragraph.
func showsText(o fyne.CanvasObject, text string) bool {
	for _, s := range shownTexts(o) {
		if s == text {
			return true
		}
	}
	return false
}

// wantTexts checks that o shows every one of texts.
func wantTexts(t *testing.T, what string, o fyne.CanvasObject, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !showsText(o, s) {
			t.Errorf("%s does not show %q; it shows %q", what, s, shownTexts(o))
		}
	}
}

// shownButton is the first button labelled text shown in o, or nil.
func shownButton(o fyne.CanvasObject, text string) *widget.Button {
	var b *widget.Button
	shownWalk(o, func(x fyne.CanvasObject) {
		if bb, ok := x.(*widget.Button); ok && bb.Text == text && b == nil {
			b = bb
		}
	})
	return b
}

// findShown is the first T shown in o, or T's zero value.
func findShown[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	done := false
	shownWalk(o, func(x fyne.CanvasObject) {
		if v, ok := x.(T); ok && !done {
			found, done = v, true
		}
	})
	return found
}

// canvasTexts lists the texts shown on c, its dialogs included.
func canvasTexts(c fyne.Canvas) []string {
	var out []string
	for _, root := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		out = append(out, shownTexts(root)...)
	}
	return out
}

// canvasButton is the button labelled text shown on the dialog on top of
// c, or on its content when no dialog is open.
func canvasButton(c fyne.Canvas, text string) *widget.Button {
	root := c.Overlays().Top()
	if root == nil {
		root = c.Content()
	}
	return shownButton(root, text)
}

// dialogWindow is a test's window with the dialogs opened over it;
// settled, when the view reports to it, says that an answer was shown.
type dialogWindow struct {
	win     fyne.Window
	settled chan error
}

func newDialogWindow(t *testing.T) dialogWindow {
	return dialogWindow{win: test.NewTempWindow(t, widget.NewLabel("")), settled: make(chan error, 4)}
}

// top is the dialog shown last.
func (d *dialogWindow) top(t *testing.T) fyne.CanvasObject {
	t.Helper()
	o := d.win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is shown")
	}
	return o
}

// tap taps the enabled button labelled text in the dialog shown last.
func (d *dialogWindow) tap(t *testing.T, text string) {
	t.Helper()
	b := shownButton(d.top(t), text)
	if b == nil {
		t.Fatalf("no button %q in %q", text, shownTexts(d.top(t)))
	}
	if b.Disabled() {
		t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
}

// waitSettled waits until an answer was shown, and returns its error.
func (d *dialogWindow) waitSettled(t *testing.T) error {
	t.Helper()
	select {
	case err := <-d.settled:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the answer was not shown")
	}
	return nil
}

// frame lays c out again the way Fyne's driver does before it draws a
// frame, when an object's least size changed: the parents of what grew
// or shrank are laid out again. The headless canvas draws no frames, so a
// test calls frame before it looks at positions or captures an image
// after something changed size.
func frame(c fyne.Canvas) {
	for _, root := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		layoutTree(root)
	}
}

func layoutTree(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			layoutTree(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		for _, c := range r.Objects() {
			layoutTree(c)
		}
	}
}

// settle waits until every background load and its display are done, so
// that the test goroutine alone touches the widgets afterwards.
func settle() { widgets.WaitBackground() }

// settle runs the background work and the UI queue of a queued test app
// (dirQueueApp) until both are empty.
func (ui *dirUI) settle() {
	for {
		widgets.WaitBackground()
		if !ui.drv.drain() {
			return
		}
	}
}
