package desktop

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/assets"
	"crosstalk/sync/client"
	"crosstalk/ui"
	"crosstalk/ui/startupreport"
	cttheme "crosstalk/ui/theme"
)

// showMain starts syncing and shows the main window of sess.
func (d *desktop) showMain(sess session) {
	actor := sess.actor
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel, d.synced = cancel, make(chan struct{})
	go func(done chan struct{}) {
		defer close(done)
		if err := d.client.Run(ctx); err != nil {
			d.log.Error("sync", "err", err)
		}
	}(d.synced)
	svc := &services{Store: d.store, client: d.client, me: actor, log: d.log}
	if actor.Role == app.RoleHR || actor.Role == app.RoleSecretariat {
		svc.admin = &adminServices{Admin: d.client.Admin(), DraftStore: d.store, client: d.client, me: actor}
	}
	d.buildMain(svc, sess.server)
	if d.shots != "" {
		time.AfterFunc(3*time.Second, func() { fyne.Do(d.tour) })
	}
	if d.smoke != "" {
		time.AfterFunc(3*time.Second, func() { fyne.Do(d.smokeWalk) })
	}
	d.unsub = d.client.Subscribe(func(st client.Status) {
		fyne.Do(func() {
			if d.main != nil {
				d.main.SetStatus(syncStatus(st))
			}
		})
	})
}

func (d *desktop) buildMain(svc *services, serverAddr string) {
	settings := func() ui.SettingsState {
		size, _ := cttheme.ParseSize(d.setting(prefTextSize, cttheme.Normal.String()))
		return ui.SettingsState{
			TextSize: size, Server: serverAddr, Version: d.version,
			Language:  d.setting(prefLanguage, assets.DefaultLanguage()),
			About:     d.about(),
			Autostart: d.autostartState(),
		}
	}
	startupreport.Mark("build")
	d.main = ui.NewMainWindow(d.w, svc, ui.MainOptions{
		Settings: settings(),
		Actions: ui.SettingsActions{
			SetTextSize: d.setTextSize,
			SetLanguage: func(code string) {
				d.setSetting(prefLanguage, code)
				d.applyLanguage(code)
				d.a.Settings().SetTheme(cttheme.NewFor(settings().TextSize, code)) // the Latin face follows the language
				d.w.SetTitle(lang.X("app.title", "CrossTalk"))
				if d.tray != nil {
					d.tray.Relabel()
				}
				d.main.Rebuild(settings())
			},
			SignOut:          d.signOut,
			CopyDiagnostics:  d.diagnostics,
			SetAutostart:     d.setAutostart,
			AutostartOffered: func() { d.setSetting(prefAutostartOffered, "1") },
		},
		OnWaiting: d.setWaiting,
		Notifier:  d.a,
		Admin:     svc.adminViews(),
		Devices:   svc,
		Mail:      svc,
		OnNoticesSeen: func(upTo int64) {
			go d.client.MarkRejectionsSeen(context.Background(), upTo)
		},
	})
	startupreport.Mark("built")
	content := d.main.Content()
	if d.report != nil {
		content = d.report.Wrap(content) // its probe tells when a frame has drawn it
	}
	d.w.SetContent(content)
	d.main.SetStatus(syncStatus(d.client.Status()))
	d.main.DataChanged()
	if d.report != nil {
		d.report.Measure(func() bool { return !d.main.Loading() }, reportSettle, d.printStartupReport)
	}
	d.afterStart(d.main, d.startOver)
}

// afterStart calls f on the UI goroutine once m, the main window just
// shown, has shown what its first view loads in the background (the
// directory's first results), or after 10 s at the latest; not if the
// window was replaced meanwhile (signed out).
func (d *desktop) afterStart(m *ui.MainWindow, f func()) {
	deadline := time.Now().Add(10 * time.Second)
	var check func()
	check = func() {
		if d.main != m {
			return
		}
		if m.Loading() && time.Now().Before(deadline) {
			time.AfterFunc(20*time.Millisecond, func() { fyne.Do(check) })
			return
		}
		f()
	}
	check()
}

// about is what the About dialog shows.
func (d *desktop) about() ui.AboutInfo {
	info := ui.AboutInfo{Version: d.version, Build: d.build}
	for _, n := range assets.Licences() {
		info.Licences = append(info.Licences, ui.Licence{Component: n.Component, Name: n.Licence, Text: n.Text})
	}
	return info
}

// syncStatus is the client's status as the status line shows it.
func syncStatus(st client.Status) ui.SyncStatus {
	// A retry while offline is a probe, not news: the line keeps saying
	// offline rather than flickering to "sending" every few seconds.
	probing := !st.Online && st.LastError != ""
	out := ui.SyncStatus{Online: st.Online, Syncing: st.Syncing && !probing, Pending: st.Pending, LastSync: st.LastSync,
		FromEmpty: st.FromEmpty, AuthFailed: st.AuthFailed}
	for _, r := range st.Rejections {
		out.Notices = append(out.Notices, ui.Notice{MutationID: r.MutationID, Name: r.Name, Code: r.Code, At: r.At})
	}
	return out
}
