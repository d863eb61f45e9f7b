package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// startExport asks where to save the talk as a calendar file.
func (d *TalkDetail) startExport() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.failed(err)
			return
		}
		if w == nil {
			return // the user closed the dialog
		}
		d.saveICS(w)
	}, d.win)
	save.SetFileName(ICSFileName(d.talk.Talk))
	save.SetFilter(storage.NewExtensionFileFilter([]string{".ics"}))
	save.Show()
}

// saveICS writes the talk as a calendar file to w, off the UI goroutine,
// and closes w.
func (d *TalkDetail) saveICS(w fyne.URIWriteCloser) {
	k, now := d.talk, d.svc.Now()
	widgets.Background(func() (struct{}, error) {
		err := WriteICS(w, []app.TalkItem{k}, now)
		return struct{}{}, errors.Join(err, w.Close())
	}, func(_ struct{}, err error) {
		defer d.done()
		if err != nil {
			fyne.LogError("talk detail: save calendar file", err)
			text := lang.X("talk.ics_failed", "The file could not be saved. Please choose another place and try again.")
			d.setNotice(text, widget.DangerImportance)
			dialog.ShowInformation(lang.X("error.title", "Notice"), text, d.win)
			return
		}
		text := lang.X("talk.ics_saved", "The calendar file was saved. Open it to add the talk to Outlook, Google Calendar or your calendar app.")
		d.setNotice(text, widget.MediumImportance)
		dialog.ShowInformation(lang.X("talk.ics_saved_title", "Saved"), text, d.win)
	})
}
