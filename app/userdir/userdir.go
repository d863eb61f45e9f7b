// Package userdir finds the desktop app's per-user data folder, the one
// place for its SQLite file, its logs and its settings:
//
//	Windows  %APPDATA%\<id>                       (roaming AppData, as redirected by the company)
//	macOS    ~/Library/Application Support/<id>
//	Linux    $XDG_DATA_HOME/<id>, by default ~/.local/share/<id>
//
// Never next to the executable and never in a temp folder, so that
// replacing the app by a newer copy keeps the data. Fyne's own storage
// root (a.Storage().RootURI()) is elsewhere: %USERPROFILE%\AppData\Roaming\fyne\<id>,
// ~/Library/Preferences/fyne/<id> and ~/.config/fyne/<id>; versions up to
// 0.1.0 kept their data there, and MoveFrom brings it over once.
package userdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	gosync "sync"

	"crosstalk/app/filecopy"
)

// Dir is the data folder of the app with this ID on this machine.
func Dir(appID string) (string, error) {
	return Resolve(runtime.GOOS, os.Getenv, appID)
}

// Resolve is Dir for an operating system and an environment.
func Resolve(goos string, getenv func(string) string, appID string) (string, error) {
	if appID == "" || strings.ContainsAny(appID, `/\`) {
		return "", fmt.Errorf("userdir: bad app ID %q", appID)
	}
	var base string
	switch goos {
	case "windows":
		base = getenv("APPDATA")
		if base == "" {
			return "", errors.New("userdir: %APPDATA% is not set")
		}
		return base + `\` + appID, nil
	case "darwin":
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("userdir: $HOME is not set")
		}
		base = filepath.Join(home, "Library", "Application Support")
	default: // Linux and the BSDs: the XDG base directories
		base = getenv("XDG_DATA_HOME")
		if !filepath.IsAbs(base) { // the spec: a relative value is ignored
			home := getenv("HOME")
			if home == "" {
				return "", errors.New("userdir: neither $XDG_DATA_HOME nor $HOME is set")
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(base, appID), nil
}

// marker is the file whose presence says a folder holds the app's data.
const marker = "crosstalk.db"

// MoveFrom moves the app's files from old, the folder an earlier version
// used, into dir, when dir has no database yet and old has one. It moves
// every file but Fyne's preferences.json (Fyne reads that where it is),
// keeping a database with its -wal and -shm files. It returns the names
// moved; nothing to move is no error. Call it before opening the
// database, while holding the instance lock.
func MoveFrom(old, dir string) ([]string, error) {
	if old == "" || filepath.Clean(old) == filepath.Clean(dir) {
		return nil, nil
	}
	if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
		return nil, nil // already moved, or a new install that has data
	}
	if _, err := os.Stat(filepath.Join(old, marker)); err != nil {
		return nil, nil // nothing of ours there
	}
	entries, err := os.ReadDir(old)
	if err != nil {
		return nil, fmt.Errorf("userdir: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("userdir: %w", err)
	}
	var moved []string
	// The database last, so that a move cut short is taken up again at
	// the next start (the marker is still in the old folder).
	var last []fs.DirEntry
	for _, e := range entries {
		if !e.Type().IsRegular() || e.Name() == "preferences.json" {
			continue
		}
		if e.Name() == marker {
			last = append(last, e)
			continue
		}
		if err := move(filepath.Join(old, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return moved, err
		}
		moved = append(moved, e.Name())
	}
	for _, e := range last {
		if err := move(filepath.Join(old, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return moved, err
		}
		moved = append(moved, e.Name())
	}
	return moved, nil
}

// move renames src to dst, or copies and removes it across file systems.
func move(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	if err := filecopy.Copy(src, dst); err != nil {
		return fmt.Errorf("userdir: move %s: %w", src, err)
	}
	return os.Remove(src)
}

// Settings are the user's choices (text size, language), kept as a flat
// JSON object in settings.json in the data folder. Safe for concurrent
// use; every Set is written at once.
type Settings struct {
	path string
	mu   gosync.Mutex
	m    map[string]string
}

// SettingsFile is the name of the settings file in the data folder.
const SettingsFile = "settings.json"

// OpenSettings reads dir's settings; a missing file is no settings, an
// unreadable one is reported and replaced at the next Set.
func OpenSettings(dir string) (*Settings, error) {
	s := &Settings{path: filepath.Join(dir, SettingsFile), m: map[string]string{}}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &s.m)
	}
	if err != nil {
		s.m = map[string]string{}
		return s, fmt.Errorf("settings: %w", err)
	}
	return s, nil
}

// Get returns a setting and whether it is set.
func (s *Settings) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	return v, ok
}

// String returns a setting, or def when it is not set.
func (s *Settings) String(key, def string) string {
	if v, ok := s.Get(key); ok {
		return v
	}
	return def
}

// Set changes a setting and writes the file (beside, then renamed over,
// so that a crash leaves the old file or the new one).
func (s *Settings) Set(key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = value
	b, err := json.MarshalIndent(s.m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	tmp := s.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	return nil
}
