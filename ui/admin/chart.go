package admin

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BarChart is the dashboard's own small chart: bars by category, one bar
// per series, each with its value written above it, the categories below
// and a legend on top. It is drawn with canvas primitives at the theme's
// text size, so large text makes a larger chart, never a clipped one, and
// it renders the same to a PNG for reports.

// chartColors are the series' colours: blue, orange and green, which stay
// apart for colour-blind readers too.
var chartColors = []color.NRGBA{
	{R: 0x1f, G: 0x6f, B: 0xd0, A: 0xff},
	{R: 0xe0, G: 0x80, B: 0x10, A: 0xff},
	{R: 0x20, G: 0x9a, B: 0x50, A: 0xff},
}

// refColor is the colour of a chart's reference line: a dark red, apart
// from the bars'.
var refColor = color.NRGBA{R: 0xb0, G: 0x20, B: 0x40, A: 0xff}

// chartRef is a value drawn across a chart's categories as a labelled
// vertical line, such as the first pilot's mean beside the distribution
// of the scores: at Value on the categories' scale, whose first category
// is First and each next one 1 more.
type chartRef struct {
	Value, First float64
	Label        string
}

// chartSeries is one series of a chart.
type chartSeries struct {
	Name   string
	Values []int // one per category
}

// BarChart draws one chart.
type BarChart struct {
	widget.BaseWidget
	Title  string
	Labels []string // the categories, left to right
	Series []chartSeries
	// Note is a line under the title, such as the programme and the
	// company of an exported image; "" for none.
	Note string
	// Ref, when set, is drawn as a labelled vertical line.
	Ref *chartRef
	// forPrint draws dark text on white, whatever the theme: for PNG.
	forPrint bool
}

func newBarChart(title string, labels []string, series ...chartSeries) *BarChart {
	c := &BarChart{Title: title, Labels: labels, Series: series}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{c: c}
	r.build()
	return r
}

// max is the largest value, at least 1.
func (c *BarChart) maxValue() int {
	m := 1
	for _, s := range c.Series {
		for _, v := range s.Values {
			m = max(m, v)
		}
	}
	return m
}

type barChartRenderer struct {
	c    *BarChart
	objs []fyne.CanvasObject
	size fyne.Size

	bg     *canvas.Rectangle
	title  *canvas.Text
	note   *canvas.Text        // nil without a note
	legend []fyne.CanvasObject // swatch, name, swatch, name…
	axis   *canvas.Line
	bars   [][]*canvas.Rectangle // [category][series]
	values [][]*canvas.Text
	labels []*canvas.Text
	// The reference line and its label; nil without Ref.
	refLine *canvas.Line
	refText *canvas.Text
}

func (r *barChartRenderer) textColor() color.Color {
	if r.c.forPrint {
		return color.NRGBA{R: 0x11, G: 0x11, B: 0x11, A: 0xff}
	}
	return theme.Color(theme.ColorNameForeground)
}

func (r *barChartRenderer) text(s string, bold bool) *canvas.Text {
	t := canvas.NewText(s, r.textColor())
	t.TextSize = theme.TextSize()
	t.TextStyle.Bold = bold
	return t
}

// build makes the objects for the chart's data.
func (r *barChartRenderer) build() {
	c := r.c
	bg := color.Color(color.Transparent)
	if c.forPrint {
		bg = color.White
	}
	r.bg = canvas.NewRectangle(bg)
	r.title = r.text(c.Title, true)
	r.title.TextSize = theme.TextSize() * 1.15
	r.objs = []fyne.CanvasObject{r.bg, r.title}
	r.note = nil
	if c.Note != "" {
		r.note = r.text(c.Note, false)
		r.note.TextSize = theme.TextSize() * 0.9
		r.objs = append(r.objs, r.note)
	}
	r.legend = nil
	if len(c.Series) > 1 {
		for i, s := range c.Series {
			sw := canvas.NewRectangle(chartColors[i%len(chartColors)])
			r.legend = append(r.legend, sw, r.text(s.Name, false))
		}
		r.objs = append(r.objs, r.legend...)
	}
	r.axis = canvas.NewLine(r.textColor())
	r.axis.StrokeWidth = 1
	r.objs = append(r.objs, r.axis)
	r.bars, r.values, r.labels = nil, nil, nil
	for i, l := range c.Labels {
		var bars []*canvas.Rectangle
		var values []*canvas.Text
		for j, s := range c.Series {
			v := 0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			b := canvas.NewRectangle(chartColors[j%len(chartColors)])
			t := r.text(strconv.Itoa(v), false)
			t.TextSize = theme.TextSize() * 0.85
			t.Alignment = fyne.TextAlignCenter
			bars, values = append(bars, b), append(values, t)
			r.objs = append(r.objs, b, t)
		}
		lt := r.text(l, false)
		lt.Alignment = fyne.TextAlignCenter
		r.bars, r.values, r.labels = append(r.bars, bars), append(r.values, values), append(r.labels, lt)
		r.objs = append(r.objs, lt)
	}
	r.refLine, r.refText = nil, nil
	if c.Ref != nil {
		r.refLine = canvas.NewLine(refColor)
		r.refLine.StrokeWidth = 2
		r.refText = r.text(c.Ref.Label, true)
		r.refText.Color = refColor
		r.objs = append(r.objs, r.refLine, r.refText)
	}
}

func (r *barChartRenderer) lineHeight() float32 {
	return fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Height
}

// pad is the margin around the chart: wider on paper.
func (r *barChartRenderer) pad() float32 {
	if r.c.forPrint {
		return theme.Padding() * 5
	}
	return theme.Padding() * 2
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	r.size = size
	pad := r.pad()
	lh := r.lineHeight()
	r.bg.Resize(size)
	r.title.Move(fyne.NewPos(pad, pad))
	y := pad + lh*1.3
	if r.note != nil {
		r.note.Move(fyne.NewPos(pad, y))
		y += lh * 1.2
	}
	if len(r.legend) > 0 {
		x := pad
		for i := 0; i < len(r.legend); i += 2 {
			sw, name := r.legend[i], r.legend[i+1].(*canvas.Text)
			sw.Resize(fyne.NewSquareSize(lh * 0.7))
			sw.Move(fyne.NewPos(x, y+lh*0.15))
			x += lh
			name.Move(fyne.NewPos(x, y))
			x += name.MinSize().Width + lh
		}
		y += lh * 1.4
	}
	refY := y
	if r.refText != nil {
		y += lh * 1.2
	}
	// The plot: values above the bars, labels below the axis.
	top := y + lh
	bottom := size.Height - pad - lh*1.3
	if bottom < top+lh {
		bottom = top + lh
	}
	left, right := pad, size.Width-pad
	r.axis.Position1 = fyne.NewPos(left, bottom)
	r.axis.Position2 = fyne.NewPos(right, bottom)
	n := len(r.c.Labels)
	if n == 0 {
		return
	}
	slot := (right - left) / float32(n)
	ns := max(len(r.c.Series), 1)
	barW := min(slot*0.8/float32(ns), lh*3)
	group := barW * float32(ns)
	maxV := float32(r.c.maxValue())
	// When the categories are too many for their labels, every step-th
	// is labelled; values are written only above bars wide enough.
	labelW := float32(0)
	for _, l := range r.labels {
		labelW = max(labelW, l.MinSize().Width)
	}
	step := 1
	for slot*float32(step) < labelW+pad/2 {
		step++
	}
	valueW := fyne.MeasureText(strconv.Itoa(r.c.maxValue()), theme.TextSize()*0.85, fyne.TextStyle{}).Width
	showValues := barW >= valueW
	for i := range r.c.Labels {
		x0 := left + slot*float32(i) + (slot-group)/2
		for j := range r.c.Series {
			v := 0
			if i < len(r.c.Series[j].Values) {
				v = r.c.Series[j].Values[i]
			}
			h := (bottom - top) * float32(v) / maxV
			b := r.bars[i][j]
			b.Move(fyne.NewPos(x0+barW*float32(j)+1, bottom-h))
			b.Resize(fyne.NewSize(barW-2, h))
			t := r.values[i][j]
			t.Move(fyne.NewPos(x0+barW*float32(j), bottom-h-lh))
			t.Resize(fyne.NewSize(barW, lh))
			t.Hidden = !showValues
		}
		l := r.labels[i]
		l.Hidden = i%step != 0
		width := slot * float32(step)
		l.Move(fyne.NewPos(left+slot*float32(i)+slot/2-width/2, bottom+pad/2))
		l.Resize(fyne.NewSize(width, lh))
	}
	if r.refLine != nil {
		// The line at the value's place among the categories' centres;
		// its label above the plot, centred on it but within the chart.
		x := left + slot*float32(r.c.Ref.Value-r.c.Ref.First) + slot/2
		x = min(max(x, left), right)
		r.refLine.Position1 = fyne.NewPos(x, refY+lh*1.1)
		r.refLine.Position2 = fyne.NewPos(x, bottom)
		w := r.refText.MinSize().Width
		r.refText.Move(fyne.NewPos(min(max(x-w/2, left), right-w), refY))
	}
}

// MinSize leaves room for every label at the current text size.
func (r *barChartRenderer) MinSize() fyne.Size {
	lh := r.lineHeight()
	pad := r.pad()
	legendW := float32(0)
	for i := 1; i < len(r.legend); i += 2 {
		legendW += r.legend[i].MinSize().Width + 2*lh
	}
	// Wide enough for the title and the legend, and for a few categories:
	// more categories thin out their labels rather than widen the window.
	w := max(min(float32(len(r.c.Labels)), 8)*lh*2.5, legendW, r.title.MinSize().Width) + 2*pad
	h := pad*2 + lh*1.3 + lh*9
	if r.note != nil {
		w = max(w, r.note.MinSize().Width+2*pad)
		h += lh * 1.2
	}
	if len(r.legend) > 0 {
		h += lh * 1.4
	}
	if r.refText != nil {
		w = max(w, r.refText.MinSize().Width+2*pad)
		h += lh * 1.2
	}
	return fyne.NewSize(w, h)
}

func (r *barChartRenderer) Refresh() {
	r.build()
	r.Layout(r.size)
	canvas.Refresh(r.c)
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *barChartRenderer) Destroy() {}

// chartImage draws c as it would print, with note under its title: dark
// on white, at least 720 pixels wide and wider for many categories. Call
// it on the UI goroutine.
func chartImage(c *BarChart, note string) image.Image {
	p := newBarChart(c.Title, c.Labels, c.Series...)
	p.Note = note
	p.Ref = c.Ref
	p.forPrint = true
	cv := software.NewCanvas()
	cv.SetPadded(false)
	cv.SetContent(p)
	min := p.MinSize()
	// On paper every category keeps its label and values.
	cv.Resize(fyne.NewSize(max(min.Width, 720, float32(len(c.Labels)*len(c.Series))*24), max(min.Height, 360)))
	return cv.Capture()
}

// writePNG writes img as a PNG.
func writePNG(w io.Writer, img image.Image) error { return png.Encode(w, img) }
