package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// minHeight is a layout that gives its objects the whole space and asks
// for at least its own value of height: large targets for main buttons.
type minHeight float32

func (h minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (h minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(s.Width, max(s.Height, float32(h)))
}

// TallButton is the least height of a main action button: large enough
// for unsteady hands.
const TallButton = 48

// Tall makes o at least height high.
func Tall(o fyne.CanvasObject, height float32) *fyne.Container {
	return container.New(minHeight(height), o)
}
