package widgets

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dayState is what a day cell shows.
type dayState struct {
	day                time.Time
	inMonth, enabled   bool
	selected, today    bool
	count              int // the talks of the day
	flagged, cancelled bool
}

// dayCell is one tappable day of a MonthGrid: its number, and under it
// a row of its marks. The row keeps its room when empty, so the numbers
// of a week stand in line.
type dayCell struct {
	widget.BaseWidget
	grid *MonthGrid
	st   dayState

	bg        *canvas.Rectangle
	num       *themedText
	talks     *DayMark
	changed   *DayMark
	cancelled *DayMark
	marks     *fyne.Container
}

// minDayCell is the least width and height of a day: large enough to tap.
const minDayCell = 36

func newDayCell(g *MonthGrid) *dayCell {
	c := &dayCell{grid: g, bg: canvas.NewRectangle(color.Transparent), num: newThemedText("", fyne.TextStyle{}),
		talks: NewDayMark(MarkTalks, ""), changed: NewDayMark(MarkChanged, ""), cancelled: NewDayMark(MarkCancelled, "")}
	c.num.color = c.numColor
	c.marks = container.NewHBox(c.talks, c.changed, c.cancelled)
	c.ExtendBaseWidget(c)
	return c
}

func (c *dayCell) numColor(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	if !c.st.inMonth || !c.st.enabled {
		return th.Color(theme.ColorNameDisabled, v)
	}
	return weekdayColor(th, v, c.st.day.Weekday())
}

func (c *dayCell) set(st dayState) {
	c.st = st
	c.num.text.Text = strconv.Itoa(st.day.Day())
	c.num.text.TextStyle.Bold = st.selected || st.today
	c.talks.SetText(strconv.Itoa(st.count))
	c.talks.Hidden = st.count == 0
	c.changed.Hidden = !st.flagged
	c.cancelled.Hidden = !st.cancelled
	c.Refresh()
}

// Marked reports whether the cell shows the number of its talks.
func (c *dayCell) Marked() bool { return c.st.count > 0 }

// Count is the number of talks the cell shows; 0 when it shows none.
func (c *dayCell) Count() int { return c.st.count }

// Flagged reports whether the cell shows a change to look at.
func (c *dayCell) Flagged() bool { return c.st.flagged }

// Cancelled reports whether the cell shows a cancelled talk.
func (c *dayCell) Cancelled() bool { return c.st.cancelled }

// Today reports whether the cell is framed as today.
func (c *dayCell) Today() bool { return c.st.today }

// Tapped chooses the day.
func (c *dayCell) Tapped(*fyne.PointEvent) { c.grid.tapped(c.st.day) }

// CreateRenderer is part of fyne.Widget.
func (c *dayCell) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &dayCellRenderer{c: c}
}

type dayCellRenderer struct{ c *dayCell }

func (r *dayCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.num, r.c.marks}
}

// parts measures the number and the row of marks under it, a little
// apart.
func (r *dayCellRenderer) parts() (num, marks fyne.Size, gap, pad float32) {
	th := r.c.Theme()
	num = r.c.num.MinSize()
	marks = r.c.marks.MinSize()
	marks.Height = markHeight(th)
	pad = th.Size(theme.SizeNamePadding)
	return num, marks, pad / 2, pad
}

func (r *dayCellRenderer) MinSize() fyne.Size {
	num, marks, gap, pad := r.parts()
	return fyne.NewSize(max(num.Width, marks.Width)+pad, num.Height+gap+marks.Height+pad).Max(fyne.NewSquareSize(minDayCell))
}

func (r *dayCellRenderer) Layout(s fyne.Size) {
	c := r.c
	r.applyBackground()
	c.bg.Move(fyne.NewPos(0, 0))
	c.bg.Resize(s)
	num, marks, gap, _ := r.parts()
	top := (s.Height - num.Height - gap - marks.Height) / 2
	c.num.Move(fyne.NewPos(0, top))
	c.num.Resize(fyne.NewSize(s.Width, num.Height))
	c.marks.Move(fyne.NewPos((s.Width-marks.Width)/2, top+num.Height+gap))
	c.marks.Resize(marks)
}

// applyBackground fills the chosen day and frames today.
func (r *dayCellRenderer) applyBackground() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	c.bg.FillColor = color.Transparent
	if c.st.selected {
		c.bg.FillColor = th.Color(theme.ColorNameSelection, v)
	}
	c.bg.StrokeColor, c.bg.StrokeWidth = color.Transparent, 0
	if c.st.today {
		c.bg.StrokeColor, c.bg.StrokeWidth = th.Color(theme.ColorNamePrimary, v), todayStroke(th)
	}
}

func (r *dayCellRenderer) Refresh() {
	r.Layout(r.c.Size())
	r.c.bg.Refresh()
	r.c.num.Refresh()
	r.c.marks.Refresh()
}

func (r *dayCellRenderer) Destroy() {}
