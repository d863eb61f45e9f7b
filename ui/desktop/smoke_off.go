//go:build !smoke

package desktop

import (
	"fmt"
	"os"
)

// smokeWalk refuses: the walk through the dialogs is built only with the
// smoke tag (.ci/gui-smoke builds so).
func (d *desktop) smokeWalk() {
	fmt.Fprintln(os.Stderr, "crosstalk: -smoke needs a build with -tags smoke")
	d.exit = 2
	d.a.Quit()
}
