package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// formDialog shows a form with its own buttons: Enter never sends it.
func formDialog(win fyne.Window, title string, form fyne.CanvasObject, errLine *widgets.Paragraph, save func(), size fyne.Size) dialog.Dialog {
	var d dialog.Dialog
	saveB := widget.NewButtonWithIcon(lang.X("programmes.save", "Save"), theme.DocumentSaveIcon(), save)
	saveB.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("invite.back", "Go back"), theme.CancelIcon(), func() { d.Hide() })
	content := container.NewBorder(nil, container.NewVBox(errLine, container.NewHBox(layout.NewSpacer(), tall(cancel), tall(saveB))), nil, nil,
		container.NewVScroll(form))
	d = dialog.NewCustomWithoutButtons(title, content, win)
	showSized(d, win, size)
	return d
}

// keepDraft keeps what is typed into d's form as draft: written when d
// closes, however it closes, and shown now if one was kept. The form
// clears it once saved.
func keepDraft(d dialog.Dialog, draft *widgets.DraftForm) {
	d.SetOnClosed(draft.Flush)
	draft.Restore()
}

// draftTarget names a form's record in its draft's key: its id, or
// "new" for one not created yet.
func draftTarget(id string) string {
	if id == "" {
		return "new"
	}
	return id
}

func newErrorLine() *widgets.Paragraph {
	p := widgets.NewParagraph("")
	p.Label.Importance = widget.DangerImportance
	p.Hide()
	return p
}

func showError(p *widgets.Paragraph, text string) {
	p.SetText(text)
	p.Show()
}
