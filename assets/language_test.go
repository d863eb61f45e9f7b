package assets

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// The chosen language wins over the system's, for our texts and Fyne's
// own, both ways, and an unusable system locale falls back to Japanese.
func TestUseLanguage(t *testing.T) {
	for _, c := range []struct {
		system, want string
	}{
		{"ja_JP.UTF-8", "ja"},
		{"en_GB.UTF-8", "en"},
		{"fr_FR.UTF-8", "ja"},
		{"C", "ja"},
	} {
		t.Run(c.system, func(t *testing.T) {
			t.Setenv("LANGUAGE", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LC_ALL", c.system)
			t.Setenv("LANG", c.system)
			if got := DefaultLanguage(); got != c.want {
				t.Errorf("default language %q, want %q", got, c.want)
			}
			for _, choice := range []string{"en", "ja", "en"} {
				if err := UseLanguage(choice); err != nil {
					t.Fatal(err)
				}
				wantTitle, wantCancel := "CrossTalk", "Cancel"
				if choice == "ja" {
					wantTitle, wantCancel = "クロストーク", "キャンセル"
				}
				if got := lang.X("app.title", "?"); got != wantTitle {
					t.Errorf("system %s, chose %s: app.title = %q", c.system, choice, got)
				}
				if got := lang.L("Cancel"); got != wantCancel {
					t.Errorf("system %s, chose %s: Fyne's Cancel = %q", c.system, choice, got)
				}
			}
		})
	}
	if err := UseLanguage("fr"); err == nil {
		t.Error("French was accepted")
	}
}
