package admin

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

const (
	unsavedClose = "まだ保存していない招待コードがあります。閉じるとコードは二度と表示できません。閉じますか？"
	unsavedLeave = "まだ保存していない招待コードがあります。コードは、閉じるまでこのタブに残ります。ほかのタブへ移りますか？"
	unsavedQuit  = "まだ保存していない招待コードがあります。アプリを閉じるとコードは二度と表示できません。閉じますか？"
)

// makeTwoCodes makes codes for the two people not joined yet.
func makeTwoCodes(t *testing.T, v *InvitationsView, w fyne.Window) {
	t.Helper()
	tapButton(t, w.Content(), "まだ使い始めていない参加者をすべて選ぶ")
	tapButton(t, w.Content(), "招待コードを作る（2人）")
	if len(v.codes) != 2 || !v.UnsavedCodes() {
		t.Fatalf("codes %+v", v.codes)
	}
}

// wantButtons checks that o shows a button for each of texts.
func wantButtons(t *testing.T, o fyne.CanvasObject, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if uitest.ShownButton(o, s) == nil {
			t.Errorf("no button %q", s)
		}
	}
}

// noDialog fails if a dialog is shown.
func noDialog(t *testing.T, w fyne.Window) {
	t.Helper()
	if o := w.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("a dialog is shown: %q", uitest.ShownTexts(o))
	}
}

// TestInvitationCodesStayUntilClosed: new codes stay on the tab, through
// a reload, until HR closes them; closing codes not saved asks first, and
// going back keeps them.
func TestInvitationCodesStayUntilClosed(t *testing.T) {
	_, v, w := newInviteFixture(t, app.RoleHR)
	makeTwoCodes(t, v, w)
	tapButton(t, w.Content(), "最新の情報にする")
	if !v.fresh.Visible() || len(v.codes) != 2 {
		t.Fatal("the codes went with a reload")
	}
	if b := uitest.ShownButton(w.Content(), "コードの表示を閉じる"); b == nil || b.Icon.Name() != theme.WindowCloseIcon().Name() {
		t.Fatal("no button to close the codes")
	}
	tapButton(t, w.Content(), "コードの表示を閉じる")
	uitest.WantTexts(t, "the question", topOverlay(t, w), "保存していない招待コード", unsavedClose)
	wantButtons(t, topOverlay(t, w), "閉じる", "戻って保存する")
	tapButton(t, topOverlay(t, w), "戻って保存する")
	if !v.fresh.Visible() || len(v.codes) != 2 {
		t.Fatal("going back closed the codes")
	}
	noDialog(t, w)
	tapButton(t, w.Content(), "コードの表示を閉じる")
	tapButton(t, topOverlay(t, w), "閉じる")
	if v.fresh.Visible() || len(v.codes) != 0 || v.UnsavedCodes() {
		t.Fatalf("after closing: shown %v, codes %v", v.fresh.Visible(), v.codes)
	}
	if uitest.ShowsText(w.Content(), "CODE-S0002-0002") {
		t.Error("a code is still shown")
	}
}

// TestInvitationCodesSaving: saving them as a CSV or as slips marks them
// saved, and then closing asks nothing; a failed save marks nothing.
func TestInvitationCodesSaving(t *testing.T) {
	for _, slips := range []bool{false, true} {
		_, v, w := newInviteFixture(t, app.RoleHR)
		makeTwoCodes(t, v, w)
		if err := v.codesWriter(slips)(failing{}); err == nil {
			t.Fatal("a failed write reports no error")
		}
		settle()
		if !v.UnsavedCodes() {
			t.Fatal("a failed save marked the codes saved")
		}
		var b bytes.Buffer
		if err := v.codesWriter(slips)(&b); err != nil {
			t.Fatal(err)
		}
		settle()
		if !strings.Contains(b.String(), "CODE-S0002-0002") || !strings.Contains(b.String(), "CODE-S0003-0003") {
			t.Fatalf("the file lacks the codes:\n%s", b.String())
		}
		if v.UnsavedCodes() {
			t.Fatalf("saved (slips %v), the codes are not marked saved", slips)
		}
		uitest.WantTexts(t, "the codes", w.Content(), "2人分の招待コードを保存しました。閉じるまでここに表示しておきます。閉じると、二度と表示できません。")
		tapButton(t, w.Content(), "コードの表示を閉じる")
		noDialog(t, w)
		if v.fresh.Visible() || len(v.codes) != 0 {
			t.Fatal("the saved codes did not close")
		}
	}
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestInvitationCodesAddUp: codes made while others are shown join them,
// a person's new code replacing their older one; the set is unsaved
// again, and a save of the older set started before marks nothing.
func TestInvitationCodesAddUp(t *testing.T) {
	_, v, w := newInviteFixture(t, app.RoleHR)
	makeTwoCodes(t, v, w)
	older := v.codesWriter(false)
	var b bytes.Buffer
	if err := v.codesWriter(true)(&b); err != nil {
		t.Fatal(err)
	}
	settle()
	if v.UnsavedCodes() {
		t.Fatal("not saved")
	}
	tapText(t, w, "鈴木 一郎")
	tapButton(t, w.Content(), "招待コードを作る（1人）")
	if len(v.codes) != 2 || v.codes[0].ParticipantID != "p-2" || v.codes[1].ParticipantID != "p-3" {
		t.Fatalf("codes %+v", v.codes)
	}
	if !v.UnsavedCodes() {
		t.Fatal("a new code is marked saved")
	}
	uitest.WantTexts(t, "the codes", w.Content(), "さらに1人分の招待コードを作りました。合わせて2人分のコードが、閉じるまでここにだけ表示されます。CSV か印刷用のページとして保存してください。")
	if err := older(&b); err != nil {
		t.Fatal(err)
	}
	settle()
	if !v.UnsavedCodes() {
		t.Error("a save of the older codes marked the new ones saved")
	}
}

// TestViewsAskBeforeLeavingCodes: leaving the invitations tab with codes
// not saved asks first (once for a set of codes, which stay on the tab),
// and so does closing the window; saved codes ask nothing.
func TestViewsAskBeforeLeavingCodes(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	var a *Views
	var tabs *container.AppTabs
	var shown []fyne.CanvasObject
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		a = NewViews(f, w, "")
		tabs = container.NewAppTabs(a.Tabs()...)
		a.Guard(tabs, func() {
			shown = append(shown, tabs.Selected().Content)
			a.Shown(tabs.Selected().Content)
		})
		return tabs
	})
	invitations, dashboard := a.Tabs()[1], a.Tabs()[2]
	tabs.Select(invitations)
	settle()
	closed := 0
	a.ConfirmClose(func() { closed++ })
	if closed != 1 {
		t.Fatal("the window cannot close without codes")
	}
	tabs.Select(dashboard)
	settle()
	noDialog(t, w)
	tabs.Select(invitations)
	settle()
	makeTwoCodes(t, a.Invitations, w)

	tabs.Select(dashboard)
	settle()
	if tabs.Selected() != invitations {
		t.Fatal("the tab was left without asking")
	}
	uitest.WantTexts(t, "the question", topOverlay(t, w), unsavedLeave)
	wantButtons(t, topOverlay(t, w), "移る", "戻って保存する")
	tapButton(t, topOverlay(t, w), "戻って保存する")
	if tabs.Selected() != invitations {
		t.Fatal("going back left the tab")
	}
	tabs.Select(dashboard)
	settle()
	tapButton(t, topOverlay(t, w), "移る")
	if tabs.Selected() != dashboard || shown[len(shown)-1] != dashboard.Content {
		t.Fatal("the tab was not left")
	}
	// The codes are still there, and the next leaving asks nothing.
	tabs.Select(invitations)
	settle()
	if len(a.Invitations.codes) != 2 {
		t.Fatal("the codes went with the tab")
	}
	tabs.Select(dashboard)
	settle()
	noDialog(t, w)
	if tabs.Selected() != dashboard {
		t.Fatal("the tab asked twice for the same codes")
	}

	// Closing the window asks, whatever the tab.
	a.ConfirmClose(func() { closed++ })
	uitest.WantTexts(t, "the question", topOverlay(t, w), unsavedQuit)
	wantButtons(t, topOverlay(t, w), "アプリを閉じる", "戻って保存する")
	tapButton(t, topOverlay(t, w), "戻って保存する")
	if closed != 1 {
		t.Fatal("the window closed when asked to go back")
	}
	a.ConfirmClose(func() { closed++ })
	tapButton(t, topOverlay(t, w), "アプリを閉じる")
	if closed != 2 {
		t.Fatal("the window did not close")
	}

	// Built again (another language), the views keep the codes.
	var b *Views
	testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		b = NewViews(f, w, "")
		return b.Invitations.Content()
	})
	b.KeepFrom(a)
	if len(b.Invitations.codes) != 2 || !b.Invitations.UnsavedCodes() || !b.Invitations.fresh.Visible() {
		t.Fatal("the codes were lost when the views were built again")
	}

	// Saved, they ask nothing.
	var out bytes.Buffer
	if err := a.Invitations.codesWriter(false)(&out); err != nil {
		t.Fatal(err)
	}
	settle()
	a.ConfirmClose(func() { closed++ })
	if closed != 3 {
		t.Fatal("closing with saved codes asks")
	}
}
