// Command crosstalk is the CrossTalk desktop app: participants browse the
// people of other companies in their programme, send and answer offers
// for 1-on-1 career talks, and keep the agreed talks, all kept in a local
// SQLite file and synced with the consortium's server whenever online.
//
//	crosstalk            start; the first launch asks for a server and an invite code
//	crosstalk -demo      start at once on the built-in demo (an in-process server)
//	crosstalk -demo -demo-as hr
//	                     the same, signed in as the demo company's HR contact
//	                     (or -demo-as secretariat)
//	crosstalk -server U  prefill the server address (as a crosstalk.json beside the app does)
package main

/*
// SQLite is compiled into the program by github.com/mattn/go-sqlite3.
extern long long sqlite3_memory_used(void);
extern long long sqlite3_memory_highwater(int);
*/
import "C"

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/BurntSushi/toml"

	"crosstalk/app"
	"crosstalk/app/applog"
	"crosstalk/app/instance"
	"crosstalk/app/roster"
	"crosstalk/app/userdir"
	"crosstalk/assets"
	"crosstalk/data"
	"crosstalk/data/replica"
	"crosstalk/sync/client"
	"crosstalk/sync/server"
	"crosstalk/ui"
	"crosstalk/ui/startupreport"
	cttheme "crosstalk/ui/theme"
)

// appID names the per-user data folder: it never changes.
const appID = "jp.crosstalk.app"

// Preference keys.
const (
	prefTextSize = "text_size"
	prefLanguage = "language"
)

// version is the app's version and build number, as FyneApp.toml (which
// the packager reads too) says; a.Metadata() has them only in packaged
// builds.
var version = readVersion(fyneAppTOML)

type appVersion struct {
	Version string
	Build   int
}

func readVersion(text string) appVersion {
	var meta struct{ Details appVersion }
	if _, err := toml.Decode(text, &meta); err != nil {
		panic("FyneApp.toml: " + err.Error())
	}
	return meta.Details
}

//go:embed FyneApp.toml
var fyneAppTOML string

func main() {
	demoMode := flag.Bool("demo", false, "start at once on the built-in demo consortium")
	demoAs := flag.String("demo-as", "participant", "with -demo: sign in as participant, hr or secretariat")
	serverURL := flag.String("server", "", "the consortium server's address, to prefill")
	shots := flag.String("screenshots", "", "with -demo: save a picture of each main screen in this folder, then quit")
	report := flag.Bool("startup-report", false, "print the time to the main window's first frame and the memory in use, then quit")
	profile := flag.String("startup-profile", "", "with -startup-report: write a CPU profile of the start and a heap profile at its end into this folder")
	flag.Parse()
	if *profile != "" && !*report {
		fmt.Fprintln(os.Stderr, "crosstalk: -startup-profile needs -startup-report")
		os.Exit(2)
	}
	startProfile(*profile)
	startGC()
	if !app.Role(*demoAs).Valid() {
		fmt.Fprintf(os.Stderr, "crosstalk: -demo-as %q: want participant, hr or secretariat\n", *demoAs)
		os.Exit(2)
	}

	var measure *startupreport.Session
	if *report {
		measure = startupreport.Start("app")
	}
	a := fyneapp.NewWithID(appID)
	startupreport.Mark("app")
	d := &desktop{a: a, server: *serverURL, shots: *shots, demoAs: app.Role(*demoAs), profile: *profile, report: measure}
	var shown atomic.Pointer[fyne.Window]
	inst, err := d.setUp(func() {
		fyne.Do(func() {
			if w := shown.Load(); w != nil {
				(*w).Show()
				(*w).RequestFocus()
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
	if d.server == "" {
		d.server = configuredServer()
	}
	startupreport.Mark("setup")
	d.applyLanguage(d.setting(prefLanguage, assets.DefaultLanguage()))
	startupreport.Mark("language")
	size, _ := cttheme.ParseSize(d.setting(prefTextSize, cttheme.Normal.String()))
	a.Settings().SetTheme(cttheme.New(size))

	d.w = a.NewWindow(lang.X("app.title", "CrossTalk"))
	d.w.SetIcon(assets.Icon)
	d.w.Resize(fyne.NewSize(1100, 760))
	shown.Store(&d.w)
	d.start(*demoMode)
	startupreport.Mark("run")
	a.Lifecycle().SetOnStarted(func() { startupreport.Mark("loop") })
	d.w.ShowAndRun()
	d.stop()
}

// showStartFailure shows, in the system's language, that the app could
// not start and why, until the user closes the window.
func showStartFailure(a fyne.App, err error) {
	if e := assets.UseLanguage(assets.DefaultLanguage()); e != nil {
		fmt.Fprintf(os.Stderr, "crosstalk: language: %v\n", e)
	}
	a.Settings().SetTheme(cttheme.New(cttheme.Normal))
	w := a.NewWindow(lang.X("app.title", "CrossTalk"))
	msg := widget.NewLabel(lang.X("home.start_failed", "CrossTalk could not start. Please restart the computer and open it again. If this happens again, please send this message to the secretariat: {{.Error}}", map[string]any{"Error": err.Error()}))
	msg.Wrapping = fyne.TextWrapBreak // Japanese has no spaces to wrap at
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
	d.log.Info("start", "version", version.Version, "build", version.Build, "os", runtime.GOOS, "arch", runtime.GOARCH, "dir", dir)
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

// desktop wires the store, the sync client and the views together.
type desktop struct {
	a        fyne.App
	w        fyne.Window
	dir      string
	server   string                 // the address to prefill
	shots    string                 // where to save the screenshots of a tour, if anywhere
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

func (d *desktop) fail(err error) {
	d.log.Error("start", "err", err)
	msg := widget.NewLabel(lang.X("home.error", "The data could not be loaded. Please quit the app and try again."))
	msg.Wrapping = fyne.TextWrapWord
	d.w.SetContent(msg)
	d.startOver()
}

func (d *desktop) showFirstRun() {
	f := ui.NewFirstRun(d.server, ui.FirstRunActions{
		Connect: func(ctx context.Context, server, code string) ui.ConnectProblem {
			p := problem(d.client.Connect(ctx, server, code))
			if p != ui.ConnectOK {
				return p
			}
			sess, err := d.session()
			fyne.Do(func() {
				if err != nil {
					d.fail(err)
					return
				}
				d.showMain(sess)
			})
			return p
		},
		Demo: func() {
			d.stop()
			d.startDemo()
		},
	})
	d.w.SetContent(f.Content())
	d.startOver()
}

// tour saves a picture of every main screen into d.shots, then quits. It
// needs an X display and ImageMagick's import (see .ci/screenshots).
func (d *desktop) tour() {
	if err := os.MkdirAll(d.shots, 0o755); err != nil {
		d.log.Error("screenshots", "err", err)
		d.a.Quit()
		return
	}
	// The GL canvas cannot be read back reliably under Xvfb, so the
	// picture is taken of the X screen, as a person would see it.
	d.main.Tour(2*time.Second, func(name string) error {
		size := d.w.Canvas().Size()
		crop := fmt.Sprintf("%dx%d+0+0", int(size.Width), int(size.Height))
		out, err := exec.Command("import", "-window", "root", "-crop", crop, filepath.Join(d.shots, name+".png")).CombinedOutput()
		if err != nil {
			return fmt.Errorf("import %s: %v: %s", name, err, out)
		}
		return nil
	}, func(err error) {
		if err != nil {
			d.log.Error("screenshots", "err", err)
		}
		d.a.Quit()
	})
}

// problem turns a connection error into what the first-launch view says.
func problem(err error) ui.ConnectProblem {
	switch {
	case err == nil:
		return ui.ConnectOK
	case errors.Is(err, client.ErrInvalidCode):
		return ui.ConnectBadCode
	case errors.Is(err, client.ErrTooManyAttempts):
		return ui.ConnectTooManyAttempts
	case errors.Is(err, client.ErrInvalidURL):
		return ui.ConnectBadAddress
	case errors.Is(err, client.ErrUnreachable):
		return ui.ConnectUnreachable
	default:
		return ui.ConnectServerError
	}
}

// startDemo starts the in-process demo server on loopback with the demo
// consortium, and signs in to it as the demo user on a replica of its own.
func (d *desktop) startDemo() {
	d.w.SetContent(widget.NewLabel(lang.X("home.loading", "Loading…")))
	go func() {
		var sess session
		err := func() error {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(filepath.Join(d.dir, "demo-client.db"+suffix)); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
			if err := os.MkdirAll(d.dir, 0o700); err != nil {
				return err
			}
			demo, err := server.StartDemo(context.Background(), d.dir, nil)
			if err != nil {
				return err
			}
			d.demo = demo
			if err := d.open("demo-client.db"); err != nil {
				return err
			}
			if err := d.client.Connect(context.Background(), demo.URL, demoCode(demo, d.demoAs)); err != nil {
				return err
			}
			if err := d.client.SyncNow(context.Background()); err != nil {
				return err
			}
			sess, err = d.session()
			return err
		}()
		fyne.Do(func() {
			if err != nil {
				d.fail(err)
				return
			}
			d.showMain(sess)
		})
	}()
}

// demoCode is the invite code of the demo account with role r.
func demoCode(demo *server.Demo, r app.Role) string {
	switch r {
	case app.RoleHR:
		return demo.HRCode
	case app.RoleSecretariat:
		return demo.SecretariatCode
	}
	return demo.Code
}

// session is who is signed in on this computer, and to which server
// (empty for the demo's), as the main window needs them.
type session struct {
	actor  app.Actor
	server string
}

// session reads the session from the replica: disk work, so not on the
// UI goroutine.
func (d *desktop) session() (session, error) {
	actor, err := d.client.Actor(context.Background())
	if err != nil {
		return session{}, err
	}
	s := session{actor: actor}
	if d.demo == nil {
		if s.server, err = d.store.State(context.Background(), "server"); err != nil {
			return session{}, err
		}
	}
	return s, nil
}

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
	svc := &services{Store: d.store, client: d.client, me: actor}
	if actor.Role == app.RoleHR || actor.Role == app.RoleSecretariat {
		svc.admin = &adminServices{Admin: d.client.Admin(), client: d.client, me: actor}
	}
	d.buildMain(svc, sess.server)
	if d.shots != "" {
		time.AfterFunc(3*time.Second, func() { fyne.Do(d.tour) })
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
			TextSize: size, Server: serverAddr, Version: version.Version,
			Language: d.setting(prefLanguage, assets.DefaultLanguage()),
			About:    d.about(),
		}
	}
	startupreport.Mark("build")
	d.main = ui.NewMainWindow(d.w, svc, ui.MainOptions{
		Settings: settings(),
		Actions: ui.SettingsActions{
			SetTextSize: func(z cttheme.Size) {
				d.setSetting(prefTextSize, z.String())
				d.a.Settings().SetTheme(cttheme.New(z))
			},
			SetLanguage: func(code string) {
				d.setSetting(prefLanguage, code)
				d.applyLanguage(code)
				d.w.SetTitle(lang.X("app.title", "CrossTalk"))
				d.main.Rebuild(settings())
			},
			SignOut:         d.signOut,
			CopyDiagnostics: d.diagnostics,
		},
		Notifier: d.a,
		Admin:    svc.adminViews(),
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

// gogcSet is whether the user set GOGC: then it is left alone.
var gogcSet = os.Getenv("GOGC") != ""

// startGC lets the Go heap grow to four times its live set between
// collections while the app starts (GOGC 300; the default is 100): the
// start allocates the most (the fonts' parse, the views, the directory's
// index) and collects less often. Over six interleaved runs the first
// frame came in 406–502 ms instead of 402–517 ms (medians 448 and 489)
// and the directory's results in 478–599 ms instead of 538–713 ms, for a
// peak resident memory 0–6 MB higher. startOver ends it.
func startGC() {
	if !gogcSet {
		debug.SetGCPercent(300)
	}
}

// startOver runs once, when the start is over: the main window has
// shown its first view's data, or the first-launch view or the error is
// shown. See releaseStartMemory.
func (d *desktop) startOver() {
	d.started.Do(releaseStartMemory)
}

// releaseStartMemory gives the system back what the start used and no
// longer needs, and keeps the heap closer to what is live from then on.
//
// Starting leaves much garbage on the Go heap (the fonts' table copies,
// the directory's rows as they were read), and the heap stays at up to
// four times its live set (startGC), about 70 MB here (most of it the
// parsed fonts, which stay): one full collection now, off the UI
// goroutine, returns the free pages. After the start the heap may grow
// by a quarter of what is live before the next collection (GOGC 25): in
// 20 s of typing in the directory's search and scrolling its list, the
// resident memory grew by 18 MB instead of 53 MB with the default GOGC of
// 100, for no CPU time that could be told apart from the noise.
func releaseStartMemory() {
	if !gogcSet {
		debug.SetGCPercent(25)
	}
	go func() {
		debug.FreeOSMemory()
		startupreport.Mark("released")
	}()
}

func (d *desktop) applyLanguage(code string) {
	if err := assets.UseLanguage(code); err != nil {
		d.log.Error("language", "err", err)
	}
}

// signOut sends what is waiting, if it can within a few seconds, and
// forgets the token. The replica's rows stay until another person
// connects (the client then empties it).
func (d *desktop) signOut() {
	store, c := d.store, d.client
	d.w.SetContent(widget.NewLabel(lang.X("home.loading", "Loading…")))
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.SyncNow(ctx); err != nil {
			d.log.Warn("sign out: last sync", "err", err)
		}
		if err := store.SetState(context.Background(), map[string]string{"token": ""}); err != nil {
			d.log.Error("sign out", "err", err)
		}
		fyne.Do(func() {
			d.stop()
			d.start(false)
		})
	}()
}

// diagnostics is what support needs to help: versions, system, sync
// state and the last errors; nothing personal (see applog.Report).
func (d *desktop) diagnostics() string {
	st := d.client.Status()
	home, _ := os.UserHomeDir()
	var refused []string
	for _, r := range st.Rejections {
		refused = append(refused, string(r.Code))
	}
	server, _ := d.store.State(context.Background(), "server")
	return applog.Report{
		Version: version.Version, Build: version.Build, OS: runtime.GOOS, Arch: runtime.GOARCH, Go: runtime.Version(),
		Schema: data.SchemaVersion(), Server: server, Demo: d.demo != nil,
		Online: st.Online, Pending: st.Pending, LastSync: st.LastSync, LastSyncError: st.LastError, Refused: refused,
		LogFile: applog.Path(d.dir), Home: home, Errors: d.logs.Recent(),
	}.String()
}

// about is what the About dialog shows.
func (d *desktop) about() ui.AboutInfo {
	info := ui.AboutInfo{Version: version.Version, Build: version.Build}
	for _, n := range assets.Licences() {
		info.Licences = append(info.Licences, ui.Licence{Component: n.Component, Name: n.Licence, Text: n.Text})
	}
	return info
}

// stop ends syncing, and the demo server if any, and closes the file.
func (d *desktop) stop() {
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

// services serves the views from the replica, with mutations through the
// sync client.
type services struct {
	*replica.Store
	client *client.Client
	me     app.Actor
	admin  *adminServices // HR and the secretariat only
}

// adminViews is what the administration tabs are served by, or nil for a
// participant (the window then has none).
func (s *services) adminViews() ui.AdminServices {
	if s.admin == nil {
		return nil
	}
	return s.admin
}

// adminServices serves the administration tabs: the server's answers
// through the sync client, and import files read here.
type adminServices struct {
	app.Admin
	client *client.Client
	me     app.Actor
}

func (s *adminServices) Me() app.Actor { return s.me }

func (s *adminServices) Now() time.Time { return s.client.Now() }

func (s *adminServices) ReadRoster(name string, b []byte, cohorts []app.Cohort) (roster.Preview, error) {
	return roster.Read(name, b, roster.Known{Cohorts: cohorts})
}

func (s *services) Mutate(ctx context.Context, name string, args any) error {
	_, err := s.client.Mutate(ctx, name, app.Args(args))
	return err
}

func (s *services) Me() app.Actor { return s.me }

func (s *services) Now() time.Time { return s.client.Now() }

// syncStatus is the client's status as the status line shows it.
func syncStatus(st client.Status) ui.SyncStatus {
	out := ui.SyncStatus{Online: st.Online, Syncing: st.Syncing, Pending: st.Pending, LastSync: st.LastSync,
		FromEmpty: st.FromEmpty, AuthFailed: st.AuthFailed}
	for _, r := range st.Rejections {
		out.Notices = append(out.Notices, ui.Notice{MutationID: r.MutationID, Name: r.Name, Code: r.Code, At: r.At})
	}
	return out
}

// reportSettle is how long after the directory's first results the
// -startup-report reads the memory again: the start is over then.
const reportSettle = 2 * time.Second

// printStartupReport prints the start-up report with SQLite's own
// figures, and writes the heap profile if asked, then quits.
func (d *desktop) printStartupReport(r startupreport.Report) {
	r.Extra = append(r.Extra,
		startupreport.Field{Key: "sqlite_kb", Value: int64(C.sqlite3_memory_used()) >> 10},
		startupreport.Field{Key: "sqlite_peak_kb", Value: int64(C.sqlite3_memory_highwater(0)) >> 10})
	r.Write(os.Stdout)
	stopProfile(d.profile)
	d.a.Quit()
}

// startProfile starts a CPU profile of the start in dir, if any.
func startProfile(dir string) {
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	f, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
}

// stopProfile ends the CPU profile and writes a heap profile in dir.
func stopProfile(dir string) {
	if dir == "" {
		return
	}
	pprof.StopCPUProfile()
	runtime.GC() // the profile then shows what is live at the end
	f, err := os.Create(filepath.Join(dir, "heap.pprof"))
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		panic(err)
	}
}
