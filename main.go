// Command crosstalk is the CrossTalk desktop app: browse participants of
// other companies, send talk offers, answer them, and keep the agreed
// talks, all kept locally in SQLite.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app/demo"
	"crosstalk/assets"
	"crosstalk/data"
	"crosstalk/ui"
	"crosstalk/ui/theme"
)

// appID is the stable identity of the app; it names the per-user data
// folder, so it never changes.
const appID = "jp.crosstalk.app"

func main() {
	demoMode := flag.Bool("demo", false, "start at once on the built-in demo consortium")
	flag.Parse()

	if err := assets.LoadTranslations(); err != nil {
		log.Printf("translations: %v", err)
	}
	a := fyneapp.NewWithID(appID)
	a.Settings().SetTheme(theme.New(theme.Normal))
	w := a.NewWindow(lang.X("app.title", "CrossTalk"))
	w.SetIcon(assets.Icon)
	w.Resize(fyne.NewSize(720, 480))

	dir := a.Storage().RootURI().Path()
	var store *data.Store
	startDemo := func() {
		w.SetContent(widget.NewLabel(lang.X("home.loading", "Loading…")))
		go func() {
			st, err := openDemo(context.Background(), dir, time.Now())
			fyne.Do(func() {
				if err != nil {
					log.Printf("demo: %v", err)
					dialog.ShowError(errors.New(lang.X("home.error", "The data could not be loaded.")), w)
					return
				}
				store = st
				home := ui.NewHome(st, demo.DemoUser, time.Now)
				w.SetContent(home.Content())
				home.Refresh(nil)
			})
		}()
	}
	if *demoMode {
		startDemo()
	} else {
		w.SetContent(startView(startDemo, a.Quit))
	}
	w.ShowAndRun()
	if store != nil {
		store.Close()
	}
}

// startView offers the demo until the server connection exists.
func startView(onDemo, onQuit func()) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.X("start.welcome", "Welcome to CrossTalk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(lang.X("start.intro", ""))
	intro.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(lang.X("start.demo.hint", ""))
	hint.Wrapping = fyne.TextWrapWord
	demoButton := widget.NewButton(lang.X("start.demo.button", "Try the demo"), onDemo)
	demoButton.Importance = widget.HighImportance
	return container.NewPadded(container.NewVBox(title, intro, widget.NewSeparator(), hint,
		container.NewHBox(demoButton, widget.NewButton(lang.X("start.quit", "Quit"), onQuit))))
}

// openDemo makes a fresh demo database in the per-user data folder: the
// demo consortium as of now, so that its offers and talks lie ahead.
func openDemo(ctx context.Context, dir string, now time.Time) (*data.Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	path := filepath.Join(dir, "demo.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reset demo: %w", err)
		}
	}
	st, err := data.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := st.Import(ctx, demo.Demo(now)); err != nil {
		st.Close()
		return nil, fmt.Errorf("load demo: %w", err)
	}
	return st, nil
}
