package startupreport

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Session measures one start-up.
type Session struct {
	name   string
	origin time.Time
	probe  *Probe
}

// Start begins measuring the start-up of name ("app", "bare").
func Start(name string) *Session {
	EnableMarks()
	Mark("main")
	return &Session{name: name, origin: Origin(), probe: NewProbe()}
}

// Wrap lays the probe over content: set what it returns as the window's
// content.
func (s *Session) Wrap(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(content, s.probe.Object())
}

// Measure waits for the first frame that shows the wrapped content, reads
// the memory then, waits until ready reports true (nil: at once) and for
// the frame after, then settle longer, reads the memory again and calls
// done with the report. Call it on the UI goroutine, after setting the
// wrapped content.
func (s *Session) Measure(ready func() bool, settle time.Duration, done func(Report)) {
	r := Report{Name: s.name, Origin: s.origin}
	s.probe.AfterNextFrame(func() {
		r.Frame = time.Since(s.origin)
		Mark("frame")
		r.AtFrame = ReadMemory()
		finish := func() {
			time.AfterFunc(settle, func() {
				fyne.Do(func() {
					r.SettledAt = time.Since(s.origin)
					r.Settled = ReadMemory()
					done(r)
				})
			})
		}
		if ready == nil {
			finish()
			return
		}
		var poll func()
		poll = func() {
			if !ready() {
				time.AfterFunc(5*time.Millisecond, func() { fyne.Do(poll) })
				return
			}
			s.probe.AfterNextFrame(func() {
				r.Ready = time.Since(s.origin)
				Mark("ready")
				finish()
			})
		}
		poll()
	})
}
