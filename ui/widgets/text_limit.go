package widgets

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Every free-text field says, under it and as the user types, how long
// it may be, and warns in the danger colour once the text is too long.
// The form that sends it refuses an over-long text with the same words
// before anything is queued. The limits are the mutators' own
// (app.MaxMessageRunes …), counted in characters (runes) of the text as
// it will be sent, so the mutator never has to refuse it as too_long.

// TextLimit watches one entry against its limit.
type TextLimit struct {
	entry *widget.Entry
	// Note shows the limit, or the warning: it goes under the entry.
	Note  *Paragraph
	check func(text string) (hint, problem string)
	// OnChanged, if set, is called after every change of the text.
	OnChanged func()
}

// LimitText limits entry, called field in the messages, to max
// characters of its text trimmed of surrounding spaces, as it is sent.
func LimitText(entry *widget.Entry, field string, max int) *TextLimit {
	return limitTextCounted(entry, field, max, func(s string) string { return strings.TrimSpace(s) })
}

// LimitRawText limits entry to max characters of its text as typed, for
// a field that is sent untrimmed.
func LimitRawText(entry *widget.Entry, field string, max int) *TextLimit {
	return limitTextCounted(entry, field, max, func(s string) string { return s })
}

func limitTextCounted(entry *widget.Entry, field string, max int, sent func(string) string) *TextLimit {
	return NewTextLimit(entry, func(text string) (string, string) {
		n := utf8.RuneCountInString(sent(text))
		data := map[string]any{"Field": field, "Max": max, "Count": n, "Left": max - n, "Over": n - max}
		switch {
		case n > max:
			return "", lang.X("limit.over", "“{{.Field}}” can have up to {{.Max}} characters. It has {{.Count}}: please shorten it by {{.Over}}.", data)
		case n == 0:
			return lang.X("limit.max", "Up to {{.Max}} characters", data), ""
		}
		return lang.X("limit.left", "{{.Left}} of {{.Max}} characters left", data), ""
	})
}

// NewTextLimit shows check's hint or problem for entry's text under it,
// now and after every change. It takes the entry's OnChanged: set the
// limit's OnChanged instead.
func NewTextLimit(entry *widget.Entry, check func(string) (string, string)) *TextLimit {
	l := &TextLimit{entry: entry, check: check, Note: NewParagraph("")}
	previous := entry.OnChanged
	entry.OnChanged = func(s string) {
		l.update()
		if previous != nil {
			previous(s)
		}
		if l.OnChanged != nil {
			l.OnChanged()
		}
	}
	l.update()
	return l
}

// update shows the limit for the entry's text as it now is.
func (l *TextLimit) update() {
	hint, problem := l.check(l.entry.Text)
	imp := widget.MediumImportance
	text := hint
	if problem != "" {
		imp, text = widget.DangerImportance, problem
	}
	if l.Note.Text == text && l.Note.Label.Importance == imp {
		return
	}
	// The count is small, at the right, like a footnote; a warning is a
	// sentence of normal size, read from its start.
	l.Note.Label.Importance = imp
	l.Note.Label.Alignment, l.Note.Label.SizeName = fyne.TextAlignTrailing, theme.SizeNameCaptionText
	if problem != "" {
		l.Note.Label.Alignment, l.Note.Label.SizeName = fyne.TextAlignLeading, theme.SizeNameText
	}
	l.Note.SetText(text)
}

// Problem says in words why the text cannot be sent, or is "".
func (l *TextLimit) Problem() string {
	_, problem := l.check(l.entry.Text)
	return problem
}

// FirstProblem is the first of limits' problems, or "".
func FirstProblem(limits ...*TextLimit) string {
	for _, l := range limits {
		if p := l.Problem(); p != "" {
			return p
		}
	}
	return ""
}
