// Package desktop is the desktop app's life cycle: the single instance,
// the per-user data folder with its log and settings, the first launch,
// the in-process demo server, signing in and out, the system tray that
// keeps watch when the window is closed and the autostart entry (tray.go,
// crosstalk/ui/desktop/autostart), the session with its
// store and sync client, the services that serve the views from them,
// the diagnostics for support, and the start-up's report, profiles and
// garbage collector tuning. The main package parses the flags and calls
// Run.
//
// It is the only package under crosstalk/ui that may import crosstalk/data
// and crosstalk/sync: the views (crosstalk/ui, crosstalk/ui/admin) are
// served through the app's interfaces, which this package implements.
package desktop
