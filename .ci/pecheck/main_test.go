package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// buildExe cross-compiles a tiny Go program for Windows (no cgo, so it
// takes seconds) with extra linker flags.
func buildExe(t *testing.T, ldflags string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	os.WriteFile(src, []byte("package main\nfunc main() {}\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module tiny\ngo 1.22\n"), 0o600)
	exe := filepath.Join(dir, "tiny.exe")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-ldflags", ldflags, "-o", exe, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return exe
}

// A console program is refused for its subsystem, a GUI one without
// resources for its missing icon and version; a non-PE file is refused.
func TestRefusesWhatIsNotTheApp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two Windows programs")
	}
	console := buildExe(t, "-s -w")
	r, err := Check(console, "")
	if err == nil || r.Subsystem != 3 || !strings.Contains(err.Error(), "console window") {
		t.Errorf("console program: %v, %v", r, err)
	}
	gui := buildExe(t, "-s -w -H=windowsgui")
	r, err = Check(gui, "")
	if err == nil || r.Subsystem != subsystemGUI || strings.Contains(err.Error(), "subsystem") || !strings.Contains(err.Error(), "resource") {
		t.Errorf("GUI program without resources: %v, %v", r, err)
	}
	notPE := filepath.Join(t.TempDir(), "x.exe")
	os.WriteFile(notPE, []byte("MZ but nothing more"), 0o600)
	if _, err := Check(notPE, ""); err == nil {
		t.Error("a file that is not PE passed")
	}
}

// PECHECK_EXE names a real build to check, as .ci/run does after
// packaging.
func TestGivenExe(t *testing.T) {
	path := os.Getenv("PECHECK_EXE")
	if path == "" {
		t.Skip("PECHECK_EXE not set")
	}
	r, err := Check(path, os.Getenv("PECHECK_VERSION"))
	t.Log(r)
	if err != nil {
		t.Fatal(err)
	}
}

func TestFixedVersionAndIconDirectory(t *testing.T) {
	b := make([]byte, 64)
	copy(b[40:], []byte{0xBD, 0x04, 0xEF, 0xFE, 0, 0, 1, 0, 1, 0, 0, 0, 7, 0, 2, 0})
	if got := fixedVersion(b); got != "0.1.2.7" {
		t.Errorf("version %q", got)
	}
	grp := []byte{0, 0, 1, 0, 2, 0,
		16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 1, 0,
		0, 0, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 2, 0}
	if got := strings.Join(iconSizes(grp), ","); got != "16x16 32bpp,256x256 32bpp" {
		t.Errorf("sizes %q", got)
	}
}
