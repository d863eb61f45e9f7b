package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// heading is a view's bold title.
func heading(text string) *widgets.Paragraph {
	p := widgets.NewParagraph(text)
	p.Label.TextStyle.Bold = true
	p.Label.SizeName = theme.SizeNameSubHeadingText
	return p
}

// tall makes a main button tall enough to hit, with large text too.
func tall(b *widget.Button) fyne.CanvasObject { return widgets.Tall(b, widgets.TallButton) }
