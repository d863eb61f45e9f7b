package smoke

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
)

// Save saves through the file dialog d, for real, in the walk's folder as
// name (the dialog adds its extension), replacing an older file of that
// name, and calls done with the path once the file is written whole.
func Save(r *Runner, d fyne.CanvasObject, name string, done func(path string, err error)) {
	c, err := Chooser(d)
	if err != nil {
		done("", err)
		return
	}
	c.Open(r.Dir)
	r.Until(5*time.Second, func() bool { return c.Dir() == r.Dir }, func(ok bool) {
		if !ok {
			done("", fmt.Errorf("the file dialog did not open %s", r.Dir))
			return
		}
		old, _ := filepath.Glob(filepath.Join(r.Dir, name+".*"))
		for _, f := range old {
			os.Remove(f)
		}
		c.SetName(name)
		c.Confirm()
		var path string
		r.Until(10*time.Second, func() bool {
			found, _ := filepath.Glob(filepath.Join(r.Dir, name+".*"))
			if len(found) != 1 || filepath.Ext(found[0]) == ".part" {
				return false
			}
			path = found[0]
			return Written(path) == nil
		}, func(ok bool) {
			if !ok {
				done("", fmt.Errorf("no file %s.* was saved in %s", name, r.Dir))
				return
			}
			done(path, nil)
		})
	})
}

// Open opens the file name of the walk's folder through the file dialog
// d, for real, and calls done once the dialog has closed.
func Open(r *Runner, d fyne.CanvasObject, name string, done func(error)) {
	c, err := Chooser(d)
	if err != nil {
		done(err)
		return
	}
	c.Open(r.Dir)
	r.Until(5*time.Second, func() bool { return c.Dir() == r.Dir }, func(ok bool) {
		if !ok {
			done(fmt.Errorf("the file dialog did not open %s", r.Dir))
			return
		}
		c.Select(name)
		c.Confirm()
		done(nil)
	})
}

// Written checks that the file at path is there and not empty.
func Written(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("the file was not saved: %w", err)
	}
	if fi.Size() == 0 {
		return fmt.Errorf("the saved file %s is empty", path)
	}
	return nil
}

// ClosedByChoosing is the Close of a file dialog that the step's Check
// has answered: choosing closed it.
func ClosedByChoosing(*Runner, fyne.CanvasObject) error { return nil }
