// Package uitest looks into the views for the tests of crosstalk/ui and
// crosstalk/ui/admin: it walks a window's widget tree, reads the texts
// shown and finds buttons, and runs the UI goroutine's queue on the
// test's goroutine (QueueApp).
//
// It imports crosstalk/ui/widgets, to read a paragraph's text and to wait
// for background work, so the widgets' own tests cannot use it: they use
// crosstalk/ui/internal/testapp alone.
package uitest

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// Walk visits o and everything inside it, hidden or not, widgets
// included.
func Walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) { walkTree(o, false, f) }

// ShownWalk visits o and everything shown inside it: a hidden object and
// all it holds are skipped.
func ShownWalk(o fyne.CanvasObject, f func(fyne.CanvasObject)) { walkTree(o, true, f) }

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

// ShownTexts lists the texts of the labels and paragraphs shown in o.
func ShownTexts(o fyne.CanvasObject) []string {
	var out []string
	ShownWalk(o, func(x fyne.CanvasObject) {
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

// ShowsText reports whether o shows text as a label or paragraph.
func ShowsText(o fyne.CanvasObject, text string) bool {
	for _, s := range ShownTexts(o) {
		if s == text {
			return true
		}
	}
	return false
}

// WantTexts checks that o shows every one of texts.
func WantTexts(t *testing.T, what string, o fyne.CanvasObject, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !ShowsText(o, s) {
			t.Errorf("%s does not show %q; it shows %q", what, s, ShownTexts(o))
		}
	}
}

// ShownButton is the first button labelled text shown in o, or nil.
func ShownButton(o fyne.CanvasObject, text string) *widget.Button {
	var b *widget.Button
	ShownWalk(o, func(x fyne.CanvasObject) {
		if bb, ok := x.(*widget.Button); ok && bb.Text == text && b == nil {
			b = bb
		}
	})
	return b
}
