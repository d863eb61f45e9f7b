package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// week builds a pattern from "mon-afternoon"-style names.
func week(t *testing.T, names ...string) FreeWeek {
	t.Helper()
	var w FreeWeek
	b, _ := json.Marshal(names)
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	return w
}

func tokyo(month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, Tokyo)
}

func TestFreeWeekJSON(t *testing.T) {
	w := FreeWeek(0).With(time.Saturday, Morning, true).With(time.Monday, Evening, true).With(time.Sunday, Afternoon, true)
	b, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `["mon-evening","sat-morning","sun-afternoon"]`; got != want {
		t.Errorf("marshal: %s, want %s (the order of the week)", got, want)
	}
	var back FreeWeek
	if err := json.Unmarshal(b, &back); err != nil || back != w {
		t.Errorf("round trip: %v %b, want %b", err, back, w)
	}
	if !w.Has(time.Sunday, Afternoon) || w.Has(time.Sunday, Morning) || w.With(time.Sunday, Afternoon, false).Has(time.Sunday, Afternoon) {
		t.Errorf("Has/With: %b", w)
	}
	if got := fmt.Sprint(w.Days(Morning)); got != "[Saturday]" {
		t.Errorf("Days(Morning) = %s", got)
	}
	if string(must(json.Marshal(FreeWeek(0)))) != `[]` {
		t.Errorf("an empty pattern is not []")
	}
	for _, bad := range []string{`["mon-night"]`, `["mon-morning","mon-morning"]`, `"mon-morning"`, `[1]`, `{"mon":1}`} {
		var x FreeWeek
		if err := json.Unmarshal([]byte(bad), &x); err == nil {
			t.Errorf("%s decoded as %b", bad, x)
		}
	}
	if FreeWeek(1<<21).Valid() || !freeWeekAll.Valid() {
		t.Errorf("Valid: bits beyond the week are not a pattern")
	}
}

// A row of before the pattern, without freeWeek, decodes with no
// pattern; a row with one decodes it.
func TestParticipantRowFreeWeek(t *testing.T) {
	var old Participant
	if err := json.Unmarshal([]byte(`{"id":"p1","name":"山田","freeTimes":"平日の夕方","visible":true}`), &old); err != nil {
		t.Fatal(err)
	}
	if !old.FreeWeek.Empty() || old.FreeTimes != "平日の夕方" {
		t.Errorf("old row: %+v", old)
	}
	var p Participant
	if err := json.Unmarshal([]byte(`{"id":"p2","freeWeek":["tue-afternoon","thu-afternoon"]}`), &p); err != nil {
		t.Fatal(err)
	}
	if want := week(t, "tue-afternoon", "thu-afternoon"); p.FreeWeek != want {
		t.Errorf("row: %b, want %b", p.FreeWeek, want)
	}
}

// profile.update.v1 takes a pattern or none (nil keeps the one saved:
// devices of before send none), and refuses bits that are no time.
func TestUpdateProfileArgsFreeWeek(t *testing.T) {
	base := UpdateProfileArgs{Name: "山田 太郎", Kana: "やまだ たろう", AgeBand: "50-54", Modes: []Mode{ModeOnline}}
	if err := base.validate(); err != nil {
		t.Fatalf("without a pattern: %v", err)
	}
	ok := week(t, "mon-morning", "sun-evening")
	base.FreeWeek = &ok
	if err := base.validate(); err != nil {
		t.Errorf("a pattern: %v", err)
	}
	bad := FreeWeek(1 << 25)
	base.FreeWeek = &bad
	if err := base.validate(); CodeOf(err) != CodeBadArgs {
		t.Errorf("bits beyond the week: %v, want bad_args", err)
	}
	var a UpdateProfileArgs
	if err := DecodeArgs([]byte(`{"name":"x","freeWeek":["mon-noon"]}`), &a); CodeOf(err) != CodeBadArgs {
		t.Errorf("an unknown time in the arguments: %v, want bad_args", err)
	}
	var old UpdateProfileArgs
	if err := DecodeArgs([]byte(`{"name":"x"}`), &old); err != nil || old.FreeWeek != nil {
		t.Errorf("arguments of before: %v %v, want no pattern (keep)", err, old.FreeWeek)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// show writes candidates as "12/08(Tue) 14:00-15:00" lines, Tokyo time,
// busy ones as "12/09(Wed) afternoon busy".
func show(cs []FreeCandidate) string {
	var lines []string
	for _, c := range cs {
		s := c.Slot.Start.In(Tokyo)
		if c.Busy {
			lines = append(lines, s.Format("01/02(Mon) ")+partNames[c.Part]+" busy")
			continue
		}
		lines = append(lines, s.Format("01/02(Mon) 15:04-")+c.Slot.End.In(Tokyo).Format("15:04"))
	}
	return strings.Join(lines, "\n")
}

// The proposal against both calendars. Mine: Monday to Wednesday
// afternoons and Saturday mornings; theirs: Tuesday afternoons and
// evenings, Wednesday afternoons, Saturday mornings and afternoons. Both:
// Tuesday and Wednesday afternoons, Saturday mornings. 7 December 2026 is
// a Monday.
func TestProposeTimes(t *testing.T) {
	mine := week(t, "mon-afternoon", "tue-afternoon", "wed-afternoon", "sat-morning")
	theirs := week(t, "tue-afternoon", "tue-evening", "wed-afternoon", "sat-morning", "sat-afternoon")
	hour := time.Hour
	busy := []Slot{
		{Start: tokyo(12, 8, 13, 0), End: tokyo(12, 8, 14, 0)},     // Tuesday: 13:00 taken, 14:00 free
		{Start: tokyo(12, 9, 12, 0), End: tokyo(12, 9, 17, 0)},     // Wednesday: the whole afternoon
		{Start: tokyo(12, 12, 8, 0), End: tokyo(12, 12, 9, 0)},     // Saturday: ends as the morning starts
		{Start: tokyo(12, 16, 13, 30), End: tokyo(12, 16, 16, 30)}, // Wednesday after: only 16:30 would fit, no hour
	}
	q := FreeTimeQuery{Mine: mine, Theirs: theirs, Busy: busy, Length: hour, N: 4,
		After: tokyo(12, 8, 0, 0), Until: Date(2027, 1, 1)}
	for _, tc := range []struct {
		name string
		edit func(*FreeTimeQuery)
		want string
	}{
		{"both calendars", func(*FreeTimeQuery) {}, `12/08(Tue) 14:00-15:00
12/09(Wed) afternoon busy
12/12(Sat) 09:00-10:00
12/15(Tue) 13:00-14:00
12/16(Wed) afternoon busy
12/19(Sat) 09:00-10:00`},
		{"a talk of 90 minutes", func(q *FreeTimeQuery) { q.Length = 90 * time.Minute; q.N = 2 }, `12/08(Tue) 14:00-15:30
12/09(Wed) afternoon busy
12/12(Sat) 09:00-10:30`},
		{"the programme ends on the 14th", func(q *FreeTimeQuery) { q.Until = Date(2026, 12, 15) }, `12/08(Tue) 14:00-15:00
12/09(Wed) afternoon busy
12/12(Sat) 09:00-10:00`},
		// After 14:20 on Tuesday the next half hour is 14:30.
		{"from within a part", func(q *FreeTimeQuery) { q.After = tokyo(12, 8, 14, 20); q.N = 1 }, `12/08(Tue) 14:30-15:30`},
		// The programme ends at 9:30 on Saturday: no hour fits, and nothing
		// busy: no candidate, and no 「予定あり」.
		{"the end cuts a part", func(q *FreeTimeQuery) {
			q.After, q.Until, q.N = tokyo(12, 12, 0, 0), tokyo(12, 12, 9, 30), 3
		}, ``},
		{"no part in common", func(q *FreeTimeQuery) { q.Theirs = week(t, "mon-evening", "sun-morning") }, ``},
		{"no pattern of theirs", func(q *FreeTimeQuery) { q.Theirs = 0 }, ``},
		{"a talk longer than any part", func(q *FreeTimeQuery) { q.Length = 5 * hour }, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := q
			tc.edit(&q)
			if got := show(ProposeTimes(q)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// Days and weekdays are Tokyo's, whatever the zone of the times given.
// 15:30 UTC on Tuesday 8 December is 00:30 on Wednesday the 9th in Tokyo:
// from the next day on is Thursday, and Saturday's morning at 9:00 in
// Tokyo is Saturday 00:00 UTC.
func TestProposeTimesTokyoDays(t *testing.T) {
	now := time.Date(2026, 12, 8, 15, 30, 0, 0, time.UTC)
	q := FreeTimeQuery{
		Mine:   week(t, "wed-morning", "thu-evening", "sat-morning"),
		Theirs: week(t, "wed-morning", "thu-evening", "sat-morning"),
		After:  StartOfDay(now).AddDate(0, 0, 1), Until: Date(2026, 12, 13), Length: time.Hour, N: 5,
	}
	got := ProposeTimes(q)
	if s := show(got); s != "12/10(Thu) 17:00-18:00\n12/12(Sat) 09:00-10:00" {
		t.Fatalf("got\n%s", s)
	}
	if u := got[1].Slot.Start.UTC(); u != time.Date(2026, 12, 12, 0, 0, 0, 0, time.UTC) {
		t.Errorf("Saturday 9:00 in Tokyo is %s UTC", u)
	}
	// Busy times given in UTC block the same moments.
	q.Busy = []Slot{{Start: time.Date(2026, 12, 10, 8, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 10, 11, 0, 0, 0, time.UTC)}}
	if s := show(ProposeTimes(q)); s != "12/10(Thu) evening busy\n12/12(Sat) 09:00-10:00" {
		t.Errorf("with Thursday's 17:00-20:00 taken:\n%s", s)
	}
}

// No time is proposed in the year-end holidays, December 29 to January 3,
// even when both are free every morning.
func TestProposeTimesSkipYearEnd(t *testing.T) {
	every := week(t, "mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning", "sat-morning", "sun-morning")
	q := FreeTimeQuery{Mine: every, Theirs: every, Length: time.Hour, N: 3,
		After: Date(2026, 12, 28), Until: Date(2027, 1, 31)}
	if s := show(ProposeTimes(q)); s != "12/28(Mon) 09:00-10:00\n01/04(Mon) 09:00-10:00\n01/05(Tue) 09:00-10:00" {
		t.Errorf("got\n%s", s)
	}
	for _, c := range []struct {
		day  time.Time
		want bool
	}{{Date(2026, 12, 28), false}, {Date(2026, 12, 29), true}, {Date(2026, 12, 31), true}, {Date(2027, 1, 3), true}, {Date(2027, 1, 4), false}} {
		if got := YearEndHoliday(c.day); got != c.want {
			t.Errorf("%s: %v", c.day.Format("01/02"), got)
		}
	}
}
