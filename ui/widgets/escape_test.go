package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
)

// Escape closes a dialog as its Cancel or Close button does, running
// the dialog's callback, also while a text entry in it has the focus.
func TestEscapeDialogs(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, widget.NewLabel("window"))
	w.Resize(fyne.NewSize(600, 500))
	c := w.Canvas()
	if Escape(c) {
		t.Fatal("Escape with nothing open said it closed something")
	}

	// A confirmation with an entry that has the focus: Escape is No.
	answer := "none"
	entry := widget.NewEntry()
	confirm := dialog.NewCustomConfirm("title", "はい", "いいえ", entry, func(ok bool) {
		answer = map[bool]string{true: "yes", false: "no"}[ok]
	}, w)
	confirm.Show()
	c.Focus(entry)
	test.Type(entry, "abc")
	if !Escape(c) || answer != "no" || c.Overlays().Top() != nil {
		t.Errorf("a confirmation: answer %q, overlay %v", answer, c.Overlays().Top())
	}

	// A dialog with a Close button only.
	closed := false
	d := dialog.NewCustom("title", "閉じる", widget.NewLabel("text"), w)
	d.SetOnClosed(func() { closed = true })
	d.Show()
	if !Escape(c) || !closed || c.Overlays().Top() != nil {
		t.Errorf("a dialog with Close: closed %v, overlay %v", closed, c.Overlays().Top())
	}

	// A dialog whose buttons the app set: the first one, "back", runs.
	var tapped string
	custom := dialog.NewCustomWithoutButtons("title", widget.NewLabel("text"), w)
	back := widget.NewButton("戻る", func() { tapped = "back"; custom.Hide() })
	send := widget.NewButton("送る", func() { tapped = "send"; custom.Hide() })
	custom.SetButtons([]fyne.CanvasObject{Tall(back, TallButton), send})
	custom.Show()
	if !Escape(c) || tapped != "back" || c.Overlays().Top() != nil {
		t.Errorf("a dialog with its own buttons: tapped %q, overlay %v", tapped, c.Overlays().Top())
	}
}

// Escape closes a picker (a pop-up with a Cancel button) through that
// button, and a select's drop-down without choosing.
func TestEscapePickers(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	sel := widget.NewSelect([]string{"a", "b"}, nil)
	w := test.NewTempWindow(t, container.NewVBox(sel))
	w.Resize(fyne.NewSize(600, 500))
	c := w.Canvas()

	cancelled := false
	var pop *widget.PopUp
	pop = widget.NewModalPopUp(container.NewBorder(nil,
		widget.NewButton("キャンセル", func() { cancelled = true; pop.Hide() }), nil, nil, widget.NewLabel("grid")), c)
	pop.Show()
	if !Escape(c) || !cancelled || c.Overlays().Top() != nil {
		t.Errorf("a picker: cancelled %v, overlay %v", cancelled, c.Overlays().Top())
	}

	test.Tap(sel)
	if c.Overlays().Top() == nil {
		t.Fatal("the drop-down did not open")
	}
	if !Escape(c) || c.Overlays().Top() != nil || sel.Selected != "" {
		t.Errorf("a drop-down: overlay %v, selected %q", c.Overlays().Top(), sel.Selected)
	}
	test.Tap(sel) // it opens again: Escape left no stale state
	if c.Overlays().Top() == nil {
		t.Error("the drop-down does not open after Escape")
	}
}

// Escape never takes a button that acts: a dialog with no button that
// cancels stays open (hiding it would skip what it does when it closes),
// a button with the cancel icon that cancels a talk is not tapped, and a
// dialog whose first button is disabled (busy sending) taps nothing.
func TestEscapeNeverActs(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, widget.NewLabel("window"))
	w.Resize(fyne.NewSize(600, 500))
	c := w.Canvas()

	closed, cancelled := false, false
	cancelTalk := widget.NewButtonWithIcon("トークをキャンセル", theme.CancelIcon(), func() { cancelled = true })
	d := dialog.NewCustomWithoutButtons("title", container.NewVBox(widget.NewLabel("text"), cancelTalk), w)
	d.SetOnClosed(func() { closed = true })
	d.Show()
	Escape(c)
	if cancelled || closed || c.Overlays().Top() == nil {
		t.Errorf("a dialog with no cancel: talk cancelled %v, closed %v, overlay %v", cancelled, closed, c.Overlays().Top())
	}
	d.Hide()

	sent := false
	busy := dialog.NewCustomWithoutButtons("title", widget.NewLabel("送信しています…"), w)
	back := widget.NewButton("戻る", func() { busy.Hide() })
	back.Disable()
	busy.SetButtons([]fyne.CanvasObject{back, widget.NewButton("送る", func() { sent = true })})
	busy.Show()
	Escape(c)
	if sent || c.Overlays().Top() == nil {
		t.Errorf("a dialog busy sending: sent %v, overlay %v", sent, c.Overlays().Top())
	}
}
