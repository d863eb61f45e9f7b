package desktop

import (
	"math"
	"runtime"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"

	"crosstalk/ui/widgets"
)

// installWheel makes the mouse wheel over a multi-line text field move
// the page around it once the field's text cannot scroll further
// (widgets.ForwardWheel). Fyne gives the wheel to the field only, so the
// wheel is taken where it comes in, from GLFW, before Fyne's handler,
// which still gets every event not forwarded. The event is converted
// as Fyne converts it (internal/driver/glfw: mouseScrolled,
// processMouseScrolled). Call it on the main thread once the window is
// created; without a GLFW window (see screen.go), nothing changes.
func (d *desktop) installWheel() {
	win, err := glfwWindow(d.w)
	if err != nil {
		d.log.Warn("mouse wheel", "err", err)
		return
	}
	var fyneScroll glfw.ScrollCallback
	fyneScroll = win.SetScrollCallback(func(w *glfw.Window, xoff, yoff float64) {
		if at, delta, ok := d.wheelEvent(w, xoff, yoff); ok && widgets.ForwardWheel(d.w.Canvas(), at, delta) {
			return
		}
		if fyneScroll != nil {
			fyneScroll(w, xoff, yoff)
		}
	})
}

// wheelEvent is the pointer's position in the canvas and the wheel's
// delta, in Fyne's units, as Fyne computes them.
func (d *desktop) wheelEvent(w *glfw.Window, xoff, yoff float64) (fyne.Position, fyne.Delta, bool) {
	// As Fyne's GLFW driver (scroll_speed_*.go): its speed, and the
	// offset from which a flick is accelerated, by what rate.
	speed, fast, rate := 25.0, 10.0, 125.0
	if runtime.GOOS == "darwin" {
		speed, fast, rate = 10, 5, 1
	} else if xoff == 0 && (w.GetKey(glfw.KeyLeftShift) == glfw.Press || w.GetKey(glfw.KeyRightShift) == glfw.Press) {
		xoff, yoff = yoff, xoff // shift turns the wheel sideways
	}
	accelerate := func(v float64) float64 {
		if math.Abs(v) >= fast {
			return v * rate
		}
		return v
	}
	scale := float64(d.w.Canvas().Scale())
	if scale <= 0 {
		return fyne.Position{}, fyne.Delta{}, false
	}
	x, y := w.GetCursorPos()
	at := fyne.NewPos(float32(x/scale), float32(y/scale))
	return at, fyne.NewDelta(float32(accelerate(xoff)*speed), float32(accelerate(yoff)*speed)), true
}
