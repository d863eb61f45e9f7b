package desktop

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Keeping watch from the system tray (issue 17): while a tray is there,
// the app shows an icon in it with the number of offers waiting for the
// person's answer, and closing the main window hides it, the app still
// running, syncing and notifying; the tray's menu opens the window again
// or quits. Started at sign-in (-tray), the app opens to the tray.

// trayHost is the system tray as desktop.App has it; tests give their
// own.
type trayHost interface {
	SetSystemTrayMenu(*fyne.Menu)
	SetSystemTrayIcon(fyne.Resource)
}

// prefTrayTold is the setting that says the person was told, once, that
// closing the window leaves the app in the tray.
const prefTrayTold = "tray.close_told"

// tray is the app's icon and menu in the system tray.
type tray struct {
	host  trayHost
	menu  *fyne.Menu
	badge string // what the icon's badge says now; "" for none

	// render draws the icon for a badge's text (badgedIcon); tests
	// count its calls.
	render func(text string) (fyne.Resource, error)
}

// newTray puts the app's icon and its menu in host's tray: open shows
// and focuses the main window, quit quits the app. Call it on the UI
// goroutine.
func newTray(host trayHost, open, quit func()) *tray {
	t := &tray{host: host, render: badgedIcon}
	// The last item is Fyne's quit item (IsQuit): Fyne then adds none
	// of its own.
	exit := fyne.NewMenuItem(lang.X("tray.quit", "Quit"), quit)
	exit.IsQuit = true
	t.menu = fyne.NewMenu(lang.X("app.title", "CrossTalk"),
		fyne.NewMenuItem(lang.X("tray.open", "Open CrossTalk"), open),
		fyne.NewMenuItemSeparator(),
		exit)
	host.SetSystemTrayMenu(t.menu)
	host.SetSystemTrayIcon(mustIcon(t.render("")))
	return t
}

// SetWaiting shows on the icon that n offers wait for the person's
// answer; the icon is drawn again only when what its badge says
// changes. Call it on the UI goroutine.
func (t *tray) SetWaiting(n int) {
	text := badgeText(n)
	if text == t.badge {
		return
	}
	icon, err := t.render(text)
	if err != nil {
		fyne.LogError("tray", err)
		return
	}
	t.badge = text
	t.host.SetSystemTrayIcon(icon)
}

// Relabel names the menu's items again, in the language now chosen.
func (t *tray) Relabel() {
	t.menu.Label = lang.X("app.title", "CrossTalk")
	t.menu.Items[0].Label = lang.X("tray.open", "Open CrossTalk")
	t.menu.Items[2].Label = lang.X("tray.quit", "Quit")
	t.host.SetSystemTrayMenu(t.menu)
}

func mustIcon(r fyne.Resource, err error) fyne.Resource {
	if err != nil {
		panic(err) // the plain icon is the app's own: no drawing to fail
	}
	return r
}

// hideToTray hides w instead of closing it; the first time ever, as
// told says (and then remembers with tell), a notification says that
// the app goes on in the tray and how to quit it.
func hideToTray(w fyne.Window, notify func(*fyne.Notification), told func() bool, tell func()) {
	w.Hide()
	if told() {
		return
	}
	body := lang.X("tray.closed.body", "It stays in the notification area and tells you of new offers. To quit, choose “Quit” from its icon.")
	if runtime.GOOS == "darwin" {
		body = lang.X("tray.closed.body_mac", "It stays in the menu bar and tells you of new offers. To quit, choose “Quit” from its icon.")
	}
	notify(fyne.NewNotification(lang.X("tray.closed.title", "CrossTalk is still running"), body))
	tell()
}
