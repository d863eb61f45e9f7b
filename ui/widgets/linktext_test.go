package widgets

import (
	"strings"
	"testing"

	"crosstalk/ui/internal/testapp"
)

// Only http and https addresses with a host become links; the text
// around them, and every other scheme, stays plain text.
func TestSplitLinks(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // parts joined by |, links in <>
	}{
		{"会議のURLです。\nhttps://meet.example.jp/ct-1234\nよろしくお願いいたします。",
			"会議のURLです。\n|<https://meet.example.jp/ct-1234>|\nよろしくお願いいたします。"},
		{"こちらhttps://meet.example.jp/a?b=1&c=2です。", "こちら|<https://meet.example.jp/a?b=1&c=2>|です。"},
		{"URL: http://example.jp/x.", "URL: |<http://example.jp/x>|."},
		{"(https://example.jp/a_(b)) です", "(|<https://example.jp/a_(b)>|) です"},
		{"HTTPS://EXAMPLE.JP/Room", "<HTTPS://EXAMPLE.JP/Room>"},
		{"javascript:alert(1)", "javascript:alert(1)"},
		{"JavaScript:alert(document.cookie)//https", "JavaScript:alert(document.cookie)//https"},
		{"file:///etc/passwd", "file:///etc/passwd"},
		{"data:text/html,<script>alert(1)</script>", "data:text/html,<script>alert(1)</script>"},
		{"mailto:a@example.jp", "mailto:a@example.jp"},
		{"https:// のあとにURLを貼ってください", "https:// のあとにURLを貼ってください"},
		{"https://", "https://"},
		{"meet.example.jp/abc", "meet.example.jp/abc"},
		{"二つ https://a.example.jp と https://b.example.jp/", "二つ |<https://a.example.jp>| と |<https://b.example.jp/>"},
		{"", ""},
	} {
		var got []string
		for _, p := range SplitLinks(tc.text) {
			if p.URL != nil {
				if p.URL.Scheme != "http" && p.URL.Scheme != "https" {
					t.Errorf("%q: a link of scheme %q", tc.text, p.URL.Scheme)
				}
				got = append(got, "<"+p.Text+">")
			} else {
				got = append(got, p.Text)
			}
		}
		if s := strings.Join(got, "|"); s != tc.want {
			t.Errorf("SplitLinks(%q) = %q, want %q", tc.text, s, tc.want)
		}
	}
}

// LinkText shows a meeting link as a hyperlink on a line of its own, and
// a javascript: address as plain text, never as a link.
func TestLinkText(t *testing.T) {
	testapp.New(t)
	l := NewLinkText("オンライン会議のURLをお送りします。\nhttps://meet.example.jp/ct-1234\n当日はよろしくお願いいたします。")
	if n := len(l.Links()); n != 1 || l.Links()[0].URL.String() != "https://meet.example.jp/ct-1234" || l.Links()[0].Text != "https://meet.example.jp/ct-1234" {
		t.Fatalf("links %v", l.Links())
	}
	var paras []string
	for _, p := range l.Paragraphs() {
		paras = append(paras, p.Text)
	}
	if got := strings.Join(paras, "|"); got != "オンライン会議のURLをお送りします。|当日はよろしくお願いいたします。" {
		t.Errorf("paragraphs %q", got)
	}

	l.SetText("こちらを開いてください javascript:alert(1)")
	if len(l.Links()) != 0 || len(l.Paragraphs()) != 1 || l.Paragraphs()[0].Text != "こちらを開いてください javascript:alert(1)" {
		t.Errorf("javascript: shown as %d links and %d paragraphs", len(l.Links()), len(l.Paragraphs()))
	}
}
