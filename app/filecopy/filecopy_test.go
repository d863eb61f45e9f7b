package filecopy

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCopy(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.WriteFile(src, []byte("中身"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Copy(src, dst); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(dst); err != nil || string(b) != "中身" {
		t.Fatalf("copy holds %q, %v", b, err)
	}
	if _, err := os.Stat(dst + ".part"); !os.IsNotExist(err) {
		t.Errorf("the temporary file is left: %v", err)
	}
	// A copy into a folder that does not exist fails and leaves nothing.
	bad := filepath.Join(dir, "none", "c")
	if err := Copy(src, bad); err == nil {
		t.Error("copy into a missing folder succeeded")
	}
	if err := Copy(filepath.Join(dir, "missing"), filepath.Join(dir, "d")); err == nil {
		t.Error("copy of a missing file succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "d")); !os.IsNotExist(err) {
		t.Errorf("a failed copy left its destination: %v", err)
	}
}
