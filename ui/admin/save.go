package admin

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"crosstalk/ui/widgets"
)

// bom starts every CSV the views write, so that Excel reads it as
// UTF-8.
const bom = "\ufeff"

// saveFile asks where to save a file named name and writes it there
// with write, off the UI goroutine; status tells how it went.
func saveFile(win fyne.Window, name string, exts []string, status *statusLine, write func(io.Writer) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			status.fail(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		status.busy(lang.X("admin.saving", "Saving…"))
		where := w.URI().Name()
		widgets.Background(func() (struct{}, error) {
			err := write(w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return struct{}{}, err
		}, func(_ struct{}, err error) {
			if err != nil {
				fyne.LogError("admin: save "+where, err)
				status.failText(lang.X("admin.save_failed", "The file could not be saved. Please choose another folder and try again."))
				return
			}
			status.done(lang.X("admin.saved", "Saved as {{.Name}}.", map[string]any{"Name": where}))
		})
	}, win)
	d.SetFileName(name)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fyne.NewSize(800, 600))
	d.Show()
}
