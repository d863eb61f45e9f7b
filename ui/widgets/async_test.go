package widgets

import (
	"testing"
	"time"
)

// A test's background work that ends in time has its done run when the
// test ends; work that ends later has its done dropped, never run in the
// next test.
func TestEndTestBackground(t *testing.T) {
	was := holding.Load()
	holding.Store(true)
	defer holding.Store(was)

	var ran []string
	Background(func() (string, error) { return "quick", nil }, func(s string, _ error) { ran = append(ran, s) })
	release := make(chan struct{})
	Background(func() (string, error) { <-release; return "late", nil }, func(s string, _ error) { ran = append(ran, s) })
	EndTestBackground(200 * time.Millisecond)
	if len(ran) != 1 || ran[0] != "quick" {
		t.Fatalf("at the end of the test: %v, want the quick work's done only", ran)
	}
	close(release) // the late work ends during the next test
	inflight.Wait()
	WaitBackground()
	if len(ran) != 1 {
		t.Fatalf("the next test ran %v", ran)
	}
	Background(func() (string, error) { return "next", nil }, func(s string, _ error) { ran = append(ran, s) })
	WaitBackground()
	if len(ran) != 2 || ran[1] != "next" {
		t.Fatalf("the next test's own work: %v", ran)
	}
}
