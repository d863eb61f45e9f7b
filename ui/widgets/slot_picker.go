package widgets

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// Proposed times are chosen with a day from our own month view and a time
// from a short list: no typing, no English date formats.

// slotTimes are the start times offered, every half hour of the working
// day.
var slotTimes = func() []string {
	var out []string
	for m := 9 * 60; m <= 19*60; m += 30 {
		out = append(out, fmt.Sprintf("%02d:%02d", m/60, m%60))
	}
	return out
}()

// SlotPicker chooses one start time: a day and a time of day.
type SlotPicker struct {
	widget.BaseWidget
	day      time.Time // midnight, Tokyo; zero until chosen
	dayBtn   *widget.Button
	timeSel  *widget.Select
	min, max time.Time
	earliest time.Time // the times that start at or before it are not offered
	onChange func()
	content  fyne.CanvasObject
	popup    *widget.PopUp
}

// NewSlotPicker makes a picker for days in [min, max].
func NewSlotPicker(min, max time.Time, onChange func()) *SlotPicker {
	p := &SlotPicker{min: min, max: max, onChange: onChange}
	p.dayBtn = widget.NewButtonWithIcon(lang.X("slot.choose_day", "Choose a day"), theme.CalendarIcon(), p.openDays)
	p.timeSel = widget.NewSelect(slotTimes, func(string) { p.changed() })
	p.timeSel.PlaceHolder = lang.X("slot.choose_time", "Time")
	p.content = container.NewBorder(nil, nil, nil, p.timeSel, p.dayBtn)
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *SlotPicker) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.content) }

// SetEarliest stops offering the times that start at or before t: on
// its day only the later times are listed, and when none is left the
// day cannot be chosen. A time already chosen that t passes is taken
// away.
func (p *SlotPicker) SetEarliest(t time.Time) {
	p.earliest = t
	p.timeSel.Options = p.times(p.day)
	if sel := p.timeSel.Selected; sel != "" && !slices.Contains(p.timeSel.Options, sel) {
		p.timeSel.ClearSelected()
	}
	p.timeSel.Refresh()
}

// times are the start times offered on day: every one of slotTimes, but
// on the earliest day only those after the earliest time.
func (p *SlotPicker) times(day time.Time) []string {
	if p.earliest.IsZero() || day.IsZero() || !app.StartOfDay(day).Equal(app.StartOfDay(p.earliest)) {
		return slotTimes
	}
	var out []string
	for _, hm := range slotTimes {
		if at(day, hm).After(p.earliest) {
			out = append(out, hm)
		}
	}
	return out
}

// firstDay is the first day that can be chosen: the range's, or a later
// one when the earliest time leaves no time on it.
func (p *SlotPicker) firstDay() time.Time {
	first := p.min
	if e := app.StartOfDay(p.earliest); !p.earliest.IsZero() && !e.Before(app.StartOfDay(first)) && len(p.times(e)) == 0 {
		first = e.AddDate(0, 0, 1)
	}
	return first
}

func (p *SlotPicker) openDays() {
	first := p.firstDay()
	start := p.day
	if start.IsZero() || start.Before(app.StartOfDay(first)) {
		start = first
	}
	grid := NewMonthGrid(start)
	grid.SetRange(first, p.max)
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil {
		return
	}
	grid.OnSelected = func(day time.Time) {
		p.SetDay(day)
		if p.popup != nil {
			p.popup.Hide()
		}
	}
	p.popup = widget.NewModalPopUp(container.NewBorder(nil,
		widget.NewButton(lang.X("dialog.cancel", "Cancel"), func() { p.popup.Hide() }), nil, nil, grid), c)
	p.popup.Resize(DialogSize(c, fyne.NewSize(480, 480))) // never past the window, with large text too
	p.popup.Show()
}

// SetDay chooses the day. A time chosen before that the day does not
// offer (it has passed) is taken away.
func (p *SlotPicker) SetDay(day time.Time) {
	p.day = app.StartOfDay(day)
	p.dayBtn.SetText(FormatDate(p.day))
	p.timeSel.Options = p.times(p.day)
	if sel := p.timeSel.Selected; sel != "" && !slices.Contains(p.timeSel.Options, sel) {
		p.timeSel.ClearSelected()
	}
	p.timeSel.Refresh()
	p.changed()
}

// SetStart chooses a day and time at once.
func (p *SlotPicker) SetStart(t time.Time) {
	p.SetDay(t)
	p.timeSel.SetSelected(t.In(app.Tokyo).Format("15:04"))
}

// DayButton is the button that opens the month view to choose the day.
func (p *SlotPicker) DayButton() *widget.Button { return p.dayBtn }

// Range is the first and the last day that can be chosen.
func (p *SlotPicker) Range() (min, max time.Time) { return p.min, p.max }

func (p *SlotPicker) changed() {
	if p.onChange != nil {
		p.onChange()
	}
}

// Start is the chosen start, and whether both day and time are chosen.
func (p *SlotPicker) Start() (time.Time, bool) {
	if p.day.IsZero() || p.timeSel.Selected == "" {
		return time.Time{}, false
	}
	return at(p.day, p.timeSel.Selected), true
}

// at is the time hm ("14:30", one of slotTimes) on day, in Tokyo.
func at(day time.Time, hm string) time.Time {
	t, err := time.ParseInLocation("15:04", hm, app.Tokyo)
	if err != nil {
		return time.Time{}
	}
	return app.StartOfDay(day).Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute)
}
