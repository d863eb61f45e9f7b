package admin

import (
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"crosstalk/app/filecopy"
	"crosstalk/ui/widgets"
)

// bom starts every CSV the views write, so that Excel reads it as
// UTF-8.
const bom = "\ufeff"

// saveFile asks where to save a file named name and writes it there
// with write, off the UI goroutine, whole or not at all; status tells how
// it went.
func saveFile(win fyne.Window, name string, exts []string, status *statusLine, write func(io.Writer) error) {
	req := widgets.FileRequest{Title: lang.X("files.save_title", "Choose where to save the file"), Name: name, Filters: widgets.FileKinds(exts...)}
	widgets.ChooseSave(win, req, func(path string, err error) {
		if err != nil {
			status.fail(err)
			return
		}
		if path == "" {
			return // cancelled
		}
		status.busy(lang.X("admin.saving", "Saving…"))
		where := filepath.Base(path)
		widgets.Background(func() (struct{}, error) {
			return struct{}{}, filecopy.Write(path, 0o644, write)
		}, func(_ struct{}, err error) {
			if err != nil {
				fyne.LogError("admin: save "+where, err)
				status.failText(lang.X("admin.save_failed", "The file could not be saved. Please choose another folder and try again."))
				return
			}
			status.done(lang.X("admin.saved", "Saved as {{.Name}}.", map[string]any{"Name": where}))
		})
	})
}
