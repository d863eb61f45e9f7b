package app

import "strings"

// Usual free times are a weekly pattern (FreeWeek) a person sets, beside
// the free text of before (話しやすい時間帯), such as 「火曜・木曜の午後」 or
// 「平日の夕方」, which people who have set no pattern yet still have. For
// the suggestions' reason 話しやすい時間帯が重なる, FreeTimeSlots reads such
// a text into the weekdays and parts of the day it names: a text that names
// no day means every weekday (Monday to Friday), one that names no part of
// the day means all three. A text it cannot read at all (empty) names
// nothing, and overlaps nothing.

// UsualFreeWeek is a person's free times for the suggestions: their
// pattern, or else what their free text names.
func UsualFreeWeek(pattern FreeWeek, text string) FreeWeek {
	if !pattern.Empty() {
		return pattern
	}
	return FreeTimeSlots(text)
}

// Overlaps reports whether the two patterns share a moment.
func (w FreeWeek) Overlaps(o FreeWeek) bool { return w&o != 0 }

var freeDays = []struct {
	word string
	days []int
}{
	{"平日", []int{0, 1, 2, 3, 4}},
	{"週末", []int{5, 6}},
	{"土日", []int{5, 6}},
	{"月", []int{0}}, {"火", []int{1}}, {"水", []int{2}}, {"木", []int{3}},
	{"金", []int{4}}, {"土", []int{5}}, {"日曜", []int{6}},
}

var freeParts = []struct {
	word  string
	parts []int
}{
	{"午前", []int{0}}, {"朝", []int{0}},
	{"昼", []int{1}}, {"午後", []int{1}},
	{"夕方", []int{2}}, {"夜", []int{2}},
	{"10時〜16時", []int{0, 1}},
	{"15時以降", []int{1, 2}},
}

// FreeTimeSlots reads a free-time text (see above) as a weekly pattern.
func FreeTimeSlots(text string) FreeWeek {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0
	}
	var days, parts []int
	rest := text
	for _, d := range freeDays {
		if strings.Contains(rest, d.word) {
			days = append(days, d.days...)
			rest = strings.ReplaceAll(rest, d.word, " ")
		}
	}
	for _, p := range freeParts {
		if strings.Contains(text, p.word) {
			parts = append(parts, p.parts...)
		}
	}
	if len(days) == 0 {
		days = []int{0, 1, 2, 3, 4}
	}
	if len(parts) == 0 {
		parts = []int{0, 1, 2}
	}
	var w FreeWeek
	for _, d := range days {
		for _, p := range parts {
			w = w.With(WeekOrder[d], DayPart(p), true)
		}
	}
	return w
}
