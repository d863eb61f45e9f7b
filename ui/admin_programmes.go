package ui

import "fyne.io/fyne/v2"

// ProgrammesView is the companies and programmes tab.
type ProgrammesView struct {
	content fyne.CanvasObject
}

// NewProgrammesView makes the companies and programmes tab.
func NewProgrammesView(svc AdminServices, win fyne.Window) *ProgrammesView {
	return &ProgrammesView{content: adminHeading("")}
}

// Content is the tab's canvas object.
func (v *ProgrammesView) Content() fyne.CanvasObject { return v.content }

// Refresh loads the list.
func (v *ProgrammesView) Refresh() {}
