package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
)

// The wheel over a multi-line entry moves the page when the entry's text
// has nowhere to scroll, and the text while it has.
func TestForwardWheel(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	entry := widget.NewMultiLineEntry()
	entry.Wrapping = fyne.TextWrapWord
	entry.SetMinRowsVisible(3)
	entry.SetText("短い文です。")
	spacer := func() fyne.CanvasObject {
		r := widget.NewLabel("x")
		return container.NewGridWrap(fyne.NewSize(100, 400), r)
	}
	form := widget.NewForm(widget.NewFormItem("自己紹介", container.NewVBox(entry, widget.NewLabel("note"))))
	page := container.NewVScroll(container.NewPadded(container.NewVBox(spacer(), form, spacer())))
	w := test.NewTempWindow(t, page)
	w.Resize(fyne.NewSize(500, 400))
	c := w.Canvas()
	if entryScroll(entry) == nil {
		t.Fatal("the entry's own scroll was not found: has Fyne changed widget.Entry?")
	}

	page.ScrollToOffset(fyne.NewPos(0, 300))
	over := fyne.CurrentApp().Driver().AbsolutePositionForObject(entry).Add(fyne.NewPos(20, 20))
	if !ForwardWheel(c, over, fyne.NewDelta(0, -50)) || page.Offset.Y != 350 {
		t.Errorf("wheel down over a short text: forwarded? page offset %v, want 350", page.Offset.Y)
	}
	if ForwardWheel(c, fyne.NewPos(5, 5), fyne.NewDelta(0, -50)) {
		t.Error("a wheel event away from any entry was taken")
	}

	// A long text scrolls inside the entry until its end, then the page.
	entry.SetText(strings.Repeat("長い文です。\n", 30))
	inner := entryScroll(entry)
	inner.ScrollToTop()
	page.ScrollToOffset(fyne.NewPos(0, 300))
	over = fyne.CurrentApp().Driver().AbsolutePositionForObject(entry).Add(fyne.NewPos(20, 20))
	if ForwardWheel(c, over, fyne.NewDelta(0, -50)) {
		t.Error("wheel down over a long text at its top moved the page")
	}
	if !ForwardWheel(c, over, fyne.NewDelta(0, 50)) || page.Offset.Y != 250 {
		t.Errorf("wheel up over a long text at its top: page offset %v, want 250", page.Offset.Y)
	}
	inner.ScrollToBottom()
	over = fyne.CurrentApp().Driver().AbsolutePositionForObject(entry).Add(fyne.NewPos(20, 20)) // the page moved
	if !ForwardWheel(c, over, fyne.NewDelta(0, -50)) {
		t.Error("wheel down over a long text at its end did not move the page")
	}
}

// In a dialog, the wheel over its text field scrolls the dialog's page.
func TestForwardWheelInDialog(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, widget.NewLabel("window"))
	w.Resize(fyne.NewSize(600, 500))
	entry := widget.NewMultiLineEntry()
	entry.SetMinRowsVisible(2)
	tall := container.NewGridWrap(fyne.NewSize(100, 600), widget.NewLabel("x"))
	page := container.NewVScroll(container.NewVBox(entry, tall))
	page.SetMinSize(fyne.NewSize(300, 200))
	d := dialog.NewCustom("title", "閉じる", page, w)
	d.Show()
	over := fyne.CurrentApp().Driver().AbsolutePositionForObject(entry).Add(fyne.NewPos(10, 10))
	if !ForwardWheel(w.Canvas(), over, fyne.NewDelta(0, -40)) || page.Offset.Y != 40 {
		t.Errorf("in a dialog: page offset %v, want 40", page.Offset.Y)
	}
}
