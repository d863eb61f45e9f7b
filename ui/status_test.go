package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

func TestStatusLine(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, nil)
	s := NewStatusLine(w)
	w.SetContent(s)
	w.Resize(fyne.NewSize(900, 80))

	if s.state.Text != "オフラインです。操作は保存され、つながったときに送信されます。" || s.notices.Visible() {
		t.Errorf("initially: %q", s.state.Text)
	}
	// Offline is told by an icon and a colour too, not only by words.
	if s.state.Label.Importance != widget.WarningImportance || s.icon.Resource == nil || s.icon.Resource.Name() != theme.NewWarningThemedResource(theme.WarningIcon()).Name() {
		t.Errorf("offline: importance %v, icon %v", s.state.Label.Importance, s.icon.Resource)
	}
	s.Set(SyncStatus{Online: false, Pending: 2})
	if s.pending.Text != "送信待ち：2件" {
		t.Errorf("pending %q", s.pending.Text)
	}
	s.Set(SyncStatus{Online: true, LastSync: time.Date(2026, 11, 25, 10, 2, 0, 0, app.Tokyo)})
	if s.state.Text != "最新の状態です。" || s.pending.Text != "" || s.last.Text != "最終同期：11月25日 10:02" {
		t.Errorf("online: %q %q %q", s.state.Text, s.pending.Text, s.last.Text)
	}
	if s.state.Label.Importance != widget.MediumImportance || s.icon.Resource == nil || s.icon.Resource.Name() != theme.NewSuccessThemedResource(theme.ConfirmIcon()).Name() {
		t.Errorf("online: importance %v, icon %v", s.state.Label.Importance, s.icon.Resource)
	}
	s.Set(SyncStatus{Online: true, Syncing: true})
	if s.state.Text != "送受信しています…" {
		t.Errorf("syncing: %q", s.state.Text)
	}
	s.Set(SyncStatus{AuthFailed: true})
	if s.state.Text != "このパソコンのサインインが無効になりました。「設定」から、新しい招待コードを入力してください。" {
		t.Errorf("auth failed: %q", s.state.Text)
	}
	if s.state.Label.Importance != widget.DangerImportance {
		t.Errorf("auth failed: importance %v", s.state.Label.Importance)
	}

	var seen int64
	s.OnNoticesSeen = func(upTo int64) { seen = upTo }
	s.Set(SyncStatus{Online: true, Notices: []Notice{
		{MutationID: 7, Name: app.OfferSend, Code: app.CodeRecipientBusy},
		{MutationID: 5, Name: app.TalkAcceptTime, Code: app.CodeRecipientBusy},
	}})
	if !s.notices.Visible() || s.notices.Text != "届けられなかった操作：2件" {
		t.Fatalf("notices button %v %q", s.notices.Visible(), s.notices.Text)
	}
	test.Tap(s.notices)
	over := w.Canvas().Overlays().Top()
	if over == nil {
		t.Fatal("no dialog")
	}
	for _, want := range []string{"オファーの送信", "日時の変更への同意", "お相手は今、多くのオファーを受けています。しばらくしてからもう一度お送りください。"} {
		if !uitest.ShowsText(over, want) {
			t.Errorf("the notice dialog does not say %q", want)
		}
	}
	test.Tap(uitest.ShownButton(over, "閉じる"))
	if seen != 7 {
		t.Errorf("seen up to %d", seen)
	}
}
