package filecopy

import (
	"errors"
	"io"
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

// A write that fails halfway leaves the file it was to replace as it was,
// and no temporary file.
func TestWriteIsWholeOrNothing(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "codes.csv")
	if err := os.WriteFile(dst, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dst, 0o644, func(w io.Writer) error {
		io.WriteString(w, "new, half")
		return errors.New("disk full")
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("write: %v", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "old" {
		t.Errorf("after a failed write the file holds %q", b)
	}
	if _, err := os.Stat(dst + ".part"); !os.IsNotExist(err) {
		t.Errorf("the temporary file is left: %v", err)
	}
	if err := Write(dst, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "new" {
		t.Errorf("after a write the file holds %q", b)
	}
}
