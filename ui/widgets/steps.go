package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Steps shows a long form one page at a time (一歩ずつ), with where the
// user is: 「1 / 3」. A page is the objects shown together, such as its
// part of the form and its buttons; the others' are hidden. Pages take
// the place of a scroll that would hide the form's send button on a
// small screen with large text.
type Steps struct {
	// Indicator says which page is shown, of how many.
	Indicator *widget.Label
	pages     [][]fyne.CanvasObject
	at        int
	// OnChanged, if set, is called after another page was shown.
	OnChanged func(page int)
}

// NewSteps shows the first of pages.
func NewSteps(pages ...[]fyne.CanvasObject) *Steps {
	s := &Steps{Indicator: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), pages: pages}
	s.Indicator.Importance = widget.HighImportance
	s.show(0)
	return s
}

// At is the page shown, from 0.
func (s *Steps) At() int { return s.at }

// Len is the number of pages.
func (s *Steps) Len() int { return len(s.pages) }

// Show shows page i (from 0) and hides the others'.
func (s *Steps) Show(i int) {
	if i < 0 || i >= len(s.pages) {
		return
	}
	s.show(i)
	if s.OnChanged != nil {
		s.OnChanged(i)
	}
}

func (s *Steps) show(i int) {
	s.at = i
	for j, page := range s.pages {
		if j == i {
			continue
		}
		for _, o := range page {
			o.Hide()
		}
	}
	for _, o := range s.pages[i] {
		o.Show()
	}
	s.Indicator.SetText(lang.X("steps.indicator", "Step {{.N}} of {{.Of}}", map[string]any{"N": i + 1, "Of": len(s.pages)}))
}
