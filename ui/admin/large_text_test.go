package admin

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

// cutLabels lists the shown labels of o whose text is wider than the
// label: truncated with an ellipsis, or clipped.
func cutLabels(o fyne.CanvasObject) []string {
	var out []string
	uitest.ShownWalk(o, func(x fyne.CanvasObject) {
		l, ok := x.(*widget.Label)
		if !ok || l.Text == "" || l.Wrapping != fyne.TextWrapOff {
			return
		}
		size := theme.TextSize()
		if l.SizeName != "" {
			size = theme.Size(l.SizeName)
		}
		w := fyne.MeasureText(l.Text, size, l.TextStyle).Width + 2*theme.InnerPadding()
		if w > l.Size().Width+1 {
			out = append(out, l.Text)
		}
	})
	return out
}

// In extra large text, the lists of people and programmes show their
// lines whole in a window of 1000×800.
func TestAdminListsInExtraLargeText(t *testing.T) {
	_, iv, w := newInviteFixture(t, app.RoleHR)
	fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	iv.Refresh()
	settle()
	w.Resize(fyne.NewSize(1000, 800))
	if cut := cutLabels(iv.list); len(cut) > 0 {
		t.Errorf("invitations cut: %q", cut)
	}

	_, pv, w2 := newProgrammesFixture(t)
	fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	pv.Refresh()
	settle()
	w2.Resize(fyne.NewSize(1000, 800))
	if cut := cutLabels(pv.cohortL); len(cut) > 0 {
		t.Errorf("programmes cut: %q", cut)
	}
}
