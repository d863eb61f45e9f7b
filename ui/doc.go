// Package ui holds the participant's views: the main window with its
// tabs (the directory of people, the inbox of offers, the calendar of
// talks, the profile and the settings) and its status line, the dialogs
// that send and answer offers, cancel and move talks and ask for the
// survey, the first launch, the reminders and the calendar files. For an
// HR or secretariat account the window shows the administration tabs of
// crosstalk/ui/admin instead.
//
// The views read and change the data through Services, and know neither
// storage nor the network: this package must import neither
// crosstalk/data nor crosstalk/sync/server (the sync client's state comes
// in as a SyncStatus). The desktop's life cycle, which serves them, is
// crosstalk/ui/desktop's; the general widgets, which know no offer or
// talk, are crosstalk/ui/widgets'.
package ui
