package ui

import "testing"

// Switching the language builds the window again on the screen the
// person was on: the same tab, the inbox's same list and the words
// searched in the directory.
func TestRebuildKeepsTheScreen(t *testing.T) {
	m, _, _, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	m.tabs.Select(m.inboxTab)
	m.inbox.tabs.SelectIndex(2)
	ui.settle()

	m.Rebuild(SettingsState{Language: "en"})
	ui.settle()
	if m.tabs.Selected() != m.inboxTab {
		t.Errorf("after the rebuild, tab %q is shown, want the inbox", m.tabs.Selected().Text)
	}
	if got := m.inbox.tabs.SelectedIndex(); got != 2 {
		t.Errorf("after the rebuild, the inbox shows list %d, want 2", got)
	}

	m.tabs.SelectIndex(2)
	m.directory.search.SetText("いのうえ")
	ui.settle()
	m.Rebuild(SettingsState{Language: "ja"})
	ui.settle()
	if got := m.directory.search.Text; got != "いのうえ" {
		t.Errorf("after the rebuild, the directory searches %q, want いのうえ", got)
	}
	if m.tabs.Selected().Content != m.calendar.Content() {
		t.Errorf("after the rebuild, tab %q is shown, want the calendar", m.tabs.Selected().Text)
	}
}
