package widgets

import (
	"os"
	"path/filepath"
	"testing"
)

// The Documents folder comes from XDG's user-dirs.dirs where it says, as
// a Japanese desktop names it.
func TestDocumentsDirFromXDG(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	docs := filepath.Join(home, "ドキュメント")
	for _, d := range []string{docs, filepath.Join(home, ".config")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if got := DocumentsDir(); got != docs {
		t.Errorf("with ~/ドキュメント only: %s", got)
	}
	other := filepath.Join(home, "書類")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte("# comment\nXDG_DOCUMENTS_DIR=\"$HOME/書類\"\n"), 0o644)
	if got := DocumentsDir(); got != other {
		t.Errorf("with user-dirs.dirs: %s, want %s", got, other)
	}
}
