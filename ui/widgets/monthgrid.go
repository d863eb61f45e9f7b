package widgets

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// Fyne's own calendar writes English month names and cannot mark days, so
// CrossTalk draws its own month: weeks from Sunday, Saturday in blue and
// Sunday in red, large day cells to tap, today framed, and under each day
// its marks (DayMark): the number of its talks, a change to look at, a
// cancelled talk. Every size is read from the theme when the month is
// measured or drawn, so a change of text size shows at once.

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

	month     time.Time // the first of the month shown, Tokyo
	selected  time.Time
	today     time.Time      // framed; zero frames no day
	counts    map[string]int // talks a day holds
	flagged   map[string]bool
	cancelled map[string]bool
	min, max  time.Time

	title *widget.Label
	prev  *widget.Button
	next  *widget.Button
	heads [7]*themedText // the weekdays' names
	cells [42]*dayCell
	body  *fyne.Container
}

// NewMonthGrid shows the month holding day, with day selected.
func NewMonthGrid(day time.Time) *MonthGrid {
	g := &MonthGrid{counts: map[string]int{}, flagged: map[string]bool{}, cancelled: map[string]bool{}}
	g.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	g.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { g.turn(-1) })
	g.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { g.turn(1) })
	heads := make([]fyne.CanvasObject, 7)
	for d := range 7 {
		t := newThemedText(WeekdayShort(time.Weekday(d)), fyne.TextStyle{Bold: true})
		wd := time.Weekday(d)
		t.color = func(th fyne.Theme, v fyne.ThemeVariant) color.Color { return weekdayColor(th, v, wd) }
		g.heads[d], heads[d] = t, t
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

func weekdayColor(th fyne.Theme, v fyne.ThemeVariant, d time.Weekday) color.Color {
	switch d {
	case time.Sunday:
		return sundayColor
	case time.Saturday:
		return saturdayColor
	}
	return th.Color(theme.ColorNameForeground, v)
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

// SetMarked marks each day with the number of the given times that fall
// on it (MarkTalks): one time for each talk.
func (g *MonthGrid) SetMarked(talks []time.Time) {
	g.counts = map[string]int{}
	for _, d := range talks {
		g.counts[dayKey(d)]++
	}
	g.refreshCells()
}

// SetFlagged marks the given days (any time within each) with a change
// the person should look at (MarkChanged).
func (g *MonthGrid) SetFlagged(days []time.Time) {
	g.flagged = daySet(days)
	g.refreshCells()
}

// SetCancelled marks the given days (any time within each) with a
// cancelled talk (MarkCancelled).
func (g *MonthGrid) SetCancelled(days []time.Time) {
	g.cancelled = daySet(days)
	g.refreshCells()
}

// SetToday frames the day that holds t as today, whichever day is
// chosen; a zero t frames none.
func (g *MonthGrid) SetToday(t time.Time) {
	g.today = time.Time{}
	if !t.IsZero() {
		g.today = app.StartOfDay(t)
	}
	g.refreshCells()
}

func daySet(days []time.Time) map[string]bool {
	set := map[string]bool{}
	for _, d := range days {
		set[dayKey(d)] = true
	}
	return set
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
		k := dayKey(day)
		c.set(dayState{day: day, inMonth: day.Month() == g.month.Month(), enabled: g.enabled(day),
			selected: day.Equal(g.selected), today: day.Equal(g.today),
			count: g.counts[k], flagged: g.flagged[k], cancelled: g.cancelled[k]})
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
