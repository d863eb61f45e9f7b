package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// Spacings that are a number of the theme's paddings. Fyne's own padded
// layouts take their spacing in pixels when they are made, and keep it
// when the text size changes; these read the padding each time they lay
// out.

// spacedVBox stacks objects with factor × the theme's padding between
// them (negative draws them closer than a VBox does).
type spacedVBox float32

func (f spacedVBox) layout() fyne.Layout {
	return layout.NewCustomPaddedVBoxLayout(float32(f) * theme.Padding())
}

func (f spacedVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) { f.layout().Layout(objs, size) }

func (f spacedVBox) MinSize(objs []fyne.CanvasObject) fyne.Size { return f.layout().MinSize(objs) }

// NewSpacedVBox stacks objs with factor × the theme's padding between
// them, as that is when they are laid out.
func NewSpacedVBox(factor float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(spacedVBox(factor), objs...)
}

// inset surrounds its objects with factor × the theme's padding.
type inset float32

func (f inset) layout() fyne.Layout {
	p := float32(f) * theme.Padding()
	return layout.NewCustomPaddedLayout(p, p, p, p)
}

func (f inset) Layout(objs []fyne.CanvasObject, size fyne.Size) { f.layout().Layout(objs, size) }

func (f inset) MinSize(objs []fyne.CanvasObject) fyne.Size { return f.layout().MinSize(objs) }

// NewInset surrounds content with factor × the theme's padding on every
// side, as that is when it is laid out.
func NewInset(factor float32, content fyne.CanvasObject) *fyne.Container {
	return container.New(inset(factor), content)
}

// gap is empty space factor × the theme's padding high.
type gap float32

func (f gap) Layout([]fyne.CanvasObject, fyne.Size) {}

func (f gap) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(1, float32(f)*theme.Padding())
}

// NewGap is empty space factor × the theme's padding high, as that is
// when it is measured: to set parts of a view apart.
func NewGap(factor float32) fyne.CanvasObject {
	return container.New(gap(factor))
}
