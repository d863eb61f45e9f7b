package admin

import (
	"os"
	"testing"
	"time"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/widgets"
)

// TestMain runs the views' background results on the test's goroutine,
// when the test waits for them, as the app runs them on its UI
// goroutine: never while the test touches the widgets (see
// widgets.HoldDoneForTests).
func TestMain(m *testing.M) {
	widgets.HoldDoneForTests()
	// What a test started in the background ends with it, never in the
	// next test over its windows.
	testapp.AtEachEnd(func() { widgets.EndTestBackground(5 * time.Second) })
	os.Exit(m.Run())
}
