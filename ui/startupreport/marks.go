package startupreport

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Marks are named moments of a start, counted from Origin, for finding
// where its time goes.
var marks struct {
	sync.Mutex
	on    bool
	names []string
	at    []time.Time
}

// EnableMarks makes Mark record; without it Mark does nothing.
func EnableMarks() {
	marks.Lock()
	marks.on = true
	marks.Unlock()
}

// Mark records that the start reached name now.
func Mark(name string) {
	marks.Lock()
	defer marks.Unlock()
	if marks.on {
		marks.names = append(marks.names, name)
		marks.at = append(marks.at, time.Now())
	}
}

// writeMarks prints the marks as one line: name=ms from origin.
func writeMarks(w io.Writer, name string, origin time.Time) {
	marks.Lock()
	defer marks.Unlock()
	if len(marks.names) == 0 {
		return
	}
	fmt.Fprintf(w, "startup-marks: %s", name)
	for i, n := range marks.names {
		fmt.Fprintf(w, " %s=%d", n, marks.at[i].Sub(origin).Milliseconds())
	}
	fmt.Fprintln(w)
}
