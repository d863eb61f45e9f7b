package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/assets"
	cttheme "crosstalk/ui/theme"
)

// japanese makes the app speak Japanese, whatever the machine's locale.
func japanese(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LC_ALL", "ja_JP.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
}

// newTestApp is a headless app with CrossTalk's theme, so that Japanese
// renders with the bundled font on every machine.
func newTestApp(t *testing.T) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(cttheme.New(cttheme.Normal))
	return a
}
