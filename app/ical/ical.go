// Package ical writes talks as iCalendar files (RFC 5545), for the
// user's own calendar (Outlook, Google Calendar, Apple Calendar): the
// app's 「カレンダーに追加」 and the server's reminder mail write the same
// events. Each talk keeps one UID for its whole life, made from its
// offer: a talk moved by an agreed change of time keeps its id, and one
// that older apps moved got a new talk id (Replaces) but kept the offer,
// so importing a newer file moves the event already in the calendar
// instead of adding a second one.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"crosstalk/app"
)

// domain is the right-hand side of every UID.
const domain = "crosstalk.jp"

// MaxLine is the longest content line RFC 5545 allows, in octets, without
// the CRLF.
const MaxLine = 75

// sequenceEpoch is where SEQUENCE counts from. SEQUENCE is the number of
// seconds from this epoch to the talk's last change, so that it grows
// with every change (an agreed change of time, a cancellation) and stays
// well within the 32-bit integers calendar programs keep it in. It is not
// app.Talk.Sequence (the count of those changes): files exported before
// that count existed carry the seconds, and a calendar ignores an update
// whose SEQUENCE is lower than the one it has. Every change that
// increments Sequence also moves UpdatedAt forward, so the seconds grow
// with it.
var sequenceEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// timeZone describes Asia/Tokyo, which has had no daylight saving time
// since 1951.
var timeZone = []string{
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

// Event is a talk as an event of a calendar file, with its texts in the
// reader's language.
type Event struct {
	Talk        app.Talk
	Summary     string
	Location    string
	Description string
	Alarms      []Alarm
}

// Alarm is a reminder of an event: Trigger is a duration before its
// start, such as "-P1D" or "-PT1H".
type Alarm struct {
	Trigger string
	Text    string
}

// Write writes events to w as one iCalendar object, in Tokyo time, made
// by product (the PRODID, such as "-//CrossTalk//CrossTalk Desktop//JA"),
// with method ("PUBLISH", or "CANCEL" for a file that cancels its
// events), stamped now. A cancelled talk, or one the other person did not
// come to, is STATUS:CANCELLED.
func Write(w io.Writer, product, method string, events []Event, now time.Time) error {
	var b builder
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:" + product)
	b.line("CALSCALE:GREGORIAN")
	b.line("METHOD:" + method)
	for _, l := range timeZone {
		b.line(l)
	}
	stamp := utc(now)
	for _, e := range events {
		b.event(e, stamp)
	}
	b.line("END:VCALENDAR")
	if _, err := w.Write(b.buf.Bytes()); err != nil {
		return fmt.Errorf("write calendar file: %w", err)
	}
	return nil
}

// FileName is the file name of a talk's calendar file: the day it is
// held, as in crosstalk-2026-11-24.ics.
func FileName(k app.Talk) string {
	return "crosstalk-" + k.Start.In(app.Tokyo).Format("2006-01-02") + ".ics"
}

// UID is the stable identifier of a talk's event: its offer's.
func UID(k app.Talk) string {
	id := k.OfferID
	if id == "" {
		id = k.ID
	}
	return id + "@" + domain
}

// Link returns the place as a URL when it is a web link.
func Link(place string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(place))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return u.String(), true
}

func sequence(k app.Talk) int64 {
	return max(0, int64(k.UpdatedAt.Sub(sequenceEpoch)/time.Second))
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

func local(t time.Time) string { return t.In(app.Tokyo).Format("20060102T150405") }

// builder collects folded content lines.
type builder struct {
	buf bytes.Buffer
}

func (b *builder) event(e Event, stamp string) {
	k := e.Talk
	b.line("BEGIN:VEVENT")
	b.line("UID:" + UID(k))
	b.line("DTSTAMP:" + stamp)
	b.line("DTSTART;TZID=Asia/Tokyo:" + local(k.Start))
	b.line("DTEND;TZID=Asia/Tokyo:" + local(k.End))
	b.line("SEQUENCE:" + strconv.FormatInt(sequence(k), 10))
	if !k.UpdatedAt.IsZero() {
		b.line("LAST-MODIFIED:" + utc(k.UpdatedAt))
	}
	status := "CONFIRMED"
	if k.State == app.TalkCancelled || k.State == app.TalkNoShow {
		status = "CANCELLED"
	}
	b.line("STATUS:" + status)
	b.line("SUMMARY:" + Text(e.Summary))
	b.line("LOCATION:" + Text(e.Location))
	if link, ok := Link(k.Place); ok {
		b.line("URL:" + link)
	}
	b.line("DESCRIPTION:" + Text(e.Description))
	b.line("TRANSP:OPAQUE")
	for _, a := range e.Alarms {
		b.line("BEGIN:VALARM")
		b.line("ACTION:DISPLAY")
		b.line("DESCRIPTION:" + Text(a.Text))
		b.line("TRIGGER:" + a.Trigger)
		b.line("END:VALARM")
	}
	b.line("END:VEVENT")
}

// line writes one content line, folded so that no line is longer than
// MaxLine octets and no UTF-8 character is split, ended by CRLF.
func (b *builder) line(s string) {
	limit := MaxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.buf.WriteString(s[:cut])
		b.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = MaxLine - 1 // the leading space counts
	}
	b.buf.WriteString(s)
	b.buf.WriteString("\r\n")
}

// Text escapes a TEXT value: backslash, semicolon and comma are escaped,
// line breaks become \n, and other control characters, which RFC 5545
// does not allow, are dropped.
func Text(s string) string {
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
