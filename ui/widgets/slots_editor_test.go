package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

func TestSlotsEditor(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	e := NewSlotsEditor(app.Date(2026, 11, 1), app.Date(2027, 2, 28), time.Hour)
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(500, 400))

	if _, err := e.Starts(now); err == nil || err.Error() != "1つ目の候補の日にちと時刻を選んでください。" {
		t.Fatalf("nothing chosen: %v", err)
	}
	// Choose the day from the month view, then the time.
	p := e.pickers[0]
	test.Tap(p.dayBtn)
	pop := p.popup
	if pop == nil || !pop.Visible() {
		t.Fatal("no month view")
	}
	grid := findGrid(pop.Content)
	test.Tap(grid.cells[27]) // 28 November
	if pop.Visible() {
		t.Error("the month view stays open after a day is chosen")
	}
	if p.dayBtn.Text != "2026年11月28日(土)" {
		t.Errorf("day button %q", p.dayBtn.Text)
	}
	p.timeSel.SetSelected("14:30")
	got, err := e.Starts(now)
	if err != nil || len(got) != 1 || !got[0].Equal(time.Date(2026, 11, 28, 14, 30, 0, 0, app.Tokyo)) {
		t.Fatalf("starts %v %v", got, err)
	}

	test.Tap(e.add)
	test.Tap(e.add)
	if len(e.pickers) != 3 || !e.add.Disabled() {
		t.Fatalf("%d pickers, add disabled %v", len(e.pickers), e.add.Disabled())
	}
	e.pickers[1].SetStart(time.Date(2026, 11, 28, 14, 30, 0, 0, app.Tokyo))
	e.pickers[2].SetStart(time.Date(2026, 11, 30, 10, 0, 0, 0, app.Tokyo))
	if _, err := e.Starts(now); err == nil || err.Error() != "2つ目の候補（11月28日(土) 14:30）は、1つ目の候補（11月28日(土) 14:30）と同じ日時です。別の日時をお選びください。" {
		t.Fatalf("a repeated time: %v", err)
	}
	e.pickers[1].SetStart(time.Date(2026, 11, 28, 15, 0, 0, 0, app.Tokyo))
	if _, err := e.Starts(now); err == nil || err.Error() != "2つ目の候補（11月28日(土) 15:00）は、1つ目の候補（11月28日(土) 14:30）と時間が重なっています。重ならない日時をお選びください。" {
		t.Fatalf("overlapping times: %v", err)
	}
	e.pickers[1].SetStart(time.Date(2026, 11, 28, 15, 30, 0, 0, app.Tokyo))
	if got, err := e.Starts(now); err != nil || len(got) != 3 {
		t.Fatalf("times that only touch: %v %v", got, err)
	}
	e.remove(e.pickers[1])
	if got, err := e.Starts(now); err != nil || len(got) != 2 || e.add.Disabled() {
		t.Fatalf("after removing: %v %v", got, err)
	}
	e.SetStarts([]time.Time{time.Date(2027, 2, 28, 19, 0, 0, 0, app.Tokyo)})
	e.length = 6 * time.Hour
	if _, err := e.Starts(now); err == nil || err.Error() != "1つ目の候補（2月28日(日) 19:00）は、プログラムの期間外です。期間内の日時をお選びください。" {
		t.Fatalf("a talk running past the period: %v", err)
	}
	e.length = time.Hour
	// A time chosen while it was ahead, which has passed since (the
	// dialog stayed open), is named.
	e.SetStarts([]time.Time{time.Date(2026, 11, 30, 10, 0, 0, 0, app.Tokyo), now.Add(-time.Hour)})
	if _, err := e.Starts(now); err == nil || err.Error() != "2つ目の候補（11月25日(水) 09:00）は、すでに過ぎた日時です。これから先の日時をお選びください。" {
		t.Fatalf("a past time: %v", err)
	}
}

// Today's times that have passed are not offered: the list of times of
// today starts after now, a time of today chosen earlier that has passed
// is taken away, and a day with no time left cannot be chosen.
func TestSlotsEditorOffersOnlyTimesAhead(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	now := time.Date(2026, 11, 25, 10, 10, 0, 0, app.Tokyo)
	e := NewSlotsEditor(app.StartOfDay(now), app.Date(2027, 2, 28), time.Hour)
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(500, 400))
	p := e.pickers[0]
	p.SetStart(time.Date(2026, 11, 25, 10, 30, 0, 0, app.Tokyo))
	e.SetEarliest(now)
	if got := p.timeSel.Options; len(got) == 0 || got[0] != "10:30" {
		t.Fatalf("today's times %v, want from 10:30", got)
	}
	if s, ok := p.Start(); !ok || !s.Equal(time.Date(2026, 11, 25, 10, 30, 0, 0, app.Tokyo)) {
		t.Fatalf("the time chosen, still ahead: %v %v", s, ok)
	}
	p.SetDay(app.Date(2026, 11, 26))
	if got := p.timeSel.Options; got[0] != "09:00" || p.timeSel.Selected != "10:30" {
		t.Fatalf("tomorrow's times %v, chosen %q", got, p.timeSel.Selected)
	}
	p.SetDay(app.StartOfDay(now))
	e.SetEarliest(now.Add(30 * time.Minute)) // 10:40: 10:30 has passed
	if _, ok := p.Start(); ok || p.timeSel.Selected != "" {
		t.Fatalf("a time that has passed stays chosen: %q", p.timeSel.Selected)
	}
	p.timeSel.SetSelected("09:30")
	if p.timeSel.Selected != "" {
		t.Fatal("a time that has passed could be chosen")
	}
	test.Tap(e.add)
	if got := e.pickers[1].times(app.StartOfDay(now)); got[0] != "11:00" {
		t.Fatalf("a new picker offers today from %v", got)
	}

	// After the last time of the day, the day itself cannot be chosen.
	e.SetEarliest(time.Date(2026, 11, 25, 19, 0, 0, 0, app.Tokyo))
	if first := p.firstDay(); !first.Equal(app.Date(2026, 11, 26)) {
		t.Fatalf("first day %s, want tomorrow", first)
	}
	p.SetDay(app.Date(2026, 11, 27))
	test.Tap(p.dayBtn)
	grid := findGrid(p.popup.Content)
	test.Tap(grid.cells[24]) // 25 November
	if !p.day.Equal(app.Date(2026, 11, 27)) || !p.popup.Visible() {
		t.Errorf("today could be chosen after its last time: day %s", p.day)
	}
	test.Tap(grid.cells[25]) // 26 November
	if !p.day.Equal(app.Date(2026, 11, 26)) {
		t.Errorf("tomorrow could not be chosen: day %s", p.day)
	}
}

// Adding a time shows it at once, the add button under it, with no
// refresh by whoever holds the editor.
func TestSlotsEditorLaysItselfOut(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	e := NewSlotsEditor(app.Date(2026, 11, 1), app.Date(2027, 2, 28), time.Hour)
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(500, 400))
	for n := 2; n <= app.MaxSlots; n++ {
		test.Tap(e.add)
		rows := e.rows.Objects
		if len(rows) != n {
			t.Fatalf("%d rows after adding, want %d", len(rows), n)
		}
		last := rows[n-1]
		if last.Size().Height == 0 || last.Position().Y < rows[n-2].Position().Y+rows[n-2].Size().Height {
			t.Errorf("time %d at %v, size %v: not under time %d", n, last.Position(), last.Size(), n-1)
		}
		if bottom := e.rows.Position().Y + last.Position().Y + last.Size().Height; e.add.Position().Y < bottom {
			t.Errorf("with %d times the add button at y=%v covers the last time, which ends at y=%v", n, e.add.Position().Y, bottom)
		}
	}
	test.AssertImageMatches(t, "slots_three.png", w.Canvas().Capture())
	e.remove(e.pickers[0])
	if len(e.rows.Objects) != 2 || e.add.Position().Y > e.rows.Position().Y+e.rows.MinSize().Height+theme.Padding() {
		t.Errorf("after removing: %d rows, the add button at %v", len(e.rows.Objects), e.add.Position())
	}
}

func findGrid(o fyne.CanvasObject) *MonthGrid {
	if g, ok := o.(*MonthGrid); ok {
		return g
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			if g := findGrid(x); g != nil {
				return g
			}
		}
	}
	return nil
}
