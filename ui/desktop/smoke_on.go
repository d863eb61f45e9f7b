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

// smokeWalk takes a picture of every tab of the window, opens every
// dialog in turn, saves a picture of each into d.smoke, checks that the
// window and each dialog fit the X screen (smoke.Fit: a line "unfit
// ..." for each thing that does not), prints a line for each dialog and
// the counts at the end,
// then quits: with status 1 when a dialog did not appear or could not be
// closed (a crash ends the process by itself). It needs an X display and
// ImageMagick's import (see .ci/gui-smoke).
func (d *desktop) smokeWalk() {
	r := &smoke.Runner{
		Win: d.w, Dir: d.smoke, Out: os.Stdout, Settle: 800 * time.Millisecond,
		Shoot: func(name string) error { return d.shoot(d.smoke, name) },
		Place: smokePlace,
	}
	if err := os.MkdirAll(d.smoke, 0o755); err != nil {
		d.smokeEnd(r, err)
		return
	}
	if p := smokePair(); p.Side != "" {
		d.main.SmokePair(r, p, func(err error) { d.smokeEnd(r, err) })
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
				d.smokeEnd(r, err)
				return
			}
			d.main.Smoke(r, func(err error) { d.smokeEnd(r, err) })
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

// smokePlace is where the window lies on the X screen.
func smokePlace() (smoke.Place, error) {
	screen, win, err := xPlace()
	if err != nil {
		return smoke.Place{}, err
	}
	return smoke.Place{
		Screen: fyne.NewSize(float32(screen.W), float32(screen.H)),
		At:     fyne.NewPos(float32(win.X), float32(win.Y)),
		Size:   fyne.NewSize(float32(win.W), float32(win.H)),
	}, nil
}

// smokeEnd prints the end of the walk of r, and quits: the largest
// minimum size of the window and its dialogs, how many things did not
// fit the screen, and the count of dialogs, or the error.
func (d *desktop) smokeEnd(r *smoke.Runner, err error) {
	l := r.Largest()
	fmt.Printf("smoke: largest minimum %.0fx%.0f, %d things unfit for the screen\n", l.Width, l.Height, r.Misfits())
	if err != nil {
		fmt.Printf("smoke: FAILED after %d dialogs: %v\n", r.Opened(), err)
		d.exit = 1
	} else {
		fmt.Printf("smoke: %d dialogs opened\n", r.Opened())
	}
	d.a.Quit()
}
