package client

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestBackoffBounds(t *testing.T) {
	lo, hi := 100*time.Millisecond, 2*time.Second
	for attempt := 1; attempt <= 20; attempt++ {
		ceil := min(hi, lo<<min(attempt-1, 30))
		var top time.Duration
		for range 200 {
			d := backoff(attempt, lo, hi, 0)
			if d < lo || d > ceil {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, d, lo, ceil)
			}
			top = max(top, d)
		}
		if attempt > 3 && top < ceil/2 {
			t.Errorf("attempt %d: the longest of 200 waits is %v, ceiling %v: not exponential", attempt, top, ceil)
		}
	}
	if d := backoff(1, lo, hi, time.Second); d != time.Second {
		t.Errorf("Retry-After 1s gave %v", d)
	}
	if d := backoff(1, lo, hi, time.Hour); d != hi {
		t.Errorf("Retry-After 1h gave %v, want the cap %v", d, hi)
	}
}

// Subscribers are called one at a time, never from within themselves,
// and the last call carries the latest status. The race detector checks
// the first claim: the subscriber uses no lock.
func TestSubscribeSerialises(t *testing.T) {
	c := New(nil, Options{})
	inside, calls, nested := false, 0, 0
	var last Status
	c.Subscribe(func(s Status) {
		if inside {
			nested++
		}
		inside = true
		calls++
		last = s
		if s.Pending%50 == 0 {
			c.update(func(s *Status) { s.LastError = "from a subscriber" })
		}
		inside = false
	})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				c.update(func(s *Status) { s.Pending = g*1000 + i + 1 })
			}
		})
	}
	wg.Wait()
	if nested != 0 {
		t.Errorf("%d nested calls", nested)
	}
	if calls == 0 || !last.Equal(c.Status()) {
		t.Errorf("after %d calls the subscriber saw %+v, status is %+v", calls, last, c.Status())
	}
	cancel := c.Subscribe(func(Status) { t.Error("called after cancel") })
	cancel()
	c.update(func(s *Status) { s.Online = !s.Online })
}

// While the server cannot be reached, a retry waits at most OfflineRetry
// (4 s by default, so that a returning server is seen within 5 s); a
// server that answers with an error is given the full backoff, and the
// wait it asks for.
func TestRetryWaitWhileOffline(t *testing.T) {
	c := &Client{opts: Options{}.withDefaults()}
	if c.opts.OfflineRetry != 4*time.Second || DefaultOfflineRetry > 4*time.Second {
		t.Fatalf("OfflineRetry %v, want 4s", c.opts.OfflineRetry)
	}
	unreachable := fmt.Errorf("pull: %w: connection refused", ErrUnreachable)
	for attempt := 1; attempt <= 40; attempt++ {
		for range 50 {
			if d := c.retryWait(attempt, unreachable); d < c.opts.MinBackoff || d > c.opts.OfflineRetry {
				t.Fatalf("attempt %d while unreachable: wait %v, want within [%v, %v]", attempt, d, c.opts.MinBackoff, c.opts.OfflineRetry)
			}
		}
	}
	busy := fmt.Errorf("push: %w", &HTTPError{Op: "push", Status: 503, RetryAfter: 30 * time.Second})
	if d := c.retryWait(1, busy); d != 30*time.Second {
		t.Errorf("a server asking for 30 s: wait %v", d)
	}
}
