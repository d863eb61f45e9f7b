package ui

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
)

// A talk is added to the user's own calendar (Outlook, Google Calendar,
// Apple Calendar) as an iCalendar file, RFC 5545. Each talk keeps one UID
// for its whole life, made from its offer: a talk moved by an agreed
// change of time keeps its id, and one that older apps moved got a new
// talk id (Replaces) but kept the offer, so importing the new file moves
// the event already in the calendar instead of adding a second one.

// icsDomain is the right-hand side of every UID.
const icsDomain = "crosstalk.jp"

// icsMaxLine is the longest content line RFC 5545 allows, in octets,
// without the CRLF.
const icsMaxLine = 75

// icsSequenceEpoch is where SEQUENCE counts from. SEQUENCE is the number
// of seconds from this epoch to the talk's last change, so that it grows
// with every change (an agreed change of time, a cancellation) and stays
// well within the 32-bit integers calendar programs keep it in. It is not
// app.Talk.Sequence (the count of those changes): files exported before
// that count existed carry the seconds, and a calendar ignores an update
// whose SEQUENCE is lower than the one it has. Every change that
// increments Sequence also moves UpdatedAt forward, so the seconds grow
// with it.
var icsSequenceEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// icsTimeZone describes Asia/Tokyo, which has had no daylight saving time
// since 1951.
var icsTimeZone = []string{
	"BEGIN:VTIMEZONE",
	"TZID:Asia/Tokyo",
	"BEGIN:STANDARD",
	"DTSTART:19700101T000000",
	"TZOFFSETFROM:+0900",
	"TZOFFSETTO:+0900",
	"TZNAME:JST",
	"END:STANDARD",
	"END:VTIMEZONE",
}

// ICSFileName is the file name offered when a talk is saved: the day it
// is held, as in crosstalk-2026-11-24.ics.
func ICSFileName(k app.Talk) string {
	return "crosstalk-" + k.Start.In(app.Tokyo).Format("2006-01-02") + ".ics"
}

// WriteICS writes talks to w as one iCalendar object with an event for
// each talk, in Tokyo time. now is the time stamp of the file. Talks of
// the same offer are one event: only the newest of a reschedule chain is
// written. Scheduled talks carry two reminders, a day and an hour before;
// cancelled talks are written as cancelled (STATUS:CANCELLED), and a file
// of cancelled talks only is a cancellation (METHOD:CANCEL), so that
// importing it removes the event from the calendar. Any other file is
// METHOD:PUBLISH.
func WriteICS(w io.Writer, talks []app.TalkItem, now time.Time) error {
	latest := icsLatest(talks)
	method := "PUBLISH"
	if len(latest) > 0 && !slices.ContainsFunc(latest, func(k app.TalkItem) bool { return k.State != app.TalkCancelled }) {
		method = "CANCEL"
	}
	var b icsBuilder
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:-//CrossTalk//CrossTalk Desktop//JA")
	b.line("CALSCALE:GREGORIAN")
	b.line("METHOD:" + method)
	for _, l := range icsTimeZone {
		b.line(l)
	}
	stamp := icsUTC(now)
	for _, k := range latest {
		b.event(k, stamp)
	}
	b.line("END:VCALENDAR")
	if _, err := w.Write(b.buf.Bytes()); err != nil {
		return fmt.Errorf("write calendar file: %w", err)
	}
	return nil
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
		uid := icsUID(k.Talk)
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

// icsUID is the stable identifier of a talk's event: its offer's.
func icsUID(k app.Talk) string {
	id := k.OfferID
	if id == "" {
		id = k.ID
	}
	return id + "@" + icsDomain
}

// icsSequence is the revision of a talk's event.
func icsSequence(k app.Talk) int64 {
	return max(0, int64(k.UpdatedAt.Sub(icsSequenceEpoch)/time.Second))
}

func icsUTC(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

func icsLocal(t time.Time) string { return t.In(app.Tokyo).Format("20060102T150405") }

// icsLink returns the place as a URL when it is a web link.
func icsLink(place string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(place))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return u.String(), true
}

// icsBuilder collects folded content lines.
type icsBuilder struct {
	buf bytes.Buffer
}

func (b *icsBuilder) event(k app.TalkItem, stamp string) {
	b.line("BEGIN:VEVENT")
	b.line("UID:" + icsUID(k.Talk))
	b.line("DTSTAMP:" + stamp)
	b.line("DTSTART;TZID=Asia/Tokyo:" + icsLocal(k.Start))
	b.line("DTEND;TZID=Asia/Tokyo:" + icsLocal(k.End))
	b.line("SEQUENCE:" + strconv.FormatInt(icsSequence(k.Talk), 10))
	if !k.UpdatedAt.IsZero() {
		b.line("LAST-MODIFIED:" + icsUTC(k.UpdatedAt))
	}
	status := "CONFIRMED"
	if k.State == app.TalkCancelled || k.State == app.TalkNoShow {
		status = "CANCELLED"
	}
	b.line("STATUS:" + status)
	b.line("SUMMARY:" + icsText(lang.X("ics.summary", "CrossTalk: {{.Name}} ({{.Company}})",
		map[string]any{"Name": k.OtherName, "Company": k.OtherCompany})))
	location := strings.TrimSpace(k.Place)
	if location == "" {
		location = ModeName(k.Mode)
	}
	b.line("LOCATION:" + icsText(location))
	if link, ok := icsLink(k.Place); ok {
		b.line("URL:" + link)
	}
	b.line("DESCRIPTION:" + icsText(icsDescription(k)))
	b.line("TRANSP:OPAQUE")
	if k.State == app.TalkScheduled {
		b.alarm("-P1D", lang.X("reminder.day_before", "Your cross talk is tomorrow"))
		b.alarm("-PT1H", lang.X("reminder.hour_before", "Your cross talk starts in an hour"))
	}
	b.line("END:VEVENT")
}

func (b *icsBuilder) alarm(trigger, text string) {
	b.line("BEGIN:VALARM")
	b.line("ACTION:DISPLAY")
	b.line("DESCRIPTION:" + icsText(text))
	b.line("TRIGGER:" + trigger)
	b.line("END:VALARM")
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

// line writes one content line, folded so that no line is longer than
// icsMaxLine octets and no UTF-8 character is split, ended by CRLF.
func (b *icsBuilder) line(s string) {
	limit := icsMaxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.buf.WriteString(s[:cut])
		b.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = icsMaxLine - 1 // the leading space counts
	}
	b.buf.WriteString(s)
	b.buf.WriteString("\r\n")
}

// icsText escapes a TEXT value: backslash, semicolon and comma are
// escaped, line breaks become \n, and other control characters, which
// RFC 5545 does not allow, are dropped.
func icsText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
