package autostart

import (
	"fmt"
	"os"
	"path/filepath"
)

// For is e as a LaunchAgent of the current user.
func For(e Entry) (Autostart, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, fmt.Errorf("autostart: %w", err)
	}
	return LaunchAgent(e, filepath.Join(home, "Library", "LaunchAgents")), nil
}
