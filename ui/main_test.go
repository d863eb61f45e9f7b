package ui

import (
	"os"
	"testing"
	"time"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/widgets"
)

// TestMain runs the views' background results on the test's goroutine,
// when the test waits for them (widgets.WaitBackground), as the app runs
// them on its UI goroutine: never while the test touches the widgets.
func TestMain(m *testing.M) {
	widgets.HoldDoneForTests()
	// What a test started in the background ends with it, never in the
	// next test over its windows.
	testapp.AtEachEnd(func() { widgets.EndTestBackground(5 * time.Second) })
	os.Exit(m.Run())
}

// awaitShown waits up to 10 s for a value on ch, which a view's hook
// sends once its background work has been shown, running the background
// results held for the test meanwhile; got, if given, gets the value.
// It reports whether one came.
func awaitShown[T any](ch <-chan T, got ...func(T)) bool {
	deadline := time.After(10 * time.Second)
	for {
		widgets.RunHeld()
		select {
		case v := <-ch:
			for _, f := range got {
				f(v)
			}
			return true
		case <-deadline:
			return false
		case <-time.After(2 * time.Millisecond):
		}
	}
}
