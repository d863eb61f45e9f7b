//go:build smoke

package ui

import "fyne.io/fyne/v2"

// SmokeConnect enters code and taps 接続する, as the person would, for the
// walk of two apps on one server (.ci/gui-smoke).
func (f *FirstRun) SmokeConnect(code string) {
	f.code.SetText(code)
	f.connect.Tapped(&fyne.PointEvent{})
}
