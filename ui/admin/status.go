package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// statusLine is a view's status line: what is loading, what went wrong
// and what to do, or what was done.
type statusLine struct {
	text *widgets.Paragraph
	// relayout, when set, lays out the status's container again after
	// the line appeared, changed or went.
	relayout func()
}

func newStatusLine() *statusLine {
	s := &statusLine{text: widgets.NewParagraph("")}
	s.text.Label.Wrapping = fyne.TextWrapOff
	s.text.Hide()
	return s
}

func (s *statusLine) show(text string, imp widget.Importance) {
	s.text.Label.Importance = imp
	s.text.SetText(text)
	s.text.Show()
	s.changed()
}

func (s *statusLine) changed() {
	if s.relayout != nil {
		s.relayout()
	}
}

// busy says what is under way.
func (s *statusLine) busy(text string) { s.show(text, widget.MediumImportance) }

// loading says that data is being loaded.
func (s *statusLine) loading() { s.busy(lang.X("admin.loading", "Loading…")) }

// fail says what went wrong and what to do.
func (s *statusLine) fail(err error) {
	fyne.LogError("admin", err)
	s.show(errorText(err), widget.DangerImportance)
}

// failText shows a problem the view found itself.
func (s *statusLine) failText(text string) { s.show(text, widget.DangerImportance) }

// done says what was done.
func (s *statusLine) done(text string) { s.show(text, widget.SuccessImportance) }

func (s *statusLine) clear() {
	s.text.SetText("")
	s.text.Hide()
	s.changed()
}

// Text is the line shown, "" when none.
func (s *statusLine) Text() string {
	if !s.text.Visible() {
		return ""
	}
	return s.text.Text
}
