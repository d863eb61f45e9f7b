package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
)

// Fyne picks the translation from the system's locale and falls back to
// English. CrossTalk lets the user choose Japanese or English in the app,
// defaults to the system's choice, and falls back to Japanese. It does so
// by registering the chosen language's texts — its own and a copy of
// Fyne's own dialog strings (fynetranslations/, BSD 3-Clause, see the
// LICENSE there) — under the system's locale, which Fyne's matcher then
// picks as an exact match over any locale it ships; and, should that not
// take (a locale Fyne cannot register or match), under every locale Fyne
// might pick.

//go:embed fynetranslations/*.json
var fyneTranslationsFS embed.FS

// Languages are the languages the app speaks, the default first.
var Languages = []string{"ja", "en"}

// fyneLocales are the locales Fyne ships translations for, any of which
// its matcher may pick for a system locale.
var fyneLocales = []string{"cs", "de", "el", "en", "es", "fr", "ja", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// DefaultLanguage is English when the system's language is English, and
// Japanese otherwise, including when the system names no usable locale
// (Fyne would take that for English).
func DefaultLanguage() string {
	loc, err := locale.GetLocale()
	if err == nil && strings.HasPrefix(strings.ToLower(loc), "en") {
		return "en"
	}
	return "ja"
}

// UseLanguage makes every text of the app and of Fyne's dialogs use code
// ("ja" or "en"), whatever the system's locale. Widgets made before the
// call keep their texts: rebuild them.
func UseLanguage(code string) error {
	known := false
	for _, l := range Languages {
		known = known || l == code
	}
	if !known {
		return fmt.Errorf("language %q: want one of %v", code, Languages)
	}
	merged := map[string]any{}
	for _, src := range []struct {
		fs   embed.FS
		path string
	}{{fyneTranslationsFS, "fynetranslations/" + code + ".json"}, {translationsFS, TranslationsDir + "/" + code + ".json"}} {
		b, err := src.fs.ReadFile(src.path)
		if err != nil {
			return fmt.Errorf("language %s: %w", code, err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("language %s: %s: %w", code, src.path, err)
		}
		for k, v := range m {
			merged[k] = v // ours, read last, win
		}
	}
	merged[languageKey] = code
	data, err := json.Marshal(merged)
	if err != nil {
		return fmt.Errorf("language %s: %w", code, err)
	}
	// Each registration parses the texts anew and keeps them (about 0.4 MB
	// and 3 ms a locale), so register under one locale when that suffices.
	if lang.AddTranslationsForLocale(data, systemLocale()) == nil && speaks(code, merged) {
		return nil
	}
	for _, l := range fyneLocales {
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(l)); err != nil {
			return fmt.Errorf("language %s for %s: %w", code, l, err)
		}
	}
	if !speaks(code, merged) {
		return fmt.Errorf("language %s: Fyne's translator does not use it", code)
	}
	return nil
}

// systemLocale is lang.SystemLocale; tests make it name a locale Fyne's
// matcher does not pick, or cannot register.
var systemLocale = lang.SystemLocale

// languageKey is a text only UseLanguage registers: the chosen language's
// code, which tells whether Fyne's translator uses the chosen texts.
const languageKey = "crosstalk.language"

// speaks tells whether lang translates with the texts merged for code: our
// own (languageKey) and Fyne's (its Cancel button), which could each come
// from another registration.
func speaks(code string, merged map[string]any) bool {
	cancel, ok := merged["Cancel"].(string)
	return lang.X(languageKey, "") == code && (!ok || lang.L("Cancel") == cancel)
}
