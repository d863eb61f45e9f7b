package uitest

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"crosstalk/ui/widgets"
)

// The views' tests run them as the desktop app does: the test goroutine
// is the UI goroutine, and fyne.Do queues work for it instead of running
// it on the background goroutine at once as Fyne's test driver does. So
// widgets are touched by one goroutine only, and the race detector
// checks the views' own code.

// queueDriver is Fyne's test driver with a queue for fyne.Do.
type queueDriver struct {
	fyne.Driver
	mu    sync.Mutex
	queue []func()
	wake  chan struct{}
}

// DoFromGoroutine queues f for the UI goroutine. A caller that waits runs
// f at once, as the test driver does, so that it never waits for itself.
func (d *queueDriver) DoFromGoroutine(f func(), wait bool) {
	if wait {
		f()
		return
	}
	d.mu.Lock()
	d.queue = append(d.queue, f)
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// drain runs what was queued, and reports whether there was anything.
func (d *queueDriver) drain() bool {
	ran := widgets.RunHeld()
	d.mu.Lock()
	q := d.queue
	d.queue = nil
	d.mu.Unlock()
	for _, f := range q {
		f()
	}
	return ran || len(q) > 0
}

// queueApp is a test app whose driver is a queueDriver.
type queueApp struct {
	fyne.App
	drv *queueDriver
}

func (a *queueApp) Driver() fyne.Driver { return a.drv }

// Queue runs the UI goroutine's queue for a test.
type Queue struct {
	tb  testing.TB
	drv *queueDriver
}

// QueueApp wraps the current test app so that fyne.Do queues work for
// the test goroutine.
func QueueApp(tb testing.TB, a fyne.App) *Queue {
	q := &Queue{tb: tb, drv: &queueDriver{Driver: a.Driver(), wake: make(chan struct{}, 1)}}
	fyne.SetCurrentApp(&queueApp{App: a, drv: q.drv})
	return q
}

// Watch makes the test wait, before it ends, until busy reports false, so
// that no background work of a view outlives the test or the store it
// reads (cleanups run last first: this one before the store closes).
func (q *Queue) Watch(busy func() bool) {
	q.tb.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for q.drv.drain() || busy() {
			if time.Now().After(deadline) {
				q.tb.Error("background work still running at the end of the test")
				return
			}
			q.step()
		}
	})
}

// step runs the queue, or waits a little for something to be queued.
func (q *Queue) step() {
	if q.drv.drain() {
		return
	}
	select {
	case <-q.drv.wake:
	case <-time.After(5 * time.Millisecond):
	}
}

// Until runs the UI goroutine's queue until cond holds, for up to five
// seconds.
func (q *Queue) Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		q.drv.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 5 s for %s", what)
		}
		q.step()
	}
}

// Settle runs the background work (widgets.Background) and the UI queue
// until both are empty.
func (q *Queue) Settle() {
	for {
		widgets.WaitBackground()
		if !q.drv.drain() {
			return
		}
	}
}
