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

	if _, err := e.Starts(now); err == nil || err.Error() != "すべての候補で、日にちと時刻を選んでください。" {
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
	if _, err := e.Starts(now); err == nil || err.Error() != "同じ日時が二つあります。別の日時をお選びください。" {
		t.Fatalf("a repeated time: %v", err)
	}
	e.remove(e.pickers[1])
	if got, err := e.Starts(now); err != nil || len(got) != 2 || e.add.Disabled() {
		t.Fatalf("after removing: %v %v", got, err)
	}
	e.SetStarts([]time.Time{time.Date(2027, 2, 28, 23, 30, 0, 0, app.Tokyo)})
	if _, err := e.Starts(now); err == nil {
		t.Fatal("a talk running past the period was accepted")
	}
	e.SetStarts([]time.Time{now.Add(-time.Hour)})
	if _, err := e.Starts(now); err == nil || err.Error() != "過ぎた日時は選べません。これから先の日時をお選びください。" {
		t.Fatalf("a past time: %v", err)
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
