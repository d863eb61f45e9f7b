package assets

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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

// In a fresh process, where no earlier choice or system locale has left
// texts behind, every plain text of ours and of Fyne's own is in the
// chosen language, whatever the system's locale: one Fyne ships, one it
// does not, a region or a language list it has to match, or none at all.
func TestChosenLanguageWinsInAFreshProcess(t *testing.T) {
	if os.Getenv("CROSSTALK_LANGUAGE_CHILD") != "" {
		if l := os.Getenv("CROSSTALK_LANGUAGE_REGISTER"); l != "" {
			systemLocale = func() fyne.Locale { return fyne.Locale(l) }
		}
		for _, choice := range []string{"en", "ja", "en", "ja"} {
			if err := UseLanguage(choice); err != nil {
				t.Fatal(err)
			}
			wantTexts(t, choice, fyneTranslationsFS, "fynetranslations/"+choice+".json", lang.L)
			wantTexts(t, choice, translationsFS, TranslationsDir+"/"+choice+".json", func(k string, _ ...any) string { return lang.X(k, "?") })
		}
		return
	}
	for _, system := range []struct{ lang, language, register string }{
		{"ja_JP.UTF-8", "", ""}, {"en_US.UTF-8", "", ""}, {"en_GB.UTF-8", "", ""}, {"fr_FR.UTF-8", "", ""},
		{"de_CH.UTF-8", "", ""}, {"pt_BR.UTF-8", "", ""}, {"pt_PT.UTF-8", "", ""}, {"zh_CN.UTF-8", "", ""},
		{"zh_TW.UTF-8", "", ""}, {"sr_RS.UTF-8@latin", "", ""}, {"ko_KR.UTF-8", "", ""}, {"xx_YY", "", ""},
		{"C", "", ""}, {"POSIX", "", ""}, {"C.UTF-8", "", ""}, {"", "", ""},
		{"de_DE.UTF-8", "fr:de", ""}, {"ja_JP.UTF-8", "en_US:ja", ""}, {"en_US.UTF-8", "ja:en", ""},
		// Where the system's locale would not do, under every locale:
		{"fr_FR.UTF-8", "", "de"},      // Fyne's matcher picks another
		{"fr_FR.UTF-8", "", "x-bogus"}, // it cannot be registered
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChosenLanguageWinsInAFreshProcess$")
		env := []string{"CROSSTALK_LANGUAGE_CHILD=1", "LANG=" + system.lang, "LANGUAGE=" + system.language, "CROSSTALK_LANGUAGE_REGISTER=" + system.register}
		for _, e := range os.Environ() {
			if k, _, _ := strings.Cut(e, "="); k != "LANG" && k != "LANGUAGE" && k != "CROSSTALK_LANGUAGE_REGISTER" && k != "LC_ALL" && k != "LC_MESSAGES" {
				env = append(env, e)
			}
		}
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("LANG=%q LANGUAGE=%q, registering under %q: %v\n%s", system.lang, system.language, system.register, err, out)
		}
	}
}

// wantTexts checks that translate gives each text of file that needs no
// data.
func wantTexts(t *testing.T, choice string, fs interface{ ReadFile(string) ([]byte, error) }, file string, translate func(string, ...any) string) {
	t.Helper()
	raw, err := fs.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var texts map[string]any
	if err := json.Unmarshal(raw, &texts); err != nil {
		t.Fatal(err)
	}
	n := 0
	for k, v := range texts {
		if s, ok := v.(string); ok && !strings.Contains(s, "{{") {
			n++
			if got := translate(k); got != s {
				t.Errorf("chose %s: %s = %q, want %q", choice, k, got, s)
			}
		}
	}
	if n < 10 {
		t.Fatalf("%s: only %d texts", file, n)
	}
}
