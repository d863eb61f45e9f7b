//go:build !windows && !darwin

package autostart

import (
	"fmt"
	"os"
	"path/filepath"
)

// For is e as an XDG autostart file in $XDG_CONFIG_HOME, or
// ~/.config when it is not set (or not an absolute path, as the
// specification says to ignore such a value).
func For(e Entry) (Autostart, error) {
	config := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(config) {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, fmt.Errorf("autostart: %w", err)
		}
		config = filepath.Join(home, ".config")
	}
	return XDG(e, config), nil
}
