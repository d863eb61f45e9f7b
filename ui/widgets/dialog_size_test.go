package widgets_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/widgets"
)

// A dialog is as large as asked, but never larger than its window less
// the margin; a long body scrolls, a short one is not stretched.
func TestDialogSize(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1093, 614))
	m := float32(widgets.DialogMargin)
	if got := widgets.DialogSize(w.Canvas(), fyne.NewSize(720, 700)); got != fyne.NewSize(720, 614-2*m) {
		t.Errorf("720×700 in 1093×614: %v", got)
	}
	if got := widgets.DialogSize(w.Canvas(), fyne.NewSize(2000, 100)); got != fyne.NewSize(1093-2*m, 100) {
		t.Errorf("2000×100 in 1093×614: %v", got)
	}

	long := container.NewVBox()
	for range 40 {
		long.Add(widget.NewLabel("行"))
	}
	scroll := container.NewVScroll(long)
	d := dialog.NewCustom("長い", "閉じる", scroll, w)
	widgets.FitDialog(d, w, scroll, 640)
	d.Show()
	top := shownDialog(w)
	if s := top.Size(); s.Width != 640 || s.Height != 614-2*m {
		t.Errorf("a long body: the dialog is %v", s)
	}

	short := container.NewVScroll(widget.NewLabel("短い"))
	d2 := dialog.NewCustom("短い", "閉じる", short, w)
	widgets.FitDialog(d2, w, short, 640)
	d2.Show()
	top = shownDialog(w)
	if s := top.Size(); s.Height > 300 || s.Height < d2.MinSize().Height {
		t.Errorf("a short body: the dialog is %v high, least %v", s, d2.MinSize())
	}
}

// shownDialog is the dialog on top of w: the pop-up inside the overlay.
func shownDialog(w fyne.Window) fyne.CanvasObject {
	var find func(o fyne.CanvasObject) fyne.CanvasObject
	find = func(o fyne.CanvasObject) fyne.CanvasObject {
		if p, ok := o.(*widget.PopUp); ok {
			return p.Content
		}
		var kids []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			kids = x.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(x).Objects()
		}
		for _, k := range kids {
			if d := find(k); d != nil {
				return d
			}
		}
		return nil
	}
	return find(w.Canvas().Overlays().Top())
}
