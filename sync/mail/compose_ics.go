package mail

import (
	"bytes"
	"strings"
	"time"

	"crosstalk/app"
	"crosstalk/app/ical"
	"crosstalk/data/serverstore"
)

// The reminder the day before a talk carries the talk as an iCalendar
// file, written as the app writes it (crosstalk/app/ical): the same UID
// (the offer's) and SEQUENCE, so that opening the file updates the event
// the app may have saved already rather than adding a second one.

// talkICS is talk t, with other, as an iCalendar file stamped now, in
// lang, with two alarms: a day and an hour before.
func talkICS(lang string, t app.Talk, other serverstore.MailPerson, now time.Time) []byte {
	location := strings.TrimSpace(t.Place)
	if location == "" {
		location = modeName(lang, t.Mode)
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
	event := ical.Event{
		Talk: t,
		Summary: pick(lang, [2]string{
			"クロストーク: " + other.Name + "さん (" + other.CompanyName + ")",
			"CrossTalk: " + other.Name + " (" + other.CompanyName + ")"}),
		Location:    location,
		Description: strings.Join(desc, "\n"),
		Alarms: []ical.Alarm{
			{Trigger: "-P1D", Text: pick(lang, [2]string{"明日はクロストークの日です", "Your cross talk is tomorrow"})},
			{Trigger: "-PT1H", Text: pick(lang, [2]string{"1時間後にクロストークがあります", "Your cross talk starts in an hour"})},
		},
	}
	var b bytes.Buffer
	ical.Write(&b, "-//CrossTalk//CrossTalk Server//JA", "PUBLISH", []ical.Event{event}, now) // a bytes.Buffer takes every write
	return b.Bytes()
}
