package app

import "strings"

// Usual free times (話しやすい時間帯) are a free text today, such as
// 「火曜・木曜の午後」 or 「平日の夕方」. For the suggestions' reason
// 話しやすい時間帯が重なる, FreeTimeSlots reads such a text into the
// weekdays and parts of the day it names: a text that names no day means
// every weekday (Monday to Friday), one that names no part of the day
// means all three. A text it cannot read at all (empty) names nothing, and
// overlaps nothing.

// FreeTimeSet is a set of (weekday, part of the day): bit day*3+part, day
// 0 Monday … 6 Sunday, part 0 morning, 1 afternoon, 2 evening.
type FreeTimeSet uint32

// Overlaps reports whether the two sets share a moment.
func (s FreeTimeSet) Overlaps(o FreeTimeSet) bool { return s&o != 0 }

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

// FreeTimeSlots reads a free-time text (see above).
func FreeTimeSlots(text string) FreeTimeSet {
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
	var s FreeTimeSet
	for _, d := range days {
		for _, p := range parts {
			s |= 1 << (d*3 + p)
		}
	}
	return s
}
