package desktop

import (
	"github.com/go-gl/glfw/v3.4/glfw"

	"crosstalk/ui/widgets"
)

// installEscape makes Escape close the top dialog, picker or drop-down
// of the main window (widgets.Escape), wherever the focus is. Fyne hands
// a key to the focused widget only, and a text entry ignores Escape: the
// canvas's own key hooks never hear of it then. So the key is taken
// where it comes in, from GLFW, before Fyne's handler, which is still
// called for every other key and for an Escape with nothing to close.
// Call it on the main thread once the window is created; where there is
// no GLFW window (see screen.go), Escape keeps Fyne's behaviour.
func (d *desktop) installEscape() {
	win, err := glfwWindow(d.w)
	if err != nil {
		d.log.Warn("escape key", "err", err)
		return
	}
	var fyneKey glfw.KeyCallback
	swallowed := false
	fyneKey = win.SetKeyCallback(func(w *glfw.Window, key glfw.Key, scancode int, action glfw.Action, mods glfw.ModifierKey) {
		if key == glfw.KeyEscape {
			switch {
			case action == glfw.Press && mods == 0 && widgets.Escape(d.w.Canvas()):
				swallowed = true
				return
			case action == glfw.Release && swallowed:
				swallowed = false
				return
			}
		}
		if fyneKey != nil {
			fyneKey(w, key, scancode, action, mods)
		}
	})
}
