package desktop

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// xRect is a rectangle of the X screen, in pixels.
type xRect struct{ X, Y, W, H int }

// xPlace asks the X server, through xdotool, for the size of the screen
// and where this process's window lies on it (its largest window shown,
// when it has more). It is for the tour and the smoke walk, which run
// under Xvfb.
func xPlace() (screen, win xRect, err error) {
	out, err := exec.Command("xdotool", "getdisplaygeometry").Output()
	if err != nil {
		return screen, win, fmt.Errorf("xdotool getdisplaygeometry: %w", err)
	}
	if _, err := fmt.Sscanf(string(out), "%d %d", &screen.W, &screen.H); err != nil {
		return screen, win, fmt.Errorf("xdotool getdisplaygeometry said %q: %w", out, err)
	}
	out, err = exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(os.Getpid())).Output()
	if err != nil {
		return screen, win, fmt.Errorf("xdotool search found no window of this process: %w", err)
	}
	found := false
	for _, id := range strings.Fields(string(out)) {
		r, err := xWindow(id)
		if err != nil {
			return screen, win, err
		}
		if !found || r.W*r.H > win.W*win.H {
			win, found = r, true
		}
	}
	if !found {
		return screen, win, fmt.Errorf("this process shows no window")
	}
	return screen, win, nil
}

// xWindow is the place of the X window id.
func xWindow(id string) (xRect, error) {
	out, err := exec.Command("xdotool", "getwindowgeometry", "--shell", id).Output()
	if err != nil {
		return xRect{}, fmt.Errorf("xdotool getwindowgeometry %s: %w", id, err)
	}
	var r xRect
	fields := map[string]*int{"X": &r.X, "Y": &r.Y, "WIDTH": &r.W, "HEIGHT": &r.H}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if p := fields[k]; ok && p != nil {
			if *p, err = strconv.Atoi(v); err != nil {
				return r, fmt.Errorf("xdotool getwindowgeometry %s said %q: %w", id, sc.Text(), err)
			}
		}
	}
	return r, nil
}

// visible is the part of win on screen, or a zero rectangle.
func (win xRect) visible(screen xRect) xRect {
	x0, y0 := max(win.X, 0), max(win.Y, 0)
	x1, y1 := min(win.X+win.W, screen.W), min(win.Y+win.H, screen.H)
	if x1 <= x0 || y1 <= y0 {
		return xRect{}
	}
	return xRect{x0, y0, x1 - x0, y1 - y0}
}
