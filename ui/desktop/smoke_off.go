//go:build !smoke

package desktop

import (
	"fmt"
	"os"

	"crosstalk/ui"
)

// smokeWalk refuses: the walk through the dialogs is built only with the
// smoke tag (.ci/gui-smoke builds so).
func (d *desktop) smokeWalk() {
	fmt.Fprintln(os.Stderr, "crosstalk: -smoke needs a build with -tags smoke")
	d.exit = 2
	d.a.Quit()
}

// smokeFirstRun does nothing: only a build with the smoke tag walks.
func (d *desktop) smokeFirstRun(*ui.FirstRun) {}
