package ui

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// shownMarks lists the kinds of the marks shown in o, and the texts of
// the number badges.
func shownMarks(o fyne.CanvasObject) (kinds []widgets.MarkKind, badges []string) {
	uitest.ShownWalk(o, func(x fyne.CanvasObject) {
		if m, ok := x.(*widgets.DayMark); ok {
			kinds = append(kinds, m.Kind())
			if m.Kind() == widgets.MarkTalks {
				badges = append(badges, m.Text())
			}
		}
	})
	return kinds, badges
}

// Each day of the month shows the number of its talks in a badge, and
// no badge when it has none.
func TestCalendarBadgesCountTalks(t *testing.T) {
	f := newCalendarFixture(t)
	cells, first := f.gridCells()
	counts := map[string]int{}
	for _, k := range f.talks(t, first, first.AddDate(0, 0, 42)) {
		if k.State == app.TalkScheduled || k.State == app.TalkHeld {
			counts[dayKey(k.Start)]++
		}
	}
	if len(counts) < 4 {
		t.Fatalf("the demo user has talks on only %v", counts)
	}
	for i, c := range cells {
		day := dayKey(first.AddDate(0, 0, i))
		_, badges := shownMarks(c.(fyne.CanvasObject))
		var want []string
		if n := counts[day]; n > 0 {
			want = []string{strconv.Itoa(n)}
		}
		if !slices.Equal(badges, want) {
			t.Errorf("%s shows the badges %q, want %q", day, badges, want)
		}
	}
}

// Today stays framed when another day is chosen, and the chosen day is
// not framed.
func TestCalendarKeepsTodayMarked(t *testing.T) {
	f := newCalendarFixture(t)
	type todayCell interface{ Today() bool }
	today := f.cell(t, testNow)
	if !today.(todayCell).Today() {
		t.Fatal("today is not framed")
	}
	test.Tap(f.cell(t, app.Date(2026, 11, 27)))
	f.loaded.wait(t, "loading the 27th")
	if !f.cell(t, testNow).(todayCell).Today() {
		t.Error("today lost its frame when the 27th was chosen")
	}
	if f.cell(t, app.Date(2026, 11, 27)).(todayCell).Today() {
		t.Error("the chosen day is framed as today")
	}
	// Turning the month and back keeps it too.
	test.Tap(f.gridNext(t))
	f.loaded.wait(t, "loading December")
	for _, c := range must(f.gridCells()) {
		if c.(todayCell).Today() {
			t.Error("a day of December's page is framed as today")
		}
	}
}

// A day with a change to look at and a day with a cancelled talk have
// marks of their own, told apart by shape and symbol, not colour alone;
// the legend shows all the marks the month uses.
func TestCalendarMarksChangesAndCancelledTalks(t *testing.T) {
	f := newCalendarFixture(t)
	k := f.talks(t, app.Date(2026, 12, 7), app.Date(2026, 12, 8))[0]
	if err := f.svc.Mutate(context.Background(), app.TalkCancel, app.CancelTalkArgs{TalkID: k.ID, Reason: "health"}); err != nil {
		t.Fatal(err)
	}
	f.cal.Refresh()
	f.loaded.wait(t, "reloading")

	// The demo's other side proposed a new time for a talk: its day
	// shows the mark of a change.
	changes, err := f.svc.TalkChanges(context.Background(), f.svc.me.ParticipantID, testNow)
	if err != nil || len(changes) == 0 {
		t.Fatalf("no change waits for the demo user: %v", err)
	}
	changed := changes[0].Start
	kinds, _ := shownMarks(f.cell(t, changed).(fyne.CanvasObject))
	if !slices.Contains(kinds, widgets.MarkChanged) || slices.Contains(kinds, widgets.MarkCancelled) {
		t.Errorf("the changed talk's day %s shows %v", dayKey(changed), kinds)
	}
	kinds, _ = shownMarks(f.cell(t, k.Start).(fyne.CanvasObject))
	if !slices.Equal(kinds, []widgets.MarkKind{widgets.MarkCancelled}) {
		t.Errorf("the cancelled talk's day %s shows %v", dayKey(k.Start), kinds)
	}
	if c := f.cell(t, k.Start).(interface{ Cancelled() bool }); !c.Cancelled() {
		t.Error("the cancelled talk's day is not marked cancelled")
	}
	symbols := map[string]widgets.MarkKind{}
	uitest.ShownWalk(f.cal.grid, func(o fyne.CanvasObject) {
		if m, ok := o.(*widgets.DayMark); ok && m.Kind() != widgets.MarkTalks {
			symbols[m.Text()] = m.Kind()
		}
	})
	if len(symbols) != 2 || symbols["!"] != widgets.MarkChanged || symbols["×"] != widgets.MarkCancelled {
		t.Errorf("the marks' symbols %v", symbols)
	}

	// The legend, outside the month, shows every mark.
	var legend []widgets.MarkKind
	uitest.ShownWalk(f.cal.Content(), func(o fyne.CanvasObject) {
		if m, ok := o.(*widgets.DayMark); ok && !treeHas(f.cal.grid, m) && !treeHas(f.cal.right, m) && !slices.Contains(legend, m.Kind()) {
			legend = append(legend, m.Kind())
		}
	})
	slices.Sort(legend)
	if want := []widgets.MarkKind{widgets.MarkTalks, widgets.MarkChanged, widgets.MarkCancelled, widgets.MarkToday}; !slices.Equal(legend, want) {
		t.Errorf("the legend shows %v, want %v", legend, want)
	}
	frame(f.win.Canvas())
	test.AssertImageMatches(t, "calendar_marks.png", f.win.Canvas().Capture())
}

// must drops the second result.
func must[T, U any](v T, _ U) T { return v }
