package admin

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

// wantDanger checks that o shows a button text, red.
func wantDanger(t *testing.T, what string, o fyne.CanvasObject, text string) {
	t.Helper()
	b := uitest.ShownButton(o, text)
	switch {
	case b == nil:
		t.Errorf("%s: no button %q in %q", what, text, uitest.ShownTexts(o))
	case b.Importance != widget.DangerImportance:
		t.Errorf("%s: the button %q is not red", what, text)
	}
}

// What cannot be undone is asked in red, by the button that asks and by
// the button that does it: closing a programme, stopping a code or a
// device, dropping codes not saved.
func TestDestructiveConfirmsAreRed(t *testing.T) {
	_, pv, w := newProgrammesFixture(t)
	wantDanger(t, "the programme's row", w.Content(), "受付を終える")
	tapButton(t, w.Content(), "受付を終える")
	wantDanger(t, "closing a programme", topOverlay(t, w), "受付を終える")
	closeDialogs(w)
	pv.setState(app.Cohort{ID: "k-2027a", Name: "2027年度 第1期"}, app.CohortOpen)
	if b := uitest.ShownButton(topOverlay(t, w), "受付を始める"); b == nil || b.Importance == widget.DangerImportance {
		t.Error("opening a programme is not asked with a plain main button")
	}

	_, v, w := newInviteFixture(t, app.RoleHR)
	wantDanger(t, "a person's row", w.Content(), "コードを無効にする")
	tapButton(t, w.Content(), "コードを無効にする")
	wantDanger(t, "stopping a code", topOverlay(t, w), "無効にする")
	closeDialogs(w)
	tapButton(t, w.Content(), "端末（1台）")
	wantDanger(t, "the devices", topOverlay(t, w), "この端末の利用を止める")
	tapButton(t, topOverlay(t, w), "この端末の利用を止める")
	wantDanger(t, "stopping a device", topOverlay(t, w), "利用を止める")
	closeDialogs(w)

	makeTwoCodes(t, v, w)
	tapButton(t, w.Content(), "コードの表示を閉じる")
	wantDanger(t, "closing codes not saved", topOverlay(t, w), "閉じる")
	closeDialogs(w)
	v.ConfirmQuit(func() {})
	wantDanger(t, "quitting with codes not saved", topOverlay(t, w), "アプリを閉じる")
}
