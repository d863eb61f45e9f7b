package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// Every free-text field says, under it and as the user types, how long
// it may be, and warns in the danger colour once the text is too long.
// The form that sends it refuses an over-long text with the same words
// before anything is queued. The limits are the mutators' own
// (app.MaxMessageRunes …), counted in characters (runes) of the text as
// it will be sent, so the mutator never has to refuse it as too_long.

// textLimit watches one entry against its limit.
type textLimit struct {
	entry *widget.Entry
	note  *paragraph // the limit, or the warning
	check func(text string) (hint, problem string)
	// changed, if set, is called after every change of the text.
	changed func()
}

// limitText limits entry, called field in the messages, to max
// characters of its text trimmed of surrounding spaces, as it is sent.
func limitText(entry *widget.Entry, field string, max int) *textLimit {
	return limitTextCounted(entry, field, max, func(s string) string { return strings.TrimSpace(s) })
}

// limitRawText limits entry to max characters of its text as typed, for
// a field that is sent untrimmed.
func limitRawText(entry *widget.Entry, field string, max int) *textLimit {
	return limitTextCounted(entry, field, max, func(s string) string { return s })
}

func limitTextCounted(entry *widget.Entry, field string, max int, sent func(string) string) *textLimit {
	return newTextLimit(entry, func(text string) (string, string) {
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

// limitThemes limits the themes entry: at most app.MaxThemes themes, each
// of at most app.MaxThemeRunes characters, as splitThemes reads them.
func limitThemes(entry *widget.Entry) *textLimit {
	return newTextLimit(entry, func(text string) (string, string) {
		themes := splitThemes(text)
		data := map[string]any{"Max": app.MaxThemes, "Runes": app.MaxThemeRunes, "Count": len(themes)}
		if len(themes) > app.MaxThemes {
			return "", lang.X("profile.error.themes", "Please choose at most {{.Max}} themes.", data)
		}
		for _, t := range themes {
			if utf8.RuneCountInString(t) > app.MaxThemeRunes {
				data["Theme"] = t
				return "", lang.X("limit.theme_over", "The theme “{{.Theme}}” is too long. A theme can have up to {{.Runes}} characters.", data)
			}
		}
		return lang.X("limit.themes", "Up to {{.Max}} themes of up to {{.Runes}} characters each ({{.Count}} now)", data), ""
	})
}

// newTextLimit shows check's hint or problem for entry's text under it,
// now and after every change. It takes the entry's OnChanged: set
// changed instead.
func newTextLimit(entry *widget.Entry, check func(string) (string, string)) *textLimit {
	l := &textLimit{entry: entry, check: check, note: newParagraph("")}
	previous := entry.OnChanged
	entry.OnChanged = func(s string) {
		l.update()
		if previous != nil {
			previous(s)
		}
		if l.changed != nil {
			l.changed()
		}
	}
	l.update()
	return l
}

// update shows the limit for the entry's text as it now is.
func (l *textLimit) update() {
	hint, problem := l.check(l.entry.Text)
	imp := widget.MediumImportance
	text := hint
	if problem != "" {
		imp, text = widget.DangerImportance, problem
	}
	if l.note.Text == text && l.note.label.Importance == imp {
		return
	}
	// The count is small, at the right, like a footnote; a warning is a
	// sentence of normal size, read from its start.
	l.note.label.Importance = imp
	l.note.label.Alignment, l.note.label.SizeName = fyne.TextAlignTrailing, theme.SizeNameCaptionText
	if problem != "" {
		l.note.label.Alignment, l.note.label.SizeName = fyne.TextAlignLeading, theme.SizeNameText
	}
	l.note.SetText(text)
}

// Problem says in words why the text cannot be sent, or is "".
func (l *textLimit) Problem() string {
	_, problem := l.check(l.entry.Text)
	return problem
}

// firstProblem is the first of limits' problems, or "".
func firstProblem(limits ...*textLimit) string {
	for _, l := range limits {
		if p := l.Problem(); p != "" {
			return p
		}
	}
	return ""
}
