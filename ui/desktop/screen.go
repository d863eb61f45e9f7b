package desktop

import (
	"fmt"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// Fyne has no public API for the screens nor for a window's position:
// this file asks GLFW, the library Fyne's desktop driver draws with,
// directly. Every function here must run on the main thread (before
// the app runs, or in fyne.Do), and fails with an error, rather than
// panicking, where GLFW or the window cannot answer (another driver, as
// in tests, or a window system that keeps positions to itself, such as
// Wayland): the caller then falls back to Fyne's own centring.

// glfwWindow is the GLFW window of w, or an error when w is not one of
// Fyne's GLFW windows or is not yet created. Fyne's window makes its
// context current in RunWithContext, which is exported by its concrete
// type though by no interface: the GLFW window is then the current one.
func glfwWindow(w fyne.Window) (win *glfw.Window, err error) {
	withContext, ok := w.(interface{ RunWithContext(func()) })
	if !ok {
		return nil, fmt.Errorf("screen: the window is not a GLFW window")
	}
	defer func() {
		if r := recover(); r != nil { // GLFW panics on its errors
			win, err = nil, fmt.Errorf("screen: %v", r)
		}
	}()
	withContext.RunWithContext(func() { win = glfw.GetCurrentContext() })
	if win == nil {
		return nil, fmt.Errorf("screen: the window is not created")
	}
	return win, nil
}

// screenOf describes the monitor that holds most of the rectangle at
// (x, y) sized w×h (screen coordinates), or the primary monitor when
// none does; scale is the window canvas's.
func screenOf(x, y, w, h int, scale float32) (s screen, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("screen: %v", r)
		}
	}()
	if err := glfw.Init(); err != nil { // idempotent: Fyne initialised it
		return screen{}, fmt.Errorf("screen: %w", err)
	}
	best, area := glfw.GetPrimaryMonitor(), 0
	for _, m := range glfw.GetMonitors() {
		mx, my := m.GetPos()
		mode := m.GetVideoMode()
		if mode == nil {
			continue
		}
		ox := max(0, min(x+w, mx+mode.Width)-max(x, mx))
		oy := max(0, min(y+h, my+mode.Height)-max(y, my))
		if ox*oy > area {
			best, area = m, ox*oy
		}
	}
	if best == nil {
		return screen{}, fmt.Errorf("screen: no monitor")
	}
	return describe(best, scale)
}

// screenNamed describes the connected monitor of the given key, if any.
func screenNamed(key string, scale float32) (screen, bool) {
	defer func() { _ = recover() }()
	if glfw.Init() != nil {
		return screen{}, false
	}
	for _, m := range glfw.GetMonitors() {
		if s, err := describe(m, scale); err == nil && s.key() == key {
			return s, true
		}
	}
	return screen{}, false
}

func describe(m *glfw.Monitor, scale float32) (screen, error) {
	mode := m.GetVideoMode()
	if mode == nil {
		return screen{}, fmt.Errorf("screen: monitor %q disconnected", m.GetName())
	}
	x, y, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 { // a system without work areas
		x, y = m.GetPos()
		w, h = mode.Width, mode.Height
	}
	s := screen{Name: m.GetName(), Width: mode.Width, Height: mode.Height, Work: rect{x, y, w, h}, Scale: scale}
	s.Pos[0], s.Pos[1] = m.GetPos()
	for _, o := range glfw.GetMonitors() {
		if o == m {
			continue
		}
		if om := o.GetVideoMode(); om != nil && o.GetName() == s.Name && om.Width == s.Width && om.Height == s.Height {
			s.Twin = true
		}
	}
	return s, nil
}

// windowGeometry is the screen position of the content's top left corner
// of win, and its frame's widths (left, top, right, bottom).
func windowGeometry(win *glfw.Window) (x, y int, frame rect, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("screen: %v", r)
		}
	}()
	if win.GetAttrib(glfw.Iconified) == glfw.True {
		// Minimised, Windows puts it at -32000: no place to remember.
		return 0, 0, rect{}, fmt.Errorf("screen: the window is minimised")
	}
	x, y = win.GetPos()
	l, t, r, b := win.GetFrameSize()
	return x, y, rect{l, t, r, b}, nil
}

// moveWindow moves the content's top left corner of win to (x, y).
func moveWindow(win *glfw.Window, x, y int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("screen: %v", r)
		}
	}()
	win.SetPos(x, y)
	return nil
}
