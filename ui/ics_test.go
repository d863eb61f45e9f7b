package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"crosstalk/app"
	"crosstalk/app/ical"
	"crosstalk/ui/internal/testapp"
)

// icsTestTalk is a talk whose place and names are long enough, in
// Japanese, to need folding, and hold every character TEXT escapes.
func icsTestTalk() app.TalkItem {
	start := time.Date(2026, 11, 24, 14, 0, 0, 0, app.Tokyo)
	return app.TalkItem{
		Talk: app.Talk{
			ID: "5f0c8f7e-2b1a-4c3d-9e8f-7a6b5c4d3e2f", OfferID: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
			CohortID: "c0", AID: "a", BID: "b",
			Start: start, End: start.Add(time.Hour), Mode: app.ModeInPerson,
			Place:     "東京都千代田区丸の内一丁目 みなと精工ビル 12階 第3会議室; 受付で「クロストーク」とお伝えください, 入館証をお渡しします\\",
			State:     app.TalkScheduled,
			CreatedAt: time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC),
			UpdatedAt: time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC),
		},
		OtherID: "b", OtherName: "長谷川 由美子", OtherCompany: "株式会社あおば銀行 人事部 キャリア開発グループ",
	}
}

var icsTestNow = time.Date(2026, 11, 20, 8, 30, 15, 0, time.UTC)

// The file for one talk is exactly the golden file. Regenerate it with
// CROSSTALK_UPDATE_GOLDEN=1 and read it before committing.
func TestWriteICSGolden(t *testing.T) {
	testapp.Japanese(t)
	var b bytes.Buffer
	if err := WriteICS(&b, []app.TalkItem{icsTestTalk()}, icsTestNow); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "talk_export.ics")
	if os.Getenv("CROSSTALK_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("calendar file differs from %s:\n%s", golden, b.String())
	}
	checkICSLines(t, b.Bytes())
	if !bytes.Contains(b.Bytes(), []byte("\r\n ")) {
		t.Error("the long lines were not folded")
	}
}

// checkICSLines checks the shape every content line must have: CRLF
// endings only, at most 75 octets, each a whole UTF-8 text.
func checkICSLines(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("the file does not end with CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > ical.MaxLine {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i+1, l)
		}
	}
}

// icsUnfold joins folded lines back into content lines.
func icsUnfold(data []byte) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n"), "\r\n")
}

// icsUnescape reads a TEXT value back.
func icsUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// icsEvent is one VEVENT read back: each property name (with its
// parameters) and its raw value; an alarm's properties are prefixed
// with the alarm's number.
type icsEvent map[string]string

// icsParse reads the events of a calendar file, checking that its
// components nest properly.
func icsParse(t *testing.T, data []byte) (cal map[string]string, events []icsEvent) {
	t.Helper()
	cal = map[string]string{}
	var stack []string
	var ev icsEvent
	alarms := 0
	for _, l := range icsUnfold(data) {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("not a content line: %q", l)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			switch value {
			case "VEVENT":
				ev, alarms = icsEvent{}, 0
			case "VALARM":
				alarms++
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				events = append(events, ev)
				ev = nil
			}
			continue
		}
		switch {
		case len(stack) == 1:
			cal[name] = value
		case ev != nil && stack[len(stack)-1] == "VALARM":
			ev["ALARM"+strconv.Itoa(alarms)+"."+name] = value
		case ev != nil:
			if _, dup := ev[name]; dup {
				t.Errorf("property %s twice in one event", name)
			}
			ev[name] = value
		default:
			cal[strings.Join(stack[1:], "/")+"."+name] = value
		}
	}
	if len(stack) != 0 {
		t.Fatalf("components left open: %v", stack)
	}
	return cal, events
}

// Read back, the file says what the talk is, in Tokyo time, with two
// reminders.
func TestWriteICSParsesBack(t *testing.T) {
	testapp.Japanese(t)
	k := icsTestTalk()
	var b bytes.Buffer
	if err := WriteICS(&b, []app.TalkItem{k}, icsTestNow); err != nil {
		t.Fatal(err)
	}
	cal, events := icsParse(t, b.Bytes())
	for name, want := range map[string]string{
		"VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
		"VTIMEZONE.TZID":                  "Asia/Tokyo",
		"VTIMEZONE/STANDARD.DTSTART":      "19700101T000000",
		"VTIMEZONE/STANDARD.TZOFFSETFROM": "+0900",
		"VTIMEZONE/STANDARD.TZOFFSETTO":   "+0900",
		"VTIMEZONE/STANDARD.TZNAME":       "JST",
	} {
		if cal[name] != want {
			t.Errorf("%s = %q, want %q", name, cal[name], want)
		}
	}
	if !strings.HasPrefix(cal["PRODID"], "-//CrossTalk//") {
		t.Errorf("PRODID %q", cal["PRODID"])
	}
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	ev := events[0]
	for name, want := range map[string]string{
		"UID":                     k.OfferID + "@crosstalk.jp",
		"DTSTAMP":                 "20261120T083015Z",
		"DTSTART;TZID=Asia/Tokyo": "20261124T140000",
		"DTEND;TZID=Asia/Tokyo":   "20261124T150000",
		"STATUS":                  "CONFIRMED",
		"ALARM1.ACTION":           "DISPLAY",
		"ALARM1.TRIGGER":          "-P1D",
		"ALARM2.ACTION":           "DISPLAY",
		"ALARM2.TRIGGER":          "-PT1H",
	} {
		if ev[name] != want {
			t.Errorf("%s = %q, want %q", name, ev[name], want)
		}
	}
	if got, want := icsUnescape(ev["SUMMARY"]), "クロストーク: 長谷川 由美子さん (株式会社あおば銀行 人事部 キャリア開発グループ)"; got != want {
		t.Errorf("SUMMARY %q, want %q", got, want)
	}
	if got := icsUnescape(ev["LOCATION"]); got != k.Place {
		t.Errorf("LOCATION %q, want %q", got, k.Place)
	}
	desc := icsUnescape(ev["DESCRIPTION"])
	for _, want := range []string{"お相手：長谷川 由美子さん", "方法：対面", "場所・リンク：" + k.Place} {
		if !strings.Contains(desc, want) {
			t.Errorf("DESCRIPTION lacks %q:\n%s", want, desc)
		}
	}
	if ev["ALARM1.DESCRIPTION"] != "明日はクロストークの日です" || ev["ALARM2.DESCRIPTION"] != "1時間後にクロストークがあります" {
		t.Errorf("alarm texts %q %q", ev["ALARM1.DESCRIPTION"], ev["ALARM2.DESCRIPTION"])
	}
	if n, err := strconv.Atoi(ev["SEQUENCE"]); err != nil || n <= 0 {
		t.Errorf("SEQUENCE %q", ev["SEQUENCE"])
	}
}

// A talk that older apps moved got a new talk id but kept its offer: its
// event keeps the UID and comes with a higher SEQUENCE, so that calendars
// update the event they have. When both are written, the new one wins.
func TestICSRescheduledTalkKeepsUID(t *testing.T) {
	testapp.Japanese(t)
	s := newTestServices(t)
	ctx := context.Background()
	me := s.me.ParticipantID
	talks, err := s.TalksBetween(ctx, me, testNow, testNow.AddDate(0, 0, 21))
	if err != nil {
		t.Fatal(err)
	}
	var old app.TalkItem
	for _, k := range talks {
		if k.State == app.TalkScheduled {
			old = k
			break
		}
	}
	if old.ID == "" {
		t.Fatal("no scheduled talk in the demo data")
	}
	event := func(ks ...app.TalkItem) icsEvent {
		t.Helper()
		var b bytes.Buffer
		if err := WriteICS(&b, ks, s.Now()); err != nil {
			t.Fatal(err)
		}
		checkICSLines(t, b.Bytes())
		_, events := icsParse(t, b.Bytes())
		if len(events) != 1 {
			t.Fatalf("%d events", len(events))
		}
		return events[0]
	}
	before := event(old)

	// Older apps moved a talk by cancelling it and making a new one that
	// Replaces it, under the same offer.
	start := time.Date(2026, 12, 3, 14, 0, 0, 0, app.Tokyo)
	moved := old
	moved.State, moved.Reason, moved.UpdatedAt = app.TalkCancelled, app.ReasonRescheduled, testNow.Add(time.Minute)
	next := old
	next.ID, next.Replaces, next.Start, next.End = "6e1c9a57-0d2f-4b8e-a1c3-5f7d9b2e4a60", old.ID, start, start.Add(time.Hour)
	next.CreatedAt, next.UpdatedAt = moved.UpdatedAt, moved.UpdatedAt
	after := event(next)
	if after["UID"] != before["UID"] || after["UID"] != old.OfferID+"@crosstalk.jp" {
		t.Errorf("UID %q became %q", before["UID"], after["UID"])
	}
	seq := func(e icsEvent) int {
		n, err := strconv.Atoi(e["SEQUENCE"])
		if err != nil {
			t.Fatalf("SEQUENCE %q", e["SEQUENCE"])
		}
		return n
	}
	if seq(after) <= seq(before) {
		t.Errorf("SEQUENCE %d after the move, %d before", seq(after), seq(before))
	}
	if after["DTSTART;TZID=Asia/Tokyo"] != "20261203T140000" || after["STATUS"] != "CONFIRMED" {
		t.Errorf("moved event %v", after)
	}
	// The old and the new talk together are one event: the new one.
	if both := event(moved, next); both["DTSTART;TZID=Asia/Tokyo"] != "20261203T140000" {
		t.Errorf("old and new written together: %v", both)
	}
	if both := event(next, moved); both["DTSTART;TZID=Asia/Tokyo"] != "20261203T140000" {
		t.Errorf("new and old written together: %v", both)
	}
}

// A cancelled talk is written as cancelled, without reminders, so that
// importing it takes the event out of the calendar.
func TestICSCancelledTalk(t *testing.T) {
	testapp.Japanese(t)
	k := icsTestTalk()
	k.State, k.Reason = app.TalkCancelled, "work"
	k.UpdatedAt = k.UpdatedAt.Add(time.Hour)
	var b bytes.Buffer
	if err := WriteICS(&b, []app.TalkItem{k}, icsTestNow); err != nil {
		t.Fatal(err)
	}
	_, events := icsParse(t, b.Bytes())
	if len(events) != 1 || events[0]["STATUS"] != "CANCELLED" || events[0]["ALARM1.ACTION"] != "" {
		t.Errorf("cancelled talk: %v", events)
	}
}

// A talk without a place is located by its mode.
func TestICSPhoneTalk(t *testing.T) {
	testapp.Japanese(t)
	k := icsTestTalk()
	k.Mode, k.Place = app.ModePhone, ""
	var b bytes.Buffer
	if err := WriteICS(&b, []app.TalkItem{k}, icsTestNow); err != nil {
		t.Fatal(err)
	}
	_, events := icsParse(t, b.Bytes())
	if events[0]["LOCATION"] != "電話" || events[0]["URL"] != "" {
		t.Errorf("phone talk: LOCATION %q URL %q", events[0]["LOCATION"], events[0]["URL"])
	}
	k.Mode, k.Place = app.ModeOnline, "https://meet.example.jp/ct-1234?pw=a,b"
	b.Reset()
	if err := WriteICS(&b, []app.TalkItem{k}, icsTestNow); err != nil {
		t.Fatal(err)
	}
	_, events = icsParse(t, b.Bytes())
	if events[0]["URL"] != k.Place || icsUnescape(events[0]["LOCATION"]) != k.Place {
		t.Errorf("online talk: LOCATION %q URL %q", events[0]["LOCATION"], events[0]["URL"])
	}
}

func TestICSFileName(t *testing.T) {
	if got := ICSFileName(icsTestTalk().Talk); got != "crosstalk-2026-11-24.ics" {
		t.Errorf("file name %q", got)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrPermission }

func TestWriteICSReportsWriteErrors(t *testing.T) {
	if err := WriteICS(failingWriter{}, []app.TalkItem{icsTestTalk()}, icsTestNow); err == nil {
		t.Error("a failing writer gave no error")
	}
}

// A talk moved by an agreed change of time keeps its id: its event keeps
// the UID, with a higher SEQUENCE and the new time.
func TestICSTalkMovedInPlaceKeepsUID(t *testing.T) {
	testapp.Japanese(t)
	s := newTestServices(t)
	ctx := context.Background()
	me := s.me.ParticipantID
	k := comingTalk(t, s, 21)
	write := func(k app.TalkItem) icsEvent {
		t.Helper()
		var b bytes.Buffer
		if err := WriteICS(&b, []app.TalkItem{k}, s.Now()); err != nil {
			t.Fatal(err)
		}
		_, events := icsParse(t, b.Bytes())
		return events[0]
	}
	before := write(k)
	start := time.Date(2026, 12, 4, 11, 0, 0, 0, app.Tokyo)
	s.now = testNow.Add(time.Minute)
	if err := s.Mutate(ctx, app.TalkProposeTime, app.ProposeTimeArgs{TalkID: k.ID, Start: start}); err != nil {
		t.Fatal(err)
	}
	other := app.Actor{ParticipantID: k.OtherID, Role: app.RoleParticipant}
	if err := app.Run(ctx, s.Store, app.TalkAcceptTime, other, app.Args(app.TimeAnswerArgs{TalkID: k.ID, Start: start}), testNow.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	moved, err := s.TalksBetween(ctx, me, start, start.Add(time.Minute))
	if err != nil || len(moved) != 1 || moved[0].ID != k.ID {
		t.Fatalf("talks at the new time: %v, %v", moved, err)
	}
	after := write(moved[0])
	n := func(e icsEvent) int { v, _ := strconv.Atoi(e["SEQUENCE"]); return v }
	if after["UID"] != before["UID"] || n(after) <= n(before) || after["DTSTART;TZID=Asia/Tokyo"] != "20261204T110000" {
		t.Errorf("before %v\nafter %v", before, after)
	}
}
