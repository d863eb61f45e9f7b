package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"crosstalk/assets"
)

// translations are the texts of language l ("ja", "en") by key.
func translations(t *testing.T, l string) map[string]string {
	t.Helper()
	raw, err := assets.TranslationsFS().ReadFile(assets.TranslationsDir + "/" + l + ".json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// Every key the views pass to lang.X has a Japanese and an English text
// in the assets: a missing one would show its English fallback to a
// Japanese user. The views' packages below this one count too.
func TestEveryKeyIsTranslated(t *testing.T) {
	tr := map[string]map[string]string{"ja": translations(t, "ja"), "en": translations(t, "en")}
	var files []string
	for _, pattern := range []string{"*.go", "admin/*.go", "desktop/*.go", "widgets/*.go"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	key := regexp.MustCompile(`lang\.X\(\s*"([^"]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(src), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a prefix of keys made at run time, such as "reject." + code
			}
			n++
			for _, l := range []string{"ja", "en"} {
				if tr[l][m[1]] == "" {
					t.Errorf("%s: %q has no %s text", f, m[1], l)
				}
			}
		}
	}
	if n < 200 {
		t.Fatalf("only %d keys found: is the pattern still right?", n)
	}
}
