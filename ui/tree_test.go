package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// The tests' helpers to look into a window, besides uitest's (walk the
// widget tree, read the texts shown, find buttons), which the
// administration's tests share: find widgets, read dialogs and tap their
// buttons, and lay a canvas out as a frame would.

// treeHas reports whether target is in o's tree.
func treeHas(o, target fyne.CanvasObject) bool {
	found := false
	uitest.Walk(o, func(x fyne.CanvasObject) { found = found || x == target })
	return found
}

// findShown is the first T shown in o, or T's zero value.
func findShown[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	done := false
	uitest.ShownWalk(o, func(x fyne.CanvasObject) {
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
		out = append(out, uitest.ShownTexts(root)...)
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
	return uitest.ShownButton(root, text)
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
	b := uitest.ShownButton(d.top(t), text)
	if b == nil {
		t.Fatalf("no button %q in %q", text, uitest.ShownTexts(d.top(t)))
	}
	if b.Disabled() {
		t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
}

// waitSettled waits until an answer was shown, and returns its error.
func (d *dialogWindow) waitSettled(t *testing.T) error {
	t.Helper()
	var err error
	if !awaitShown(d.settled, func(e error) { err = e }) {
		t.Fatal("the answer was not shown")
	}
	return err
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
