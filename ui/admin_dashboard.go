package ui

import "fyne.io/fyne/v2"

// DashboardView is the dashboard tab.
type DashboardView struct {
	content fyne.CanvasObject
}

// NewDashboardView makes the dashboard tab.
func NewDashboardView(svc AdminServices, win fyne.Window) *DashboardView {
	return &DashboardView{content: adminHeading("")}
}

// Content is the tab's canvas object.
func (v *DashboardView) Content() fyne.CanvasObject { return v.content }

// Refresh loads the list.
func (v *DashboardView) Refresh() {}
