package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// Before each scheduled talk the desktop shows two notifications: the day
// before and an hour before. They are handed to the operating system,
// which delivers them even when the app is closed, so Reminders remembers
// what it planned (in the app's preferences, across restarts) and changes
// only what a moved or cancelled talk needs.

// Scheduler queues notifications for later delivery. fyne.App is one.
//
// When a Scheduler also has a method CancelScheduledNotification(id
// string) error, as fyne.App does, Reminders cancels through it;
// otherwise through fyne.ScheduledNotification.Cancel.
type Scheduler interface {
	ScheduleNotification(n *fyne.Notification, deliverAt time.Time) (*fyne.ScheduledNotification, error)
}

// canceller is the optional cancelling side of a Scheduler.
type canceller interface {
	CancelScheduledNotification(id string) error
}

// ReminderHorizon is how far ahead PlanFrom looks for talks.
const ReminderHorizon = 120 * 24 * time.Hour

// reminderKind is one of the two reminders of a talk.
type reminderKind string

const (
	reminderDayBefore  reminderKind = "day"
	reminderHourBefore reminderKind = "hour"
)

// reminderLeads are how long before the start each reminder comes.
var reminderLeads = []struct {
	kind reminderKind
	lead time.Duration
}{
	{reminderDayBefore, 24 * time.Hour},
	{reminderHourBefore, time.Hour},
}

// reminderPrefKey is where Reminders keeps its plan in the preferences.
const reminderPrefKey = "reminders.v1"

// plannedReminder is one notification handed to the scheduler.
type plannedReminder struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
}

// plannedTalk is what was planned for one talk.
type plannedTalk struct {
	Start     time.Time                        `json:"start"`
	Reminders map[reminderKind]plannedReminder `json:"reminders"`
}

// Reminders plans the notifications before the user's talks. Its methods
// may be called from any goroutine.
type Reminders struct {
	sched Scheduler
	prefs fyne.Preferences // nil: remember only while running

	mu      sync.Mutex
	planned map[string]plannedTalk // by talk id
}

// NewReminders plans through sched. When prefs is not nil the plan is
// kept there, so that a restarted app neither repeats nor loses the
// notifications the operating system still holds.
func NewReminders(sched Scheduler, prefs fyne.Preferences) *Reminders {
	r := &Reminders{sched: sched, prefs: prefs, planned: map[string]plannedTalk{}}
	if prefs != nil {
		if s := prefs.String(reminderPrefKey); s != "" {
			if err := json.Unmarshal([]byte(s), &r.planned); err != nil {
				fyne.LogError("reminders: forget an unreadable plan", err)
				r.planned = map[string]plannedTalk{}
			}
		}
	}
	return r
}

// PlanFrom reads me's talks from now to ReminderHorizon ahead and plans
// their reminders. It reads from the disk: call it off the UI goroutine.
func (r *Reminders) PlanFrom(ctx context.Context, reader app.Reader, me string, now time.Time) error {
	talks, err := reader.TalksBetween(ctx, me, now, now.Add(ReminderHorizon))
	if err != nil {
		return fmt.Errorf("reminders: %w", err)
	}
	return r.Plan(talks, now)
}

// Plan brings the notifications in line with talks, which must hold every
// talk of the user that starts after now. Each scheduled talk gets a
// reminder a day before and an hour before, except those whose time has
// already passed at now. The reminders of a talk that moved are cancelled
// and planned again; those of a talk that was cancelled, or is no longer
// among talks, are cancelled. A talk that has not changed is left alone,
// so calling Plan again with the same talks does nothing.
func (r *Reminders) Plan(talks []app.TalkItem, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	live := map[string]bool{}
	for _, k := range talks {
		if k.State != app.TalkScheduled {
			continue
		}
		live[k.ID] = true
		p, ok := r.planned[k.ID]
		if ok && !p.Start.Equal(k.Start) {
			errs = append(errs, r.cancel(p, now)...)
			ok = false
		}
		if !ok {
			p = plannedTalk{Start: k.Start, Reminders: map[reminderKind]plannedReminder{}}
		}
		for _, l := range reminderLeads {
			at := k.Start.Add(-l.lead)
			if _, done := p.Reminders[l.kind]; done || !at.After(now) {
				continue
			}
			sn, err := r.sched.ScheduleNotification(reminderNotification(k, l.kind), at)
			if err != nil {
				errs = append(errs, fmt.Errorf("schedule reminder for talk %s: %w", k.ID, err))
				continue
			}
			p.Reminders[l.kind] = plannedReminder{ID: sn.ID(), At: at}
		}
		r.planned[k.ID] = p
	}
	for id, p := range r.planned {
		if !live[id] {
			errs = append(errs, r.cancel(p, now)...)
			delete(r.planned, id)
		}
	}
	r.save()
	return errors.Join(errs...)
}

// cancel cancels the reminders of p that are still to come at now.
func (r *Reminders) cancel(p plannedTalk, now time.Time) []error {
	var errs []error
	for _, n := range p.Reminders {
		if !n.At.After(now) {
			continue // already shown
		}
		var err error
		if c, ok := r.sched.(canceller); ok {
			err = c.CancelScheduledNotification(n.ID)
		} else {
			err = fyne.NewScheduledNotification(n.ID, nil, n.At).Cancel()
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("cancel reminder %s: %w", n.ID, err))
		}
	}
	return errs
}

// save keeps the plan in the preferences.
func (r *Reminders) save() {
	if r.prefs == nil {
		return
	}
	b, err := json.Marshal(r.planned)
	if err != nil {
		fyne.LogError("reminders: save plan", err)
		return
	}
	r.prefs.SetString(reminderPrefKey, string(b))
}

// reminderNotification is the text of one reminder of talk k.
func reminderNotification(k app.TalkItem, kind reminderKind) *fyne.Notification {
	title := lang.X("reminder.hour_before", "Your cross talk starts in an hour")
	if kind == reminderDayBefore {
		title = lang.X("reminder.day_before", "Your cross talk is tomorrow")
	}
	content := lang.X("reminder.content", "{{.When}} with {{.Name}} ({{.Company}}), {{.Mode}}",
		map[string]any{"When": widgets.FormatDateTime(k.Start), "Name": k.OtherName, "Company": k.OtherCompany, "Mode": ModeName(k.Mode)})
	return fyne.NewNotification(title, content)
}
