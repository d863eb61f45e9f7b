// Package autostart opens the app when the user signs in to the computer:
// a value under the current user's Run key on Windows, a LaunchAgent on
// macOS, an XDG autostart file on Linux and the other Unix desktops.
//
// What each platform's entry says is built by plain functions (RunValue,
// Plist, DesktopFile), so that it is tested on any system; For gives the
// entry of the system the app runs on.
package autostart

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"crosstalk/app/filecopy"
)

// Entry is what starts the app at sign-in.
type Entry struct {
	// ID is the app's ID, as a reverse domain name (jp.crosstalk.app):
	// it names the LaunchAgent and the desktop file.
	ID string
	// Name is the app's name, as people see it: the Run value's name
	// and the desktop file's Name.
	Name string
	// Command is the command line: the executable's path, then its
	// arguments.
	Command []string
}

// Autostart turns the entry on and off for the current user.
type Autostart interface {
	// Enabled reports whether the entry is there.
	Enabled() (bool, error)
	// Enable writes the entry, replacing one already there.
	Enable() error
	// Disable removes the entry; it is no error if it is not there.
	Disable() error
}

// Command is the command line that starts the running executable with
// args.
func Command(args ...string) ([]string, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("autostart: %w", err)
	}
	return append([]string{exe}, args...), nil
}

// fileEntry is an entry kept as one file: the desktop file and the
// LaunchAgent.
type fileEntry struct {
	path string
	text func() string
}

func (f fileEntry) Enabled() (bool, error) {
	_, err := os.Stat(f.path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("autostart: %w", err)
	}
}

func (f fileEntry) Enable() error {
	if err := writeFile(f.path, f.text()); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

func (f fileEntry) Disable() error {
	if err := os.Remove(f.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

// writeFile writes text to path, making its folder, through a synced
// file beside it renamed over (filecopy.Write): a crash leaves the old
// file or the new one.
func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return filecopy.Write(path, 0o644, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
}
