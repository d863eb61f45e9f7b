package ui

import "fyne.io/fyne/v2"

// InvitationsView is the invitations tab.
type InvitationsView struct {
	content fyne.CanvasObject
}

// NewInvitationsView makes the invitations tab.
func NewInvitationsView(svc AdminServices, win fyne.Window, server string) *InvitationsView {
	return &InvitationsView{content: adminHeading("")}
}

// Content is the tab's canvas object.
func (v *InvitationsView) Content() fyne.CanvasObject { return v.content }

// Refresh loads the list.
func (v *InvitationsView) Refresh() {}
