//go:build smoke

package desktop

import (
	"fmt"
	"os"
	"time"

	"crosstalk/ui/internal/smoke"
)

// smokeWalk opens every dialog of the window in turn, saves a picture of
// each into d.smoke, prints a line for each and the count at the end,
// then quits: with status 1 when a dialog did not appear or could not be
// closed (a crash ends the process by itself). It needs an X display and
// ImageMagick's import (see .ci/gui-smoke).
func (d *desktop) smokeWalk() {
	if err := os.MkdirAll(d.smoke, 0o755); err != nil {
		d.smokeEnd(0, err)
		return
	}
	r := &smoke.Runner{
		Win: d.w, Dir: d.smoke, Out: os.Stdout, Settle: 800 * time.Millisecond,
		Shoot: func(name string) error { return d.shoot(d.smoke, name) },
	}
	d.main.Smoke(r, func(err error) { d.smokeEnd(r.Opened(), err) })
}

func (d *desktop) smokeEnd(opened int, err error) {
	if err != nil {
		fmt.Printf("smoke: FAILED after %d dialogs: %v\n", opened, err)
		d.exit = 1
	} else {
		fmt.Printf("smoke: %d dialogs opened\n", opened)
	}
	d.a.Quit()
}
