package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

func TestMonthGrid(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	day := time.Date(2026, 11, 24, 15, 0, 0, 0, app.Tokyo)
	g := NewMonthGrid(day)
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(420, 360))

	if g.title.Text != "2026年11月" {
		t.Errorf("title %q", g.title.Text)
	}
	// 1 November 2026 is a Sunday: the first cell.
	if c := g.cells[0]; c.text.Text != "1" || c.text.Color != sundayColor {
		t.Errorf("first cell %q %v", c.text.Text, c.text.Color)
	}
	if c := g.cells[6]; c.text.Text != "7" || c.text.Color != saturdayColor {
		t.Errorf("first Saturday %q %v", c.text.Text, c.text.Color)
	}
	g.SetMarked([]time.Time{time.Date(2026, 11, 26, 10, 0, 0, 0, app.Tokyo)})
	if !g.cells[25].Marked() || g.cells[24].Marked() {
		t.Error("the 26th should be marked, and only it")
	}
	var got time.Time
	g.OnSelected = func(d time.Time) { got = d }
	test.Tap(g.cells[27]) // the 28th
	if want := app.Date(2026, 11, 28); !got.Equal(want) || !g.Selected().Equal(want) {
		t.Errorf("tapped the 28th, got %s", got)
	}
	g.SetRange(app.Date(2026, 11, 25), app.Date(2026, 12, 10))
	got = time.Time{}
	test.Tap(g.cells[20]) // the 21st, before the range
	if !got.IsZero() {
		t.Errorf("a day outside the range was chosen: %s", got)
	}
	test.Tap(g.next)
	if g.title.Text != "2026年12月" || !g.Month().Equal(app.Date(2026, 12, 1)) {
		t.Errorf("after next: %q", g.title.Text)
	}
	// 1 December 2026 is a Tuesday: two days of November come first.
	if g.cells[0].text.Text != "29" || g.cells[2].text.Text != "1" {
		t.Errorf("December starts %q %q", g.cells[0].text.Text, g.cells[2].text.Text)
	}
	test.AssertImageMatches(t, "monthgrid_december.png", w.Canvas().Capture())
}
