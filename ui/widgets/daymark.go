package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// MarkKind is what a DayMark tells of a day. Each kind has a shape, a
// colour and a symbol of its own, so that no mark is told from another
// by its colour alone.
type MarkKind int

const (
	// MarkTalks is the number of talks on the day, in white on a filled
	// square with rounded corners in the primary colour.
	MarkTalks MarkKind = iota
	// MarkChanged is a change to look at: "!" on a triangle in the
	// warning colour.
	MarkChanged
	// MarkCancelled is a cancelled talk: "×" on a circle in the error
	// colour.
	MarkCancelled
	// MarkToday is today: the day's number in a frame in the primary
	// colour, as the month shows today.
	MarkToday
)

// DayMark is a mark of a MonthGrid's day, and of its legend. It is as
// large as a caption, read from the theme whenever it is measured or
// drawn, so it grows with the text size.
type DayMark struct {
	widget.BaseWidget
	kind  MarkKind
	label *themedText
	shape fyne.CanvasObject
}

// NewDayMark makes a mark of kind; text is the number of talks of a
// MarkTalks or the day of a MarkToday, and is ignored otherwise.
func NewDayMark(kind MarkKind, text string) *DayMark {
	m := &DayMark{kind: kind, label: newThemedText("", fyne.TextStyle{Bold: true})}
	m.label.size = theme.SizeNameCaptionText
	switch kind {
	case MarkChanged:
		tri := canvas.NewRegularPolygon(3, nil)
		m.shape = tri
		m.label.text.Text = "!"
		m.label.size = theme.SizeNameText
		m.label.color = themeColor(theme.ColorNameForegroundOnWarning)
	case MarkCancelled:
		m.shape = canvas.NewCircle(nil)
		m.label.text.Text = "×"
		m.label.size = theme.SizeNameText
		m.label.color = themeColor(theme.ColorNameForegroundOnError)
	case MarkToday:
		m.shape = canvas.NewRectangle(color.Transparent)
		m.label.text.Text = text
	default:
		m.shape = canvas.NewRectangle(nil)
		m.label.text.Text = text
		m.label.color = themeColor(theme.ColorNameForegroundOnPrimary)
	}
	m.ExtendBaseWidget(m)
	return m
}

func themeColor(n fyne.ThemeColorName) func(fyne.Theme, fyne.ThemeVariant) color.Color {
	return func(th fyne.Theme, v fyne.ThemeVariant) color.Color { return th.Color(n, v) }
}

// Kind is what the mark tells.
func (m *DayMark) Kind() MarkKind { return m.kind }

// Text is the symbol or number the mark shows.
func (m *DayMark) Text() string { return m.label.text.Text }

// SetText changes the number of a MarkTalks or the day of a MarkToday.
func (m *DayMark) SetText(text string) {
	if m.label.text.Text == text {
		return
	}
	m.label.text.Text = text
	m.Refresh()
}

// markHeight is the height of every mark: a caption's line and a little
// room around it.
func markHeight(th fyne.Theme) float32 {
	return fyne.MeasureText("0", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{Bold: true}).Height +
		th.Size(theme.SizeNamePadding)*0.75
}

// CreateRenderer is part of fyne.Widget.
func (m *DayMark) CreateRenderer() fyne.WidgetRenderer {
	m.ExtendBaseWidget(m)
	r := &dayMarkRenderer{m: m}
	r.Refresh()
	return r
}

type dayMarkRenderer struct{ m *DayMark }

func (r *dayMarkRenderer) apply() {
	m := r.m
	th := m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch s := m.shape.(type) {
	case *canvas.RegularPolygon:
		s.FillColor = th.Color(theme.ColorNameWarning, v)
		s.CornerRadius = th.Size(theme.SizeNamePadding) / 4
	case *canvas.Circle:
		s.FillColor = th.Color(theme.ColorNameError, v)
	case *canvas.Rectangle:
		h := markHeight(th)
		if m.kind == MarkToday {
			s.StrokeColor = th.Color(theme.ColorNamePrimary, v)
			s.StrokeWidth = todayStroke(th)
		} else {
			s.FillColor = th.Color(theme.ColorNamePrimary, v)
		}
		s.CornerRadius = h / 4
	}
}

// todayStroke is the width of today's frame: it grows with the text.
func todayStroke(th fyne.Theme) float32 { return max(2, th.Size(theme.SizeNamePadding)/2) }

func (r *dayMarkRenderer) MinSize() fyne.Size {
	th := r.m.Theme()
	h := markHeight(th)
	switch r.m.kind {
	case MarkChanged:
		return fyne.NewSize(h*1.2, h)
	case MarkCancelled:
		return fyne.NewSize(h, h)
	}
	w := r.m.label.MinSize().Width + th.Size(theme.SizeNamePadding)
	return fyne.NewSize(max(h, w), h)
}

func (r *dayMarkRenderer) Layout(s fyne.Size) {
	r.apply()
	m := r.m
	text := m.label.MinSize()
	middle := s.Height / 2
	if m.kind == MarkChanged {
		// A regular triangle is drawn inside the circle that fits its
		// box, pointing up: from the circle's top to half its radius
		// below the middle. Its box is larger than the mark so that the
		// triangle fills the mark's height, and the "!" sits at the
		// triangle's middle, lower than the mark's.
		radius := s.Height / 1.5
		m.shape.Resize(fyne.NewSquareSize(2 * radius))
		m.shape.Move(fyne.NewPos(s.Width/2-radius, 0))
		middle = radius
	} else {
		m.shape.Resize(s)
		m.shape.Move(fyne.NewPos(0, 0))
	}
	m.label.Move(fyne.NewPos((s.Width-text.Width)/2, middle-text.Height/2))
	m.label.Resize(text)
}

func (r *dayMarkRenderer) Refresh() {
	r.apply()
	r.Layout(r.m.Size())
	r.m.shape.Refresh()
	r.m.label.Refresh()
}

func (r *dayMarkRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.m.shape, r.m.label}
}

func (r *dayMarkRenderer) Destroy() {}
