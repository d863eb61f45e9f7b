package desktop

import (
	"log/slog"

	fynedesktop "fyne.io/fyne/v2/driver/desktop"

	"crosstalk/ui"
	"crosstalk/ui/desktop/autostart"
	"crosstalk/ui/widgets"
)

// trayFlag is the command line's flag that opens the app to the tray
// (main.go); the autostart entry passes it.
const trayFlag = "-tray"

// prefAutostartOffered is the setting that says the inbox has offered,
// once, to open the app at sign-in.
const prefAutostartOffered = "autostart.offered"

// findTray starts asking, off the UI goroutine, whether the desktop
// has a system tray (on Linux it takes a moment: hasTrayHost); the
// function it returns waits for the answer. Fyne starts its tray with
// its loop: the answer goes to trayFound before the app runs.
func (d *desktop) findTray() func() (trayHost, bool) {
	host, ok := d.a.(fynedesktop.App)
	if !ok {
		return func() (trayHost, bool) { return nil, false }
	}
	has := make(chan bool, 1)
	go func() { has <- hasTrayHost() }()
	return func() (trayHost, bool) { return host, <-has }
}

// trayFound puts the app in host's tray if has, and else shows the
// window if hidden; until then closing the window quits, as it always
// did. Call it on the UI goroutine, before the app runs.
func (d *desktop) trayFound(host trayHost, has bool) {
	d.log.Info("system tray", "available", has)
	if !has {
		if d.hidden {
			d.showWindow()
		}
		return
	}
	d.tray = newTray(host, d.showWindow, func() {
		if !d.hidden {
			d.rememberPlacement()
		}
		d.quit()
	})
	if d.main != nil {
		d.main.DataChanged() // the icon's count
	}
}

// showWindow shows the main window and brings it forward; the first
// time, it places it on its screen and hooks its keys and wheel. Call
// it on the UI goroutine.
func (d *desktop) showWindow() {
	d.hidden = false
	d.w.Show()
	if !d.placed {
		d.placed = true
		d.placeWindow()
		d.installEscape()
		d.installWheel()
	}
	d.w.RequestFocus()
}

// closeWindow is the main window's close intercept. With a tray and
// someone signed in, the window hides and the app goes on watching for
// offers from the tray (said once, the first time); else the app quits,
// if nothing would be lost (quit).
func (d *desktop) closeWindow() {
	if d.askingToQuit() {
		return // the window stays, with its question
	}
	d.rememberPlacement()
	if d.tray == nil || d.main == nil {
		d.quit()
		return
	}
	widgets.FlushDrafts() // the app may yet be ended with the session
	d.hidden = true
	hideToTray(d.w, d.a.SendNotification,
		func() bool { return d.setting(prefTrayTold, "") != "" },
		func() { d.setSetting(prefTrayTold, "1") })
}

// quit ends the app, as closing its window did before the tray: the main
// window may ask first (the profile's changes, new invitation codes not
// saved); its question is in the window, which is then shown. Run stops
// the sync and writes the drafts once the loop is over.
func (d *desktop) quit() {
	end := d.w.Close
	if d.tray != nil {
		end = d.a.Quit // the tray keeps the app running without windows
	}
	if d.main == nil {
		end()
		return
	}
	if d.askingToQuit() { // a second 終了: the question is there
		if d.hidden {
			d.showWindow()
		}
		return
	}
	asking := true
	d.main.ConfirmClose(func() {
		asking = false
		d.quitQuestion = nil
		end()
	})
	if asking {
		d.quitQuestion = d.w.Canvas().Overlays().Top()
		if d.hidden {
			d.showWindow()
		}
	}
}

// askingToQuit reports whether the main window's question before
// quitting (quit) is still open.
func (d *desktop) askingToQuit() bool {
	if d.quitQuestion == nil {
		return false
	}
	for _, o := range d.w.Canvas().Overlays().List() {
		if o == d.quitQuestion {
			return true
		}
	}
	d.quitQuestion = nil
	return false
}

// setWaiting shows on the tray's icon how many offers wait for the
// person's answer.
func (d *desktop) setWaiting(n int) {
	if d.tray != nil {
		d.tray.SetWaiting(n)
	}
}

// newAutostart is the entry that opens this executable at sign-in, to
// the tray; nil, with the reason logged, where it cannot be made.
func newAutostart(log *slog.Logger) autostart.Autostart {
	cmd, err := autostart.Command(trayFlag)
	if err == nil {
		var a autostart.Autostart
		if a, err = autostart.For(autostart.Entry{ID: appID, Name: "CrossTalk", Command: cmd}); err == nil {
			return a
		}
	}
	log.Warn("autostart", "err", err)
	return nil
}

// autostartState is what the settings show of the autostart entry. The
// demo offers none: the entry would start the real app, not the demo.
// Nor is it offered without a tray: the app could not wait there without
// a window, as the offer says. (The tray is known before the main window
// is built: trayFound runs before the app's loop.)
func (d *desktop) autostartState() ui.AutostartState {
	if d.autostart == nil || d.demo != nil || d.tray == nil {
		return ui.AutostartState{}
	}
	on, err := d.autostart.Enabled()
	if err != nil {
		d.log.Warn("autostart", "err", err)
	}
	return ui.AutostartState{Supported: true, On: on, Offered: d.setting(prefAutostartOffered, "") != ""}
}

// setAutostart writes or removes the autostart entry; the settings call
// it off the UI goroutine.
func (d *desktop) setAutostart(on bool) error {
	if d.autostart == nil {
		return nil
	}
	if on {
		return d.autostart.Enable()
	}
	return d.autostart.Disable()
}
