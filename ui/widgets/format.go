package widgets

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
)

// Dates and times are written the way the chosen language writes them:
// in Japanese 2026年11月24日(火) 14:00, always in Tokyo time.

var weekdayKeys = [7]string{"weekday.sun", "weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu", "weekday.fri", "weekday.sat"}

var weekdayFallback = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// WeekdayShort is the short name of a weekday: 日, 月… in Japanese.
func WeekdayShort(d time.Weekday) string { return lang.X(weekdayKeys[d], weekdayFallback[d]) }

func dateData(t time.Time) map[string]any {
	t = t.In(app.Tokyo)
	return map[string]any{
		"Y": t.Year(), "D": t.Day(), "W": WeekdayShort(t.Weekday()),
		"Month": lang.X("month."+strconv.Itoa(int(t.Month())), t.Month().String()[:3]),
		"HM":    t.Format("15:04"),
	}
}

// FormatDate writes a day: 2026年11月24日(火).
func FormatDate(t time.Time) string {
	return lang.X("format.date", "{{.W}}, {{.D}} {{.Month}} {{.Y}}", dateData(t))
}

// FormatDateTime writes a day and a time: 2026年11月24日(火) 14:00.
func FormatDateTime(t time.Time) string {
	return lang.X("format.datetime", "{{.W}}, {{.D}} {{.Month}} {{.Y}} {{.HM}}", dateData(t))
}

// FormatShortDateTime writes a day of the year and a time, for a short
// notice: 12月7日 13:40.
func FormatShortDateTime(t time.Time) string {
	return lang.X("format.datetime_short", "{{.D}} {{.Month}} {{.HM}}", dateData(t))
}

// FormatSlot writes a talk's time: 2026年11月24日(火) 14:00〜15:00.
func FormatSlot(s app.Slot) string {
	end := s.End.In(app.Tokyo).Format("15:04")
	return lang.X("format.slot", "{{.W}}, {{.D}} {{.Month}} {{.Y}} {{.HM}}–{{.End}}",
		merge(dateData(s.Start), map[string]any{"End": end}))
}

// FormatMonth writes a month's title: 2026年11月.
func FormatMonth(t time.Time) string {
	return lang.X("format.month", "{{.Month}} {{.Y}}", dateData(t))
}

func merge(a, b map[string]any) map[string]any {
	for k, v := range b {
		a[k] = v
	}
	return a
}

// FormatAgeBand writes an age band in words: 50〜54歳 (50–54 years), or
// 50代 (50s) for a person known only by their decade.
func FormatAgeBand(b app.AgeBand) string {
	if b.IsDecade() {
		return lang.X("directory.age_decade", "{{.Decade}}s", map[string]any{"Decade": b.DecadeAge()})
	}
	from, to, ok := strings.Cut(string(b), "-")
	if !ok {
		return string(b)
	}
	return lang.X("age.band", "{{.From}}–{{.To}} years", map[string]any{"From": from, "To": to})
}
