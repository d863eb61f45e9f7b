package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/ical/icaltest"
	"crosstalk/ui/internal/testapp"
)

// TestWriteICSStrictParser reads calendar files WriteICS wrote with
// python3-icalendar, a strict parser: talks in Japanese with a long
// description, a place with , ; \ and line breaks, a cancelled talk and
// an online one with a link. Every file parses without an error and every
// text reads back as it was written.
func TestWriteICSStrictParser(t *testing.T) {
	testapp.Japanese(t)
	held := icsTestTalk()
	held.Place = "東京都千代田区丸の内一丁目1番1号 みなと精工ビル 12階 第3会議室\n" +
		"受付で「クロストーク」とお伝えください, 入館証をお渡しします; お帰りの際は受付へご返却ください\\\r\n" +
		strings.Repeat("駐車場はありません。公共交通機関をご利用ください。", 8)
	held.OtherName, held.OtherCompany = "長谷川 由美子", "株式会社あおば銀行, 人事部; キャリア開発グループ\\東京"

	cancelled := icsTestTalk()
	cancelled.ID, cancelled.OfferID = "6f0c8f7e-2b1a-4c3d-9e8f-7a6b5c4d3e2f", "1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	cancelled.Start, cancelled.End = cancelled.Start.AddDate(0, 0, 7), cancelled.End.AddDate(0, 0, 7)
	cancelled.State, cancelled.Reason = app.TalkCancelled, "work"

	online := icsTestTalk()
	online.ID, online.OfferID = "7f0c8f7e-2b1a-4c3d-9e8f-7a6b5c4d3e2f", "2a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	online.Start, online.End = online.Start.AddDate(0, 0, 14), online.End.AddDate(0, 0, 14)
	online.Mode, online.Place = app.ModeOnline, "https://meet.example.jp/ct-1234?pw=a,b;c"

	talks := []app.TalkItem{held, cancelled, online}
	var b bytes.Buffer
	if err := WriteICS(&b, talks, icsTestNow); err != nil {
		t.Fatal(err)
	}
	checkICSLines(t, b.Bytes())
	events := icaltest.Parse(t, b.Bytes())
	if len(events) != len(talks) {
		t.Fatalf("%d events read back, want %d", len(events), len(talks))
	}
	for i, k := range talks {
		ev := events[i]
		str := func(name string) string { s, _ := ev[name].(string); return s }
		if got, want := str("UID"), k.OfferID+"@crosstalk.jp"; got != want {
			t.Errorf("event %d: UID %q, want %q", i, got, want)
		}
		if got, want := str("DTSTART"), k.Start.In(app.Tokyo).Format("2006-01-02T15:04:05-07:00"); got != want {
			t.Errorf("event %d: DTSTART %q, want %q", i, got, want)
		}
		if got, want := str("SUMMARY"), "クロストーク: "+k.OtherName+"さん ("+k.OtherCompany+")"; got != want {
			t.Errorf("event %d: SUMMARY %q, want %q", i, got, want)
		}
		place := strings.ReplaceAll(k.Place, "\r\n", "\n")
		if got := str("LOCATION"); got != place {
			t.Errorf("event %d: LOCATION %q, want %q", i, got, place)
		}
		if got, want := str("DESCRIPTION"), icsDescription(k); got != strings.ReplaceAll(want, "\r\n", "\n") {
			t.Errorf("event %d: DESCRIPTION %q, want %q", i, got, want)
		}
		alarms, _ := ev["ALARMS"].([]any)
		if k.State == app.TalkScheduled && len(alarms) != 2 || k.State != app.TalkScheduled && len(alarms) != 0 {
			t.Errorf("event %d: alarms %v", i, alarms)
		}
	}
	if got := events[1]["STATUS"]; got != "CANCELLED" {
		t.Errorf("the cancelled talk's STATUS %v", got)
	}
	if got := events[2]["URL"]; got != online.Place {
		t.Errorf("the online talk's URL %v", got)
	}
	if !strings.Contains(events[0]["DESCRIPTION"].(string), "駐車場はありません。") || len(events[0]["DESCRIPTION"].(string)) < 500 {
		t.Errorf("the long description reads back as %q", events[0]["DESCRIPTION"])
	}
}

// A talk's event keeps its UID through an agreed change of time, with a
// higher SEQUENCE; a cancelled talk alone is written as METHOD:CANCEL,
// STATUS:CANCELLED, with a higher SEQUENCE again, so that a calendar
// takes the event it has out. python3-icalendar reads all three.
func TestWriteICSChangesStrictParser(t *testing.T) {
	testapp.Japanese(t)
	k := icsTestTalk()
	write := func(k app.TalkItem) map[string]any {
		t.Helper()
		var b bytes.Buffer
		if err := WriteICS(&b, []app.TalkItem{k}, icsTestNow); err != nil {
			t.Fatal(err)
		}
		checkICSLines(t, b.Bytes())
		events := icaltest.Parse(t, b.Bytes())
		if len(events) != 1 {
			t.Fatalf("%d events", len(events))
		}
		return events[0]
	}
	seq := func(ev map[string]any) float64 { n, _ := ev["SEQUENCE"].(float64); return n }
	before := write(k)

	moved := k
	moved.Start, moved.End = k.Start.AddDate(0, 0, 2), k.End.AddDate(0, 0, 2)
	moved.Sequence++
	moved.UpdatedAt = k.UpdatedAt.Add(time.Hour)
	after := write(moved)

	cancelled := moved
	cancelled.State, cancelled.Reason = app.TalkCancelled, "health"
	cancelled.Sequence++
	cancelled.UpdatedAt = moved.UpdatedAt.Add(time.Hour)
	gone := write(cancelled)

	if before["UID"] != after["UID"] || after["UID"] != gone["UID"] {
		t.Errorf("UIDs %v, %v, %v", before["UID"], after["UID"], gone["UID"])
	}
	if !(seq(before) < seq(after) && seq(after) < seq(gone)) {
		t.Errorf("SEQUENCE %v, %v, %v: want each higher", seq(before), seq(after), seq(gone))
	}
	if before["METHOD"] != "PUBLISH" || after["METHOD"] != "PUBLISH" || after["STATUS"] != "CONFIRMED" {
		t.Errorf("scheduled: %v %v", after["METHOD"], after["STATUS"])
	}
	if gone["METHOD"] != "CANCEL" || gone["STATUS"] != "CANCELLED" {
		t.Errorf("cancelled: METHOD %v STATUS %v", gone["METHOD"], gone["STATUS"])
	}
}
