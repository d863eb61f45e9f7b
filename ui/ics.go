package ui

import (
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/app/ical"
)

// ICSFileName is the file name offered when a talk is saved: the day it
// is held, as in crosstalk-2026-11-24.ics.
func ICSFileName(k app.Talk) string { return ical.FileName(k) }

// WriteICS writes talks to w as one iCalendar object with an event for
// each talk, in Tokyo time (see crosstalk/app/ical). now is the time
// stamp of the file. Talks of the same offer are one event: only the
// newest of a reschedule chain is written. Scheduled talks carry two
// reminders, a day and an hour before; cancelled talks are written as
// cancelled (STATUS:CANCELLED), and a file of cancelled talks only is a
// cancellation (METHOD:CANCEL), so that importing it removes the event
// from the calendar. Any other file is METHOD:PUBLISH.
func WriteICS(w io.Writer, talks []app.TalkItem, now time.Time) error {
	latest := icsLatest(talks)
	method := "PUBLISH"
	if len(latest) > 0 && !slices.ContainsFunc(latest, func(k app.TalkItem) bool { return k.State != app.TalkCancelled }) {
		method = "CANCEL"
	}
	events := make([]ical.Event, len(latest))
	for i, k := range latest {
		events[i] = talkEvent(k)
	}
	return ical.Write(w, "-//CrossTalk//CrossTalk Desktop//JA", method, events, now)
}

// icsLatest keeps, for each offer, the talk that no other talk of the
// list replaces (the newest of a reschedule chain), in order of start.
func icsLatest(talks []app.TalkItem) []app.TalkItem {
	replaced := map[string]bool{}
	for _, k := range talks {
		if k.Replaces != "" {
			replaced[k.Replaces] = true
		}
	}
	byUID := map[string]app.TalkItem{}
	var order []string
	for _, k := range talks {
		uid := ical.UID(k.Talk)
		prev, seen := byUID[uid]
		switch {
		case !seen:
			order = append(order, uid)
			byUID[uid] = k
		case replaced[prev.ID] && !replaced[k.ID],
			replaced[prev.ID] == replaced[k.ID] && k.UpdatedAt.After(prev.UpdatedAt):
			byUID[uid] = k
		}
	}
	out := make([]app.TalkItem, 0, len(order))
	for _, uid := range order {
		out = append(out, byUID[uid])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// talkEvent is a talk's event, in the app's language.
func talkEvent(k app.TalkItem) ical.Event {
	location := strings.TrimSpace(k.Place)
	if location == "" {
		location = ModeName(k.Mode)
	}
	e := ical.Event{
		Talk: k.Talk,
		Summary: lang.X("ics.summary", "CrossTalk: {{.Name}} ({{.Company}})",
			map[string]any{"Name": k.OtherName, "Company": k.OtherCompany}),
		Location:    location,
		Description: icsDescription(k),
	}
	if k.State == app.TalkScheduled {
		e.Alarms = []ical.Alarm{
			{Trigger: "-P1D", Text: lang.X("reminder.day_before", "Your cross talk is tomorrow")},
			{Trigger: "-PT1H", Text: lang.X("reminder.hour_before", "Your cross talk starts in an hour")},
		}
	}
	return e
}

// icsDescription is the event's notes: who, how and where, and where to
// change it.
func icsDescription(k app.TalkItem) string {
	lines := []string{
		lang.X("ics.with", "With: {{.Name}} ({{.Company}})", map[string]any{"Name": k.OtherName, "Company": k.OtherCompany}),
		lang.X("ics.mode", "How: {{.Mode}}", map[string]any{"Mode": ModeName(k.Mode)}),
	}
	if p := strings.TrimSpace(k.Place); p != "" {
		lines = append(lines, lang.X("ics.place", "Place or link: {{.Place}}", map[string]any{"Place": p}))
	}
	lines = append(lines, "", lang.X("ics.note", "Saved from the CrossTalk app. To change or cancel this talk, please use the app."))
	return strings.Join(lines, "\n")
}
