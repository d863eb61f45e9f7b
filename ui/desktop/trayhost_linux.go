package desktop

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/godbus/dbus/v5"
)

// hasTrayHost reports whether the desktop shows tray icons: on Linux, a
// StatusNotifierWatcher on the session bus (KDE, GNOME with its
// AppIndicator extension, Xfce, Cinnamon…), which Fyne's tray registers
// with. Without a session bus there is none; the bus is not started for
// the question. It may take a moment: call it off the UI goroutine.
func hasTrayHost() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if dir := os.Getenv("XDG_RUNTIME_DIR"); dir == "" || !exists(filepath.Join(dir, "bus")) {
			return false
		}
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var has bool
	err = conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
