package widgets

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// inflight counts the background work not yet shown. Fyne's test driver
// runs fyne.Do on the calling goroutine, so a headless test must wait
// for it (WaitBackground) before it looks at a widget; the running app
// never waits on it.
var inflight counter

// counter counts work under way, and lets a test wait until there is
// none, or until a deadline (a sync.WaitGroup cannot be waited on with a
// deadline without leaving a waiter behind).
type counter struct {
	mu   sync.Mutex
	n    int
	zero *sync.Cond
}

func (c *counter) cond() *sync.Cond {
	if c.zero == nil {
		c.zero = sync.NewCond(&c.mu)
	}
	return c.zero
}

func (c *counter) Add(d int) {
	c.mu.Lock()
	c.n += d
	if c.n == 0 {
		c.cond().Broadcast()
	}
	c.mu.Unlock()
}

func (c *counter) Done() { c.Add(-1) }

// Wait waits until no work is under way.
func (c *counter) Wait() { c.WaitUntil(time.Time{}) }

// WaitUntil waits until no work is under way or, when deadline is not
// zero, until the deadline; it reports whether none is.
func (c *counter) WaitUntil(deadline time.Time) bool {
	if !deadline.IsZero() {
		t := time.AfterFunc(time.Until(deadline), func() {
			c.mu.Lock()
			c.cond().Broadcast()
			c.mu.Unlock()
		})
		defer t.Stop()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.n > 0 && (deadline.IsZero() || time.Now().Before(deadline)) {
		c.cond().Wait()
	}
	return c.n == 0
}

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
	gen := generation.Load()
	go func() {
		defer inflight.Done()
		v, err := work()
		show := func() { done(v, err) }
		if holding.Load() {
			heldMu.Lock()
			if generation.Load() == gen { // else a test that ended started it
				held = append(held, show)
			}
			heldMu.Unlock()
			return
		}
		fyne.Do(show)
	}()
}

// generation counts the tests ended (EndTestBackground): a done held
// for a test that has ended is dropped, never run in the next one.
var generation atomic.Int64

// EndTestBackground ends a test's background work, with
// HoldDoneForTests: it runs the dones of the work that ends within wait,
// as WaitBackground does, and drops those of work that ends later, so
// that no done of one test runs over the next test's windows. Tests that
// left work blocked (a fake service that never answers) end all the same.
func EndTestBackground(wait time.Duration) {
	deadline := time.Now().Add(wait)
	for {
		RunHeld()
		if inflight.WaitUntil(deadline) {
			if RunHeld() {
				continue // those dones may have started more work
			}
		} else {
			RunHeld() // the work that ended in time
		}
		heldMu.Lock()
		held = nil
		generation.Add(1)
		heldMu.Unlock()
		return
	}
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
