package userdir

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestResolvePerOS(t *testing.T) {
	const id = "jp.crosstalk.app"
	for _, tc := range []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"windows", map[string]string{"APPDATA": `C:\Users\sato\AppData\Roaming`, "HOME": "/ignored"}, `C:\Users\sato\AppData\Roaming\jp.crosstalk.app`},
		{"windows", map[string]string{"APPDATA": `\\fileserver\profiles\sato\AppData`}, `\\fileserver\profiles\sato\AppData\jp.crosstalk.app`},
		{"darwin", map[string]string{"HOME": "/Users/sato", "XDG_DATA_HOME": "/ignored"}, "/Users/sato/Library/Application Support/jp.crosstalk.app"},
		{"linux", map[string]string{"HOME": "/home/sato"}, "/home/sato/.local/share/jp.crosstalk.app"},
		{"linux", map[string]string{"HOME": "/home/sato", "XDG_DATA_HOME": "/data/sato"}, "/data/sato/jp.crosstalk.app"},
		{"linux", map[string]string{"HOME": "/home/sato", "XDG_DATA_HOME": "relative/ignored"}, "/home/sato/.local/share/jp.crosstalk.app"},
		{"freebsd", map[string]string{"HOME": "/home/sato"}, "/home/sato/.local/share/jp.crosstalk.app"},
	} {
		got, err := Resolve(tc.goos, env(tc.env), id)
		if err != nil || got != tc.want {
			t.Errorf("%s %v: got %q, %v; want %q", tc.goos, tc.env, got, err, tc.want)
		}
		if strings.Contains(strings.ToLower(got), "tmp") || strings.Contains(strings.ToLower(got), "temp") {
			t.Errorf("%s: %q is a temp folder", tc.goos, got)
		}
	}
	for _, goos := range []string{"windows", "darwin", "linux"} {
		if got, err := Resolve(goos, env(nil), id); err == nil {
			t.Errorf("%s with no environment: got %q, want an error (never a folder next to the app or in temp)", goos, got)
		}
	}
	if _, err := Resolve("linux", env(map[string]string{"HOME": "/h"}), "../x"); err == nil {
		t.Error("an app ID with a slash was accepted")
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An existing user's data in Fyne's folder is found after the upgrade:
// the database with its WAL, its backups and the demo's files move; Fyne's
// preferences stay; a second start moves nothing.
func TestMoveFromOldFolder(t *testing.T) {
	root := t.TempDir()
	old, dir := filepath.Join(root, ".config/fyne/jp.crosstalk.app"), filepath.Join(root, ".local/share/jp.crosstalk.app")
	for _, name := range []string{"crosstalk.db", "crosstalk.db-wal", "crosstalk.db-shm", "crosstalk.db.v1.bak", "demo-client.db"} {
		write(t, filepath.Join(old, name), "data of "+name)
	}
	write(t, filepath.Join(old, "preferences.json"), `{"text_size":"large"}`)
	moved, err := MoveFrom(old, dir)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(moved)
	if want := []string{"crosstalk.db", "crosstalk.db-shm", "crosstalk.db-wal", "crosstalk.db.v1.bak", "demo-client.db"}; !slices.Equal(moved, want) {
		t.Fatalf("moved %v, want %v", moved, want)
	}
	for _, name := range moved {
		if got := read(t, filepath.Join(dir, name)); got != "data of "+name {
			t.Errorf("%s holds %q", name, got)
		}
		if _, err := os.Stat(filepath.Join(old, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still in the old folder", name)
		}
	}
	if _, err := os.Stat(filepath.Join(old, "preferences.json")); err != nil {
		t.Error("Fyne's preferences were moved")
	}
	// The next start: nothing to do, and a new file in the old place
	// (an old copy of the app run again) does not overwrite the data.
	write(t, filepath.Join(old, "crosstalk.db"), "older")
	if moved, err := MoveFrom(old, dir); err != nil || len(moved) != 0 {
		t.Fatalf("second start moved %v, %v", moved, err)
	}
	if got := read(t, filepath.Join(dir, "crosstalk.db")); got != "data of crosstalk.db" {
		t.Fatalf("the data was overwritten: %q", got)
	}
}

func TestMoveFromNothing(t *testing.T) {
	root := t.TempDir()
	for _, old := range []string{"", filepath.Join(root, "missing"), root} {
		if moved, err := MoveFrom(old, filepath.Join(root, "new")); err != nil || len(moved) != 0 {
			t.Errorf("MoveFrom(%q): %v, %v", old, moved, err)
		}
	}
}

func TestSettingsKeptAcrossStarts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s, err := OpenSettings(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.String("language", "ja"); got != "ja" {
		t.Fatalf("default: %q", got)
	}
	if err := s.Set("language", "en"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("text_size", "large"); err != nil {
		t.Fatal(err)
	}
	s2, err := OpenSettings(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s2.String("language", "") != "en" || s2.String("text_size", "") != "large" {
		t.Fatalf("not kept: %v", s2.m)
	}
	// A damaged file is reported, and does not stop the app.
	write(t, filepath.Join(dir, SettingsFile), "{not json")
	s3, err := OpenSettings(dir)
	if err == nil {
		t.Fatal("a damaged file was not reported")
	}
	if s3.String("language", "ja") != "ja" {
		t.Fatal("a damaged file gave settings")
	}
	if err := s3.Set("language", "ja"); err != nil {
		t.Fatal(err)
	}
}
