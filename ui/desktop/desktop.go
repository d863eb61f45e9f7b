package desktop

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/applog"
	"crosstalk/app/instance"
	"crosstalk/app/userdir"
	"crosstalk/assets"
	"crosstalk/data/replica"
	"crosstalk/sync/client"
	"crosstalk/sync/server"
	"crosstalk/ui"
	"crosstalk/ui/desktop/autostart"
	"crosstalk/ui/startupreport"
	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

// appID names the per-user data folder: it never changes.
const appID = "jp.crosstalk.app"

// Preference keys.
const (
	prefTextSize = "text_size"
	prefLanguage = "language"
)

// Options are how the app was started: what the command line says, and
// the app's version.
type Options struct {
	Version string // the app's version, as FyneApp.toml says
	Build   int    // its build number

	Demo           bool     // start at once on the built-in demo consortium
	DemoAs         app.Role // with Demo: whom the demo signs in as
	Server         string   // the consortium server's address, to prefill
	Screenshots    string   // with Demo: save a picture of each main screen in this folder, then quit
	Smoke          string   // with Demo, in a build with the smoke tag: open every dialog in turn, save a picture of each in this folder, then quit
	StartupReport  bool     // print the time to the main window's first frame and the memory in use, then quit
	StartupProfile string   // with StartupReport: write a CPU profile of the start and a heap profile at its end into this folder
	// Tray opens the app to the system tray, its window hidden, as it is
	// started at sign-in (autostart); where there is no tray, or no one
	// is signed in on this computer, the window opens as usual.
	Tray bool
}

// Run runs the app until it quits: its window closed, or, while it keeps
// watch from the system tray, 「終了」 chosen there. It exits the process when
// opts.DemoAs is no role (status 2) or the app cannot start (status 1),
// and returns at once when another instance runs, after asking it to
// show its window.
func Run(opts Options) {
	startProfile(opts.StartupProfile)
	startGC()
	if !opts.DemoAs.Valid() {
		fmt.Fprintf(os.Stderr, "crosstalk: -demo-as %q: want participant, hr or secretariat\n", opts.DemoAs)
		os.Exit(2)
	}

	var measure *startupreport.Session
	if opts.StartupReport {
		measure = startupreport.Start("app")
	}
	a := fyneapp.NewWithID(appID)
	startupreport.Mark("app")
	d := &desktop{a: a, version: opts.Version, build: opts.Build, server: opts.Server, shots: opts.Screenshots, smoke: opts.Smoke, demoAs: opts.DemoAs, profile: opts.StartupProfile, report: measure}
	var ready atomic.Bool // the window is made
	inst, err := d.setUp(func() {
		fyne.Do(func() {
			if ready.Load() {
				d.showWindow()
			}
		})
	})
	if errors.Is(err, instance.ErrRunning) {
		fmt.Fprintln(os.Stderr, "crosstalk: already running; its window was brought forward")
		return
	}
	if err != nil {
		// A double-clicked app has no terminal: say it in a window.
		fmt.Fprintf(os.Stderr, "crosstalk: %v\n", err)
		showStartFailure(a, err)
		os.Exit(1)
	}
	defer inst.Close()
	defer d.logs.Close()
	findTray := d.findTray()
	if d.server == "" {
		d.server = configuredServer()
	}
	startupreport.Mark("setup")
	d.applyLanguage(d.setting(prefLanguage, assets.DefaultLanguage()))
	startupreport.Mark("language")
	size, _ := cttheme.ParseSize(d.setting(prefTextSize, cttheme.Normal.String()))
	a.Settings().SetTheme(cttheme.NewFor(size, d.setting(prefLanguage, assets.DefaultLanguage())))

	d.w = a.NewWindow(lang.X("app.title", "CrossTalk"))
	d.w.SetIcon(assets.Icon)
	// placeWindow fits the window to its screen once shown.
	d.w.Resize(defaultWindowSize)
	d.w.SetCloseIntercept(d.closeWindow)
	d.autostart = newAutostart(d.log)
	d.hidden = opts.Tray
	ready.Store(true)
	d.start(opts.Demo)
	startupreport.Mark("run")
	a.Lifecycle().SetOnStarted(func() { startupreport.Mark("loop") })
	if !d.hidden {
		d.showWindow() // creates the window, on the screen, but not drawn yet
	}
	d.trayFound(findTray())
	a.Run()
	d.stop()
	if d.exit != 0 {
		inst.Close()
		d.logs.Close()
		os.Exit(d.exit)
	}
}

// desktop wires the store, the sync client and the views together.
type desktop struct {
	a        fyne.App
	w        fyne.Window
	dir      string
	version  string                 // the app's version, as FyneApp.toml says
	build    int                    // and its build number
	server   string                 // the address to prefill
	shots    string                 // where to save the screenshots of a tour, if anywhere
	smoke    string                 // where to save the pictures of a walk through every dialog, if anywhere
	exit     int                    // the status the process exits with once the window has closed
	report   *startupreport.Session // measuring the start-up: print its time and memory, then quit
	started  sync.Once              // the start is over (startOver)
	profile  string                 // with report: where to write the start's profiles
	demoAs   app.Role               // whom the demo signs in as
	log      *slog.Logger
	logs     *applog.Log
	settings *userdir.Settings

	store  *replica.Store
	client *client.Client
	demo   *server.Demo
	cancel context.CancelFunc // stops the sync loop
	synced chan struct{}      // closed when the sync loop has ended
	main   *ui.MainWindow
	unsub  func()

	tray      *tray               // the icon in the system tray; nil where there is none (yet)
	hidden    bool                // the window is hidden: not yet shown (-tray), or closed to the tray
	placed    bool                // the window was shown, placed on its screen and given its key and wheel hooks
	autostart autostart.Autostart // opens the app at sign-in; nil where it cannot
	// quitQuestion is the main window's question before quitting while
	// it is open (quit), so that it is asked once.
	quitQuestion fyne.CanvasObject
}

// start shows the main window when this computer is signed in, and the
// first-launch view otherwise.
func (d *desktop) start(demoMode bool) {
	if demoMode {
		d.startDemo()
		return
	}
	d.w.SetContent(widget.NewLabel(lang.X("home.loading", "Loading…")))
	go func() {
		err := d.open("crosstalk.db")
		startupreport.Mark("open")
		connected := false
		var sess session
		if err == nil {
			connected, err = d.client.Connected(context.Background())
			startupreport.Mark("connected")
		}
		if err == nil && connected {
			sess, err = d.session()
		}
		fyne.Do(func() {
			startupreport.Mark("ui")
			switch {
			case err != nil:
				d.fail(err)
			case connected:
				d.showMain(sess)
			default:
				d.showFirstRun()
			}
		})
	}()
}

func (d *desktop) fail(err error) {
	d.log.Error("start", "err", err)
	if d.hidden { // started to the tray: the window says what to do
		d.showWindow()
	}
	msg := widgets.NewParagraph(lang.X("home.error", "The data could not be loaded. Please quit the app and try again."))
	d.w.SetContent(msg)
	d.startOver()
}

// stop ends syncing, and the demo server if any, and closes the file,
// once the drafts waiting to be saved are in it.
func (d *desktop) stop() {
	widgets.FlushDrafts()
	if d.unsub != nil {
		d.unsub()
		d.unsub = nil
	}
	if d.cancel != nil {
		d.cancel()
		<-d.synced // the loop uses the file until it ends
		d.cancel = nil
	}
	if d.store != nil {
		d.store.Close()
		d.store = nil
	}
	if d.demo != nil {
		d.demo.Close()
		d.demo = nil
	}
	d.main = nil
}
