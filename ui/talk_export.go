package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/filecopy"
	"crosstalk/ui/widgets"
)

// startExport asks where to save the talk as a calendar file.
func (d *TalkDetail) startExport() {
	req := widgets.FileRequest{Title: lang.X("files.save_title", "Choose where to save the file"),
		Name: ICSFileName(d.talk.Talk), Filters: widgets.FileKinds("ics")}
	widgets.ChooseSave(d.win, req, func(path string, err error) {
		if err != nil {
			d.failed(err)
			return
		}
		if path == "" {
			return // the user closed the dialog
		}
		d.saveICS(path)
	})
}

// saveICS writes the talk as a calendar file at path, off the UI
// goroutine, whole or not at all.
func (d *TalkDetail) saveICS(path string) {
	k, now := d.talk, d.svc.Now()
	widgets.Background(func() (struct{}, error) {
		return struct{}{}, filecopy.Write(path, 0o644, func(w io.Writer) error {
			return WriteICS(w, []app.TalkItem{k}, now)
		})
	}, func(_ struct{}, err error) {
		defer d.done()
		if err != nil {
			fyne.LogError("talk detail: save calendar file", err)
			text := lang.X("talk.ics_failed", "The file could not be saved. Please choose another place and try again.")
			d.setNotice(text, widget.DangerImportance)
			widgets.ShowMessage(lang.X("error.title", "Notice"), text, d.win)
			return
		}
		text := lang.X("talk.ics_saved", "The calendar file was saved. Open it to add the talk to Outlook, Google Calendar or your calendar app.")
		d.setNotice(text, widget.MediumImportance)
		widgets.ShowMessage(lang.X("talk.ics_saved_title", "Saved"), text, d.win)
	})
}
