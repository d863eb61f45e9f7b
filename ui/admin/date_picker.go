package admin

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// datePicker chooses a day on our own month view, which opens on the
// day it shows: its day, or while it holds none the default day written
// on it (def), else today.
type datePicker struct {
	btn   *widget.Button
	day   time.Time
	def   time.Time // the day it stands for while day is zero; zero when none
	popup *widget.PopUp
	grid  *widgets.MonthGrid // the month view last opened
	// now, when set, is today (the services' clock), framed on the
	// month view; else the computer's clock is.
	now func() time.Time
	// onChanged, when set, is called after a day was chosen.
	onChanged func()
}

func newDatePicker(day time.Time) *datePicker {
	p := &datePicker{}
	p.btn = widget.NewButtonWithIcon(lang.X("slot.choose_day", "Choose a day"), theme.CalendarIcon(), p.open)
	if !day.IsZero() {
		p.set(day)
	}
	return p
}

func (p *datePicker) set(day time.Time) {
	p.day = app.StartOfDay(day)
	p.btn.SetText(widgets.FormatDate(p.day))
	if p.onChanged != nil {
		p.onChanged()
	}
}

func (p *datePicker) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.btn)
	if c == nil {
		return
	}
	today := time.Now()
	if p.now != nil {
		today = p.now()
	}
	start := p.day
	if start.IsZero() {
		start = p.def
	}
	if start.IsZero() {
		start = today
	}
	grid := widgets.NewMonthGrid(start)
	grid.SetToday(today)
	p.grid = grid
	grid.OnSelected = func(day time.Time) {
		p.set(day)
		p.popup.Hide()
	}
	p.popup = widget.NewModalPopUp(container.NewBorder(nil,
		widget.NewButton(lang.X("dialog.cancel", "Cancel"), func() { p.popup.Hide() }), nil, nil, grid), c)
	p.popup.Show()
	p.popup.Resize(widgets.DialogSize(c, widgets.TextScaled(fyne.NewSize(360, 360))))
	widgets.Recentre(c)
}
