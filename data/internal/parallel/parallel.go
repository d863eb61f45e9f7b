// Package parallel cuts work over a range of indexes across the cores.
package parallel

import (
	"runtime"
	"sync"
)

// Ranges runs fn over [0, n) cut in one range per core (one range when
// n is small), and returns when every range is done.
func Ranges(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/256+1)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}
