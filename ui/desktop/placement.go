package desktop

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// defaultWindowSize is the main window's size on a screen where it has
// not been before, in Fyne's units: fitted into the screen's work area.
var defaultWindowSize = fyne.NewSize(1100, 760)

// rect is a rectangle in the screen coordinates of the window system:
// pixels on Windows and Linux, points on macOS.
type rect struct{ X, Y, W, H int }

// screen is a monitor as the window is placed on it.
type screen struct {
	Name          string  // as the system names the monitor
	Width, Height int     // its resolution, in its video mode's pixels
	Work          rect    // its work area: the screen less the taskbar, dock or menu bar
	Scale         float32 // Fyne units to screen coordinates: the window canvas's scale
	// Twin is set when another connected monitor has the same name and
	// resolution (two monitors of one model, as Windows names them):
	// then Pos, the monitor's place on the desktop, tells them apart.
	Twin bool
	Pos  [2]int
}

// key names the screen in the settings: the monitor and its resolution,
// so that a laptop remembers one size for its own screen and another
// for the monitor it is plugged into; for one of twin monitors, its place
// on the desktop too.
func (s screen) key() string {
	if s.Twin {
		return fmt.Sprintf("window.%s@%dx%d+%d+%d", s.Name, s.Width, s.Height, s.Pos[0], s.Pos[1])
	}
	return fmt.Sprintf("window.%s@%dx%d", s.Name, s.Width, s.Height)
}

// workSize is the work area in Fyne units, less the window's frame
// (title bar and borders, in screen coordinates).
func (s screen) workSize(frame rect) fyne.Size {
	scale := s.Scale
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(s.Work.W-frame.X-frame.W)/scale, float32(s.Work.H-frame.Y-frame.H)/scale)
}

// placement is where the window was on a screen: its content's top left
// corner, in screen coordinates from the work area's top left corner,
// and its content's size in Fyne units.
type placement struct {
	X, Y int
	Size fyne.Size
}

// String is the placement as the settings keep it: "x,y,width,height".
func (p placement) String() string {
	return fmt.Sprintf("%d,%d,%g,%g", p.X, p.Y, p.Size.Width, p.Size.Height)
}

// parsePlacement reads a placement kept by String.
func parsePlacement(s string) (placement, bool) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return placement{}, false
	}
	x, errX := strconv.Atoi(f[0])
	y, errY := strconv.Atoi(f[1])
	w, errW := strconv.ParseFloat(f[2], 32)
	h, errH := strconv.ParseFloat(f[3], 32)
	if errX != nil || errY != nil || errW != nil || errH != nil ||
		!(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) { // NaN fails w > 0
		return placement{}, false
	}
	return placement{X: x, Y: y, Size: fyne.NewSize(float32(w), float32(h))}, true
}

// fit places a window of size want (Fyne units) on s, with a frame of the
// given widths (left in X, top in Y, right in W, bottom in H): no larger
// than the work area, and inside it. at is where it was last, or nil to
// centre it. It returns the size to give the window and the screen
// position of its content's top left corner.
func fit(s screen, frame rect, want fyne.Size, at *placement) (size fyne.Size, x, y int) {
	work := s.workSize(frame)
	size = fyne.NewSize(min(want.Width, work.Width), min(want.Height, work.Height))
	scale := s.Scale
	if scale <= 0 {
		scale = 1
	}
	// The whole window, frame included, in screen coordinates.
	outerW := int(size.Width*scale+0.5) + frame.X + frame.W
	outerH := int(size.Height*scale+0.5) + frame.Y + frame.H
	left, top := (s.Work.W-outerW)/2, (s.Work.H-outerH)/2
	if at != nil {
		left, top = at.X-frame.X, at.Y-frame.Y
	}
	left = max(0, min(left, s.Work.W-outerW))
	top = max(0, min(top, s.Work.H-outerH))
	return size, s.Work.X + left + frame.X, s.Work.Y + top + frame.Y
}
