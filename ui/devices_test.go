package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

// The devices of the tests: the demo user's home computer, stopped, the
// office one (this one, added after it), and one added on 7 December at
// 13:40 that they do not recognise.
var (
	officePC   = app.DeviceInfo{ID: "d-office", Name: "会社のPC", CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, app.Tokyo)}
	homePC     = app.DeviceInfo{ID: "d-home", Name: "自宅のPC", CreatedAt: time.Date(2026, 11, 18, 20, 0, 0, 0, app.Tokyo), RevokedAt: ptr(time.Date(2026, 11, 24, 8, 0, 0, 0, app.Tokyo))}
	strangerPC = app.DeviceInfo{ID: "d-stranger", Name: "見知らぬPC", CreatedAt: time.Date(2026, 12, 7, 13, 40, 0, 0, app.Tokyo)}
)

func ptr[T any](v T) *T { return &v }

const strangerNotice = "新しい端末「見知らぬPC」が追加されました（12月7日 13:40）"

// The status line tells of a new device with its name and when it was
// added; its dialog says what to do, opens the list, or ends the notice.
func TestDeviceNoticeInStatusLine(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, nil)
	s := NewStatusLine(w)
	w.SetContent(s)
	w.Resize(fyne.NewSize(1100, 80))
	var noticed time.Time
	shown := 0
	s.OnDevicesNoticed = func(upTo time.Time) { noticed = upTo }
	s.OnShowDevices = func() { shown++ }

	s.SetDevices([]app.DeviceInfo{strangerPC})
	b := uitest.ShownButton(s, "新しい端末：1台")
	if b == nil {
		t.Fatalf("the status line does not say %q", "新しい端末：1台")
	}
	test.Tap(b)
	over := w.Canvas().Overlays().Top()
	if over == nil {
		t.Fatal("no dialog")
	}
	uitest.WantTexts(t, "the notice's dialog", over, strangerNotice,
		"ご自身で追加した端末であれば、このままで問題ありません。心当たりがない場合は、「設定」の「お使いの端末」から停止して、事務局にご連絡ください。")
	test.Tap(uitest.ShownButton(over, "閉じる"))
	if w.Canvas().Overlays().Top() != nil || shown != 0 || !noticed.IsZero() || !b.Visible() {
		t.Fatal("closing the dialog did more than close it")
	}
	test.Tap(b)
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "端末の一覧を見る"))
	if shown != 1 || !noticed.IsZero() {
		t.Fatalf("see the list: shown %d, noticed %v", shown, noticed)
	}
	test.Tap(b)
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "確認しました"))
	if !noticed.Equal(strangerPC.CreatedAt) {
		t.Fatalf("noticed up to %v, want %v", noticed, strangerPC.CreatedAt)
	}

	unnamed := strangerPC
	unnamed.Name = ""
	// The line says how many, short; the dialog and the inbox which.
	s.SetDevices([]app.DeviceInfo{homePC, unnamed})
	if uitest.ShownButton(s, "新しい端末：2台") == nil || deviceNoticeText([]app.DeviceInfo{homePC, unnamed}) != "新しい端末が2台追加されました（最新は12月7日 13:40）" {
		t.Error("two devices are not told as two")
	}
	s.SetDevices([]app.DeviceInfo{unnamed})
	if deviceNoticeText([]app.DeviceInfo{unnamed}) != "新しい端末が追加されました（12月7日 13:40）" {
		t.Error("a device without a name is not told")
	}
	s.SetDevices(nil)
	uitest.ShownWalk(s, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text != "" {
			t.Errorf("with no new device, the status line shows %q", b.Text)
		}
	})
}

// The inbox tells of a new device at its top, with the same two
// answers.
func TestDeviceNoticeInInbox(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, nil)
	in := NewInbox(newTestServices(t), w)
	w.SetContent(in.Content())
	w.Resize(fyne.NewSize(900, 700))
	var noticed time.Time
	shown := 0
	in.OnDevicesNoticed = func(upTo time.Time) { noticed = upTo }
	in.OnShowDevices = func() { shown++ }
	if uitest.ShowsText(in.Content(), strangerNotice) {
		t.Fatal("a notice before any device")
	}
	in.SetDeviceNotice([]app.DeviceInfo{strangerPC})
	uitest.WantTexts(t, "the inbox", in.Content(), strangerNotice)
	test.Tap(uitest.ShownButton(in.Content(), "端末の一覧を見る"))
	test.Tap(uitest.ShownButton(in.Content(), "確認しました"))
	if shown != 1 || !noticed.Equal(strangerPC.CreatedAt) {
		t.Fatalf("shown %d, noticed %v", shown, noticed)
	}
	in.SetDeviceNotice(nil)
	if uitest.ShowsText(in.Content(), strangerNotice) {
		t.Fatal("the notice stays")
	}
}

// The settings list the person's devices, this one marked, a stopped one
// as stopped; another one may be stopped, after a question.
func TestSettingsDevices(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	ui := dirQueueApp(t, a)
	w := test.NewTempWindow(t, nil)
	var mu sync.Mutex
	var revoked []string
	fail := error(nil)
	s := NewSettings(w, SettingsState{TextSize: cttheme.Normal, Language: "ja"}, SettingsActions{
		RevokeDevice: func(ctx context.Context, id string) error {
			mu.Lock()
			defer mu.Unlock()
			if fail != nil {
				return fail
			}
			revoked = append(revoked, id)
			return nil
		},
	})
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(900, 900))
	s.SetDevices(app.MyDevices{This: officePC.ID, Devices: []app.DeviceInfo{officePC, homePC, strangerPC}})
	uitest.WantTexts(t, "the settings", s.Content(), "お使いの端末",
		"会社のPC", "追加：2026年11月20日(金) 09:00", "この端末",
		"自宅のPC", "追加：2026年11月18日(水) 20:00", "停止済み（2026年11月24日(火)）",
		"見知らぬPC", "追加：2026年12月7日(月) 13:40")
	stops := 0
	uitest.ShownWalk(s.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "停止する" {
			stops++
		}
	})
	if stops != 1 {
		t.Fatalf("%d buttons to stop a device, want 1 (not this one, nor the stopped one)", stops)
	}

	// Going back stops nothing.
	test.Tap(uitest.ShownButton(s.Content(), "停止する"))
	over := w.Canvas().Overlays().Top()
	if over == nil {
		t.Fatal("no question before stopping a device")
	}
	uitest.WantTexts(t, "the question", over,
		"「見知らぬPC」では、このアカウントでクロストークを使えなくなります。ご自身の端末でもう一度使うには、事務局から新しい招待コードを受け取る必要があります。停止しますか？")
	test.Tap(uitest.ShownButton(over, "戻る"))
	ui.settle()
	if len(revoked) != 0 {
		t.Fatal("stopped without a yes")
	}

	// Offline, nothing changes and the settings say why.
	fail = fmt.Errorf("revoke: %w", app.ErrOffline)
	test.Tap(uitest.ShownButton(s.Content(), "停止する"))
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "停止する"))
	ui.until(t, "the failure shown", func() bool {
		return uitest.ShowsText(s.Content(), "サーバーにつながらないため、停止できませんでした。つながってから、もう一度お試しください。")
	})
	if uitest.ShownButton(s.Content(), "停止する") == nil {
		t.Fatal("the device shows stopped although it was not")
	}

	fail = nil
	test.Tap(uitest.ShownButton(s.Content(), "停止する"))
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "停止する"))
	ui.until(t, "the device stopped", func() bool { return uitest.ShowsText(s.Content(), "「見知らぬPC」を停止しました。") })
	if len(revoked) != 1 || revoked[0] != strangerPC.ID {
		t.Fatalf("revoked %q", revoked)
	}
	if uitest.ShownButton(s.Content(), "停止する") != nil {
		t.Error("the stopped device can still be stopped")
	}
}

// The main window asks for the person's devices after a sync: a device
// added after this one shows in the status line and the inbox, and as a
// desktop notification once; reading it ends both notices, for good.
// The settings list every device.
func TestMainWindowAnnouncesNewDevice(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	ui := dirQueueApp(t, a)
	svc := newTestServices(t)
	ctx := context.Background()
	if err := svc.SetState(ctx, map[string]string{"device_id": officePC.ID}); err != nil {
		t.Fatal(err)
	}
	svc.addDevices(t, officePC, homePC)
	notes := &fakeNotifier{prefs: a.Preferences()}
	w := test.NewTempWindow(t, nil)
	m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja"}, Notifier: notes, Devices: svc})
	w.SetContent(m.Content())
	w.Resize(fyne.NewSize(1100, 760))
	m.DataChanged()
	ui.settle()
	closeOverlays(w) // the survey of a past talk
	if uitest.ShownButton(m.status, strangerNotice) != nil || len(notes.sent) != 0 {
		t.Fatal("a notice before a new device")
	}
	m.tabs.Select(m.setTab)
	ui.settle()
	uitest.WantTexts(t, "the settings", m.settings.Content(), "会社のPC", "この端末", "自宅のPC")
	m.tabs.SelectIndex(0)
	ui.settle()

	svc.addDevices(t, strangerPC) // as a pull brings it
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now})
	ui.settle()
	b := uitest.ShownButton(m.status, "新しい端末：1台")
	if b == nil {
		t.Fatal("the status line does not tell of the new device")
	}
	m.tabs.SelectIndex(1)
	ui.settle()
	uitest.WantTexts(t, "the inbox", m.inbox.Content(), strangerNotice)
	if len(notes.sent) != 1 || notes.sent[0].Title != "新しい端末が追加されました" {
		t.Fatalf("notifications %+v", notes.sent)
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(time.Minute)})
	ui.settle()
	if len(notes.sent) != 1 {
		t.Fatalf("the device was notified %d times", len(notes.sent))
	}

	// "See the list" opens the settings.
	test.Tap(uitest.ShownButton(m.inbox.Content(), "端末の一覧を見る"))
	ui.settle()
	if m.tabs.Selected().Content != m.settings.Content() {
		t.Fatal("the settings are not shown")
	}
	uitest.WantTexts(t, "the settings", m.settings.Content(), "見知らぬPC")
	test.Tap(b)
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "確認しました"))
	ui.settle()
	if uitest.ShownButton(m.status, strangerNotice) != nil || uitest.ShowsText(m.inbox.Content(), strangerNotice) {
		t.Fatal("the notice stays after it was read")
	}
	if mine, err := svc.MyDevices(ctx); err != nil || len(mine.Announced()) != 0 {
		t.Fatalf("the notice read is not remembered: %v %v", mine.Announced(), err)
	}
	m.SetStatus(SyncStatus{Online: true, LastSync: svc.now.Add(2 * time.Minute)})
	ui.settle()
	if uitest.ShownButton(m.status, strangerNotice) != nil {
		t.Fatal("the notice came back")
	}

	// Stopping it from the settings.
	test.Tap(uitest.ShownButton(m.settings.Content(), "停止する"))
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "停止する"))
	ui.until(t, "the device stopped", func() bool {
		return uitest.ShowsText(m.settings.Content(), "「見知らぬPC」を停止しました。")
	})
	if len(svc.revoked) != 1 || svc.revoked[0] != strangerPC.ID {
		t.Fatalf("revoked %q", svc.revoked)
	}
}

// addDevices writes devices into the replica as a pull of the user
// bucket would.
func (s *testServices) addDevices(t *testing.T, ds ...app.DeviceInfo) {
	t.Helper()
	err := s.Store.Write(context.Background(), func(tx *data.Tx) error {
		for _, d := range ds {
			var revoked any
			if d.RevokedAt != nil {
				revoked = d.RevokedAt.UnixMilli()
			}
			if _, err := tx.SQL().Exec(`INSERT OR REPLACE INTO own_devices (id, name, created_at, revoked_at) VALUES (?, ?, ?, ?)`,
				d.ID, d.Name, d.CreatedAt.UnixMilli(), revoked); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// RevokeMyDevice stops a device as the server and the next pull would.
func (s *testServices) RevokeMyDevice(ctx context.Context, id string) error {
	s.mu.Lock()
	s.revoked = append(s.revoked, id)
	s.mu.Unlock()
	return s.Store.Write(ctx, func(tx *data.Tx) error {
		res, err := tx.SQL().Exec(`UPDATE own_devices SET revoked_at = max(?, created_at) WHERE id = ?`, s.now.UnixMilli(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errors.New("no such device")
		}
		return nil
	})
}
