package assets

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/png"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
)

func readTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := translationsFS.ReadFile(TranslationsDir + "/" + name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s is not a flat JSON object of strings: %v", name, err)
	}
	return m
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestTranslationsSameKeysNoEmptyValues(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	en := readTranslations(t, "en.json")
	for k := range ja {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is in ja.json but not in en.json", k)
		}
	}
	for k := range en {
		if _, ok := ja[k]; !ok {
			t.Errorf("key %q is in en.json but not in ja.json", k)
		}
	}
	for name, m := range map[string]map[string]string{"ja.json": ja, "en.json": en} {
		for _, k := range sortedKeys(m) {
			if strings.TrimSpace(m[k]) == "" {
				t.Errorf("%s: key %q has an empty value", name, k)
			}
		}
	}
	// A key's two texts use the same template fields, so that the data
	// one caller passes fills both.
	field := regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)
	for k, jv := range ja {
		fields := func(s string) []string {
			var out []string
			for _, m := range field.FindAllStringSubmatch(s, -1) {
				out = append(out, m[1])
			}
			slices.Sort(out)
			return slices.Compact(out) // a field may appear twice in one language
		}
		if jf, ef := fields(jv), fields(en[k]); !slices.Equal(jf, ef) {
			t.Errorf("key %q: ja.json uses fields %v, en.json %v", k, jf, ef)
		}
		if strings.Count(jv, "{{") != len(field.FindAllString(jv, -1)) {
			t.Errorf("key %q: ja.json has a template that is not a plain {{.Field}}", k)
		}
	}
}

func TestEveryRejectionCodeIsTranslated(t *testing.T) {
	if len(app.Codes) == 0 {
		t.Fatal("app.Codes is empty")
	}
	for _, name := range []string{"ja.json", "en.json"} {
		m := readTranslations(t, name)
		known := map[string]bool{}
		for _, c := range app.Codes {
			key := "reject." + string(c)
			known[key] = true
			if _, ok := m[key]; !ok {
				t.Errorf("%s: no translation for rejection code %q (key %q)", name, c, key)
			}
		}
		// A reject.* key without a code is a stale translation.
		for _, k := range sortedKeys(m) {
			if strings.HasPrefix(k, "reject.") && !known[k] {
				t.Errorf("%s: key %q matches no code in app.Codes", name, k)
			}
		}
	}
}

// The status line names a change the server refused by its mutator
// (ui/status.go): every registered mutator has a name in both
// languages, and no mutation.* key names a mutator that is gone.
func TestEveryMutatorIsNamed(t *testing.T) {
	names := app.MutatorNames()
	if len(names) == 0 {
		t.Fatal("no mutator is registered")
	}
	slices.Sort(names)
	for _, file := range []string{"ja.json", "en.json"} {
		m := readTranslations(t, file)
		known := map[string]bool{}
		for _, name := range names {
			key := "mutation." + name
			known[key] = true
			if _, ok := m[key]; !ok {
				t.Errorf("%s: no name for the mutator %q (key %q)", file, name, key)
			}
		}
		for _, k := range sortedKeys(m) {
			if strings.HasPrefix(k, "mutation.") && !known[k] {
				t.Errorf("%s: key %q names no registered mutator", file, k)
			}
		}
	}
}

func TestJapaneseRejectionsArePolite(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	for _, k := range sortedKeys(ja) {
		if !strings.HasPrefix(k, "reject.") {
			continue
		}
		v := ja[k]
		if !strings.HasSuffix(v, "。") {
			t.Errorf("%s: %q should end with 。", k, v)
		}
		if !strings.Contains(v, "です") && !strings.Contains(v, "ます") && !strings.Contains(v, "ません") &&
			!strings.Contains(v, "ください") {
			t.Errorf("%s: %q is not in です・ます form", k, v)
		}
	}
}

func TestLoadTranslations(t *testing.T) {
	ja := readTranslations(t, "ja.json")
	en := readTranslations(t, "en.json")
	for _, tc := range []struct {
		locale string
		want   map[string]string
	}{
		{"ja_JP.UTF-8", ja},
		{"en_GB.UTF-8", en},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			t.Setenv("LANGUAGE", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LC_ALL", tc.locale)
			if err := LoadTranslations(); err != nil {
				t.Fatalf("LoadTranslations: %v", err)
			}
			for _, key := range []string{"app.title", "start.demo", "reject.recipient_busy"} {
				if got := lang.X(key, "fallback"); got != tc.want[key] {
					t.Errorf("lang.X(%q) = %q, want %q", key, got, tc.want[key])
				}
			}
		})
	}
}

func TestIcon(t *testing.T) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("decode icon: %v", err)
	}
	if format != "png" || cfg.Width != 512 || cfg.Height != 512 {
		t.Errorf("icon is %s %dx%d, want png 512x512", format, cfg.Width, cfg.Height)
	}
}

func TestFonts(t *testing.T) {
	for _, r := range []struct {
		name string
		data []byte
	}{
		{FontRegular.Name(), FontRegular.Content()},
		{FontBold.Name(), FontBold.Content()},
		{FontJapaneseRegular.Name(), FontJapaneseRegular.Content()},
		{FontJapaneseBold.Name(), FontJapaneseBold.Content()},
	} {
		// OpenType files with CFF outlines start with "OTTO".
		if len(r.data) < 1<<20 || !bytes.HasPrefix(r.data, []byte("OTTO")) {
			t.Errorf("%s does not look like an OpenType CFF font (%d bytes)", r.name, len(r.data))
		}
	}
	if bytes.Equal(FontRegular.Content(), FontBold.Content()) {
		t.Error("regular and bold fonts are the same file")
	}
	lic := string(FontLicence.Content())
	for _, want := range []string{"SIL OPEN FONT LICENSE Version 1.1", "The BIZ UDGothic Project Authors"} {
		if !strings.Contains(lic, want) {
			t.Errorf("OFL.txt lacks %q", want)
		}
	}
}
