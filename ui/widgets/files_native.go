//go:build windows || darwin

package widgets

import (
	"errors"

	sqdialog "github.com/sqweek/dialog"
)

// runNative shows sqweek's dialog for req; "" when the person cancelled.
func runNative(save bool, req FileRequest) (string, error) {
	b := sqdialog.File().Title(req.Title).SetStartDir(req.Dir)
	if save && req.Name != "" {
		b = b.SetStartFile(req.Name)
	}
	for _, f := range req.Filters {
		b = b.Filter(f.Name, f.Extensions...)
	}
	var path string
	var err error
	if save {
		path, err = b.Save()
	} else {
		path, err = b.Load()
	}
	if errors.Is(err, sqdialog.ErrCancelled) {
		return "", nil
	}
	return path, err
}
