package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
)

// long is n characters of Japanese text.
func long(n int) string { return strings.Repeat("あ", n) }

// A limit's note counts characters, not bytes, of the text as it is
// sent, and turns into a warning one character over.
func TestTextLimitNote(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	en := widget.NewEntry()
	l := LimitText(en, "メッセージ", 10)
	if l.Note.Text != "10文字まで書けます" || l.Problem() != "" {
		t.Errorf("empty: %q %q", l.Note.Text, l.Problem())
	}
	test.Type(en, "  あいう")
	if l.Note.Text != "あと7文字書けます（10文字まで）" || l.Note.Label.Importance == widget.DangerImportance {
		t.Errorf("three characters: %q", l.Note.Text)
	}
	en.SetText(long(10) + "\n")
	if l.Problem() != "" {
		t.Errorf("at the limit with a new line after it: %q", l.Problem())
	}
	en.SetText(long(11))
	want := "「メッセージ」は10文字までです。いま11文字なので、1文字短くしてください。"
	if l.Note.Text != want || l.Problem() != want || l.Note.Label.Importance != widget.DangerImportance {
		t.Errorf("one over: %q %q", l.Note.Text, l.Problem())
	}
	raw := widget.NewEntry()
	lr := LimitRawText(raw, "自己紹介", 3)
	raw.SetText("　あい") // an indent of a full-width space is kept, and counted
	if lr.Problem() != "" {
		t.Errorf("three with the indent: %q", lr.Problem())
	}
	raw.SetText("　あいう")
	if lr.Problem() == "" {
		t.Error("four with the indent passes")
	}
}
