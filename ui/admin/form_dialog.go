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
	return pagedFormDialog(win, title, []fyne.CanvasObject{form}, errLine, nil, save, size).dialog
}

// formPages is a form dialog whose parts are shown all at once when they
// fit the window, or else one page at a time (一歩ずつ), with “Next” and
// “Back”: the form never scrolls its fields out of sight, and its
// buttons stay in view.
type formPages struct {
	dialog dialog.Dialog
	pages  []fyne.CanvasObject
	at     int  // the page shown
	paged  bool // the pages are shown one at a time
	next   func(page int) bool
	// cancelEvery shows the cancel button on every page, not only the
	// first (setCancelEverywhere).
	cancelEvery bool

	body   *fyne.Container
	scroll *container.Scroll
	step   *widget.Label
	// The buttons, each in its tall holder, which is shown or hidden.
	cancel, back, forward, saveB fyne.CanvasObject
}

// pagedFormDialog shows pages as one form, or one page at a time when
// they do not fit together (formPages). next, when set, checks a page
// before the next is shown, and reports whether it may be.
func pagedFormDialog(win fyne.Window, title string, pages []fyne.CanvasObject, errLine *widgets.Paragraph, next func(page int) bool, save func(), size fyne.Size) *formPages {
	f := &formPages{pages: pages, next: next, body: container.NewStack(), step: widget.NewLabel("")}
	saveB := widget.NewButtonWithIcon(lang.X("programmes.save", "Save"), theme.DocumentSaveIcon(), save)
	saveB.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("invite.back", "Go back"), theme.CancelIcon(), func() { f.dialog.Hide() })
	back := widget.NewButtonWithIcon(lang.X("form.previous", "Back"), theme.NavigateBackIcon(), func() { f.show(f.at - 1) })
	forward := widget.NewButtonWithIcon(lang.X("form.next", "Next"), theme.NavigateNextIcon(), f.nextPage)
	forward.Importance = widget.HighImportance
	forward.IconPlacement = widget.ButtonIconTrailingText
	f.cancel, f.back, f.forward, f.saveB = tall(cancel), tall(back), tall(forward), tall(saveB)
	f.step.TextStyle.Bold = true
	f.scroll = container.NewVScroll(f.body)
	buttons := container.NewHBox(layout.NewSpacer(), f.cancel, f.back, f.forward, f.saveB)
	content := container.NewBorder(f.step, container.NewVBox(errLine, buttons), nil, nil, f.scroll)
	f.dialog = dialog.NewCustomWithoutButtons(title, content, win)
	f.paged = len(pages) > 1 && !f.fits(win, size, errLine)
	f.show(0)
	widgets.ShowSized(f.dialog, win, size)
	return f
}

// fits reports whether every page fits the dialog at once, with a line
// of error under them.
func (f *formPages) fits(win fyne.Window, size fyne.Size, errLine *widgets.Paragraph) bool {
	f.step.Show()
	f.forward.Show()
	f.body.Objects = []fyne.CanvasObject{}
	chrome := f.dialog.MinSize().Height - f.scroll.MinSize().Height
	line := widget.NewLabel("—").MinSize().Height
	all := container.NewVBox(f.pages...).MinSize().Height
	return chrome+line+all <= widgets.DialogSize(win.Canvas(), widgets.TextScaled(size)).Height
}

// show shows page i, or every page when they fit together.
func (f *formPages) show(i int) {
	f.at = i
	if f.paged {
		f.body.Objects = []fyne.CanvasObject{f.pages[i]}
		f.step.SetText(lang.X("form.step", "Step {{.Step}} of {{.Count}}", map[string]any{"Step": i + 1, "Count": len(f.pages)}))
		f.step.Show()
	} else {
		f.body.Objects = []fyne.CanvasObject{container.NewVBox(f.pages...)}
		f.step.Hide()
	}
	last := !f.paged || i == len(f.pages)-1
	setShown(f.cancel, !f.paged || i == 0 || f.cancelEvery)
	setShown(f.back, f.paged && i > 0)
	setShown(f.forward, !last)
	setShown(f.saveB, last)
	f.body.Refresh()
	f.scroll.ScrollToTop()
}

// setCancelEverywhere lets the form be left from any page.
func (f *formPages) setCancelEverywhere() {
	f.cancelEvery = true
	f.show(f.at)
}

func (f *formPages) nextPage() {
	if f.next != nil && !f.next(f.at) {
		return
	}
	f.show(f.at + 1)
}

// setShown shows o, or hides it.
func setShown(o fyne.CanvasObject, shown bool) {
	if shown {
		o.Show()
	} else {
		o.Hide()
	}
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

// formCheck shows a form's problem in its error line until the input is
// right: once the person fixed what was said, the line goes at once, and
// another problem replaces the one fixed.
type formCheck struct {
	line  *widgets.Paragraph
	check func() string // the input's problem, or ""
	shown bool          // the line shows check's problem
}

// ok reports whether the input is right, and shows its problem if not.
func (c *formCheck) ok() bool {
	msg := c.check()
	if msg != "" {
		showError(c.line, msg)
	}
	c.shown = msg != ""
	return !c.shown
}

// changed checks the input again after a change, while its problem is
// shown.
func (c *formCheck) changed() {
	if !c.shown {
		return
	}
	switch msg := c.check(); {
	case msg == "":
		c.shown = false
		c.line.Hide()
	case msg != c.line.Text:
		c.line.SetText(msg)
	}
}

// done says that the line shows something else now, such as progress.
func (c *formCheck) done() { c.shown = false }
