package ui

import (
	"fyne.io/fyne/v2"
)

// background runs work off the UI goroutine, then done with its result on
// the UI goroutine: disk and network never block a frame.
func background[T any](work func() (T, error), done func(T, error)) {
	go func() {
		v, err := work()
		fyne.Do(func() { done(v, err) })
	}()
}
