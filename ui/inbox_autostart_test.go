package ui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// autostartFixture is the settings' check with its actions recorded.
type autostartFixture struct {
	set     []bool // SetAutostart's calls
	offered int    // AutostartOffered's calls
	fail    error  // what SetAutostart returns
}

func (a *autostartFixture) settings(f *inboxFixture, st AutostartState) *Settings {
	return NewSettings(f.win, SettingsState{Language: "ja", Autostart: st}, SettingsActions{
		SetAutostart:     func(on bool) error { a.set = append(a.set, on); return a.fail },
		AutostartOffered: func() { a.offered++ },
	})
}

// The first time an offer waits for the person's answer, the inbox
// offers once to open the app when the computer starts: its button turns
// the settings' check on, which writes the entry, and says it is on; it
// is remembered as offered once answered, and never shown again.
func TestInboxOffersAutostartOnce(t *testing.T) {
	f := newInboxFixture(t, testNow)
	if len(f.items(t, app.BoxNeedsMyAnswer)) == 0 {
		t.Fatal("the demo user has no offer waiting for an answer")
	}
	n := f.in.autostart
	if n.box.Visible() {
		t.Fatal("offered with no settings to offer from")
	}
	var a autostartFixture
	s := a.settings(f, AutostartState{Supported: true})
	f.in.offerAutostart(s)

	n.show(0) // no offer waiting: not yet
	if n.box.Visible() || a.offered != 0 {
		t.Fatalf("offered with no offer waiting (shown %v, remembered %d)", n.box.Visible(), a.offered)
	}
	f.in.Refresh()
	f.waitLoaded(t)
	if !n.box.Visible() || a.offered != 0 {
		t.Fatalf("an offer waits: notice shown %v, remembered %d times; want shown, not yet remembered", n.box.Visible(), a.offered)
	}
	f.in.Refresh() // unanswered, it stays
	f.waitLoaded(t)
	if !n.box.Visible() || a.offered != 0 {
		t.Fatalf("reloaded unanswered: shown %v, remembered %d", n.box.Visible(), a.offered)
	}
	uitest.WantTexts(t, "the notice", n.box,
		"パソコンの起動時に CrossTalk を開くようにすると、ウィンドウを開かずに待機して、新しいオファーをお知らせします。")
	if n.turnOn.Text != "オンにする" || n.later.Text != "今はしない" {
		t.Errorf("buttons %q %q", n.turnOn.Text, n.later.Text)
	}
	test.Tap(n.turnOn)
	widgets.WaitBackground()
	if len(a.set) != 1 || !a.set[0] || !s.startup.Checked || a.offered != 1 {
		t.Errorf("after オンにする: SetAutostart calls %v, check %v, remembered %d", a.set, s.startup.Checked, a.offered)
	}
	if f.win.Canvas().Overlays().Top() != nil {
		t.Error("a dialog opened")
	}
	uitest.WantTexts(t, "the notice after オンにする", n.box, "オンにしました。「設定」でいつでも変えられます。")
	test.Tap(uitest.ShownButton(n.box, "閉じる"))
	if n.box.Visible() {
		t.Error("閉じる leaves the notice")
	}

	// Never again: not after a reload, nor in a new window whose
	// settings say it was offered, nor when it is on.
	f.in.Refresh()
	f.waitLoaded(t)
	if n.box.Visible() || a.offered != 1 {
		t.Errorf("offered again: shown %v, remembered %d times", n.box.Visible(), a.offered)
	}
	for _, st := range []AutostartState{{Supported: true, Offered: true}, {Supported: true, On: true}, {}} {
		var b autostartFixture
		f.in.offerAutostart(b.settings(f, st))
		n.show(1)
		if n.box.Visible() || b.offered != 0 {
			t.Errorf("%+v: offered (shown %v, remembered %d)", st, n.box.Visible(), b.offered)
		}
	}
}

// 今はしない closes the offer without turning anything on.
func TestInboxAutostartNotNow(t *testing.T) {
	f := newInboxFixture(t, testNow)
	var a autostartFixture
	s := a.settings(f, AutostartState{Supported: true})
	f.in.offerAutostart(s)
	f.in.autostart.show(2)
	test.Tap(f.in.autostart.later)
	widgets.WaitBackground()
	if f.in.autostart.box.Visible() || len(a.set) != 0 || s.startup.Checked || a.offered != 1 {
		t.Errorf("after 今はしない: shown %v, SetAutostart %v, check %v, offered %d", f.in.autostart.box.Visible(), a.set, s.startup.Checked, a.offered)
	}
}

// The settings' check writes and removes the entry; when that fails, it
// goes back and says so. Where the computer cannot, it is not shown.
func TestSettingsAutostart(t *testing.T) {
	f := newInboxFixture(t, testNow)
	var a autostartFixture
	s := a.settings(f, AutostartState{Supported: true, On: true})
	f.win.SetContent(s.Content())
	if !s.startup.Checked || s.startup.Text != "パソコンの起動時に CrossTalk を開く" || !showsObject(s.Content(), s.startup) {
		t.Fatalf("check %q shown %v, checked %v", s.startup.Text, showsObject(s.Content(), s.startup), s.startup.Checked)
	}
	test.Tap(s.startup)
	widgets.WaitBackground()
	a.fail = errors.New("disk full")
	test.Tap(s.startup)
	widgets.WaitBackground()
	if len(a.set) != 2 || a.set[0] || !a.set[1] {
		t.Fatalf("SetAutostart calls %v, want [false true]", a.set)
	}
	if s.startup.Checked || s.state.Autostart.On {
		t.Error("the check stayed on though the entry could not be written")
	}
	uitest.WantTexts(t, "the error", f.top(t), "設定を変えられませんでした。しばらくしてから、もう一度お試しください。")
	if len(a.set) != 2 {
		t.Errorf("going back called SetAutostart again: %v", a.set)
	}

	var b autostartFixture
	none := b.settings(f, AutostartState{})
	if showsObject(none.Content(), none.startup) {
		t.Error("the check is shown where the computer cannot open the app at start")
	}
}

// showsObject reports whether o shows x.
func showsObject(o, x fyne.CanvasObject) bool {
	shown := false
	uitest.ShownWalk(o, func(y fyne.CanvasObject) { shown = shown || y == x })
	return shown
}
