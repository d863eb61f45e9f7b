package widgets

import (
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// inflight counts the background work not yet shown. Fyne's test driver
// runs fyne.Do on the calling goroutine, so a headless test must wait
// for it (WaitBackground) before it looks at a widget; the running app
// never waits on it.
var inflight sync.WaitGroup

// Held for tests (HoldDoneForTests): each done waits in held until
// WaitBackground runs it on its caller's goroutine.
var (
	holding atomic.Bool
	heldMu  sync.Mutex
	held    []func()
)

// Background runs work off the UI goroutine, then done with its result on
// the UI goroutine: disk and network never block a frame.
func Background[T any](work func() (T, error), done func(T, error)) {
	inflight.Add(1)
	go func() {
		defer inflight.Done()
		v, err := work()
		show := func() { done(v, err) }
		if holding.Load() {
			heldMu.Lock()
			held = append(held, show)
			heldMu.Unlock()
			return
		}
		fyne.Do(show)
	}()
}

// HoldDoneForTests makes Background keep each done until WaitBackground
// runs it on its caller's goroutine, the test's. Fyne's test driver runs
// fyne.Do at once on the goroutine that calls it, so without this a done
// would touch widgets while the test does, which Fyne, built with
// migrated_fynedo, does not guard (its caches are plain maps). A package's
// TestMain calls it once.
func HoldDoneForTests() { holding.Store(true) }

// WaitBackground waits until the work of every Background call so far
// has ended and its done has run (or, without HoldDoneForTests, has been
// handed to fyne.Do, which Fyne's test driver runs at once), the work
// those dones start included: headless tests call it before they look at
// a widget.
func WaitBackground() {
	for RunHeld() || waitInflight() {
	}
}

// waitInflight waits for the work under way and reports whether a done
// is held now.
func waitInflight() bool {
	inflight.Wait()
	heldMu.Lock()
	defer heldMu.Unlock()
	return len(held) > 0
}

// RunHeld runs the dones held so far (HoldDoneForTests) on the calling
// goroutine and reports whether there were any.
func RunHeld() bool {
	heldMu.Lock()
	q := held
	held = nil
	heldMu.Unlock()
	for _, f := range q {
		f()
	}
	return len(q) > 0
}
