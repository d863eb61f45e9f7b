package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"

	cttheme "crosstalk/ui/theme"
)

// The smallest screens the main window must fit, less the window's
// title bar (40 of Fyne's units): 1024×768, and 1366×768 at 125 %
// scaling, which Fyne rounds to 1.3 (1051×591 of its units).
var fitScreens = []fyne.Size{
	fyne.NewSize(1024, 768-40),
	fyne.NewSize(1051, 591-40),
}

// At every text size, every tab of the participant's window fits the
// smallest screens, with a person's profile open in the directory and a
// talk open in the calendar: the window can be made that small. At that
// size the buttons that matter lie inside the window.
func TestMainWindowFitsSmallScreens(t *testing.T) {
	m, w, svc, _, ui := newMainWindowFixture(t)
	m.DataChanged()
	ui.settle()
	closeOverlays(w)
	if len(m.directory.results) == 0 {
		t.Fatal("the directory lists nobody")
	}
	m.directory.list.Select(0)
	m.openTalk(comingTalk(t, svc, 30))
	ui.settle()
	if m.directory.card == nil || m.calendar.detail == nil {
		t.Fatal("no profile or talk open")
	}
	// Everything the status line and the inbox may tell at once.
	devices := []app.DeviceInfo{{ID: "d2", Name: "山田さんのノートパソコン（自宅）", CreatedAt: svc.now}, {ID: "d3", CreatedAt: svc.now}}
	m.status.Set(SyncStatus{Online: true, LastSync: svc.now, Pending: 12,
		Notices: []Notice{{MutationID: 1, Name: app.OfferSend, Code: app.CodeTooLong, At: svc.now}}})
	m.status.SetDevices(devices)
	m.inbox.SetDeviceNotice(devices)
	for _, size := range cttheme.Sizes {
		fyne.CurrentApp().Settings().SetTheme(cttheme.New(size))
		ui.settle()
		for _, tab := range m.tabs.Items {
			m.tabs.Select(tab)
			ui.settle()
			got := m.Content().MinSize()
			t.Logf("text size %s, tab %q: minimum %v", size, tab.Text, got)
			for _, screen := range fitScreens {
				if got.Width > screen.Width || got.Height > screen.Height {
					t.Errorf("text size %s, tab %q: minimum size %v, larger than %v", size, tab.Text, got, screen)
				}
			}
		}
		for _, screen := range fitScreens {
			w.Resize(screen)
			m.tabs.SelectIndex(0)
			m.directory.panes.ShowDetail()
			ui.settle()
			insideWindow(t, w, size, "the offer's button", m.directory.card.send)
			m.tabs.SelectIndex(3)
			ui.settle()
			insideWindow(t, w, size, "the profile's Save", m.profile.save)
		}
	}
}

// insideWindow fails t when button b is hidden or lies partly outside
// window w.
func insideWindow(t *testing.T, w fyne.Window, size cttheme.Size, what string, b *widget.Button) {
	t.Helper()
	if !b.Visible() {
		t.Errorf("text size %s, window %v: %s is hidden", size, w.Canvas().Size(), what)
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	end := pos.Add(b.Size())
	c := w.Canvas().Size()
	if pos.X < 0 || pos.Y < 0 || end.X > c.Width || end.Y > c.Height || b.Size().Width < b.MinSize().Width {
		t.Errorf("text size %s, window %v: %s at %v–%v (size %v) lies outside", size, c, what, pos, end, b.Size())
	}
}
