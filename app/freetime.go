package app

import (
	"encoding/json"
	"fmt"
	"time"
)

// A person's usual free times (話しやすい時間帯, issue 19) are a weekly
// pattern: for each weekday, the parts of the day (morning, afternoon,
// evening) that suit them, in Tokyo time. The free text of before
// (Participant.FreeTimes) stays beside it as a note.
//
// The offer dialog proposes times where both people's patterns meet
// (ProposeTimes). A replica holds the user's own talks and no one
// else's; the other person's busy times come from the server on demand
// (POST /v1/busy, sync/wire's BusyRequest), only while online, and only
// as merged intervals rounded out to parts of the day: no talk, no
// counterpart, no mode or place. The dialog shows a part of a day that
// either person's busy time takes only as 「予定あり」. Offline, the
// proposal knows the user's own calendar only; a time that clashes with
// the other person's talk is then told of when they answer
// (ui/offer_clash.go warns them against their own calendar).

// BusyRange is the longest period one may ask the server about another
// person's busy times at once (8 weeks); the offer dialog proposes
// candidates within it from its first day.
const BusyRange = 8 * 7 * 24 * time.Hour

// DayPart is a part of the day in a weekly pattern.
type DayPart int

// The parts of the day, in order.
const (
	Morning DayPart = iota
	Afternoon
	Evening
)

// DayParts lists the parts of the day in order.
var DayParts = []DayPart{Morning, Afternoon, Evening}

// partHours are the parts' windows, [start, end) in hours of the day in
// Tokyo. A talk proposed in a part starts and ends inside its window; the
// windows hold the slot picker's start times (09:00 to 19:00).
var partHours = [...][2]int{Morning: {9, 12}, Afternoon: {13, 17}, Evening: {17, 20}}

// Hours are the part's window, from and to, in hours of the day in Tokyo.
func (p DayPart) Hours() (from, to int) { return partHours[p][0], partHours[p][1] }

// WeekOrder lists the weekdays as a week is shown: Monday first.
var WeekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// FreeWeek is a weekly pattern of free times: one bit per weekday and
// part of the day. The zero value is no pattern set. In JSON (rows,
// mutation arguments) it is a list of names such as "mon-afternoon", in
// the order of the week.
type FreeWeek uint32

func freeBit(d time.Weekday, p DayPart) FreeWeek { return 1 << (uint(d)*3 + uint(p)) }

// freeWeekAll has every bit a pattern may have.
const freeWeekAll = FreeWeek(1<<21 - 1)

// Has reports whether the pattern is free on weekday d in part p.
func (w FreeWeek) Has(d time.Weekday, p DayPart) bool { return w&freeBit(d, p) != 0 }

// With is w with weekday d's part p set or cleared.
func (w FreeWeek) With(d time.Weekday, p DayPart, on bool) FreeWeek {
	if on {
		return w | freeBit(d, p)
	}
	return w &^ freeBit(d, p)
}

// Empty reports whether no time is set.
func (w FreeWeek) Empty() bool { return w == 0 }

// Valid reports whether w has only weekdays and parts of the day.
func (w FreeWeek) Valid() bool { return w&^freeWeekAll == 0 }

// Days lists the weekdays, in WeekOrder, on which part p is free.
func (w FreeWeek) Days(p DayPart) []time.Weekday {
	var out []time.Weekday
	for _, d := range WeekOrder {
		if w.Has(d, p) {
			out = append(out, d)
		}
	}
	return out
}

var dayNames = [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
var partNames = [...]string{"morning", "afternoon", "evening"}

func freeName(d time.Weekday, p DayPart) string { return dayNames[d] + "-" + partNames[p] }

// MarshalJSON writes w as a list of names, in the order of the week.
func (w FreeWeek) MarshalJSON() ([]byte, error) {
	names := []string{}
	for _, d := range WeekOrder {
		for _, p := range DayParts {
			if w.Has(d, p) {
				names = append(names, freeName(d, p))
			}
		}
	}
	return json.Marshal(names)
}

// UnmarshalJSON reads a list of names. An unknown name, or one twice, is
// an error. null is no pattern.
func (w *FreeWeek) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return fmt.Errorf("free week: %w", err)
	}
	var out FreeWeek
next:
	for _, n := range names {
		for d := range dayNames {
			for p := range partNames {
				if n == freeName(time.Weekday(d), DayPart(p)) {
					bit := freeBit(time.Weekday(d), DayPart(p))
					if out&bit != 0 {
						return fmt.Errorf("free week: %q twice", n)
					}
					out |= bit
					continue next
				}
			}
		}
		return fmt.Errorf("free week: unknown time %q", n)
	}
	*w = out
	return nil
}

// FreeTimeQuery asks ProposeTimes for candidate times.
type FreeTimeQuery struct {
	Mine, Theirs FreeWeek
	// Busy are the times either person is known to be taken: on a
	// device, the user's own scheduled talks, and the other person's
	// busy times when the server gave them.
	Busy []Slot
	// Candidates start at or after After and end by Until (the end of
	// the programme's period).
	After, Until time.Time
	Length       time.Duration // the cohort's talk length
	N            int           // how many free candidates are wanted
}

// FreeCandidate is a part of a day that both patterns keep free: Slot
// is its first free time of the talk's length, or, when Busy, the whole
// window, of which a talk takes every start (shown only as 「予定あり」).
type FreeCandidate struct {
	Slot Slot
	Part DayPart
	Busy bool
}

// ProposeTimes lists, day by day from q.After and part by part, the
// parts of days that both patterns keep free, each with its first start
// on the half hour at which a talk of q.Length fits inside the part,
// starts at or after q.After, ends by q.Until and overlaps nothing busy.
// The year-end holidays (December 29 to January 3) are left out.
// A part whose every such start a busy time takes is listed as Busy. It
// stops after q.N free candidates, or at q.Until. Times are Tokyo's. The
// same query gives the same answer.
func ProposeTimes(q FreeTimeQuery) []FreeCandidate {
	both := q.Mine & q.Theirs & freeWeekAll
	if both == 0 || q.N <= 0 || q.Length <= 0 || !q.Until.After(q.After) {
		return nil
	}
	var out []FreeCandidate
	free := 0
	for day := StartOfDay(q.After); day.Before(q.Until); day = day.AddDate(0, 0, 1) {
		if YearEndHoliday(day) {
			continue
		}
		for _, p := range DayParts {
			if !both.Has(day.Weekday(), p) {
				continue
			}
			from, to := p.Hours()
			window := Slot{Start: day.Add(time.Duration(from) * time.Hour), End: day.Add(time.Duration(to) * time.Hour)}
			fits, blocked := false, false
			for s := window.Start; !s.Add(q.Length).After(window.End); s = s.Add(30 * time.Minute) {
				slot := Slot{Start: s, End: s.Add(q.Length)}
				if s.Before(q.After) || slot.End.After(q.Until) {
					continue
				}
				if overlapsAny(slot, q.Busy) {
					blocked = true
					continue
				}
				out = append(out, FreeCandidate{Slot: slot, Part: p})
				fits = true
				break
			}
			switch {
			case fits:
				if free++; free == q.N {
					return out
				}
			case blocked:
				out = append(out, FreeCandidate{Slot: window, Part: p, Busy: true})
			}
		}
	}
	return out
}

// YearEndHoliday reports whether day (Tokyo's) falls in Japan's year-end
// holidays, December 29 to January 3, when offices are closed: no talk
// is proposed then.
func YearEndHoliday(day time.Time) bool {
	_, m, d := day.In(Tokyo).Date()
	return (m == time.December && d >= 29) || (m == time.January && d <= 3)
}

func overlapsAny(s Slot, busy []Slot) bool {
	for _, b := range busy {
		if s.Overlaps(b) {
			return true
		}
	}
	return false
}
