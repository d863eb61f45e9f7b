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
	earliest time.Time // SetEarliest's
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
	if !e.earliest.IsZero() {
		p.SetEarliest(e.earliest)
	}
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

// SetEarliest stops offering times that start at or before t, such as
// the times of today that have passed (SlotPicker.SetEarliest).
func (e *SlotsEditor) SetEarliest(t time.Time) {
	e.earliest = t
	for _, p := range e.pickers {
		p.SetEarliest(t)
	}
}

// Starts returns the chosen times, or an error in the user's words that
// names the candidate when one is incomplete, the same as or overlapping
// another, in the past at now, or outside the period.
func (e *SlotsEditor) Starts(now time.Time) ([]time.Time, error) {
	var out []time.Time
	for i, p := range e.pickers {
		s, ok := p.Start()
		if !ok {
			return nil, fmt.Errorf("%s", lang.X("slot.incomplete_n", "Please choose a day and a time for time {{.N}}.", map[string]any{"N": i + 1}))
		}
		this := app.Slot{Start: s, End: s.Add(e.length)}
		for j, o := range out {
			other := app.Slot{Start: o, End: o.Add(e.length)}
			data := map[string]any{"Candidate": Candidate(i, s), "Other": Candidate(j, o)}
			if o.Equal(s) {
				return nil, fmt.Errorf("%s", lang.X("slot.repeated_n", "{{.Candidate}} is the same as {{.Other}}. Please choose another time.", data))
			}
			if other.Overlaps(this) {
				return nil, fmt.Errorf("%s", lang.X("slot.overlap_n", "{{.Candidate}} overlaps {{.Other}}. Please choose times that do not overlap.", data))
			}
		}
		data := map[string]any{"Candidate": Candidate(i, s)}
		if !s.After(now) {
			return nil, fmt.Errorf("%s", lang.X("slot.past_n", "{{.Candidate}} has passed. Please choose a time in the future.", data))
		}
		if s.Before(app.StartOfDay(e.min)) || this.End.After(app.StartOfDay(e.max).AddDate(0, 0, 1)) {
			return nil, fmt.Errorf("%s", lang.X("slot.outside_n", "{{.Candidate}} is outside the programme period. Please choose a time within it.", data))
		}
		out = append(out, s)
	}
	return out, nil
}

// Candidate names proposed time number i (from 0) starting at start, as
// a message about it does: 2つ目の候補（12月9日(水) 10:00）.
func Candidate(i int, start time.Time) string {
	return lang.X("slot.candidate", "time {{.N}} ({{.W}}, {{.D}} {{.Month}} {{.HM}})", merge(dateData(start), map[string]any{"N": i + 1}))
}
