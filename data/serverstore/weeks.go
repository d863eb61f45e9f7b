package serverstore

import (
	"time"

	"crosstalk/app"
)

// maxWeeks bounds the weekly trend of a dashboard.
const maxWeeks = 260

// weekly counts by week, weeks starting on Sunday, Tokyo time.
type weekly struct {
	weeks map[time.Time]*app.WeekFigures
	from  time.Time // the first week to list, zero when none
	to    time.Time // the last
}

// WeekStart is the Sunday, 00:00 Tokyo time, that begins the week of t.
func WeekStart(t time.Time) time.Time {
	d := app.StartOfDay(t)
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// newWeekly lists every week from the cohort's first to the one of now,
// or of its last day when it has ended; weeks with activity outside that
// are listed too.
func newWeekly(c app.Cohort, now time.Time) *weekly {
	w := &weekly{weeks: map[time.Time]*app.WeekFigures{}}
	last := c.Ends().Add(-time.Millisecond)
	if now.Before(last) {
		last = now
	}
	if !last.Before(c.Begins()) {
		w.from, w.to = WeekStart(c.Begins()), WeekStart(last)
	}
	return w
}

func (w *weekly) at(t time.Time) *app.WeekFigures {
	s := WeekStart(t)
	f := w.weeks[s]
	if f == nil {
		f = &app.WeekFigures{Start: s}
		w.weeks[s] = f
	}
	return f
}

// list returns the weeks in order, the empty ones in the range included,
// at most maxWeeks (the latest).
func (w *weekly) list() []app.WeekFigures {
	from, to := w.from, w.to
	for s := range w.weeks {
		if from.IsZero() || s.Before(from) {
			from = s
		}
		if to.IsZero() || s.After(to) {
			to = s
		}
	}
	out := []app.WeekFigures{}
	if from.IsZero() {
		return out
	}
	for s := from; !s.After(to); s = s.AddDate(0, 0, 7) {
		if f := w.weeks[s]; f != nil {
			out = append(out, *f)
		} else {
			out = append(out, app.WeekFigures{Start: s})
		}
	}
	if len(out) > maxWeeks {
		out = out[len(out)-maxWeeks:]
	}
	return out
}
