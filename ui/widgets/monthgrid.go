package widgets

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// Fyne's own calendar writes English month names and cannot mark days, so
// CrossTalk draws its own month: weeks from Sunday, Saturday in blue and
// Sunday in red, a dot under days that hold something, and large day
// cells to tap.

var (
	sundayColor   = color.NRGBA{R: 0xd0, G: 0x30, B: 0x30, A: 0xff}
	saturdayColor = color.NRGBA{R: 0x20, G: 0x60, B: 0xd0, A: 0xff}
)

// MonthGrid shows one month. Days outside [Min, Max] (when set) cannot be
// chosen.
type MonthGrid struct {
	widget.BaseWidget

	// OnSelected is called with midnight (Tokyo) of the tapped day.
	OnSelected func(day time.Time)
	// OnMonthChanged is called after the month was turned.
	OnMonthChanged func(month time.Time)

	month    time.Time // the first of the month shown, Tokyo
	selected time.Time
	marked   map[string]bool
	flagged  map[string]bool
	min, max time.Time

	title *widget.Label
	prev  *widget.Button
	next  *widget.Button
	cells [42]*dayCell
	body  *fyne.Container
}

// NewMonthGrid shows the month holding day, with day selected.
func NewMonthGrid(day time.Time) *MonthGrid {
	g := &MonthGrid{marked: map[string]bool{}, flagged: map[string]bool{}}
	g.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	g.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { g.turn(-1) })
	g.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { g.turn(1) })
	heads := make([]fyne.CanvasObject, 7)
	for d := range 7 {
		t := canvas.NewText(WeekdayShort(time.Weekday(d)), weekdayColor(time.Weekday(d)))
		t.Alignment = fyne.TextAlignCenter
		t.TextStyle.Bold = true
		heads[d] = t
	}
	days := make([]fyne.CanvasObject, 42)
	for i := range g.cells {
		c := newDayCell(g)
		g.cells[i] = c
		days[i] = c
	}
	g.body = container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, g.prev, g.next, g.title), container.NewGridWithColumns(7, heads...)),
		nil, nil, nil,
		container.NewGridWithColumns(7, days...))
	g.ExtendBaseWidget(g)
	g.selected = app.StartOfDay(day)
	g.ShowMonth(day)
	return g
}

func weekdayColor(d time.Weekday) color.Color {
	switch d {
	case time.Sunday:
		return sundayColor
	case time.Saturday:
		return saturdayColor
	}
	return theme.Color(theme.ColorNameForeground)
}

// CreateRenderer is part of fyne.Widget.
func (g *MonthGrid) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(g.body) }

// ShowMonth turns to the month holding day.
func (g *MonthGrid) ShowMonth(day time.Time) {
	d := day.In(app.Tokyo)
	g.month = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, app.Tokyo)
	g.refreshCells()
}

// Month is the first day of the month shown.
func (g *MonthGrid) Month() time.Time { return g.month }

// SetMarked marks the given days (any time within each).
func (g *MonthGrid) SetMarked(days []time.Time) {
	g.marked = map[string]bool{}
	for _, d := range days {
		g.marked[dayKey(d)] = true
	}
	g.refreshCells()
}

// SetFlagged flags the given days (any time within each) with a larger
// mark in the warning colour, for something the person should look at.
func (g *MonthGrid) SetFlagged(days []time.Time) {
	g.flagged = map[string]bool{}
	for _, d := range days {
		g.flagged[dayKey(d)] = true
	}
	g.refreshCells()
}

// SetRange limits the days that can be chosen; a zero time is no limit.
func (g *MonthGrid) SetRange(min, max time.Time) {
	g.min, g.max = min, max
	g.refreshCells()
}

// Selected is the chosen day.
func (g *MonthGrid) Selected() time.Time { return g.selected }

// Select chooses day, turning to its month.
func (g *MonthGrid) Select(day time.Time) {
	g.selected = app.StartOfDay(day)
	g.ShowMonth(day)
}

func dayKey(t time.Time) string { return t.In(app.Tokyo).Format("2006-01-02") }

func (g *MonthGrid) turn(by int) {
	g.month = g.month.AddDate(0, by, 0)
	g.refreshCells()
	if g.OnMonthChanged != nil {
		g.OnMonthChanged(g.month)
	}
}

// firstCell is the Sunday on or before the first of the month.
func (g *MonthGrid) firstCell() time.Time {
	return g.month.AddDate(0, 0, -int(g.month.Weekday()))
}

func (g *MonthGrid) enabled(day time.Time) bool {
	if !g.min.IsZero() && day.Before(app.StartOfDay(g.min)) {
		return false
	}
	if !g.max.IsZero() && day.After(app.StartOfDay(g.max)) {
		return false
	}
	return true
}

func (g *MonthGrid) refreshCells() {
	g.title.SetText(FormatMonth(g.month))
	first := g.firstCell()
	for i, c := range g.cells {
		day := first.AddDate(0, 0, i)
		c.set(day, day.Month() == g.month.Month(), g.marked[dayKey(day)], g.flagged[dayKey(day)], day.Equal(g.selected), g.enabled(day))
	}
}

func (g *MonthGrid) tapped(day time.Time) {
	if !g.enabled(day) {
		return
	}
	g.selected = day
	if day.Month() != g.month.Month() {
		g.ShowMonth(day)
	} else {
		g.refreshCells()
	}
	if g.OnSelected != nil {
		g.OnSelected(day)
	}
}

// dayCell is one tappable day of a MonthGrid.
type dayCell struct {
	widget.BaseWidget
	grid    *MonthGrid
	day     time.Time
	enabled bool

	bg   *canvas.Rectangle
	text *canvas.Text
	dot  *canvas.Circle
	// dotBox sizes the dot: larger when flagged.
	dotBox  *fyne.Container
	flagged bool
}

func newDayCell(g *MonthGrid) *dayCell {
	c := &dayCell{grid: g, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", nil), dot: canvas.NewCircle(color.Transparent)}
	c.text.Alignment = fyne.TextAlignCenter
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.ExtendBaseWidget(c)
	return c
}

func (c *dayCell) CreateRenderer() fyne.WidgetRenderer {
	c.dotBox = container.NewGridWrap(fyne.NewSquareSize(6), c.dot)
	if c.flagged {
		c.dotBox.Layout = layout.NewGridWrapLayout(fyne.NewSquareSize(10))
	}
	dot := container.New(layout.NewCenterLayout(), c.dotBox)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewBorder(nil, dot, nil, nil, c.text)))
}

// MinSize keeps days large enough to tap.
func (c *dayCell) MinSize() fyne.Size {
	s := c.BaseWidget.MinSize()
	return fyne.NewSize(max(s.Width, 36), max(s.Height, 36))
}

func (c *dayCell) set(day time.Time, inMonth, marked, flagged, selected, enabled bool) {
	c.day, c.enabled = day, enabled
	c.text.Text = strconv.Itoa(day.Day())
	c.text.TextSize = theme.TextSize()
	c.text.TextStyle.Bold = selected
	col := weekdayColor(day.Weekday())
	if !inMonth || !enabled {
		col = theme.Color(theme.ColorNameDisabled)
	}
	c.text.Color = col
	switch {
	case selected:
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	default:
		c.bg.FillColor = color.Transparent
	}
	c.dot.FillColor = color.Transparent
	if marked {
		c.dot.FillColor = theme.Color(theme.ColorNamePrimary)
	}
	size := float32(6)
	c.flagged = flagged
	if flagged {
		c.dot.FillColor = theme.Color(theme.ColorNameWarning)
		size = 10
	}
	if c.dotBox != nil {
		c.dotBox.Layout = layout.NewGridWrapLayout(fyne.NewSquareSize(size))
		c.dotBox.Refresh()
	}
	c.Refresh()
}

// Marked reports whether the cell shows a mark.
func (c *dayCell) Marked() bool { return c.dot.FillColor != color.Transparent }

// Flagged reports whether the cell shows the larger warning mark.
func (c *dayCell) Flagged() bool { return c.flagged }

func (c *dayCell) Tapped(*fyne.PointEvent) { c.grid.tapped(c.day) }
