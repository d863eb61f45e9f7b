package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// themedText is one line of text in a colour of its own, at a size of
// the theme. Unlike a canvas.Text, whose size is fixed when it is made,
// it reads the size and the colour each time it is measured, laid out or
// refreshed, so it follows a change of text size at once.
type themedText struct {
	widget.BaseWidget
	text *canvas.Text
	// size names the theme's size for the text: theme.SizeNameText
	// when empty.
	size fyne.ThemeSizeName
	// color is the text's colour, read from the theme: the foreground
	// when nil.
	color func(th fyne.Theme, v fyne.ThemeVariant) color.Color
}

func newThemedText(text string, style fyne.TextStyle) *themedText {
	t := &themedText{text: canvas.NewText(text, nil)}
	t.text.Alignment = fyne.TextAlignCenter
	t.text.TextStyle = style
	t.ExtendBaseWidget(t)
	return t
}

// apply sets the text's size and colour from the current theme.
func (t *themedText) apply() {
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	name := t.size
	if name == "" {
		name = theme.SizeNameText
	}
	t.text.TextSize = th.Size(name)
	if t.color != nil {
		t.text.Color = t.color(th, v)
	} else {
		t.text.Color = th.Color(theme.ColorNameForeground, v)
	}
}

// CreateRenderer is part of fyne.Widget.
func (t *themedText) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return &themedTextRenderer{t: t}
}

type themedTextRenderer struct{ t *themedText }

func (r *themedTextRenderer) Layout(s fyne.Size) {
	r.t.apply()
	r.t.text.Resize(s)
}

func (r *themedTextRenderer) MinSize() fyne.Size {
	r.t.apply()
	return r.t.text.MinSize()
}

func (r *themedTextRenderer) Refresh() {
	r.t.apply()
	r.t.text.Refresh()
}

func (r *themedTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.text} }

func (r *themedTextRenderer) Destroy() {}
