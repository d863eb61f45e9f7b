package widgets

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	cttheme "crosstalk/ui/theme"
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
	if c := g.cells[0]; c.num.text.Text != "1" || c.num.text.Color != sundayColor {
		t.Errorf("first cell %q %v", c.num.text.Text, c.num.text.Color)
	}
	if c := g.cells[6]; c.num.text.Text != "7" || c.num.text.Color != saturdayColor {
		t.Errorf("first Saturday %q %v", c.num.text.Text, c.num.text.Color)
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
	if g.cells[0].num.text.Text != "29" || g.cells[2].num.text.Text != "1" {
		t.Errorf("December starts %q %q", g.cells[0].num.text.Text, g.cells[2].num.text.Text)
	}
	test.AssertImageMatches(t, "monthgrid_december.png", w.Canvas().Capture())
}

// A day's marks: the number of its talks, a change to look at and a
// cancelled talk, each its own shape; today stays framed when another
// day is chosen; and all of it grows at once with the text size.
func TestMonthGridMarks(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	g := NewMonthGrid(app.Date(2026, 11, 25))
	g.SetToday(time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo))
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(420, 400))
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, app.Tokyo) }
	g.SetMarked([]time.Time{at(26, 10), at(26, 15), at(27, 9)})
	g.SetFlagged([]time.Time{at(27, 9)})
	g.SetCancelled([]time.Time{at(30, 13)})
	cell := func(d int) *dayCell { return g.cells[d-1] } // 1 November 2026 is a Sunday

	if c := cell(26); c.Count() != 2 || c.talks.Hidden || c.talks.Text() != "2" || c.Flagged() || c.Cancelled() {
		t.Errorf("the 26th: %d talks, badge %q shown %v, flagged %v, cancelled %v",
			c.Count(), c.talks.Text(), !c.talks.Hidden, c.Flagged(), c.Cancelled())
	}
	if c := cell(27); c.talks.Text() != "1" || c.changed.Hidden || !c.cancelled.Hidden {
		t.Errorf("the 27th: badge %q, change shown %v, cancel shown %v", c.talks.Text(), !c.changed.Hidden, !c.cancelled.Hidden)
	}
	if c := cell(30); c.Marked() || !c.talks.Hidden || c.cancelled.Hidden || !c.changed.Hidden {
		t.Errorf("the 30th: badge shown %v, cancel shown %v, change shown %v", !c.talks.Hidden, !c.cancelled.Hidden, !c.changed.Hidden)
	}
	if c := cell(24); c.Marked() || !c.talks.Hidden || !c.changed.Hidden || !c.cancelled.Hidden {
		t.Error("the 24th holds nothing but shows a mark")
	}
	// The marks differ in more than colour: each has its symbol.
	if a, b, c := cell(27).talks.Text(), cell(27).changed.Text(), cell(30).cancelled.Text(); a == b || b == c || a == c {
		t.Errorf("marks %q %q %q", a, b, c)
	}

	test.Tap(cell(28))
	if !cell(25).Today() || cell(28).Today() || !cell(28).st.selected || cell(25).st.selected {
		t.Error("today is not framed after choosing the 28th")
	}
	if cell(25).bg.StrokeWidth == 0 || cell(25).bg.StrokeColor == color.Transparent || !cell(25).num.text.TextStyle.Bold {
		t.Errorf("today shows no frame: %v %v", cell(25).bg.StrokeWidth, cell(25).bg.StrokeColor)
	}
	test.AssertImageMatches(t, "monthgrid_marks.png", w.Canvas().Capture())

	// The badge is a caption of the theme, at whatever text size.
	normal := cell(26).talks.MinSize()
	fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	want := cttheme.New(cttheme.ExtraLarge).Size(theme.SizeNameCaptionText)
	if got := cell(26).talks.label.text.TextSize; got != want {
		t.Errorf("the badge's number is %v high at extra large, want %v", got, want)
	}
	if big := cell(26).talks.MinSize(); big.Height < normal.Height*1.4 {
		t.Errorf("the badge is %v at extra large, %v at normal", big, normal)
	}
	for d, head := range g.heads {
		if head.text.TextSize != cttheme.New(cttheme.ExtraLarge).Size(theme.SizeNameText) {
			t.Errorf("weekday %d is %v high after the change", d, head.text.TextSize)
		}
	}
	w.Resize(fyne.NewSize(560, 560))
	test.AssertImageMatches(t, "monthgrid_marks_extra_large.png", w.Canvas().Capture())
}
