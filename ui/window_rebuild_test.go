package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/assets"
	"crosstalk/ui/widgets"
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

// Switching the language keeps the calendar on the month and the day
// the person chose, with that day's talks listed, on a narrow window too.
func TestRebuildKeepsTheCalendarDay(t *testing.T) {
	m, w, svc, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	m.tabs.SelectIndex(2)
	ui.settle()
	day := app.StartOfDay(svc.Now()).AddDate(0, 2, 3) // another month
	m.calendar.grid.ShowMonth(day)
	test.Tap((&calendarFixture{cal: m.calendar}).cell(t, day))
	ui.settle()
	heading := m.calendar.heading.Text

	english(t)
	m.Rebuild(SettingsState{Language: "en"})
	ui.settle()
	c := m.calendar
	if !c.day.Equal(day) || !c.grid.Selected().Equal(day) || !c.grid.Month().Equal(time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, app.Tokyo)) {
		t.Errorf("after switching to English, the calendar chose %v in the month of %v, want %v", c.grid.Selected(), c.grid.Month(), day)
	}
	want := en(t, "calendar.on_day", map[string]any{"Date": widgets.FormatDate(day)})
	if got := c.heading.Text; got != want || got == heading {
		t.Errorf("after switching to English, the calendar lists %q, want %q", got, want)
	}

	// On a narrow window, the day's talks stay in view rather than the
	// month, back in Japanese (the calendar panes of this window sit side
	// by side in English).
	if err := assets.UseLanguage("ja"); err != nil {
		t.Fatal(err)
	}
	w.Resize(fyne.NewSize(560, 760))
	ui.settle()
	test.Tap((&calendarFixture{cal: c}).cell(t, day))
	ui.settle()
	if !c.panes.Narrow() || !c.panes.DetailShown() {
		t.Fatalf("on a narrow window, choosing a day does not show its talks alone (narrow %v)", c.panes.Narrow())
	}
	m.Rebuild(SettingsState{Language: "ja"})
	ui.settle()
	frame(w.Canvas()) // the new window laid out, as it is drawn
	if p := m.calendar.panes; !p.Narrow() || !p.DetailShown() || !m.calendar.day.Equal(day) {
		t.Errorf("after the rebuild on a narrow window (narrow %v), the day's talks are not shown (shown %v, day %v)", p.Narrow(), p.DetailShown(), m.calendar.day)
	}
}
