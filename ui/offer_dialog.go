package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The offer dialog asks for an offer one step at a time (一歩ずつ), each
// step a page with its buttons always in view, and where the user is
// shown as 「1 / 3」: first one to three times; then the way to talk
// (only those the other person takes) and a message, which starts from a
// polite template they can edit; then a summary asks them to confirm.
// Pages, rather than one long form that scrolls, keep the send button
// and the message box in view with large text on a small screen. Only
// buttons move between the steps and send: Enter may belong to a
// Japanese input method's conversion, so it never submits anything.
// Going back keeps everything typed.
//
// Sending saves the offer at once and queues it for the server; the
// dialog then says whether the server has it. A rejection is shown in
// the dialog, which stays open so that nothing typed is lost. Only times
// ahead can be chosen, and a time that overlaps one of the user's own
// talks is pointed out in the summary, but allowed.

// offerTemplates are the keys of the message templates, in menu order.
var offerTemplates = []struct{ key, name, body string }{
	{"sendoffer.template.intro", "Introduce yourself and ask",
		"Dear {{.Name}},\n\nMy name is {{.MyName}}, of {{.MyCompany}}.\nI read your profile and would very much like to hear about your experience.\nCould you choose a time that suits you from the ones I propose?\n\nKind regards,\n{{.MyName}}"},
	{"sendoffer.template.theme", "Mention a shared theme",
		"Dear {{.Name}},\n\nMy name is {{.MyName}}, of {{.MyCompany}}.\nI am interested in \"{{.Theme}}\" and would like to hear how you think about it.\nI would be glad to share my own experience too.\n\nKind regards,\n{{.MyName}}"},
	{"sendoffer.template.short", "Short and polite",
		"Dear {{.Name}},\n\nI am {{.MyName}}, of {{.MyCompany}}. Could we talk once? Thank you.\n\n{{.MyName}}"},
}

// OfferDialog asks for an offer to one person and sends it.
type OfferDialog struct {
	svc    Services
	win    fyne.Window
	me, to app.DirectoryEntry
	cohort app.Cohort
	id     string // the offer's id, one per dialog so that it is never sent twice

	// OnSent, if set, is called after the offer was saved.
	OnSent func()

	modes        []app.Mode // the modes offered, in the radio group's order
	lastTemplate string     // the text the last template filled in
	templateAt   int        // the template chosen, -1 for none
	quiet        bool       // the template choice is being reset
	inflight     int

	// The validated offer, shown in the confirm step and sent.
	starts  []time.Time
	mode    app.Mode
	message string

	steps *widgets.Steps // the times, the message, the summary

	free *offerFreeTimes // the times that suit both (freetime_offer.go)

	// The first two steps: the times, then the way to talk and the
	// message. A problem with either is shown in editError, above their
	// buttons.
	slots       *widgets.SlotsEditor
	modeGroup   *widget.RadioGroup
	template    *widget.Select
	text        *widget.Entry
	textLimit   *widgets.TextLimit
	draft       *widgets.DraftForm // the message not sent yet, kept per recipient
	editError   *widgets.Paragraph
	cancel      *widget.Button
	toMessage   *widget.Button // from the times to the message
	backToTimes *widget.Button
	next        *widget.Button // from the message to the summary
	timesPage   fyne.CanvasObject
	messagePage fyne.CanvasObject
	edit        fyne.CanvasObject // the first two steps

	summaryTimes   *widgets.Paragraph
	summaryMode    *widgets.Paragraph
	summaryMessage *widgets.Paragraph
	clash          *widgets.Paragraph // a time that overlaps one of the user's talks
	sendError      *widgets.Paragraph
	back           *widget.Button
	send           *widget.Button
	confirm        fyne.CanvasObject

	dlg  *dialog.CustomDialog
	done dialog.Dialog // the confirmation shown after sending
}

// NewOfferDialog prepares an offer from me to to in cohort. Show opens
// it over win.
func NewOfferDialog(svc Services, win fyne.Window, me, to app.DirectoryEntry, cohort app.Cohort) *OfferDialog {
	d := &OfferDialog{svc: svc, win: win, me: me, to: to, cohort: cohort, id: uuid.NewString(), templateAt: -1}
	d.buildUI()
	return d
}

func (d *OfferDialog) buildUI() {
	now := d.svc.Now()
	first := app.StartOfDay(now)
	if b := d.cohort.Begins(); b.After(first) {
		first = b
	}
	d.slots = widgets.NewSlotsEditor(first, d.cohort.EndsOn, d.cohort.Rules.TalkLength())
	d.slots.SetEarliest(now)

	var names []string
	for _, m := range app.Modes {
		if d.to.Accepts(m) {
			d.modes = append(d.modes, m)
			names = append(names, ModeName(m))
		}
	}
	d.modeGroup = widget.NewRadioGroup(names, nil)
	d.modeGroup.Horizontal = true
	if len(names) == 1 {
		d.modeGroup.SetSelected(names[0])
	}

	var tnames []string
	for _, t := range offerTemplates {
		tnames = append(tnames, lang.X(t.key+".name", t.name))
	}
	d.template = widget.NewSelect(tnames, func(string) { d.templateChosen() })
	d.template.PlaceHolder = lang.X("sendoffer.template.choose", "Choose a template")
	d.text = widget.NewMultiLineEntry()
	d.text.Wrapping = fyne.TextWrapWord
	d.text.SetMinRowsVisible(4) // and all the room the page has
	d.text.SetPlaceHolder(lang.X("sendoffer.message.placeholder", "Write your message here."))
	d.textLimit = widgets.LimitText(d.text, lang.X("sendoffer.summary.message", "Message"), app.MaxMessageRunes)
	d.draft = widgets.NewDraftForm(d.svc, "offer:"+d.to.ID).Entry("message", d.text)

	d.editError = offerErrorLabel()
	// A problem shown goes once it is put right.
	d.textLimit.OnChanged = d.recheck
	d.slots.OnChanged = func() {
		d.recheck()
		d.syncFreeChoices()
	}
	d.modeGroup.OnChanged = func(string) { d.recheck() }
	d.cancel = widget.NewButton(lang.X("sendoffer.cancel", "Cancel"), func() { d.dlg.Hide() })
	d.toMessage = widget.NewButtonWithIcon(lang.X("steps.next", "Next"), theme.NavigateNextIcon(), d.toMessageStep)
	d.toMessage.Importance = widget.HighImportance
	d.toMessage.IconPlacement = widget.ButtonIconTrailingText
	d.backToTimes = widget.NewButtonWithIcon(lang.X("sendoffer.back", "Back"), theme.NavigateBackIcon(), func() { d.showStep(offerStepTimes) })
	d.next = widget.NewButtonWithIcon(lang.X("sendoffer.next", "Check and continue"), theme.NavigateNextIcon(), d.toConfirm)
	d.next.Importance = widget.HighImportance
	d.next.IconPlacement = widget.ButtonIconTrailingText

	hint := widgets.NewParagraph // Japanese line breaking
	step := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	to := d.recipient()
	d.timesPage = container.NewVScroll(container.NewPadded(container.NewVBox(
		step(lang.X("sendoffer.step.times", "Choose one to three times")),
		hint(lang.X("sendoffer.times.hint", "A talk lasts {{.Minutes}} minutes. You can choose times from {{.From}} to {{.To}}.",
			map[string]any{"Minutes": d.cohort.Rules.TalkMinutes, "From": widgets.FormatDate(first), "To": widgets.FormatDate(d.cohort.EndsOn)})),
		d.buildFreeTimes(),
		d.slots,
	)))
	// The message box takes the room the page has; it scrolls only when
	// the window is too small even for its least height.
	d.messagePage = container.NewVScroll(container.NewPadded(container.NewBorder(
		container.NewVBox(
			step(lang.X("sendoffer.step.mode", "Choose how to talk")),
			d.modeGroup,
			widget.NewSeparator(),
			step(lang.X("sendoffer.step.message", "Write a message")),
			hint(lang.X("sendoffer.message.hint", "Choosing a template puts it in the box below. You can change it freely.")),
			container.NewBorder(nil, nil, widget.NewLabel(lang.X("sendoffer.template.label", "Template")), nil, d.template),
			d.draft.Note),
		d.textLimit.Note, nil, nil,
		d.text,
	)))
	timesButtons := offerButtons(d.cancel, d.toMessage)
	messageButtons := offerButtons(d.backToTimes, d.next)
	d.edit = container.NewBorder(nil,
		container.NewVBox(d.editError, container.NewStack(timesButtons, messageButtons)), nil, nil,
		container.NewStack(d.timesPage, d.messagePage))

	d.summaryTimes = hint("")
	d.summaryMode = hint("")
	d.summaryMessage = hint("")
	d.clash = hint("")
	d.clash.Label.Importance = widget.WarningImportance
	d.clash.Hide()
	d.sendError = offerErrorLabel()
	d.back = widget.NewButtonWithIcon(lang.X("sendoffer.back", "Back"), theme.NavigateBackIcon(), d.toEdit)
	d.send = widget.NewButtonWithIcon(lang.X("sendoffer.send", "Send"), theme.MailSendIcon(), d.submit)
	d.send.Importance = widget.HighImportance
	confirmBody := container.NewVBox(
		step(lang.X("sendoffer.confirm", "This is what will be sent. If it is right, press Send.")),
		widget.NewSeparator(),
		offerField(lang.X("sendoffer.summary.to", "To"), hint(to)),
		offerField(lang.X("sendoffer.summary.times", "Proposed times"), d.summaryTimes),
		d.clash,
		offerField(lang.X("sendoffer.summary.mode", "How to talk"), d.summaryMode),
		offerField(lang.X("sendoffer.summary.message", "Message"), d.summaryMessage),
	)
	d.confirm = container.NewBorder(nil,
		container.NewVBox(d.sendError, offerButtons(d.back, d.send)), nil, nil,
		container.NewVScroll(container.NewPadded(confirmBody)))
	d.steps = widgets.NewSteps(
		[]fyne.CanvasObject{d.edit, d.timesPage, timesButtons},
		[]fyne.CanvasObject{d.edit, d.messagePage, messageButtons},
		[]fyne.CanvasObject{d.confirm})

	// To whom, and where the user is, head every page.
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, d.steps.Indicator, hint(lang.X("sendoffer.to", "An offer to {{.To}}.", map[string]any{"To": to}))),
		widget.NewSeparator())
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("sendoffer.title", "Send an offer"),
		container.NewBorder(head, nil, nil, nil, container.NewStack(d.edit, d.confirm)), d.win)
	d.dlg.SetOnClosed(d.draft.Flush) // however it closes
	d.loadFreeTimes()
}

// recipient names the other person: 石井 京子さん（ソラリンク株式会社）.
func (d *OfferDialog) recipient() string {
	return lang.X("sendoffer.recipient", "{{.Name}} ({{.Company}})",
		map[string]any{"Name": d.to.Name, "Company": d.to.CompanyName})
}

// The offer dialog's steps, in order.
const (
	offerStepTimes = iota
	offerStepMessage
	offerStepConfirm
)

// Show opens the dialog at the first step, as large as the window
// allows.
func (d *OfferDialog) Show() {
	d.showStep(offerStepTimes)
	widgets.ResizeDialog(d.dlg, d.win, fyne.NewSize(720, 700))
	d.dlg.Show()
	d.draft.Restore() // last: it shows the draft kept, if any
}

// Hide closes the dialog without sending.
func (d *OfferDialog) Hide() { d.dlg.Hide() }

// templateChosen fills the message from the chosen template. Text the
// user wrote is only replaced after they agree.
func (d *OfferDialog) templateChosen() {
	if d.quiet {
		return
	}
	i := d.template.SelectedIndex()
	if i < 0 || i == d.templateAt && d.text.Text == d.lastTemplate {
		return
	}
	text := d.templateText(i)
	if strings.TrimSpace(d.text.Text) == "" || d.text.Text == d.lastTemplate {
		d.fill(i, text)
		return
	}
	widgets.ShowConfirm(lang.X("sendoffer.replace.title", "Use the template?"),
		lang.X("sendoffer.replace", "The message you wrote will be replaced by the template. Is that all right?"),
		lang.L("Yes"), lang.L("No"), false, func(ok bool) {
			if ok {
				d.fill(i, text)
				return
			}
			d.quiet = true
			if d.templateAt < 0 {
				d.template.ClearSelected()
			} else {
				d.template.SetSelectedIndex(d.templateAt)
			}
			d.quiet = false
		}, d.win)
}

func (d *OfferDialog) fill(i int, text string) {
	d.templateAt, d.lastTemplate = i, text
	d.text.SetText(text)
}

// templateText is template i written for this recipient.
func (d *OfferDialog) templateText(i int) string {
	t := offerTemplates[i]
	return lang.X(t.key, t.body, map[string]any{
		"Name": d.to.Name, "MyName": d.me.Name, "MyCompany": d.me.CompanyName, "Theme": d.sharedTheme(),
	})
}

// sharedTheme is a theme both people chose, or else one of the
// recipient's, or else a general one.
func (d *OfferDialog) sharedTheme() string {
	for _, t := range d.to.Themes {
		if slices.Contains(d.me.Themes, t) {
			return t
		}
	}
	if len(d.to.Themes) > 0 {
		return d.to.Themes[0]
	}
	return lang.X("sendoffer.template.any_theme", "your career from here")
}

// validateTimes reads the first step into d.starts, or says in words
// what is missing.
func (d *OfferDialog) validateTimes() error {
	starts, err := d.slots.Starts(d.svc.Now())
	if err != nil {
		return err
	}
	d.starts = starts
	return nil
}

// validateMessage reads the second step into d.mode and d.message, or
// says in words what is missing.
func (d *OfferDialog) validateMessage() error {
	i := slices.Index(d.modeGroup.Options, d.modeGroup.Selected)
	if i < 0 {
		return errors.New(lang.X("sendoffer.need_mode", "Please choose how to talk."))
	}
	msg := strings.TrimSpace(d.text.Text)
	if msg == "" {
		return errors.New(lang.X("sendoffer.need_message", "Please write a message. You can start from a template."))
	}
	if p := d.textLimit.Problem(); p != "" {
		return errors.New(p)
	}
	d.mode, d.message = d.modes[i], msg
	return nil
}

// recheck checks the step shown again once something changed while a
// problem is shown: the problem goes when it is put right, and says what
// is still wrong otherwise.
func (d *OfferDialog) recheck() {
	if !d.editError.Visible() {
		return
	}
	var err error
	switch d.steps.At() {
	case offerStepTimes:
		err = d.validateTimes()
	case offerStepMessage:
		err = d.validateMessage()
	}
	d.say(err)
}

// say shows err above the first steps' buttons; nil hides it.
func (d *OfferDialog) say(err error) {
	if err == nil {
		d.editError.Hide()
		return
	}
	d.editError.SetText(err.Error())
	d.editError.Show()
}

// showStep shows step i of the offer dialog.
func (d *OfferDialog) showStep(i int) {
	d.editError.Hide() // it was about the step left
	d.steps.Show(i)
	if d.dlg != nil {
		d.dlg.Refresh() // lays out again for the new page
	}
}

// toMessageStep checks the times and goes on to the way to talk and the
// message.
func (d *OfferDialog) toMessageStep() {
	if err := d.validateTimes(); err != nil {
		d.say(err)
		return
	}
	d.showStep(offerStepMessage)
}

// toConfirm checks the first two steps and shows the summary, with a
// warning when a time overlaps one of the user's own talks (read off the
// UI goroutine). A problem with the times takes the user back to them.
func (d *OfferDialog) toConfirm() {
	if err := d.validateTimes(); err != nil {
		d.showStep(offerStepTimes)
		d.say(err)
		return
	}
	if err := d.validateMessage(); err != nil {
		d.say(err)
		return
	}
	d.editError.Hide()
	d.next.Disable()
	starts, length := d.starts, d.cohort.Rules.TalkLength()
	directoryBackground(&d.inflight, func() (string, error) {
		return clashText(context.Background(), d.svc, starts, length)
	}, func(warning string, err error) {
		d.next.Enable()
		if err != nil {
			fyne.LogError("offer dialog", err) // the warning is a help, not a condition
		}
		d.showSummary(warning)
	})
}

// showSummary shows the second step for the validated offer.
func (d *OfferDialog) showSummary(warning string) {
	lines := make([]string, len(d.starts))
	for i, s := range d.starts {
		lines[i] = widgets.FormatSlot(app.Slot{Start: s, End: s.Add(d.cohort.Rules.TalkLength())})
	}
	d.summaryTimes.SetText(strings.Join(lines, "\n"))
	d.clash.SetText(warning)
	if warning == "" {
		d.clash.Hide()
	} else {
		d.clash.Show()
	}
	d.summaryMode.SetText(ModeName(d.mode))
	d.summaryMessage.SetText(d.message)
	d.sendError.Hide()
	d.showStep(offerStepConfirm)
	d.confirm.Refresh() // lays out again for the new texts' heights
}

// toEdit goes back from the summary to the message, everything kept.
func (d *OfferDialog) toEdit() { d.showStep(offerStepMessage) }

// submit sends the offer off the UI goroutine. The dialog then says
// whether the server has it or it waits to be sent; a rejection, the
// replica's or the server's, is shown in the dialog, which stays open.
func (d *OfferDialog) submit() {
	args := app.SendOfferArgs{ID: d.id, CohortID: d.cohort.ID, ToID: d.to.ID, Message: d.message, Mode: d.mode, Slots: d.starts}
	d.send.Disable()
	d.back.Disable()
	d.sendError.Label.Importance = widget.MediumImportance
	d.sendError.SetText(lang.X("sendoffer.sending_now", "Sending…"))
	d.sendError.Show()
	directoryBackground(&d.inflight, func() (bool, error) {
		sent, err := d.svc.Send(context.Background(), app.OfferSend, args)
		if err != nil {
			return false, fmt.Errorf("send offer to %s: %w", args.ToID, err)
		}
		return sent, nil
	}, func(sent bool, err error) {
		d.send.Enable()
		d.back.Enable()
		if err != nil {
			if app.IsRejection(err) {
				// Nothing of it was kept: a new try is a new offer, so
				// that the replica never takes it for the refused one.
				d.id = uuid.NewString()
			} else {
				fyne.LogError("offer dialog", err)
			}
			d.sendError.Label.Importance = widget.DangerImportance
			d.sendError.SetText(ErrorText(err))
			return
		}
		d.sendError.Hide()
		d.draft.Clear()
		d.dlg.Hide()
		if sent {
			d.done = widgets.ShowMessage(lang.X("sent.title", "Sent"),
				lang.X("sendoffer.sent", "Your offer is sent. Please wait for the answer of {{.Name}}.", map[string]any{"Name": d.to.Name}), d.win)
		} else {
			d.done = widgets.ShowMessage(lang.X("saved.title", "Saved"),
				lang.X("sendoffer.done", "Your offer is saved. It will be sent when you are online."), d.win)
		}
		if d.OnSent != nil {
			d.OnSent()
		}
	})
}

// offerErrorLabel is a hidden paragraph for problems, in the danger
// colour.
func offerErrorLabel() *widgets.Paragraph {
	p := widgets.NewParagraph("")
	p.Label.Importance = widget.DangerImportance
	p.Hide()
	return p
}

// offerField is a titled value of the summary.
func offerField(title string, v fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Importance = widget.HighImportance
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), t, v)
}

// offerButtons lays out a step's two buttons: going back on the left, going
// on at the right, both large.
func offerButtons(back, forward *widget.Button) fyne.CanvasObject {
	return container.NewGridWithColumns(2, widgets.Tall(back, cardButtonHeight), widgets.Tall(forward, cardButtonHeight))
}
