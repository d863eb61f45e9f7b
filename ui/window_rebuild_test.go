package ui

import (
	"slices"
	"testing"
)

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

// Switching the language keeps the person's profile as it is: its age
// band and ways to talk, chosen in the old language's words, are read by
// their place, so nothing is emptied and nothing is said to be unsaved.
func TestRebuildKeepsTheProfileChoices(t *testing.T) {
	m, _, _, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	m.showProfile()
	ui.settle()
	if !m.profile.edit.loaded {
		t.Fatal("the profile did not load")
	}
	band, modes := m.profile.selectedAgeBand(), m.profile.selectedModes()
	if band == "" || len(modes) == 0 {
		t.Fatalf("the demo profile has no age band (%q) or ways to talk (%v)", band, modes)
	}

	english(t) // the app speaks English before the window is built again
	m.Rebuild(SettingsState{Language: "en"})
	ui.settle()
	if got := m.profile.selectedAgeBand(); got != band {
		t.Errorf("after switching to English, the age band is %q, want %q", got, band)
	}
	if got := m.profile.selectedModes(); !slices.Equal(got, modes) {
		t.Errorf("after switching to English, the ways to talk are %v, want %v", got, modes)
	}
	if m.profile.Unsaved() {
		t.Error("after switching to English, the profile says it has changes not saved")
	}
}
