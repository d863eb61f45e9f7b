//go:build smoke

package desktop

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"crosstalk/ui"
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
	if p := smokePair(); p.Side != "" {
		d.main.SmokePair(r, p, func(err error) { d.smokeEnd(r.Opened(), err) })
		return
	}
	// The person signs in on another computer first, so that the walk
	// opens the notice of a new device and stops that device (issue 14).
	demo, c := d.demo, d.client
	go func() {
		err := func() error {
			if demo == nil {
				return fmt.Errorf("the walk needs the demo")
			}
			ctx := context.Background()
			me, err := c.Actor(ctx)
			if err != nil {
				return err
			}
			if err := demo.SignInElsewhere(ctx, me.ParticipantID, "自宅のノートPC"); err != nil {
				return err
			}
			return c.SyncNow(ctx)
		}()
		fyne.Do(func() {
			if err != nil {
				d.smokeEnd(0, err)
				return
			}
			d.main.Smoke(r, func(err error) { d.smokeEnd(r.Opened(), err) })
		})
	}()
}

// smokePair is the walk of two apps on one server that .ci/gui-smoke
// asks for in the environment: the side ("a" or "b"), the invite code
// it signs in with, and the folder where the two sides tell each other
// what they did. Its side is empty for the walk on the demo.
func smokePair() ui.SmokePair {
	return ui.SmokePair{
		Side: os.Getenv("CROSSTALK_SMOKE_PAIR"),
		Code: os.Getenv("CROSSTALK_SMOKE_CODE"),
		Meet: os.Getenv("CROSSTALK_SMOKE_MEET"),
	}
}

// smokeFirstRun signs a side of the walk of two apps in, through the
// first-launch view, as a person would.
func (d *desktop) smokeFirstRun(f *ui.FirstRun) {
	p := smokePair()
	if d.smoke == "" || p.Side == "" {
		return
	}
	time.AfterFunc(2*time.Second, func() { fyne.Do(func() { f.SmokeConnect(p.Code) }) })
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
