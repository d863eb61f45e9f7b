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
// dir/name.png. The GL canvas cannot be read back reliably under Xvfb,
// so the picture is taken of the X screen.
func (d *desktop) shoot(dir, name string) error {
	size := d.w.Canvas().Size()
	crop := fmt.Sprintf("%dx%d+0+0", int(size.Width), int(size.Height))
	out, err := exec.Command("import", "-window", "root", "-crop", crop, filepath.Join(dir, name+".png")).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import %s: %v: %s", name, err, out)
	}
	return nil
}
