//go:build !linux

package desktop

// releaseFontPages does nothing here: see its Linux version.
func releaseFontPages([][]byte) error { return nil }
