package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"crosstalk/app"
)

// Folding never makes a line longer than 75 octets, never splits a
// character of one to four bytes, and unfolds to the original line.
func TestICSFolding(t *testing.T) {
	pieces := []string{"a", "é", "あ", "𠮷", "😀", " ", ";"}
	for n := 0; n < 200; n++ {
		var s strings.Builder
		s.WriteString("DESCRIPTION:")
		for i := 0; i < n; i++ {
			s.WriteString(pieces[(i*7+n)%len(pieces)])
		}
		var b builder
		b.line(s.String())
		checkLines(t, b.buf.Bytes())
		if got := unfold(b.buf.Bytes()); len(got) != 1 || got[0] != s.String() {
			t.Fatalf("length %d: unfolds to %q", n, got)
		}
	}
}

func TestICSTextEscaping(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\r\ntwo\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\there", "tab here"},
		{"bell\x07 del\x7f", "bell del"},
		{"会議室: 3F", "会議室: 3F"}, // a colon needs no escape in a value
	} {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The reminder mail's file and the app's file of the same talk are one
// event to a calendar: the same UID and SEQUENCE, whoever writes it.
func TestWriteEvent(t *testing.T) {
	k := app.Talk{ID: "t1", OfferID: "o1", Start: time.Date(2026, 11, 24, 10, 0, 0, 0, app.Tokyo),
		End: time.Date(2026, 11, 24, 11, 0, 0, 0, app.Tokyo), State: app.TalkScheduled,
		Place: "https://meet.example.jp/abc", UpdatedAt: time.Date(2024, 1, 1, 0, 1, 40, 0, time.UTC)}
	var b bytes.Buffer
	err := Write(&b, "-//CrossTalk//Test//JA", "PUBLISH", []Event{{Talk: k, Summary: "クロストーク: 山田さん", Location: "オンライン",
		Description: "一行目\n二行目", Alarms: []Alarm{{Trigger: "-P1D", Text: "明日です"}}}}, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, b.Bytes())
	lines := unfold(b.Bytes())
	for _, want := range []string{"PRODID:-//CrossTalk//Test//JA", "METHOD:PUBLISH", "UID:o1@crosstalk.jp", "SEQUENCE:100",
		"DTSTART;TZID=Asia/Tokyo:20261124T100000", "DTEND;TZID=Asia/Tokyo:20261124T110000", "STATUS:CONFIRMED",
		"SUMMARY:クロストーク: 山田さん", "URL:https://meet.example.jp/abc", "TRIGGER:-P1D", "DESCRIPTION:明日です",
		"DTSTAMP:20261120T000000Z"} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("no line %q in\n%s", want, b.String())
		}
	}
	if FileName(k) != "crosstalk-2026-11-24.ics" {
		t.Errorf("file name %q", FileName(k))
	}
}

// checkLines checks the shape every content line must have: CRLF
// endings only, at most 75 octets, each a whole UTF-8 text.
func checkLines(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("the file does not end with CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > MaxLine {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i+1, l)
		}
	}
}

// unfold joins folded lines back into content lines.
func unfold(data []byte) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n"), "\r\n")
}
