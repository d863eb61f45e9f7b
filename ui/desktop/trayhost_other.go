//go:build !linux

package desktop

// hasTrayHost reports whether the desktop shows tray icons: Windows'
// notification area and macOS's menu bar always do. (The BSDs' desktops
// are taken to as well.)
func hasTrayHost() bool { return true }
