package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The answers to an offer — accept, propose other times, decline,
// withdraw — are dialogs over the inbox. Each sends one mutation. They
// are submitted only by their buttons, never by Enter alone: an IME
// confirms its conversion with Enter (DESIGN.md §6). A rejection is shown
// in the dialog, which stays open so that nothing typed is lost; success
// closes it.

// answerForm is a dialog that collects an answer and sends it as one
// mutation: a body, a line for problems and progress, and its buttons.
type answerForm struct {
	svc     Services
	win     fyne.Window
	dlg     *dialog.CustomDialog
	inner   *fyne.Container
	scroll  *container.Scroll
	message *widgets.Paragraph
	buttons []*widget.Button
	width   float32            // the widest the dialog grows; 0 for 640
	done    dialog.Dialog      // the message shown after sending
	draft   *widgets.DraftForm // what is typed, kept until sent (keep)
	// pages, when set, shows the body a page at a time (pagedForm): the
	// dialog keeps the height of the tallest page.
	pages *widgets.Steps

	settled func(err error) // for tests: after a result is shown
}

// newAnswerForm makes a dialog titled title over win with body.
func newAnswerForm(svc Services, win fyne.Window, title string, body ...fyne.CanvasObject) *answerForm {
	f := &answerForm{svc: svc, win: win}
	f.message = inboxNote("")
	f.message.Label.TextStyle.Bold = true
	f.message.Hide()
	f.inner = container.NewVBox(append(body, f.message)...)
	f.scroll = container.NewVScroll(container.NewPadded(f.inner))
	f.dlg = dialog.NewCustomWithoutButtons(title, f.scroll, win)
	return f
}

// setButtons puts a button that closes the dialog, labelled cancel,
// before actions.
func (f *answerForm) setButtons(cancel string, actions ...*widget.Button) {
	f.buttons = append([]*widget.Button{widget.NewButton(cancel, f.dlg.Hide)}, actions...)
	objs := make([]fyne.CanvasObject, len(f.buttons))
	for i, b := range f.buttons {
		objs[i] = b
	}
	f.dlg.SetButtons(objs)
}

// keep keeps what is typed into the form as draft: written when the
// dialog closes, however it closes, shown again when the same form is
// opened for the same offer or talk, forgotten once sent.
func (f *answerForm) keep(draft *widgets.DraftForm) {
	f.draft = draft
	draft.OnRestored = f.fit
	f.dlg.SetOnClosed(draft.Flush)
}

// show opens the dialog, as large as its content needs and the window
// allows.
func (f *answerForm) show() {
	f.fit()
	f.dlg.Show()
	if f.draft != nil {
		f.draft.Restore() // last: it shows the draft kept, if any
	}
}

// fit sizes the dialog again after its content changed: as large as
// its content needs, at most f.width (640 unless set) wide and the
// window; the body scrolls when the window is smaller, the buttons stay
// in view.
func (f *answerForm) fit() {
	w := f.width
	if w == 0 {
		w = 640
	}
	widgets.FitDialog(f.dlg, f.win, f.scroll, w)
	if f.pages != nil {
		f.fitTallest(w)
	}
}

// fitTallest sizes the dialog, fitted to the page shown, to the height
// of its tallest page, at the width it has.
func (f *answerForm) fitTallest(maxWidth float32) {
	inner := f.scroll.Content
	width := inner.Size().Width
	at := f.pages.At()
	var tallest float32
	for i := range f.pages.Len() {
		f.pages.Show(i)
		inner.Resize(fyne.NewSize(width, 0)) // lays the page out at the width: wrapped text knows its height
		for range 2 {
			inner.Resize(fyne.NewSize(width, inner.MinSize().Height))
		}
		tallest = max(tallest, inner.MinSize().Height)
	}
	f.pages.Show(at)
	inner.Resize(fyne.NewSize(width, 0))
	inner.Resize(fyne.NewSize(width, inner.MinSize().Height))
	chrome := f.dlg.MinSize().Height - f.scroll.MinSize().Height
	size := widgets.DialogSize(f.win.Canvas(), fyne.NewSize(maxWidth, 0))
	widgets.ResizeDialog(f.dlg, f.win, fyne.NewSize(size.Width, chrome+tallest+theme.Padding()))
}

// say shows text under the body: a problem when imp is
// widget.DangerImportance, progress otherwise.
func (f *answerForm) say(text string, imp widget.Importance) {
	f.message.Label.Importance = imp
	f.message.SetText(text)
	f.message.Show()
	f.fit()
	f.scroll.ScrollToBottom()
}

// clear takes away a message, once the user changed something.
func (f *answerForm) clear() {
	if f.message.Visible() {
		f.message.Hide()
		f.fit()
	}
}

func (f *answerForm) setBusy(busy bool) {
	for _, b := range f.buttons {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// confirm asks text before an answer that cannot be undone; onYes runs
// when the user taps the button labelled yes.
func (f *answerForm) confirm(title, text, yes string, onYes func()) {
	f.ask(title, text, "", yes, widget.HighImportance, onYes)
}

// confirmDanger is confirm for an answer that ends something, such as
// declining: its button is red, as the button that led to it.
func (f *answerForm) confirmDanger(title, text, yes string, onYes func()) {
	f.ask(title, text, "", yes, widget.DangerImportance, onYes)
}

// confirmWarning is confirm with a warning under text, in the warning
// colour, when it is not "".
func (f *answerForm) confirmWarning(title, text, warning, yes string, onYes func()) {
	f.ask(title, text, warning, yes, widget.HighImportance, onYes)
}

// ask shows the question of confirm, its yes button of importance imp.
func (f *answerForm) ask(title, text, warning, yes string, imp widget.Importance, onYes func()) {
	body := container.NewVBox(inboxNote(text))
	if warning != "" {
		w := inboxNote(warning)
		w.Label.Importance = widget.WarningImportance
		body.Add(w)
	}
	scroll := container.NewVScroll(container.NewPadded(body))
	d := dialog.NewCustomWithoutButtons(title, scroll, f.win)
	ok := widget.NewButton(yes, func() {
		d.Hide()
		onYes()
	})
	ok.Importance = imp
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.X("answer.back", "Go back"), d.Hide), ok})
	widgets.FitDialog(d, f.win, scroll, 520)
	d.Show()
}

// send runs mutation name with args off the UI goroutine. A rejection,
// the replica's or the server's, is shown in the dialog, which stays
// open. Otherwise the dialog closes, a message says whether the server
// has the answer or it waits to be sent, and ok runs.
func (f *answerForm) send(name string, args any, ok func()) {
	f.setBusy(true)
	f.say(lang.X("answer.sending", "Sending…"), widget.MediumImportance)
	svc := f.svc
	widgets.Background(func() (bool, error) {
		return svc.Send(context.Background(), name, args)
	}, func(sent bool, err error) {
		f.setBusy(false)
		if err != nil {
			if !app.IsRejection(err) {
				fyne.LogError("answer "+name, err)
			}
			f.say(ErrorText(err), widget.DangerImportance)
		} else {
			if f.draft != nil {
				f.draft.Clear()
			}
			f.message.Hide()
			f.dlg.Hide()
			title, text := answeredText(name, sent)
			f.done = widgets.ShowMessage(title, text, f.win)
			ok()
		}
		if f.settled != nil {
			f.settled(err)
		}
	})
}

// sentText is what the user is told after sending a change: that it was
// sent, when the server has it; else that it is saved and will be sent.
func sentText(sent bool) (title, text string) {
	if sent {
		return lang.X("sent.title", "Sent"), lang.X("sent.text", "Sent.")
	}
	return lang.X("saved.title", "Saved"), lang.X("saved.text", "Saved. It will be sent when you are online.")
}

// answeredText is what the user is told after answer name was sent: the
// verb of the answer (accepted, declined, withdrawn) once the server has
// it, else that it is saved and will be sent.
func answeredText(name string, sent bool) (title, text string) {
	if !sent {
		return sentText(false)
	}
	switch name {
	case app.OfferWithdraw:
		return lang.X("answered.withdrawn.title", "Withdrawn"), lang.X("answered.withdrawn.text", "You withdrew the offer.")
	case app.OfferDecline:
		return lang.X("answered.declined.title", "Declined"), lang.X("answered.declined.text", "You declined the offer.")
	case app.OfferAccept:
		return lang.X("answered.accepted.title", "Accepted"), lang.X("answered.accepted.text", "You accepted the offer.")
	case app.OfferCounter:
		return lang.X("answered.countered.title", "Proposed"), lang.X("answered.countered.text", "You proposed other times. Please wait for the answer.")
	}
	return sentText(true)
}

// newForm makes an answer dialog of the inbox.
func (in *Inbox) newForm(title string, body ...fyne.CanvasObject) *answerForm {
	f := newAnswerForm(in.svc, in.win, title, body...)
	f.settled = in.settled
	return f
}

func personData(it app.InboxItem) map[string]any {
	return map[string]any{"Name": it.OtherName, "Person": personText(it.OtherName, it.OtherCompany)}
}

// openAccept asks which proposed time to accept, and optionally where.
func (in *Inbox) openAccept(it app.InboxItem, now time.Time) {
	var labels []string
	slots := map[string]app.Slot{}
	for _, s := range it.Slots {
		if !s.Start.After(now) {
			continue // a time that has passed cannot be accepted
		}
		l := widgets.FormatSlot(s)
		labels = append(labels, l)
		slots[l] = s
	}
	choice := widget.NewRadioGroup(labels, nil)
	clash := inboxNote("")
	clash.Label.Importance = widget.WarningImportance
	clash.Hide()
	place := widget.NewEntry()
	placeLimit := widgets.LimitText(place, lang.X("limit.field.place", "Place or link"), app.MaxPlaceRunes)
	draft := widgets.NewDraftForm(in.svc, "accept:"+it.ID).Entry("place", place)
	body := []fyne.CanvasObject{
		inboxNote(lang.X("accept.intro", "You choose the time of your cross talk with {{.Person}}. Please choose one of the times.", personData(it))),
		fieldLabel(lang.X("accept.time", "Time")),
	}
	if len(labels) == 0 {
		body = append(body, inboxNote(lang.X("accept.all_past", "All the proposed times have passed. Please send new times with \"Propose other times\".")))
	} else {
		body = append(body, choice, clash)
	}
	body = append(body,
		inboxNote(lang.X("offer.mode_line", "How: {{.Mode}}", map[string]any{"Mode": ModeName(it.Mode)})),
		fieldLabel(lang.X("accept.place", "Place or meeting link (optional)")),
		draft.Note,
		place,
		placeLimit.Note,
		inboxNote(placeHint(it.Mode)),
	)
	f := in.newForm(lang.X("accept.title", "Accept the offer"), body...)
	f.keep(draft)
	warn := in.clashWarner(clash)
	choice.OnChanged = func(sel string) {
		f.clear()
		warn(slots[sel])
	}
	placeLimit.OnChanged = f.clear
	ok := widget.NewButton(lang.X("accept.submit", "Accept this time"), func() {
		sel := choice.Selected
		if sel == "" {
			f.say(lang.X("accept.choose", "Please choose one of the times."), widget.DangerImportance)
			return
		}
		if p := placeLimit.Problem(); p != "" {
			f.say(p, widget.DangerImportance)
			return
		}
		data := personData(it)
		data["Slot"] = sel
		f.confirm(lang.X("accept.confirm_title", "Accept the offer?"),
			lang.X("accept.confirm", "You accept a cross talk with {{.Name}} at this time:\n{{.Slot}}\nIs that right?", data),
			lang.X("accept.confirm_yes", "Accept"), func() {
				f.send(app.OfferAccept, app.AcceptOfferArgs{OfferID: it.ID, Start: slots[sel].Start, Place: strings.TrimSpace(place.Text)}, in.answered)
			})
	})
	ok.Importance = widget.HighImportance
	if len(labels) == 0 {
		ok.Disable()
	}
	f.setButtons(lang.X("dialog.cancel", "Cancel"), ok)
	f.show()
	if len(labels) == 1 {
		choice.SetSelected(labels[0]) // once shown: the clash warning loads for it
	}
}

// placeHint says what to write as the place of a talk held in mode m.
func placeHint(m app.Mode) string {
	switch m {
	case app.ModeOnline:
		return lang.X("accept.place_hint.online", "If you have a meeting link, enter it here. You can also decide it later.")
	case app.ModePhone:
		return lang.X("accept.place_hint.phone", "You can note who calls whom, for example. You can also decide it later.")
	default:
		return lang.X("accept.place_hint.in_person", "Enter where to meet. You can also decide it later.")
	}
}

// openCounter proposes other times, within cohort c, and optionally a
// message.
func (in *Inbox) openCounter(it app.InboxItem, now time.Time, c app.Cohort) {
	from := app.StartOfDay(now)
	if start := app.StartOfDay(c.StartsOn); start.After(from) {
		from = start
	}
	editor := widgets.NewSlotsEditor(from, c.EndsOn, c.Rules.TalkLength())
	editor.SetEarliest(now)
	msg := widget.NewMultiLineEntry()
	msg.Wrapping = fyne.TextWrapWord
	msg.SetMinRowsVisible(3)
	msg.SetPlaceHolder(lang.X("counter.message_hint", "For example: Unfortunately that day does not suit me. Would one of these times suit you?"))
	msgLimit := widgets.LimitText(msg, lang.X("sendoffer.summary.message", "Message"), app.MaxMessageRunes)
	draft := widgets.NewDraftForm(in.svc, "counter:"+it.ID).Entry("message", msg)
	period := map[string]any{"From": widgets.FormatDate(from), "To": widgets.FormatDate(c.EndsOn), "Max": app.MaxSlots}
	body := []fyne.CanvasObject{
		inboxNote(lang.X("counter.intro", "You propose other times to {{.Person}}. You can choose up to {{.Max}} times.",
			map[string]any{"Person": personText(it.OtherName, it.OtherCompany), "Max": app.MaxSlots})),
		inboxNote(lang.X("counter.period", "You can choose days from {{.From}} to {{.To}}.", period)),
		editor,
		fieldLabel(lang.X("counter.message", "A message to the other person (optional)")),
		draft.Note,
		msg,
		msgLimit.Note,
		inboxNote(lang.X("counter.rounds_left", "Other times can be proposed {{.N}} more time(s) for this offer, by either of you.",
			map[string]any{"N": app.MaxRounds - it.Rounds})),
	}
	f := in.newForm(lang.X("counter.title", "Propose other times"), body...)
	f.keep(draft)
	editor.OnChanged = func() { f.clear(); f.fit() }
	msgLimit.OnChanged = f.clear
	ok := widget.NewButton(lang.X("counter.submit", "Propose these times"), func() {
		starts, err := editor.Starts(in.svc.Now())
		if err != nil {
			f.say(err.Error(), widget.DangerImportance)
			return
		}
		if msg := alreadyOffered(starts, it.Slots); msg != "" {
			f.say(msg, widget.DangerImportance)
			return
		}
		if p := msgLimit.Problem(); p != "" {
			f.say(p, widget.DangerImportance)
			return
		}
		args := app.CounterOfferArgs{OfferID: it.ID, Slots: starts, Message: strings.TrimSpace(msg.Text)}
		in.confirmCounter(f, it, args, c.Rules.TalkLength())
	})
	ok.Importance = widget.HighImportance
	f.setButtons(lang.X("dialog.cancel", "Cancel"), ok)
	f.show()
}

// alreadyOffered names the first of starts that is one of the offer's
// proposed times, or is "" when none is.
func alreadyOffered(starts []time.Time, offered []app.Slot) string {
	for i, s := range starts {
		for _, o := range offered {
			if o.Start.Equal(s) {
				return lang.X("counter.already_offered", "{{.Candidate}} is already proposed in this offer. Please choose another time.",
					map[string]any{"Candidate": widgets.Candidate(i, s)})
			}
		}
	}
	return ""
}

// confirmCounter shows the times and the message that proposing sends,
// with a warning when a time overlaps one of the user's own talks, and
// sends them once confirmed.
func (in *Inbox) confirmCounter(f *answerForm, it app.InboxItem, args app.CounterOfferArgs, length time.Duration) {
	f.setBusy(true)
	svc := in.svc
	widgets.Background(func() (string, error) {
		return clashText(context.Background(), svc, args.Slots, length)
	}, func(warning string, err error) {
		f.setBusy(false)
		if err != nil {
			fyne.LogError("propose other times", err) // the warning is a help, not a condition
		}
		lines := make([]string, len(args.Slots))
		for i, s := range args.Slots {
			lines[i] = lang.X("offer.time_item", "・{{.Slot}}", map[string]any{"Slot": widgets.FormatSlot(app.Slot{Start: s, End: s.Add(length)})})
		}
		data := personData(it)
		data["Times"] = strings.Join(lines, "\n")
		text := lang.X("counter.confirm", "You propose these times to {{.Name}}:\n{{.Times}}", data)
		if args.Message != "" {
			text += "\n\n" + lang.X("counter.confirm_message", "With this message:\n{{.Message}}", map[string]any{"Message": args.Message})
		} else {
			text += "\n\n" + lang.X("counter.confirm_no_message", "With no message.")
		}
		text += "\n\n" + lang.X("counter.confirm_question", "Is that right?")
		f.confirmWarning(lang.X("counter.confirm_title", "Propose these times?"), text, warning,
			lang.X("counter.confirm_yes", "Propose"), func() {
				f.send(app.OfferCounter, args, in.answered)
			})
	})
}

// openDecline declines with a stock reason and an optional note.
func (in *Inbox) openDecline(it app.InboxItem) {
	var labels []string
	reasons := map[string]string{}
	for _, r := range app.DeclineReasons {
		l := declineChoiceText(r)
		labels = append(labels, l)
		reasons[l] = r
	}
	choice := widget.NewRadioGroup(labels, nil)
	note := widget.NewMultiLineEntry()
	note.Wrapping = fyne.TextWrapWord
	note.SetMinRowsVisible(3)
	note.SetPlaceHolder(lang.X("decline.note_hint", "For example: Thank you for asking me. I am sorry I cannot accept this time."))
	noteLimit := widgets.LimitText(note, lang.X("limit.field.note", "Message"), app.MaxNoteRunes)
	draft := widgets.NewDraftForm(in.svc, "decline:"+it.ID).Entry("note", note)
	f := in.newForm(lang.X("decline.title", "Decline the offer"),
		inboxNote(lang.X("decline.intro", "You decline the offer of {{.Person}}. Please choose a reason. The other person will see it.", personData(it))),
		fieldLabel(lang.X("decline.reason", "Reason")),
		choice,
		fieldLabel(lang.X("decline.note", "A message to the other person (optional)")),
		draft.Note,
		note,
		noteLimit.Note,
	)
	f.keep(draft)
	choice.OnChanged = func(string) { f.clear() }
	noteLimit.OnChanged = f.clear
	ok := widget.NewButton(lang.X("decline.submit", "Decline"), func() {
		reason := reasons[choice.Selected]
		if reason == "" {
			f.say(lang.X("decline.choose", "Please choose a reason for declining."), widget.DangerImportance)
			return
		}
		if p := noteLimit.Problem(); p != "" {
			f.say(p, widget.DangerImportance)
			return
		}
		f.confirmDanger(lang.X("decline.confirm_title", "Decline the offer?"),
			lang.X("decline.confirm", "You decline the offer of {{.Name}}. This cannot be undone. Do you decline?", personData(it)),
			lang.X("decline.confirm_yes", "Decline"), func() {
				f.send(app.OfferDecline, app.DeclineOfferArgs{OfferID: it.ID, Reason: reason, Note: strings.TrimSpace(note.Text)}, in.answered)
			})
	})
	ok.Importance = widget.DangerImportance
	f.setButtons(lang.X("dialog.cancel", "Cancel"), ok)
	f.show()
}

// openWithdraw withdraws my own offer, once confirmed.
func (in *Inbox) openWithdraw(it app.InboxItem) {
	f := in.newForm(lang.X("withdraw.title", "Withdraw the offer"),
		inboxNote(lang.X("withdraw.confirm", "You withdraw your offer to {{.Person}}. This cannot be undone. Do you withdraw it?", personData(it))))
	ok := widget.NewButton(lang.X("withdraw.submit", "Withdraw"), func() {
		f.send(app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: it.ID}, in.answered)
	})
	ok.Importance = widget.DangerImportance
	f.setButtons(lang.X("answer.back", "Go back"), ok)
	f.show()
}

// clashWarner returns what tells, in p, whether a chosen slot overlaps
// another of the user's scheduled talks: accepting it would double-book
// them. It warns without refusing; only the latest choice is shown.
func (in *Inbox) clashWarner(p *widgets.Paragraph) func(app.Slot) {
	seq := 0
	return func(slot app.Slot) {
		seq++
		mine, svc := seq, in.svc
		if slot.Start.IsZero() {
			p.Hide()
			return
		}
		widgets.Background(func() ([]app.TalkItem, error) {
			return clashingTalks(context.Background(), svc, slot, "")
		}, func(talks []app.TalkItem, err error) {
			if mine != seq {
				return // another time was chosen meanwhile
			}
			if err != nil {
				fyne.LogError("accept: the user's talks at the chosen time", err)
			}
			if err != nil || len(talks) == 0 {
				p.Hide()
				return
			}
			p.SetText(talkClashText(talks))
			p.Show()
		})
	}
}
