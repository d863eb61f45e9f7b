package ui

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
)

// ModeName is a talk mode in words.
func ModeName(m app.Mode) string { return lang.X("mode."+string(m), string(m)) }

// ErrorText is what the user reads about err: the translated message of a
// rejection, or a plain sentence for anything else.
func ErrorText(err error) string {
	var r *app.Rejection
	if errors.As(err, &r) {
		return lang.X("reject."+string(r.Code), "This could not be done.")
	}
	return lang.X("error.unexpected", "Something unexpected went wrong. Please try again later.")
}
