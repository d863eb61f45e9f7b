package applog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func logFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "logs", "crosstalk*.log"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWritesIntoTheDataFolder(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.Info("started", "version", "0.1.0")
	l.Error("sync", "err", errors.New("server unreachable"))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"level=INFO msg=started version=0.1.0", `level=ERROR msg=sync err="server unreachable"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the log lacks %q:\n%s", want, b)
		}
	}
}

// The file rotates at its size and only the last few are kept.
func TestRotates(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir, Options{MaxSizeMB: 1, MaxBackups: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	line := strings.Repeat("x", 1000)
	for range 5 * 1024 { // about 5 MB
		l.Info("filler", "text", line)
	}
	st, err := os.Stat(Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 1<<20 {
		t.Fatalf("the current file is %d bytes, over its 1 MB", st.Size())
	}
	// Old files are removed by a goroutine of lumberjack's: wait for it.
	deadline := time.Now().Add(5 * time.Second)
	for {
		n := len(logFiles(t, dir))
		if n == 3 { // the current one and two backups
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d log files, want 3: %v", n, logFiles(t, dir))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Recent keeps the last warnings and errors, with their error text and
// none of their other attributes.
func TestRecentKeepsErrorsOnly(t *testing.T) {
	l, err := Open(t.TempDir(), Options{Recent: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.Info("fine", "err", "not kept")
	l.Warn("push", "err", errors.New("timeout 1"), "participant", "山田 花子")
	l.With("err", "from With").Error("pull")
	l.Error("sync", "error", "status 503")
	l.Error("open", "err", "disk full")
	got := l.Recent()
	if len(got) != 3 {
		t.Fatalf("kept %d: %q", len(got), got)
	}
	for i, want := range []string{"ERROR pull: from With", "ERROR sync: status 503", "ERROR open: disk full"} {
		if !strings.HasSuffix(got[i], want) {
			t.Errorf("line %d: %q, want it to end %q", i, got[i], want)
		}
	}
	for _, line := range got {
		if strings.Contains(line, "山田") || strings.Contains(line, "not kept") {
			t.Errorf("kept %q", line)
		}
	}
}

// The support report carries the facts and the last errors, and no path
// that names the user.
func TestReport(t *testing.T) {
	home := "/home/yamada.hanako"
	r := Report{Version: "0.1.0", Build: 3, OS: "windows", Arch: "amd64", Go: "go1.26", Schema: 2,
		Server: "https://crosstalk.example.jp", Online: false, Pending: 2,
		LastSyncError: "dial tcp: connection refused", Refused: []string{"offer_cap", "too_long"}, LogFile: home + "/.local/share/jp.crosstalk.app/logs/crosstalk.log",
		Home: home, Errors: []string{"2026-12-01T10:00:00Z ERROR open " + home + "/x: disk full"}}
	got := r.String()
	for _, want := range []string{"CrossTalk 0.1.0 (build 3)", "OS: windows/amd64", "Schema: 2", "Server: https://crosstalk.example.jp",
		"Online: false", "Pending changes: 2", "Last sync: never", "Last sync error: dial tcp: connection refused",
		"Refused changes: offer_cap, too_long", "Log file: ~/.local/share/jp.crosstalk.app/logs/crosstalk.log", "Last errors (1):", "ERROR open ~/x: disk full"} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "yamada") {
		t.Errorf("the report names the user:\n%s", got)
	}
	if got := (Report{Demo: true, Server: "http://127.0.0.1:1"}).String(); !strings.Contains(got, "Server: demo") || !strings.Contains(got, "development build") {
		t.Errorf("demo report:\n%s", got)
	}
}
