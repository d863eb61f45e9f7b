package widgets

import (
	"strings"
	"testing"

	"crosstalk/ui/internal/testapp"

	"fyne.io/fyne/v2/widget"
)

// Lines break between Japanese characters and between words, never
// before closing or after opening punctuation, and cut words wider than
// a line.
func TestBreakLines(t *testing.T) {
	perRune := func(s string) float32 { return float32(len([]rune(s))) }
	for _, tc := range []struct {
		text string
		max  float32
		want string
	}{
		{"お返事をお願いします。", 5, "お返事をお|願いしま|す。"},
		{"理由をお選びください。選んだ理由", 10, "理由をお選びくださ|い。選んだ理由"},
		{"石井 京子さん（ソラリンク株式会社）", 10, "石井 京子さん（ソラ|リンク株式会社）"},
		{"2026年12月15日(火) 17:00〜18:00", 12, "2026年12月15日|(火) 17:00〜|18:00"},
		{"Please answer by Monday.", 10, "Please|answer by|Monday."},
		{"https://meet.example.jp/x", 10, "https://me|et.exampl|e.jp/x"},
		{"です。」」」", 2, "で|す。」」」"},
		{"ちょっと", 1, "ちょっ|と"},
		{"一行目\n二行目です", 4, "一行目|二行目で|す"},
		{"（注）です", 3, "（注）|です"},
		{"", 5, ""},
	} {
		if got := strings.Join(breakLines(tc.text, tc.max, perRune), "|"); got != tc.want {
			t.Errorf("breakLines(%q, %v) = %q, want %q", tc.text, tc.max, got, tc.want)
		}
	}
}

// A short paragraph is no wider than its text, and stays on one line at
// that width; a longer one may be narrower than its text, and wraps. It
// runs with the app's own theme: Fyne's test theme has no Japanese
// glyphs, and the widths of their stand-ins vary with the machine's
// fonts (a pair of characters measured narrower than the two alone).
func TestParagraphMinSize(t *testing.T) {
	testapp.New(t)
	short := NewParagraph("予定")
	short.Resize(short.MinSize())
	if short.Label.Text != "予定" {
		t.Errorf("at its least width a short paragraph shows %q", short.Label.Text)
	}
	if one := widget.NewLabel("予定").MinSize().Width; short.MinSize().Width > one+1 {
		t.Errorf("a short paragraph needs %v, a label of its text %v", short.MinSize().Width, one)
	}
	text := "中止（都合がつかなくなりました）"
	long := NewParagraph(text)
	if one := widget.NewLabel(text).MinSize().Width; long.MinSize().Width >= one {
		t.Errorf("a long paragraph needs %v, as much as its one line, %v", long.MinSize().Width, one)
	}
	long.Resize(long.MinSize())
	if !strings.Contains(long.Label.Text, "\n") {
		t.Errorf("at its least width a long paragraph shows %q", long.Label.Text)
	}
}
