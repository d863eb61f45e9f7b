package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// heading is a view's bold title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// tall makes a main button tall enough to hit, with large text too.
func tall(b *widget.Button) fyne.CanvasObject { return widgets.Tall(b, widgets.TallButton) }
