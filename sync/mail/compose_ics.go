package mail

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// The reminder the day before a talk carries the talk as an iCalendar
// file (RFC 5545), written as the app writes it (ui/ics.go): the same UID
// (the offer's) and SEQUENCE (seconds since icsSequenceEpoch to the
// talk's last change), so that opening the file updates the event the
// app may have saved already rather than adding a second one.

const (
	icsDomain  = "crosstalk.jp"
	icsMaxLine = 75
)

var icsSequenceEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

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

// icsFileName is the attachment's name: crosstalk-2026-11-24.ics.
func icsFileName(t app.Talk) string {
	return "crosstalk-" + t.Start.In(app.Tokyo).Format("2006-01-02") + ".ics"
}

// talkICS is talk t, with other, as an iCalendar file stamped now, in
// lang, with two alarms: a day and an hour before.
func talkICS(lang string, t app.Talk, other serverstore.MailPerson, now time.Time) []byte {
	var b icsBuilder
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:-//CrossTalk//CrossTalk Server//JA")
	b.line("CALSCALE:GREGORIAN")
	b.line("METHOD:PUBLISH")
	for _, l := range icsTimeZone {
		b.line(l)
	}
	id := t.OfferID
	if id == "" {
		id = t.ID
	}
	b.line("BEGIN:VEVENT")
	b.line("UID:" + id + "@" + icsDomain)
	b.line("DTSTAMP:" + icsUTC(now))
	b.line("DTSTART;TZID=Asia/Tokyo:" + icsLocal(t.Start))
	b.line("DTEND;TZID=Asia/Tokyo:" + icsLocal(t.End))
	b.line("SEQUENCE:" + strconv.FormatInt(max(0, int64(t.UpdatedAt.Sub(icsSequenceEpoch)/time.Second)), 10))
	if !t.UpdatedAt.IsZero() {
		b.line("LAST-MODIFIED:" + icsUTC(t.UpdatedAt))
	}
	b.line("STATUS:CONFIRMED")
	b.line("SUMMARY:" + icsText(pick(lang, [2]string{
		"クロストーク: " + other.Name + "さん (" + other.CompanyName + ")",
		"CrossTalk: " + other.Name + " (" + other.CompanyName + ")"})))
	location := strings.TrimSpace(t.Place)
	if location == "" {
		location = modeName(lang, t.Mode)
	}
	b.line("LOCATION:" + icsText(location))
	if link, ok := icsLink(t.Place); ok {
		b.line("URL:" + link)
	}
	desc := []string{
		label(lang, wordWith, person(lang, other)),
		label(lang, wordHow, modeName(lang, t.Mode)),
	}
	if p := strings.TrimSpace(t.Place); p != "" {
		desc = append(desc, label(lang, wordPlace, p))
	}
	desc = append(desc, "", pick(lang, [2]string{
		"CrossTalk からのお知らせに添付した予定です。変更や中止は、アプリで行ってください。",
		"Sent with a reminder from CrossTalk. To change or cancel this talk, please use the app."}))
	b.line("DESCRIPTION:" + icsText(strings.Join(desc, "\n")))
	b.line("TRANSP:OPAQUE")
	b.alarm("-P1D", pick(lang, [2]string{"明日はクロストークの日です", "Your cross talk is tomorrow"}))
	b.alarm("-PT1H", pick(lang, [2]string{"1時間後にクロストークがあります", "Your cross talk starts in an hour"}))
	b.line("END:VEVENT")
	b.line("END:VCALENDAR")
	return b.buf.Bytes()
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

func (b *icsBuilder) alarm(trigger, text string) {
	b.line("BEGIN:VALARM")
	b.line("ACTION:DISPLAY")
	b.line("DESCRIPTION:" + icsText(text))
	b.line("TRIGGER:" + trigger)
	b.line("END:VALARM")
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
