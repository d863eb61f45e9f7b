package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/assets"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

func aboutInfo() AboutInfo {
	info := AboutInfo{Version: "0.1.0", Build: 7}
	for _, n := range assets.Licences() {
		info.Licences = append(info.Licences, Licence{Component: n.Component, Name: n.Licence, Text: n.Text})
	}
	return info
}

// Settings' "About this app" opens a dialog with the version, the build
// and the licences, the font's OFL among them with its full text.
func TestSettingsAboutDialog(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(800, 700))
	s := NewSettings(w, SettingsState{TextSize: cttheme.Normal, Language: "ja", Version: "0.1.0", About: aboutInfo()}, SettingsActions{})
	w.SetContent(s.Content())

	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog before the tap")
	}
	test.Tap(uitest.ShownButton(s.Content(), "このアプリについて"))
	over := w.Canvas().Overlays().Top()
	if over == nil {
		t.Fatal("no About dialog after the tap")
	}
	for _, want := range []string{"クロストークについて", "クロストーク", "バージョン 0.1.0（ビルド 7）", "ライセンス"} {
		if !uitest.ShowsText(over, want) {
			t.Errorf("the dialog does not show %q", want)
		}
	}
	var acc *widget.Accordion
	uitest.Walk(over, func(o fyne.CanvasObject) {
		if a, ok := o.(*widget.Accordion); ok {
			acc = a
		}
	})
	if acc == nil {
		t.Fatal("no list of licences")
	}
	font := -1
	for i, it := range acc.Items {
		if strings.HasPrefix(it.Title, "BIZ UD Gothic") && strings.HasSuffix(it.Title, "SIL Open Font License 1.1") {
			font = i
		}
	}
	if font < 0 {
		t.Fatalf("the font's licence is not listed: %d items", len(acc.Items))
	}
	acc.Open(font)
	var ofl string
	uitest.Walk(acc.Items[font].Detail, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			ofl += l.Text
		}
	})
	if !strings.Contains(ofl, "SIL OPEN FONT LICENSE Version 1.1") || !strings.Contains(ofl, "BIZ UDGothic Project Authors") {
		t.Errorf("the font's licence text is not shown in full: %.200q", ofl)
	}
	test.Tap(uitest.ShownButton(over, "閉じる"))
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog did not close")
	}
}

// A build without FyneApp.toml's metadata says so instead of a blank.
func TestAboutDevelopmentBuild(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	if got := aboutVersion(AboutInfo{}); got != "開発版" {
		t.Errorf("got %q", got)
	}
}
