package desktop

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app/applog"
	"crosstalk/app/instance"
	"crosstalk/app/userdir"
	"crosstalk/assets"
	"crosstalk/data/replica"
	"crosstalk/sync/client"
	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

// showStartFailure shows, in the system's language, that the app could
// not start and why, until the user closes the window.
func showStartFailure(a fyne.App, err error) {
	if e := assets.UseLanguage(assets.DefaultLanguage()); e != nil {
		fmt.Fprintf(os.Stderr, "crosstalk: language: %v\n", e)
	}
	a.Settings().SetTheme(cttheme.New(cttheme.Normal))
	w := a.NewWindow(lang.X("app.title", "CrossTalk"))
	msg := widgets.NewParagraph(lang.X("home.start_failed", "CrossTalk could not start. Please restart the computer and open it again. If this happens again, please send this message to the secretariat: {{.Error}}", map[string]any{"Error": err.Error()}))
	w.SetContent(container.NewBorder(nil, container.NewCenter(widget.NewButton(lang.X("home.close", "Close"), a.Quit)), nil, nil, msg))
	w.Resize(fyne.NewSize(560, 240))
	w.ShowAndRun()
}

// setUp finds the per-user data folder, makes this the one running
// instance (or asks the running one to show itself, giving
// instance.ErrRunning), moves the data of an earlier version from Fyne's
// storage folder, and opens the log and the settings there.
func (d *desktop) setUp(onShow func()) (*instance.Instance, error) {
	dir, err := userdir.Dir(appID)
	if err != nil {
		return nil, err
	}
	d.dir = dir
	inst, lockErr := instance.Acquire(dir, onShow, instance.Options{})
	if errors.Is(lockErr, instance.ErrRunning) {
		return nil, lockErr
	}
	// Any other failure (no loopback, a file system without locks) costs
	// the single instance, not the app: SQLite keeps a second opening of
	// the file safe.
	if d.logs, err = applog.Open(dir, applog.Options{Stderr: true}); err != nil {
		inst.Close()
		return nil, err
	}
	d.log = d.logs.Logger
	slog.SetDefault(d.log)
	// Fyne reports its errors through the log package: as warnings, so
	// that they are among the last errors support sees.
	log.SetOutput(slog.NewLogLogger(d.log.Handler(), slog.LevelWarn).Writer())
	log.SetFlags(0)
	d.log.Info("start", "version", d.version, "build", d.build, "os", runtime.GOOS, "arch", runtime.GOARCH, "dir", dir)
	if lockErr != nil {
		d.log.Warn("single instance", "err", lockErr)
	}
	if moved, err := userdir.MoveFrom(d.a.Storage().RootURI().Path(), dir); err != nil {
		d.log.Error("moving the data of an earlier version", "err", err, "moved", moved)
	} else if len(moved) > 0 {
		d.log.Info("moved the data of an earlier version", "files", moved)
	}
	if d.settings, err = userdir.OpenSettings(dir); err != nil {
		d.log.Error("settings", "err", err)
	}
	return inst, nil
}

// setting is a user's choice, from settings.json or, as an earlier
// version kept it, Fyne's preferences.
func (d *desktop) setting(key, def string) string {
	return d.settings.String(key, d.a.Preferences().StringWithFallback(key, def))
}

func (d *desktop) setSetting(key, value string) {
	if err := d.settings.Set(key, value); err != nil {
		d.log.Error("settings", "err", err)
	}
}

func (d *desktop) applyLanguage(code string) {
	if err := assets.UseLanguage(code); err != nil {
		d.log.Error("language", "err", err)
	}
}

// configuredServer reads the server address from a crosstalk.json beside
// the executable (or the .app), which HR may hand out with the app.
func configuredServer() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	server, err := userdir.CompanyServer(exe)
	if err != nil {
		slog.Warn("crosstalk.json", "err", err)
	}
	return server
}

// open opens the replica file name in the data folder and makes its
// client.
func (d *desktop) open(name string) error {
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	st, err := replica.Open(context.Background(), filepath.Join(d.dir, name))
	if err != nil {
		return err
	}
	d.store = st
	d.client = client.New(st, client.Options{Logger: d.log, DeviceName: deviceName()})
	return nil
}

func deviceName() string {
	host, _ := os.Hostname()
	return host + " (" + runtime.GOOS + ")"
}
