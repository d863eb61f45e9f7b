package userdir

import (
	"path/filepath"
	"testing"
)

func TestCompanyServer(t *testing.T) {
	root := t.TempDir()
	// Windows and Linux: beside the executable.
	exe := filepath.Join(root, "win", "CrossTalk.exe")
	write(t, filepath.Join(root, "win", CompanyFile), `{"server": " https://crosstalk.example.jp "}`)
	if got, err := CompanyServer(exe); err != nil || got != "https://crosstalk.example.jp" {
		t.Errorf("beside the .exe: %q, %v", got, err)
	}
	// macOS: beside the .app, or inside it, which wins.
	mac := filepath.Join(root, "mac", "CrossTalk.app", "Contents", "MacOS", "crosstalk")
	write(t, filepath.Join(root, "mac", CompanyFile), `{"server": "https://beside.example.jp"}`)
	if got, err := CompanyServer(mac); err != nil || got != "https://beside.example.jp" {
		t.Errorf("beside the .app: %q, %v", got, err)
	}
	write(t, filepath.Join(root, "mac", "CrossTalk.app", "Contents", "Resources", CompanyFile), `{"server": "https://inside.example.jp"}`)
	if got, err := CompanyServer(mac); err != nil || got != "https://inside.example.jp" {
		t.Errorf("inside the .app: %q, %v", got, err)
	}
	// None, and a damaged one.
	if got, err := CompanyServer(filepath.Join(root, "none", "x")); err != nil || got != "" {
		t.Errorf("none: %q, %v", got, err)
	}
	write(t, filepath.Join(root, "bad", CompanyFile), `{server:`)
	if _, err := CompanyServer(filepath.Join(root, "bad", "x")); err == nil {
		t.Error("a damaged file was not reported")
	}
	if n := len(CompanyFilePaths("/Applications/Other/MacOS/x")); n != 1 {
		t.Errorf("a MacOS folder outside a bundle gave %d paths", n)
	}
}
