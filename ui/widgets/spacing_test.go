package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
	cttheme "crosstalk/ui/theme"
)

// Spacings made at one text size measure, after a change of text size,
// as those made afresh at the new size: Fyne's own padded layouts keep
// the padding they were made with.
func TestSpacingsFollowTheTextSize(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	build := func() []fyne.CanvasObject {
		return []fyne.CanvasObject{
			NewSpacedVBox(-2, widget.NewLabel("一"), widget.NewLabel("二"), widget.NewLabel("三")),
			NewInset(2, widget.NewLabel("枠")),
			NewGap(2),
		}
	}
	old := build()
	test.NewTempWindow(t, container.NewVBox(old...))
	var before []fyne.Size
	for _, o := range old {
		before = append(before, o.MinSize())
	}
	a.Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	fresh := build()
	test.NewTempWindow(t, container.NewVBox(fresh...))
	for i, o := range old {
		got, want := o.MinSize(), fresh[i].MinSize()
		if got != want {
			t.Errorf("spacing %d measures %v after the change, %v when made at the new size", i, got, want)
		}
		if got.Height <= before[i].Height {
			t.Errorf("spacing %d did not grow: %v, was %v", i, got, before[i])
		}
	}
}
