//go:build !windows && !darwin

package autostart

import (
	"os"
	"path/filepath"
	"testing"
)

// TestXDGWrittenAndRemoved turns the entry on and off through For, as the
// app does, with XDG_CONFIG_HOME in a temporary folder.
func TestXDGWrittenAndRemoved(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	cmd, err := Command("-tray")
	if err != nil {
		t.Fatal(err)
	}
	e := Entry{ID: "jp.crosstalk.app", Name: "CrossTalk", Command: cmd}
	a, err := For(e)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(config, "autostart", "jp.crosstalk.app.desktop")
	if on, err := a.Enabled(); on || err != nil {
		t.Fatalf("before Enable: Enabled() = %v, %v", on, err)
	}
	if err := a.Enable(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != DesktopFile(e) {
		t.Errorf("%s:\n%s\nwant:\n%s", path, b, DesktopFile(e))
	}
	exe, _ := os.Executable()
	if cmd[0] != exe {
		t.Errorf("the command starts %q, not the running executable %q", cmd[0], exe)
	}
	if on, err := a.Enabled(); !on || err != nil {
		t.Errorf("after Enable: Enabled() = %v, %v", on, err)
	}
	if err := a.Enable(); err != nil { // again: replaces it
		t.Fatal(err)
	}
	if err := a.Disable(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("after Disable, %s: %v; want it gone", path, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 0 {
		t.Errorf("left in the autostart folder: %v", entries)
	}
	if err := a.Disable(); err != nil {
		t.Errorf("Disable when off: %v", err)
	}
	if on, err := a.Enabled(); on || err != nil {
		t.Errorf("after Disable: Enabled() = %v, %v", on, err)
	}
}

// TestXDGDefault is ~/.config when XDG_CONFIG_HOME is not set.
func TestXDGDefault(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	a, err := For(entry)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Enable(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, ".config", "autostart", "jp.crosstalk.app.desktop")); err != nil {
		t.Error(err)
	}
}
