package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

func TestSettings(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	w := test.NewTempWindow(t, nil)
	var size cttheme.Size
	var language string
	signedOut := false
	s := NewSettings(w, SettingsState{TextSize: cttheme.Normal, Language: "ja", Version: "0.1.0 (1)"}, SettingsActions{
		SetTextSize: func(z cttheme.Size) { size = z; a.Settings().SetTheme(cttheme.New(z)) },
		SetLanguage: func(code string) { language = code },
		SignOut:     func() { signedOut = true },
	})
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(700, 400))

	if s.size.Selected != "標準" || s.lang.Selected != "日本語" {
		t.Fatalf("initial choices %q %q", s.size.Selected, s.lang.Selected)
	}
	if !uitest.ShowsText(s.Content(), "デモ（このパソコンの外には何も送られません）") {
		t.Error("the demo server is not named")
	}
	s.size.SetSelected("とても大きい")
	if size != cttheme.ExtraLarge {
		t.Errorf("text size %v", size)
	}
	s.lang.SetSelected("English")
	if language != "en" {
		t.Errorf("language %q", language)
	}
	test.Tap(s.signOut)
	over := w.Canvas().Overlays().Top()
	if over == nil {
		t.Fatal("no confirmation before signing out")
	}
	if signedOut {
		t.Fatal("signed out before confirming")
	}
	yes := uitest.ShownButton(over, "サインアウト") // the last, destructive step is red, as the first
	if yes == nil || yes.Importance != widget.DangerImportance {
		t.Fatalf("the confirmation's button: %v", yes)
	}
	test.Tap(yes)
	if !signedOut {
		t.Error("not signed out after confirming")
	}
}
