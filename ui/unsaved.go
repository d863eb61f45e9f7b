package ui

import (
	"fyne.io/fyne/v2/lang"

	"crosstalk/ui/widgets"
)

// Leaving the app with changes of the profile not saved asks first
// (issue 15): closing the window, and signing out (in the settings'
// question). The changes are kept as a draft on this computer either
// way, but they are not the profile others see until saved. Switching
// tabs keeps them without asking, with a marker on the profile; a new
// language builds the window again with them (Rebuild).

// unsaved reports whether a view holds changes not saved.
func (m *MainWindow) unsaved() bool { return m.profile != nil && m.profile.Unsaved() }

// confirmUnsaved calls close at once, or, with the profile's changes not
// saved, asks first; going back shows the profile.
func (m *MainWindow) confirmUnsaved(close func()) {
	if !m.unsaved() {
		close()
		return
	}
	m.profile.Flush()
	m.closeQuestion = widgets.ShowConfirm(lang.X("draft.unsaved", "You have changes that are not saved"),
		lang.X("unsaved.close", "The changes to “My profile” are not saved yet. If you close the app, they stay on this computer as a draft, and you can go on next time; others see your profile as it was. Close the app?"),
		lang.X("unsaved.close_yes", "Close the app"), lang.X("unsaved.back", "Go back to my profile"), false, // the changes stay as a draft
		func(ok bool) {
			if ok {
				close()
				return
			}
			m.showProfile()
		}, m.win)
}

// showProfile opens the profile's tab.
func (m *MainWindow) showProfile() {
	for _, t := range m.tabs.Items {
		if t.Content == m.profile.Content() {
			m.tabs.Select(t)
		}
	}
}
