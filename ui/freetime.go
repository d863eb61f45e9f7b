package ui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// Usual free times (話しやすい時間帯, issue 19): a weekly pattern the
// person ticks in a grid of the week's days and the parts of the day,
// said in words on their profile (平日の午後、土曜の午前), and the times
// where two people's patterns meet, proposed in the offer dialog
// (offer_freetime.go).

// dayKeys name the weekdays in words, by time.Weekday.
var dayKeys = [7]struct{ key, fallback string }{
	{"freetime.day.sun", "Sunday"}, {"freetime.day.mon", "Monday"}, {"freetime.day.tue", "Tuesday"},
	{"freetime.day.wed", "Wednesday"}, {"freetime.day.thu", "Thursday"}, {"freetime.day.fri", "Friday"},
	{"freetime.day.sat", "Saturday"},
}

// partWords name the parts of the day in a sentence, by app.DayPart.
var partWords = [3]struct{ key, fallback string }{
	{"freetime.part.morning", "mornings"}, {"freetime.part.afternoon", "afternoons"}, {"freetime.part.evening", "evenings"},
}

// partLabels head the grid's rows, by app.DayPart.
var partLabels = [3]struct{ key, fallback string }{
	{"freetime.grid.morning", "Morning"}, {"freetime.grid.afternoon", "Afternoon"}, {"freetime.grid.evening", "Evening"},
}

// partName is the part of the day as a row of the grid names it: 午前.
func partName(p app.DayPart) string { return lang.X(partLabels[p].key, partLabels[p].fallback) }

// partHours is the part's hours: 9〜12時.
func partHours(p app.DayPart) string {
	from, to := p.Hours()
	return lang.X("freetime.grid.hours", "{{.From}}–{{.To}}", map[string]any{"From": from, "To": to})
}

// freeDays says a set of weekdays (in app.WeekOrder) in words: 毎日,
// 平日, 土日, 平日・土曜, 月曜・水曜.
func freeDays(days []time.Weekday) string {
	if len(days) == 7 {
		return lang.X("freetime.days.every", "every day")
	}
	var words []string
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	rest := days
	if len(days) >= 5 && slices.Equal(days[:5], weekdays) {
		words = append(words, lang.X("freetime.days.weekdays", "weekdays"))
		rest = days[5:]
	}
	if len(rest) >= 2 && rest[len(rest)-2] == time.Saturday && rest[len(rest)-1] == time.Sunday {
		for _, d := range rest[:len(rest)-2] {
			words = append(words, lang.X(dayKeys[d].key, dayKeys[d].fallback))
		}
		words = append(words, lang.X("freetime.days.weekend", "weekends"))
	} else {
		for _, d := range rest {
			words = append(words, lang.X(dayKeys[d].key, dayKeys[d].fallback))
		}
	}
	return strings.Join(words, lang.X("freetime.days.separator", ", "))
}

// freeWeekText says a pattern in words, the days that share the same
// parts together: 平日の午後、土曜の午前. No pattern is "".
func freeWeekText(w app.FreeWeek) string {
	type group struct {
		days  []time.Weekday
		parts []app.DayPart
	}
	var groups []group
	for _, p := range app.DayParts {
		days := w.Days(p)
		if len(days) == 0 {
			continue
		}
		i := slices.IndexFunc(groups, func(g group) bool { return slices.Equal(g.days, days) })
		if i < 0 {
			groups = append(groups, group{days: days})
			i = len(groups) - 1
		}
		groups[i].parts = append(groups[i].parts, p)
	}
	// The week in order: the group of the earliest day first.
	order := func(d time.Weekday) int { return slices.Index(app.WeekOrder, d) }
	slices.SortStableFunc(groups, func(a, b group) int { return order(a.days[0]) - order(b.days[0]) })
	phrases := make([]string, len(groups))
	for i, g := range groups {
		parts := make([]string, len(g.parts))
		for j, p := range g.parts {
			parts[j] = lang.X(partWords[p].key, partWords[p].fallback)
		}
		phrases[i] = lang.X("freetime.phrase", "{{.Parts}} on {{.Days}}", map[string]any{
			"Days": freeDays(g.days), "Parts": strings.Join(parts, lang.X("freetime.parts.separator", " and ")),
		})
	}
	return strings.Join(phrases, lang.X("freetime.phrases.separator", "; "))
}

// freeTimesText is a profile's free times as the card shows them: the
// pattern in words, and the note the person wrote, when it says more
// than the words ("" when not). With no pattern, the note is the text.
func freeTimesText(w app.FreeWeek, note string) (text, more string) {
	words, note := freeWeekText(w), strings.TrimSpace(note)
	switch {
	case words == "":
		return cardOr(note), ""
	case note == words:
		return words, ""
	}
	return words, note
}

// freeWeekGrid is the weekly pattern as a grid of large toggles: a
// column a day (Monday first), a row a part of the day. A toggle that is
// on shows ○ in the accent colour.
type freeWeekGrid struct {
	widget.BaseWidget
	week    app.FreeWeek
	cells   [7][3]*widget.Button // by time.Weekday and app.DayPart
	content fyne.CanvasObject

	// OnChanged is called after the person toggled a time.
	OnChanged func()
}

func newFreeWeekGrid() *freeWeekGrid {
	g := &freeWeekGrid{}
	objs := []fyne.CanvasObject{widget.NewLabel("")}
	for _, d := range app.WeekOrder {
		objs = append(objs, widget.NewLabelWithStyle(widgets.WeekdayShort(d), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	for _, p := range app.DayParts {
		hours := widget.NewLabel(partHours(p))
		hours.SizeName = theme.SizeNameCaptionText
		objs = append(objs, container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()),
			widget.NewLabelWithStyle(partName(p), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), hours))
		for _, d := range app.WeekOrder {
			b := widget.NewButton("", func() { g.toggle(d, p) })
			g.cells[d][p] = b
			objs = append(objs, widgets.Tall(b, widgets.TallButton))
		}
	}
	g.content = container.New(weekGridLayout{}, objs...)
	g.ExtendBaseWidget(g)
	g.show()
	return g
}

// weekGridLayout lays out the grid's 8 columns: the first (the parts of
// the day) as wide as its widest label, the 7 days sharing the rest
// equally; each row as high as its highest cell. Only the days' columns
// grow, so that the grid fits beside the form's labels at the largest
// text on a 1024×768 screen.
type weekGridLayout struct{}

const weekGridColumns = 8

func (weekGridLayout) measure(objs []fyne.CanvasObject) (first, cell float32, rows []float32) {
	rows = make([]float32, (len(objs)+weekGridColumns-1)/weekGridColumns)
	for i, o := range objs {
		m := o.MinSize()
		if i%weekGridColumns == 0 {
			first = max(first, m.Width)
		} else {
			cell = max(cell, m.Width)
		}
		rows[i/weekGridColumns] = max(rows[i/weekGridColumns], m.Height)
	}
	return first, cell, rows
}

func (l weekGridLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	first, cell, rows := l.measure(objs)
	pad := theme.Padding()
	h := pad * float32(len(rows)-1)
	for _, r := range rows {
		h += r
	}
	return fyne.NewSize(first+(weekGridColumns-1)*(cell+pad), h)
}

func (l weekGridLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	first, _, rows := l.measure(objs)
	pad := theme.Padding()
	cell := (size.Width - first - (weekGridColumns-1)*pad) / (weekGridColumns - 1)
	y := float32(0)
	for i, o := range objs {
		r, c := i/weekGridColumns, i%weekGridColumns
		if c == 0 && r > 0 {
			y += rows[r-1] + pad
		}
		x, w := float32(0), first
		if c > 0 {
			x, w = first+pad+float32(c-1)*(cell+pad), cell
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, rows[r]))
	}
}

// CreateRenderer is part of fyne.Widget.
func (g *freeWeekGrid) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(g.content)
}

// Week is the pattern shown.
func (g *freeWeekGrid) Week() app.FreeWeek { return g.week }

// SetWeek shows w; OnChanged is not called.
func (g *freeWeekGrid) SetWeek(w app.FreeWeek) {
	if w == g.week {
		return
	}
	g.week = w
	g.show()
}

func (g *freeWeekGrid) toggle(d time.Weekday, p app.DayPart) {
	g.week = g.week.With(d, p, !g.week.Has(d, p))
	g.show()
	if g.OnChanged != nil {
		g.OnChanged()
	}
}

// cellText is what a toggle shows: ○ when on.
func cellText(on bool) string {
	if on {
		return "○"
	}
	return ""
}

func (g *freeWeekGrid) show() {
	for _, d := range app.WeekOrder {
		for _, p := range app.DayParts {
			b, on := g.cells[d][p], g.week.Has(d, p)
			b.SetText(cellText(on))
			if on {
				b.Importance = widget.HighImportance
			} else {
				b.Importance = widget.MediumImportance
			}
			b.Refresh()
		}
	}
}

// freeChoiceText writes a proposed time short, without the year:
// 12月1日(火) 14:00〜15:00.
func freeChoiceText(s app.Slot) string {
	start := s.Start.In(app.Tokyo)
	return lang.X("freetime.choice", "{{.W}}, {{.D}} {{.Month}} {{.HM}}–{{.End}}", map[string]any{
		"W": widgets.WeekdayShort(start.Weekday()), "D": start.Day(),
		"Month": lang.X("month."+strconv.Itoa(int(start.Month())), start.Month().String()[:3]),
		"HM":    start.Format("15:04"), "End": s.End.In(app.Tokyo).Format("15:04"),
	})
}

// freeBusyText writes a part of a day already taken, saying only that
// it is: 12月2日(水) 午後　予定あり.
func freeBusyText(c app.FreeCandidate) string {
	start := c.Slot.Start.In(app.Tokyo)
	return lang.X("freetime.busy", "{{.W}}, {{.D}} {{.Month}} {{.Part}}: busy", map[string]any{
		"W": widgets.WeekdayShort(start.Weekday()), "D": start.Day(),
		"Month": lang.X("month."+strconv.Itoa(int(start.Month())), start.Month().String()[:3]),
		"Part":  partName(c.Part),
	})
}
