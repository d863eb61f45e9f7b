// Package testapp makes the headless app that the views' tests run in:
// Japanese, whatever the machine's locale, with CrossTalk's theme, so
// that Japanese renders with the bundled font on every machine.
//
// It knows no view, so that the tests of every ui package can use it,
// crosstalk/ui/widgets' own included (uitest, which looks into views,
// imports the widgets).
package testapp

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/assets"
	cttheme "crosstalk/ui/theme"
)

// Japanese makes the app speak Japanese, whatever the machine's locale.
func Japanese(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LC_ALL", "ja_JP.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
}

// New is a headless app with CrossTalk's theme, so that Japanese renders
// with the bundled font on every machine. When the test ends, the
// functions given to AtEachEnd run (before the app goes).
func New(t *testing.T) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(cttheme.New(cttheme.Normal))
	t.Cleanup(func() {
		for _, f := range atEachEnd {
			f()
		}
	})
	return a
}

// atEachEnd runs at the end of every test that made its app with New.
var atEachEnd []func()

// AtEachEnd has f run at the end of every test that makes its app with
// New, from now on: a package's TestMain calls it, for instance to finish
// the background work a test left (widgets.WaitBackground), so that none
// of it runs in the next test, over that test's windows.
func AtEachEnd(f func()) { atEachEnd = append(atEachEnd, f) }
