package desktop

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// tour saves a picture of every main screen into d.shots, then quits. It
// needs an X display and ImageMagick's import (see .ci/screenshots).
func (d *desktop) tour() {
	if err := os.MkdirAll(d.shots, 0o755); err != nil {
		d.log.Error("screenshots", "err", err)
		d.a.Quit()
		return
	}
	d.main.Tour(2*time.Second, func(name string) error { return d.shoot(d.shots, name) }, func(err error) {
		if err != nil {
			d.log.Error("screenshots", "err", err)
		}
		d.a.Quit()
	})
}

// shoot saves a picture of the window, as a person sees it, as
// dir/name.png: the part of the window on the screen. The GL canvas
// cannot be read back reliably under Xvfb, so the picture is taken of
// the X screen.
func (d *desktop) shoot(dir, name string) error {
	screen, win, err := xPlace()
	if err != nil {
		return fmt.Errorf("picture %s: %w", name, err)
	}
	v := win.visible(screen)
	if v.W == 0 {
		return fmt.Errorf("picture %s: the window, %dx%d at %d,%d, is off the screen", name, win.W, win.H, win.X, win.Y)
	}
	crop := fmt.Sprintf("%dx%d+%d+%d", v.W, v.H, v.X, v.Y)
	out, err := exec.Command("import", "-window", "root", "-crop", crop, filepath.Join(dir, name+".png")).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import %s: %v: %s", name, err, out)
	}
	return nil
}
