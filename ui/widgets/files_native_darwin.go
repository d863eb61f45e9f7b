//go:build darwin

package widgets

// On macOS the file dialogs are the system's (NSOpenPanel and
// NSSavePanel, through github.com/sqweek/dialog, which runs them on the
// main thread): people expect their Desktop, Documents and iCloud there.
func init() { nativeFiles = runNative }
