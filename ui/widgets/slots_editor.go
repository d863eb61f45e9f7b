package widgets

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// SlotsEditor chooses one to app.MaxSlots proposed times.
type SlotsEditor struct {
	widget.BaseWidget
	min, max time.Time
	length   time.Duration
	pickers  []*SlotPicker
	rows     *fyne.Container
	add      *widget.Button
	content  fyne.CanvasObject
	// OnChanged is called whenever a time is chosen, added or removed.
	// The editor lays itself out again; OnChanged is for what the caller
	// wants to do about the times, such as clearing a message.
	OnChanged func()
}

// NewSlotsEditor proposes times of the given length in [min, max].
func NewSlotsEditor(min, max time.Time, length time.Duration) *SlotsEditor {
	e := &SlotsEditor{min: min, max: max, length: length}
	e.rows = container.NewVBox()
	e.add = widget.NewButtonWithIcon(lang.X("slot.add", "Add another time"), theme.ContentAddIcon(), func() { e.addPicker() })
	e.content = container.NewVBox(e.rows, e.add)
	e.ExtendBaseWidget(e)
	e.addPicker()
	return e
}

// CreateRenderer is part of fyne.Widget.
func (e *SlotsEditor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(e.content)
}

// Range is the first and the last day a time can be on.
func (e *SlotsEditor) Range() (min, max time.Time) { return e.min, e.max }

// Length is how long each proposed time lasts.
func (e *SlotsEditor) Length() time.Duration { return e.length }

// Pickers are the times shown, one picker each, in order.
func (e *SlotsEditor) Pickers() []*SlotPicker { return e.pickers }

func (e *SlotsEditor) addPicker() *SlotPicker {
	if len(e.pickers) >= app.MaxSlots {
		return nil
	}
	p := NewSlotPicker(e.min, e.max, e.changed)
	e.pickers = append(e.pickers, p)
	e.layoutRows()
	e.changed()
	return p
}

func (e *SlotsEditor) remove(p *SlotPicker) {
	for i, q := range e.pickers {
		if q == p {
			e.pickers = append(e.pickers[:i], e.pickers[i+1:]...)
		}
	}
	e.layoutRows()
	e.changed()
}

func (e *SlotsEditor) layoutRows() {
	e.rows.RemoveAll()
	for i, p := range e.pickers {
		label := widget.NewLabel(lang.X("slot.number", "Time {{.N}}", map[string]any{"N": i + 1}))
		var right fyne.CanvasObject
		if len(e.pickers) > 1 {
			right = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.remove(p) })
		}
		e.rows.Add(container.NewBorder(nil, nil, label, right, p))
	}
	if len(e.pickers) >= app.MaxSlots {
		e.add.Disable()
	} else {
		e.add.Enable()
	}
	// Lay out the whole editor again, not only its rows: the add button
	// moves under the new last row. Whatever holds the editor is laid out
	// again by Fyne's driver, which does so in the next frame for every
	// object whose least size changed: callers need not refresh.
	e.Refresh()
}

func (e *SlotsEditor) changed() {
	if e.OnChanged != nil {
		e.OnChanged()
	}
}

// SetStarts replaces the times with the given ones.
func (e *SlotsEditor) SetStarts(starts []time.Time) {
	e.pickers = nil
	for _, s := range starts {
		if p := e.addPicker(); p != nil {
			p.SetStart(s)
		}
	}
	if len(e.pickers) == 0 {
		e.addPicker()
	}
}

// Starts returns the chosen times, or an error in the user's words when
// one is incomplete, repeated, in the past at now, or outside the
// period.
func (e *SlotsEditor) Starts(now time.Time) ([]time.Time, error) {
	var out []time.Time
	for _, p := range e.pickers {
		s, ok := p.Start()
		if !ok {
			return nil, fmt.Errorf("%s", lang.X("slot.incomplete", "Please choose a day and a time for every proposed time."))
		}
		for _, o := range out {
			if o.Equal(s) {
				return nil, fmt.Errorf("%s", lang.X("slot.repeated", "The same time is proposed twice."))
			}
		}
		if !s.After(now) {
			return nil, fmt.Errorf("%s", lang.X("reject.slot_in_past", "That time has passed."))
		}
		if s.Before(app.StartOfDay(e.min)) || s.Add(e.length).After(app.StartOfDay(e.max).AddDate(0, 0, 1)) {
			return nil, fmt.Errorf("%s", lang.X("reject.slot_outside_cohort", "That time is outside the programme period."))
		}
		out = append(out, s)
	}
	return out, nil
}
