package widgets

import (
	"sync"

	"fyne.io/fyne/v2"
)

// inflight counts the background work not yet shown. Fyne's test driver
// runs fyne.Do on the calling goroutine, so a headless test must wait
// for it (WaitBackground) before it looks at a widget; the running app
// never waits on it.
var inflight sync.WaitGroup

// Background runs work off the UI goroutine, then done with its result on
// the UI goroutine: disk and network never block a frame.
func Background[T any](work func() (T, error), done func(T, error)) {
	inflight.Add(1)
	go func() {
		defer inflight.Done()
		v, err := work()
		fyne.Do(func() { done(v, err) })
	}()
}

// WaitBackground waits until the work of every Background call so far
// has ended and handed its done to fyne.Do, which Fyne's test driver runs
// at once: headless tests call it before they look at a widget.
func WaitBackground() { inflight.Wait() }
