package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

// signal is a hook for views that finish work in the background, and a
// way for a test to wait for it.
type signal chan struct{}

func newSignal() signal { return make(signal, 16) }

// hook is what the view calls.
func (s signal) hook() { s <- struct{}{} }

// wait waits for the view to call the hook once.
func (s signal) wait(t *testing.T, what string) {
	t.Helper()
	if !awaitShown(s) {
		t.Fatalf("%s did not finish", what)
	}
}

// calendarFixture is a calendar of the demo user on a real demo database,
// in a window, with its first load shown.
type calendarFixture struct {
	svc    *testServices
	cal    *Calendar
	win    fyne.Window
	loaded signal
}

func newCalendarFixture(t *testing.T) *calendarFixture {
	t.Helper()
	testapp.Japanese(t)
	testapp.New(t)
	f := &calendarFixture{svc: newTestServices(t), loaded: newSignal()}
	// The window comes first: in tests, fyne.Do runs on the calling
	// goroutine, so nothing may be laid out while a load lands.
	f.cal = newCalendar(f.svc, nil)
	f.cal.loaded = f.loaded.hook
	f.win = test.NewTempWindow(t, f.cal.Content())
	f.cal.win = f.win
	f.win.Resize(fyne.NewSize(1000, 680))
	// A load a change started must not outlive the test: it would draw
	// while the next test resets the fonts.
	t.Cleanup(settle)
	f.cal.Refresh()
	f.loaded.wait(t, "the first load")
	return f
}

// talks reads the demo user's talks in [from, to) from the store.
func (f *calendarFixture) talks(t *testing.T, from, to time.Time) []app.TalkItem {
	t.Helper()
	ks, err := f.svc.TalksBetween(context.Background(), f.svc.me.ParticipantID, from, to)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}

// The month grid is crosstalk/ui/widgets': the tests find its title, its
// next-month button and its day cells in its widget tree.

// dayKey names the day that holds t: 2026-11-24.
func dayKey(t time.Time) string { return t.In(app.Tokyo).Format("2006-01-02") }

// gridTitle is the title over the grid: the month shown.
func (f *calendarFixture) gridTitle() string { return findShown[*widget.Label](f.cal.grid).Text }

// gridNext is the grid's button to the next month.
func (f *calendarFixture) gridNext(t *testing.T) *widget.Button {
	t.Helper()
	var next *widget.Button
	uitest.ShownWalk(f.cal.grid, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.NavigateNextIcon().Name() {
			next = b
		}
	})
	if next == nil {
		t.Fatal("the grid has no button to the next month")
	}
	return next
}

// gridCell is a day of the grid: it can be tapped, and shows whether it
// is marked.
type gridCell interface {
	fyne.Tappable
	Marked() bool
}

// gridCells are the grid's day cells, six weeks from the first, the
// Sunday on or before the first of the month shown.
func (f *calendarFixture) gridCells() (cells []gridCell, first time.Time) {
	uitest.Walk(f.cal.grid, func(o fyne.CanvasObject) {
		if c, ok := o.(gridCell); ok {
			cells = append(cells, c)
		}
	})
	m := f.cal.grid.Month()
	return cells, m.AddDate(0, 0, -int(m.Weekday()))
}

// cell is the grid's cell of day, which must be in the weeks shown.
func (f *calendarFixture) cell(t *testing.T, day time.Time) gridCell {
	t.Helper()
	cells, first := f.gridCells()
	for i, c := range cells {
		if dayKey(first.AddDate(0, 0, i)) == dayKey(day) {
			return c
		}
	}
	t.Fatalf("%s is not shown", dayKey(day))
	return nil
}

// markedDays lists the days the grid marks.
func (f *calendarFixture) markedDays() []string {
	var out []string
	cells, first := f.gridCells()
	for i, c := range cells {
		if c.Marked() {
			out = append(out, dayKey(first.AddDate(0, 0, i)))
		}
	}
	return out
}

// wantMarked lists the days in the weeks shown that hold a scheduled or
// held talk, according to the store.
func (f *calendarFixture) wantMarked(t *testing.T) []string {
	t.Helper()
	_, first := f.gridCells()
	seen := map[string]bool{}
	var out []string
	for _, k := range f.talks(t, first, first.AddDate(0, 0, 42)) {
		if (k.State == app.TalkScheduled || k.State == app.TalkHeld) && !seen[dayKey(k.Start)] {
			seen[dayKey(k.Start)] = true
			out = append(out, dayKey(k.Start))
		}
	}
	return out
}

// rowTexts is what the list shows, one string per talk.
func (f *calendarFixture) rowTexts() []string {
	var out []string
	for _, r := range f.cal.rowW {
		out = append(out, r.when.Text+" / "+r.who.Text+" / "+r.how.Text+" / "+r.state.Text)
	}
	return out
}

// row finds the listed talk of id.
func (f *calendarFixture) row(t *testing.T, id string) *calendarRow {
	t.Helper()
	for _, r := range f.cal.rowW {
		if r.talk.ID == id {
			return r
		}
	}
	t.Fatalf("talk %s is not listed: %v", id, f.rowTexts())
	return nil
}

// The calendar opens on this month in Japanese, marks the days that hold
// the user's talks, and lists the coming 30 days.
func TestCalendarShowsTheMonthAndTheComingTalks(t *testing.T) {
	f := newCalendarFixture(t)
	if got := f.gridTitle(); got != "2026年11月" {
		t.Errorf("title %q", got)
	}
	want := f.wantMarked(t)
	if len(want) < 4 {
		t.Fatalf("the demo user has talks on only %v", want)
	}
	if got := f.markedDays(); !slices.Equal(got, want) {
		t.Errorf("marked %v, want %v", got, want)
	}
	if !f.cell(t, app.Date(2026, 11, 27)).Marked() || f.cell(t, app.Date(2026, 11, 26)).Marked() {
		t.Error("the 27th holds a talk, the 26th none")
	}
	if got := f.cal.heading.Text; got != "これから30日間のクロストーク" {
		t.Errorf("heading %q", got)
	}
	var want2 []string
	for _, k := range f.talks(t, app.StartOfDay(testNow), app.StartOfDay(testNow).AddDate(0, 0, 31)) {
		if k.State == app.TalkScheduled {
			want2 = append(want2, k.ID)
		}
	}
	if len(want2) < 3 || len(f.cal.rowW) != len(want2) {
		t.Fatalf("listed %v, want the %d scheduled talks", f.rowTexts(), len(want2))
	}
	for i, r := range f.cal.rowW {
		if r.talk.ID != want2[i] {
			t.Errorf("row %d is talk %s, want %s", i, r.talk.ID, want2[i])
		}
	}
	if got, want := f.rowTexts()[0], "2026年11月27日(金) 15:00〜16:00 / 西村 信也さん（株式会社あおば銀行） / オンライン / 予定"; got != want {
		t.Errorf("first row %q, want %q", got, want)
	}
	test.AssertImageMatches(t, "calendar_month.png", f.win.Canvas().Capture())
}

// Tapping a marked day lists that day's talks; another month is loaded
// when the month is turned; 今日 comes back.
func TestCalendarDayAndMonth(t *testing.T) {
	f := newCalendarFixture(t)
	test.Tap(f.cell(t, app.Date(2026, 12, 1)))
	f.loaded.wait(t, "loading 1 December")
	if got := f.cal.heading.Text; got != "2026年12月1日(火)のクロストーク" {
		t.Errorf("heading %q", got)
	}
	if got := f.rowTexts(); len(got) != 1 || got[0] != "2026年12月1日(火) 14:00〜15:00 / 石井 大輔さん（ソラリンク株式会社） / 対面 / 予定" {
		t.Errorf("rows %q", got)
	}
	if !f.cal.upcoming.Visible() {
		t.Error("no way back to the coming days")
	}
	// The 1st is in the next month: the grid turned to December.
	if got := f.gridTitle(); got != "2026年12月" {
		t.Errorf("title %q", got)
	}
	if got, want := f.markedDays(), f.wantMarked(t); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("December marks %v, want %v", got, want)
	}

	test.Tap(f.cell(t, app.Date(2026, 12, 2)))
	f.loaded.wait(t, "loading 2 December")
	if len(f.cal.rowW) != 0 || !f.cal.message.Visible() || f.cal.message.Text != "この日のクロストークはありません。" {
		t.Errorf("an empty day shows %v %q", f.rowTexts(), f.cal.message.Text)
	}

	test.Tap(f.gridNext(t))
	f.loaded.wait(t, "loading January")
	if got := f.gridTitle(); got != "2027年1月" {
		t.Errorf("title %q", got)
	}
	if got, want := f.markedDays(), f.wantMarked(t); !slices.Equal(got, want) {
		t.Errorf("January marks %v, want %v", got, want)
	}

	test.Tap(f.cal.today)
	f.loaded.wait(t, "going back to today")
	if f.gridTitle() != "2026年11月" || f.cal.heading.Text != "これから30日間のクロストーク" || len(f.cal.rowW) < 3 {
		t.Errorf("after 今日: %q %q %v", f.gridTitle(), f.cal.heading.Text, f.rowTexts())
	}
	if !f.cal.grid.Selected().Equal(app.StartOfDay(testNow)) {
		t.Errorf("today not chosen: %s", f.cal.grid.Selected())
	}
}

// Past days show held talks too, and a cancelled talk says 中止.
func TestCalendarShowsPastAndCancelledTalks(t *testing.T) {
	f := newCalendarFixture(t)
	test.Tap(f.cell(t, app.Date(2026, 11, 16)))
	f.loaded.wait(t, "loading 16 November")
	if got := f.rowTexts(); len(got) != 1 || got[0] != "2026年11月16日(月) 13:00〜14:00 / 岡本 俊介さん（北斗建設株式会社） / 対面 / 実施済み" {
		t.Errorf("rows %q", got)
	}

	k := f.talks(t, app.Date(2026, 12, 7), app.Date(2026, 12, 8))[0]
	if err := f.svc.Mutate(context.Background(), app.TalkCancel, app.CancelTalkArgs{TalkID: k.ID, Reason: "health"}); err != nil {
		t.Fatal(err)
	}
	test.Tap(f.cell(t, app.Date(2026, 12, 7)))
	f.loaded.wait(t, "loading 7 December")
	r := f.row(t, k.ID)
	if r.state.Text != "中止（体調がすぐれません）" || r.state.Label.Importance != widget.DangerImportance ||
		r.when.Importance != widget.LowImportance || r.who.Label.Importance != widget.LowImportance {
		t.Errorf("a cancelled talk shows %q (%v), greyed %v %v", r.state.Text, r.state.Label.Importance,
			r.when.Importance, r.who.Label.Importance)
	}
	// Fyne parses the fonts again for each text style it meets: the
	// calendar keeps to the regular and bold of the rest of the app.
	for _, bad := range otherTextStyles(r) {
		t.Error(bad)
	}
	if f.cell(t, app.Date(2026, 12, 7)).Marked() {
		t.Error("a day with only a cancelled talk is marked")
	}
}

// Tapping a talk opens its detail in place of the list, and the detail
// goes back.
func TestCalendarOpensTheDetail(t *testing.T) {
	f := newCalendarFixture(t)
	k := f.talks(t, app.Date(2026, 11, 27), app.Date(2026, 11, 28))[0]
	test.Tap(f.row(t, k.ID))
	d := f.cal.detail
	if d == nil || d.Talk().ID != k.ID {
		t.Fatal("the detail did not open")
	}
	if got := d.heading.Text; got != "西村 信也さんとのクロストーク" {
		t.Errorf("heading %q", got)
	}
	test.AssertImageMatches(t, "calendar_detail.png", f.win.Canvas().Capture())
	test.Tap(d.back)
	if f.cal.detail != nil || f.cal.right.Objects[0] != f.cal.agenda {
		t.Error("back did not return to the list")
	}
}

// In extra large text, the calendar still shows every part of a talk in
// a window of 1000×680.
func TestCalendarInExtraLargeText(t *testing.T) {
	f := newCalendarFixture(t)
	fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	f.cal.Refresh()
	f.loaded.wait(t, "reloading")
	for _, r := range f.cal.rowW {
		if r.Size().Width < r.MinSize().Width || r.Size().Height < r.MinSize().Height {
			t.Errorf("row %q is cut: %v < %v", r.when.Text, r.Size(), r.MinSize())
		}
	}
	test.AssertImageMatches(t, "calendar_extra_large.png", f.win.Canvas().Capture())
}

// A reader that fails makes the calendar say so in words.
func TestCalendarShowsALoadError(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	svc := newTestServices(t)
	svc.Store.Close()
	loaded := newSignal()
	c := newCalendar(svc, nil)
	c.loaded = loaded.hook
	test.NewTempWindow(t, c.Content())
	c.Refresh()
	loaded.wait(t, "the load")
	if got := c.message.Text; got != "予定を読み込めませんでした。しばらくしてから、もう一度お試しください。" {
		t.Errorf("message %q", got)
	}
}
