package admin

import (
	"os"
	"testing"

	"crosstalk/ui/widgets"
)

// TestMain runs the views' background results on the test's goroutine,
// when the test waits for them, as the app runs them on its UI
// goroutine: never while the test touches the widgets (see
// widgets.HoldDoneForTests).
func TestMain(m *testing.M) {
	widgets.HoldDoneForTests()
	os.Exit(m.Run())
}
