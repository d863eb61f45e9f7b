package desktop

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/app/userdir"
	"crosstalk/assets"
	"crosstalk/data/replica"
	"crosstalk/sync/client"
	"crosstalk/sync/server"
	"crosstalk/ui"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// TestMain runs the views' background results on the test's goroutine,
// when the test waits for them, as the app runs them on its UI goroutine.
func TestMain(m *testing.M) {
	widgets.HoldDoneForTests()
	os.Exit(m.Run())
}

// fakeTray is a system tray: it keeps what the app put in it.
type fakeTray struct {
	menu  *fyne.Menu
	icon  fyne.Resource
	icons int // SetSystemTrayIcon's calls
}

func (f *fakeTray) SetSystemTrayMenu(m *fyne.Menu)    { f.menu = m }
func (f *fakeTray) SetSystemTrayIcon(r fyne.Resource) { f.icon = r; f.icons++ }

// item is the menu's item labelled label, or nil.
func (f *fakeTray) item(label string) *fyne.MenuItem {
	for _, it := range f.menu.Items {
		if it.Label == label {
			return it
		}
	}
	return nil
}

// The tray's icon is the app's own while no offer waits, and carries a
// red badge with their number, "9+" above 9, drawn again only when what
// it says changes; its menu opens the window and quits.
func TestTrayBadgeAndMenu(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	host := &fakeTray{}
	opened, quit := 0, 0
	tr := newTray(host, func() { opened++ }, func() { quit++ })
	renders := 0
	draw := tr.render
	tr.render = func(text string) (fyne.Resource, error) { renders++; return draw(text) }

	if host.icon != assets.Icon {
		t.Fatalf("the first icon is %q, want the app's own", host.icon.Name())
	}
	var labels []string
	for _, it := range host.menu.Items {
		labels = append(labels, it.Label)
	}
	if strings.Join(labels, "|") != "CrossTalk を開く||終了" || !host.menu.Items[1].IsSeparator || !host.menu.Items[2].IsQuit {
		t.Fatalf("menu %q (the last must be the quit item, so that Fyne adds none)", labels)
	}
	host.item("CrossTalk を開く").Action()
	host.item("終了").Action()
	if opened != 1 || quit != 1 {
		t.Errorf("the menu opened %d times and quit %d times, want 1 and 1", opened, quit)
	}

	tr.SetWaiting(3)
	three := host.icon
	if renders != 1 || three == assets.Icon {
		t.Fatalf("3 offers: %d renders, icon %q", renders, three.Name())
	}
	img := decodeIcon(t, three)
	if b := img.Bounds(); b.Dx() != badgeSize || b.Dy() != badgeSize {
		t.Errorf("the icon is %v, want %d px square", b, badgeSize)
	}
	// The badge is red at the top right, around its digit; the icon's
	// own blue is left at the bottom left.
	if r, g, b, _ := img.At(badgeSize-6, badgeSize*5/16).RGBA(); r>>8 < 0xb0 || g>>8 > 0x60 || b>>8 > 0x60 {
		t.Errorf("the badge's edge is %02x%02x%02x, want red", r>>8, g>>8, b>>8)
	}
	if r, _, b, _ := img.At(8, badgeSize-16).RGBA(); b <= r {
		t.Errorf("the icon's bottom left is not its blue: r %x b %x", r>>8, b>>8)
	}
	tr.SetWaiting(3)
	if renders != 1 || host.icon != three {
		t.Errorf("the same count drew the icon again (%d renders)", renders)
	}
	tr.SetWaiting(4)
	if renders != 2 || bytes.Equal(host.icon.Content(), three.Content()) {
		t.Errorf("4 offers: %d renders, same picture as 3: %v", renders, bytes.Equal(host.icon.Content(), three.Content()))
	}
	tr.SetWaiting(10)
	many := host.icon
	tr.SetWaiting(15)
	if renders != 3 || host.icon != many || many.Name() != "icon-9+.png" {
		t.Errorf("10 then 15 offers: %d renders, icon %q; want one picture of 9+", renders, host.icon.Name())
	}
	tr.SetWaiting(0)
	if host.icon != assets.Icon {
		t.Errorf("no offer waiting: icon %q, want the app's own", host.icon.Name())
	}
}

func decodeIcon(t *testing.T, r fyne.Resource) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(r.Content()))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// testApp is the headless app, with the notifications it sent and its
// quits counted.
type testApp struct {
	fyne.App
	sent  []*fyne.Notification
	quits int
}

func (a *testApp) SendNotification(n *fyne.Notification) { a.sent = append(a.sent, n) }
func (a *testApp) Quit()                                 { a.quits++ }

// testWindow is a headless window that counts its shows, hides and
// closes.
type testWindow struct {
	fyne.Window
	shows, hides, closes int
}

func (w *testWindow) Show()  { w.shows++; w.Window.Show() }
func (w *testWindow) Hide()  { w.hides++; w.Window.Hide() }
func (w *testWindow) Close() { w.closes++ }

// newTestDesktop is the desktop with a headless app and window, and its
// settings in a temporary folder.
func newTestDesktop(t *testing.T) (*desktop, *testApp, *testWindow) {
	t.Helper()
	testapp.Japanese(t)
	a := &testApp{App: testapp.New(t)}
	w := &testWindow{Window: test.NewTempWindow(t, nil)}
	dir := t.TempDir()
	settings, err := userdir.OpenSettings(dir)
	if err != nil {
		t.Fatal(err)
	}
	return &desktop{a: a, w: w, dir: dir, settings: settings, log: slog.New(slog.DiscardHandler)}, a, w
}

// signIn shows the main window of the demo user, served from a replica
// of the demo consortium, and reports how many offers wait for their
// answer.
func signIn(t *testing.T, d *desktop) int {
	t.Helper()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	st, err := replica.Open(context.Background(), filepath.Join(d.dir, "tray.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	t.Cleanup(widgets.FlushDrafts)
	if err := st.Import(context.Background(), demo.Demo(now)); err != nil {
		t.Fatal(err)
	}
	me := app.Actor{ParticipantID: demo.DemoUser, Role: app.RoleParticipant}
	c := client.New(st, client.Options{Clock: func() time.Time { return now }})
	svc := &services{Store: st, client: c, me: me, log: d.log}
	waiting, err := st.Inbox(context.Background(), me.ParticipantID, app.BoxNeedsMyAnswer, now)
	if err != nil || len(waiting) == 0 {
		t.Fatalf("the demo user has %d offers waiting (%v), want some", len(waiting), err)
	}
	d.main = ui.NewMainWindow(d.w, svc, ui.MainOptions{OnWaiting: d.setWaiting})
	d.w.SetContent(d.main.Content())
	d.main.DataChanged()
	widgets.WaitBackground()
	return len(waiting)
}

// Signed in with a tray, closing the window hides it and the app keeps
// running; the first time ever, a notification says so; the tray's icon
// counts the offers waiting, and its 終了 quits for real.
func TestCloseToTray(t *testing.T) {
	d, a, w := newTestDesktop(t)
	waiting := signIn(t, d)
	host := &fakeTray{}
	d.trayFound(host, true)
	widgets.WaitBackground()
	want, err := badgedIcon(badgeText(waiting))
	if err != nil {
		t.Fatal(err)
	}
	if host.icon == nil || !bytes.Equal(host.icon.Content(), want.Content()) {
		t.Errorf("the tray's icon is not the badge of %d offers", waiting)
	}

	d.closeWindow()
	if w.hides != 1 || w.closes != 0 || a.quits != 0 || !d.hidden {
		t.Fatalf("closed: %d hides, %d closes, %d quits; want the window hidden and the app running", w.hides, w.closes, a.quits)
	}
	if len(a.sent) != 1 || a.sent[0].Title != "CrossTalk は動いています" ||
		a.sent[0].Content != "通知領域で新しいオファーをお知らせします。終了するときは、アイコンから「終了」を選んでください。" {
		t.Fatalf("notifications %+v", a.sent)
	}
	b, err := os.ReadFile(filepath.Join(d.dir, userdir.SettingsFile))
	if err != nil || !strings.Contains(string(b), `"tray.close_told": "1"`) {
		t.Errorf("settings.json does not remember it was said: %s %v", b, err)
	}

	host.item("CrossTalk を開く").Action()
	if w.shows != 1 || d.hidden {
		t.Fatalf("CrossTalk を開く: %d shows", w.shows)
	}
	d.closeWindow()
	if w.hides != 2 || len(a.sent) != 1 {
		t.Errorf("closed again: %d hides, %d notifications; want the notice only once", w.hides, len(a.sent))
	}
	// Said once for good: a new start reads it from settings.json.
	d2, a2, w2 := newTestDesktop(t)
	d2.dir, d2.settings = d.dir, mustSettings(t, d.dir)
	signIn(t, d2)
	d2.trayFound(&fakeTray{}, true)
	widgets.WaitBackground()
	d2.closeWindow()
	if w2.hides != 1 || len(a2.sent) != 0 {
		t.Errorf("after a restart: %d hides, notifications %+v; want hidden, none", w2.hides, a2.sent)
	}

	host.item("終了").Action()
	if a.quits != 1 || w.closes != 0 {
		t.Errorf("終了: %d quits, %d closes", a.quits, w.closes)
	}
}

func mustSettings(t *testing.T, dir string) *userdir.Settings {
	t.Helper()
	s, err := userdir.OpenSettings(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Without a tray, closing quits as it always did; so it does with a
// tray before anyone has signed in.
func TestCloseWithoutTray(t *testing.T) {
	d, a, w := newTestDesktop(t)
	signIn(t, d)
	d.trayFound(nil, false)
	d.closeWindow()
	if w.closes != 1 || w.hides != 0 || len(a.sent) != 0 {
		t.Errorf("no tray: %d closes, %d hides, %d notifications; want closed", w.closes, w.hides, len(a.sent))
	}

	d, a, w = newTestDesktop(t)
	d.trayFound(&fakeTray{}, true)
	d.closeWindow()
	if a.quits != 1 || w.hides != 0 {
		t.Errorf("no one signed in: %d quits, %d hides; want quit", a.quits, w.hides)
	}
}

// Started with -tray, the window stays hidden where there is a tray, and
// opens where there is none.
func TestTrayStart(t *testing.T) {
	d, _, w := newTestDesktop(t)
	d.hidden = true
	signIn(t, d)
	host := &fakeTray{}
	d.trayFound(host, true)
	widgets.WaitBackground()
	if w.shows != 0 || !d.hidden || host.menu == nil {
		t.Errorf("-tray with a tray: %d shows; want the window hidden, the tray's menu set", w.shows)
	}
	host.item("CrossTalk を開く").Action()
	if w.shows != 1 {
		t.Errorf("CrossTalk を開く: %d shows", w.shows)
	}

	d, _, w = newTestDesktop(t)
	d.hidden = true
	d.trayFound(nil, false)
	if w.shows != 1 || d.hidden {
		t.Errorf("-tray without a tray: %d shows; want the window shown", w.shows)
	}
}

// offAutostart is an autostart entry that is not there.
type offAutostart struct{}

func (offAutostart) Enabled() (bool, error) { return false, nil }
func (offAutostart) Enable() error          { return nil }
func (offAutostart) Disable() error         { return nil }

// The settings offer to open the app at sign-in, but not on the demo:
// the entry would start the real app; nor without a tray to wait in.
func TestDemoOffersNoAutostart(t *testing.T) {
	d, _, _ := newTestDesktop(t)
	d.autostart = offAutostart{}
	d.trayFound(nil, false)
	if st := d.autostartState(); st.Supported {
		t.Fatalf("without a tray: %+v, want not offered", st)
	}
	d.trayFound(&fakeTray{}, true)
	if st := d.autostartState(); !st.Supported || st.On {
		t.Fatalf("signed in: %+v, want offered and off", st)
	}
	d.demo = &server.Demo{}
	if st := d.autostartState(); st.Supported {
		t.Fatalf("on the demo: %+v, want not offered", st)
	}
}

// With the profile's changes unsaved, the tray's 終了 asks once: a
// second 終了 only shows the window, and closing the window while it
// asks leaves the window and its question.
func TestQuitAsksOnce(t *testing.T) {
	d, a, w := newTestDesktop(t)
	signIn(t, d)
	host := &fakeTray{}
	d.trayFound(host, true)
	widgets.WaitBackground()
	var tabs *container.AppTabs
	uitest.ShownWalk(d.main.Content(), func(o fyne.CanvasObject) {
		if t, ok := o.(*container.AppTabs); ok && tabs == nil {
			tabs = t
		}
	})
	for _, item := range tabs.Items {
		if item.Text == "わたしのプロフィール" {
			tabs.Select(item)
		}
	}
	widgets.WaitBackground()
	var entry *widget.Entry
	uitest.ShownWalk(tabs.Selected().Content, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && entry == nil && e.Text != "" {
			entry = e
		}
	})
	if entry == nil {
		t.Fatal("no field with text in the profile")
	}
	entry.SetText(entry.Text + "。")
	widgets.WaitBackground()
	d.closeWindow() // to the tray
	questions := func() int {
		n := 0
		for _, o := range w.Canvas().Overlays().List() {
			if uitest.ShowsText(o, "保存していない変更があります") {
				n++
			}
		}
		return n
	}
	host.item("終了").Action()
	if questions() != 1 || a.quits != 0 || d.hidden {
		t.Fatalf("終了: %d questions, %d quits, hidden %v; want one question in the window shown", questions(), a.quits, d.hidden)
	}
	shows := w.shows
	host.item("終了").Action()
	if questions() != 1 || a.quits != 0 {
		t.Fatalf("終了 again: %d questions, %d quits; want still one", questions(), a.quits)
	}
	d.closeWindow()
	if questions() != 1 || d.hidden || w.hides != 1 || a.quits != 0 {
		t.Fatalf("closed while asking: %d questions, hidden %v, %d hides; want the window and its question", questions(), d.hidden, w.hides)
	}
	if w.shows < shows {
		t.Fatal("the window was not shown")
	}
}
