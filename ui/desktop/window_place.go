package desktop

import (
	"time"

	"fyne.io/fyne/v2"
)

// prefLastScreen is the setting that keys the screen the main window
// was last closed on (screen.key); each screen's key keeps the window's
// placement there.
const prefLastScreen = "window.screen"

// placeWindow sizes and places the main window, just shown and not yet
// drawn: on the screen it was last closed on if that screen is still
// connected, else on the one it opened on; at its last size and
// position there, or at the default size centred in the work area;
// never larger than the work area (less the window's frame) nor outside
// it. Where the screens cannot be read (see screen.go), the window gets
// the default size and Fyne's centring. Call it on the main thread.
func (d *desktop) placeWindow() {
	scale := d.w.Canvas().Scale()
	win, err := glfwWindow(d.w)
	var s screen
	var x, y int
	var frame rect
	if err == nil {
		x, y, frame, err = windowGeometry(win)
	}
	if err == nil {
		var ok bool
		if s, ok = screenNamed(d.setting(prefLastScreen, ""), scale); !ok {
			size := d.w.Canvas().Size()
			s, err = screenOf(x, y, int(size.Width*scale), int(size.Height*scale), scale)
		}
	}
	if err != nil {
		d.log.Warn("window placement", "err", err)
		d.w.Resize(defaultWindowSize)
		d.w.CenterOnScreen()
		return
	}
	want, at := defaultWindowSize, (*placement)(nil)
	if p, ok := parsePlacement(d.setting(s.key(), "")); ok {
		want, at = p.Size, &p
	}
	size, nx, ny := fit(s, frame, want, at)
	d.log.Info("window placement", "screen", s.key(), "work", s.Work, "scale", scale, "frame", frame, "size", size, "x", nx, "y", ny)
	d.w.Resize(size)
	if err := moveWindow(win, nx, ny); err != nil {
		d.log.Warn("window placement", "err", err)
		return
	}
	// A window moved to a monitor of another scale takes that scale only
	// once the move is seen, and was sized in the first monitor's
	// units: fit it again then.
	go func() {
		for _, wait := range []time.Duration{200 * time.Millisecond, 800 * time.Millisecond} {
			time.Sleep(wait)
			fyne.Do(func() { d.refitOnNewScale(s.key(), scale, want, at) })
		}
	}()
}

// refitOnNewScale fits the window again on the screen of the given key
// when its canvas's scale is no longer was. Call it on the UI goroutine.
func (d *desktop) refitOnNewScale(key string, was float32, want fyne.Size, at *placement) {
	scale := d.w.Canvas().Scale()
	if scale == was || scale <= 0 {
		return
	}
	win, err := glfwWindow(d.w)
	if err != nil {
		return
	}
	_, _, frame, err := windowGeometry(win)
	if err != nil {
		return
	}
	s, ok := screenNamed(key, scale)
	if !ok {
		return
	}
	size, nx, ny := fit(s, frame, want, at)
	d.log.Info("window placement, new scale", "screen", key, "scale", scale, "size", size, "x", nx, "y", ny)
	d.w.Resize(size)
	if err := moveWindow(win, nx, ny); err != nil {
		d.log.Warn("window placement", "err", err)
	}
}

// rememberPlacement keeps the main window's size and position for the
// screen it is on, for placeWindow at the next start. Call it on the UI
// goroutine while the window is open.
func (d *desktop) rememberPlacement() {
	win, err := glfwWindow(d.w)
	if err != nil {
		return // not a desktop window: nothing to remember
	}
	x, y, _, err := windowGeometry(win)
	size, scale := d.w.Canvas().Size(), d.w.Canvas().Scale()
	var s screen
	if err == nil {
		s, err = screenOf(x, y, int(size.Width*scale), int(size.Height*scale), scale)
	}
	if err != nil {
		d.log.Warn("window placement", "err", err)
		return
	}
	d.setSetting(s.key(), placement{X: x - s.Work.X, Y: y - s.Work.Y, Size: size}.String())
	d.setSetting(prefLastScreen, s.key())
}
