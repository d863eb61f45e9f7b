package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ButtonRow sets buttons side by side, of equal widths, when the width
// allows, and else in as many columns as fit, down to one under another.
// Its minimum width is its widest button's, so that it never widens a
// window; like a Paragraph, its height follows the width it was last
// given.
type ButtonRow struct {
	widget.BaseWidget
	objects []fyne.CanvasObject
	width   float32 // the width last laid out at; 0 before
}

// NewButtonRow sets objects, usually buttons, in a row.
func NewButtonRow(objects ...fyne.CanvasObject) *ButtonRow {
	r := &ButtonRow{objects: objects}
	r.ExtendBaseWidget(r)
	return r
}

// Resize remembers the width, which the height depends on.
func (r *ButtonRow) Resize(s fyne.Size) {
	r.width = s.Width
	r.BaseWidget.Resize(s)
}

// CreateRenderer is part of fyne.Widget.
func (r *ButtonRow) CreateRenderer() fyne.WidgetRenderer {
	return &buttonRowRenderer{r: r}
}

// cell is the largest minimum size of the objects shown, and how many
// they are.
func (r *ButtonRow) cell() (fyne.Size, int) {
	var cell fyne.Size
	n := 0
	for _, o := range r.objects {
		if o.Visible() {
			cell = cell.Max(o.MinSize())
			n++
		}
	}
	return cell, n
}

// columns is how many columns fit in width, at least one; all of them
// while the width is not known yet.
func (r *ButtonRow) columns(width float32) int {
	cell, n := r.cell()
	if n == 0 {
		return 1
	}
	if width <= 0 {
		return n
	}
	pad := theme.Padding()
	cols := int((width + pad) / (cell.Width + pad))
	return max(1, min(n, cols))
}

type buttonRowRenderer struct{ r *ButtonRow }

func (br *buttonRowRenderer) Destroy() {}

func (br *buttonRowRenderer) Objects() []fyne.CanvasObject { return br.r.objects }

func (br *buttonRowRenderer) MinSize() fyne.Size {
	cell, n := br.r.cell()
	if n == 0 {
		return fyne.Size{}
	}
	cols := br.r.columns(br.r.width)
	rows := (n + cols - 1) / cols
	pad := theme.Padding()
	return fyne.NewSize(cell.Width, float32(rows)*cell.Height+float32(rows-1)*pad)
}

func (br *buttonRowRenderer) Layout(size fyne.Size) {
	cell, _ := br.r.cell()
	cols := br.r.columns(size.Width)
	pad := theme.Padding()
	w := (size.Width - float32(cols-1)*pad) / float32(cols)
	i := 0
	for _, o := range br.r.objects {
		if !o.Visible() {
			continue
		}
		row, col := i/cols, i%cols
		o.Move(fyne.NewPos(float32(col)*(w+pad), float32(row)*(cell.Height+pad)))
		o.Resize(fyne.NewSize(w, cell.Height))
		i++
	}
}

func (br *buttonRowRenderer) Refresh() {
	br.Layout(br.r.Size())
	for _, o := range br.r.objects {
		o.Refresh()
	}
}
