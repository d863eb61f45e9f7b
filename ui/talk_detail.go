package ui

import (
	"context"
	"errors"
	"image/color"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// mutateTimeout bounds one local mutation; it runs on the local file and
// is queued for the server, so it never waits on the network.
const mutateTimeout = 30 * time.Second

// TalkDetail shows one talk: who, when, how and where, and what can be
// done with it: cancel it with a reason, move it to another time, or save
// it to the user's own calendar.
type TalkDetail struct {
	svc  Services
	win  fyne.Window
	talk app.TalkItem

	// OnChanged is called on the UI goroutine after the talk was
	// cancelled or moved, with the talk as it now is: for a move, the new
	// talk that replaces it.
	OnChanged func(app.TalkItem)

	back      *widget.Button
	heading   *widgets.Paragraph
	person    *widgets.Paragraph
	company   *widgets.Paragraph
	when      *widgets.Paragraph
	mode      *widgets.Paragraph
	placeName *widget.Label
	placeBox  *fyne.Container
	state     *widgets.Paragraph
	notice    *widgets.Paragraph
	move      *widget.Button
	cancel    *widget.Button
	export    *widget.Button
	actions   *fyne.Container
	body      *fyne.Container
	content   fyne.CanvasObject

	// The open cancel dialog.
	cancelDialog  *dialog.CustomDialog
	reasons       *widget.RadioGroup
	keepTalk      *widget.Button
	confirmCancel *widget.Button

	// The open reschedule dialog.
	moveDialog  *dialog.CustomDialog
	moveBody    *fyne.Container
	picker      *widgets.SlotPicker
	moveError   *widgets.Paragraph
	keepTime    *widget.Button
	confirmMove *widget.Button

	// settled, when set, runs on the UI goroutine after each step that
	// ran in the background has been shown.
	settled func()
}

// NewTalkDetail shows talk k. back, when not nil, is called by a button
// that leaves the detail.
func NewTalkDetail(svc Services, win fyne.Window, k app.TalkItem, back func()) *TalkDetail {
	d := &TalkDetail{svc: svc, win: win, talk: k}
	d.buildUI(back)
	d.show()
	return d
}

// Content is the view's canvas object.
func (d *TalkDetail) Content() fyne.CanvasObject { return d.content }

// Talk is the talk shown.
func (d *TalkDetail) Talk() app.TalkItem { return d.talk }

func (d *TalkDetail) buildUI(back func()) {
	var top []fyne.CanvasObject
	if back != nil {
		d.back = widget.NewButtonWithIcon(lang.X("talk.back", "Back to the calendar"), theme.NavigateBackIcon(), back)
		top = append(top, container.NewHBox(d.back))
	}
	// The texts are broken into lines the Japanese way.
	d.heading = widgets.NewParagraph("")
	d.heading.Label.TextStyle.Bold = true
	d.heading.Label.SizeName = theme.SizeNameSubHeadingText
	field := func() *widgets.Paragraph { return widgets.NewParagraph("") }
	name := func(key, fallback string) *widget.Label {
		return widget.NewLabelWithStyle(lang.X(key, fallback), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	d.person, d.company, d.when, d.mode, d.state = field(), field(), field(), field(), field()
	d.placeName = name("talk.place", "Place")
	d.placeBox = container.NewStack()
	form := container.New(layout.NewFormLayout(),
		name("talk.person", "With"), d.person,
		name("talk.company", "Company"), d.company,
		name("talk.when", "When"), d.when,
		name("talk.mode", "How"), d.mode,
		d.placeName, d.placeBox,
		name("talk.state", "State"), d.state,
	)
	d.notice = field()
	d.notice.Hide()
	d.move = widget.NewButtonWithIcon(lang.X("talk.reschedule", "Change the date"), theme.HistoryIcon(), d.startMove)
	d.cancel = widget.NewButtonWithIcon(lang.X("talk.cancel", "Cancel the talk"), theme.CancelIcon(), d.startCancel)
	d.cancel.Importance = widget.DangerImportance
	d.export = widget.NewButtonWithIcon(lang.X("talk.add_to_calendar", "Add to my calendar"), theme.CalendarIcon(), d.startExport)
	d.actions = container.NewVBox()
	top = append(top, d.heading, widget.NewSeparator(), form, d.notice, widget.NewSeparator(), d.actions)
	d.body = container.NewVBox(top...)
	d.content = container.NewPadded(d.body)
}

// show writes the talk into the fields and offers the actions its state
// allows.
func (d *TalkDetail) show() {
	k := d.talk
	d.heading.SetText(lang.X("talk.heading", "Cross talk with {{.Name}}", map[string]any{"Name": k.OtherName}))
	d.person.SetText(lang.X("talk.person_name", "{{.Name}}", map[string]any{"Name": k.OtherName}))
	d.company.SetText(k.OtherCompany)
	d.when.SetText(widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}))
	d.mode.SetText(ModeName(k.Mode))
	d.showPlace()
	d.state.SetText(TalkStateText(k.Talk))
	d.state.Label.Importance = talkStateImportance(k.Talk)
	d.state.Refresh()

	d.actions.RemoveAll()
	switch {
	case k.State == app.TalkScheduled:
		d.export.SetText(lang.X("talk.add_to_calendar", "Add to my calendar"))
		d.actions.Add(talkTall(d.move))
		d.actions.Add(talkTall(d.export))
		d.actions.Add(talkGap())
		d.actions.Add(talkTall(d.cancel))
	case k.State == app.TalkCancelled && k.Reason != app.ReasonRescheduled:
		// Whoever added the talk to their calendar can take it out again.
		d.export.SetText(lang.X("talk.cancel_in_calendar", "Mark as cancelled in my calendar"))
		d.actions.Add(talkTall(d.export))
	}
	d.actions.Refresh()
	d.body.Refresh()
}

func (d *TalkDetail) showPlace() {
	k := d.talk
	place := strings.TrimSpace(k.Place)
	var o fyne.CanvasObject
	if u, ok := webLink(place); ok {
		d.placeName.SetText(lang.X("talk.link", "Link"))
		link := widget.NewHyperlink(place, u)
		link.Wrapping = fyne.TextWrapBreak
		o = link
	} else {
		d.placeName.SetText(lang.X("talk.place", "Place"))
		if place == "" {
			place = lang.X("talk.no_place", "Not set yet. Please agree on it with the other person.")
			if k.Mode == app.ModePhone {
				place = lang.X("talk.phone_place", "By phone. Please agree with the other person on who calls whom.")
			}
		}
		o = widgets.NewParagraph(place)
	}
	d.placeBox.Objects = []fyne.CanvasObject{o}
	d.placeBox.Refresh()
}

// webLink parses s as an http or https link.
func webLink(s string) (*url.URL, bool) {
	link, ok := icsLink(s)
	if !ok {
		return nil, false
	}
	u, err := url.Parse(link)
	return u, err == nil
}

// TalkStateText is a talk's state in words; a talk that was moved says
// so rather than that it was cancelled.
func TalkStateText(k app.Talk) string {
	switch k.State {
	case app.TalkScheduled:
		return lang.X("talk.state.scheduled", "Scheduled")
	case app.TalkHeld:
		return lang.X("talk.state.held", "Held")
	case app.TalkNoShow:
		return lang.X("talk.state.no_show", "Did not take place")
	case app.TalkCancelled:
		if k.Reason == app.ReasonRescheduled {
			return lang.X("talk.state.rescheduled", "Moved to another date")
		}
		if k.Reason != "" {
			return lang.X("talk.state.cancelled_because", "Cancelled ({{.Reason}})", map[string]any{"Reason": CancelReasonText(k.Reason)})
		}
		return lang.X("talk.state.cancelled", "Cancelled")
	}
	return string(k.State)
}

func talkStateImportance(k app.Talk) widget.Importance {
	switch k.State {
	case app.TalkScheduled:
		return widget.SuccessImportance
	case app.TalkCancelled, app.TalkNoShow:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// CancelReasonText is one of app.CancelReasons in words, as the person
// cancelling would say it.
func CancelReasonText(reason string) string {
	fallback := map[string]string{
		"schedule": "My schedule no longer allows it",
		"work":     "Urgent work came up",
		"health":   "I am not feeling well",
		"other":    "Other reasons",
	}[reason]
	if fallback == "" {
		fallback = reason
	}
	return lang.X("talk.cancel_reason."+reason, fallback)
}

// setBusy disables the actions while a change is being saved.
func (d *TalkDetail) setBusy(busy bool) {
	for _, b := range []*widget.Button{d.move, d.cancel, d.export} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if busy {
		d.setNotice(lang.X("talk.saving", "Saving…"), widget.MediumImportance)
	}
}

func (d *TalkDetail) setNotice(text string, imp widget.Importance) {
	d.notice.Label.Importance = imp
	d.notice.SetText(text)
	d.notice.Show()
	d.body.Refresh()
}

// failed shows err in the user's words, both in the view and in a dialog
// that cannot be missed.
func (d *TalkDetail) failed(err error) {
	fyne.LogError("talk detail", err)
	text := ErrorText(err)
	d.setNotice(text, widget.DangerImportance)
	dialog.ShowInformation(lang.X("error.title", "Notice"), text, d.win)
}

func (d *TalkDetail) done() {
	if d.settled != nil {
		d.settled()
	}
}

// startCancel asks for a reason and a confirmation before cancelling.
func (d *TalkDetail) startCancel() {
	k := d.talk
	labels := make([]string, len(app.CancelReasons))
	for i, r := range app.CancelReasons {
		labels[i] = CancelReasonText(r)
	}
	intro := widgets.NewParagraph(lang.X("talk.cancel_intro",
		"You are about to cancel this cross talk. Please choose a reason and press “Cancel the talk”. The other person will be told."))
	d.keepTalk = widget.NewButton(lang.X("talk.cancel_keep", "Do not cancel"), func() { d.cancelDialog.Hide() })
	d.confirmCancel = widget.NewButtonWithIcon(lang.X("talk.cancel_confirm", "Cancel the talk"), theme.CancelIcon(), d.confirmedCancel)
	d.confirmCancel.Importance = widget.DangerImportance
	d.confirmCancel.Disable()
	d.reasons = widget.NewRadioGroup(labels, func(string) {
		if d.reasons.Selected == "" {
			d.confirmCancel.Disable()
		} else {
			d.confirmCancel.Enable()
		}
	})
	d.reasons.Required = true
	body := container.NewVBox(talkSummary(k), widget.NewSeparator(), intro,
		widget.NewLabelWithStyle(lang.X("talk.cancel_reason_label", "Reason"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		d.reasons)
	d.cancelDialog = dialog.NewCustomWithoutButtons(lang.X("talk.cancel_title", "Cancel this cross talk?"), body, d.win)
	d.cancelDialog.SetButtons([]fyne.CanvasObject{talkTall(d.keepTalk), talkTall(d.confirmCancel)})
	d.cancelDialog.Resize(fyne.NewSize(520, d.cancelDialog.MinSize().Height))
	d.cancelDialog.Show()
}

// talkSummary names the talk in a dialog: with whom and when.
func talkSummary(k app.TalkItem) fyne.CanvasObject {
	name := func(key, fallback string) *widget.Label {
		return widget.NewLabelWithStyle(lang.X(key, fallback), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	value := widgets.NewParagraph
	return container.New(layout.NewFormLayout(),
		name("talk.person", "With"), value(lang.X("calendar.row_person", "{{.Name}} ({{.Company}})",
			map[string]any{"Name": k.OtherName, "Company": k.OtherCompany})),
		name("talk.when", "When"), value(widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End})))
}

// confirmedCancel cancels the talk with the chosen reason.
func (d *TalkDetail) confirmedCancel() {
	reason := ""
	for i, l := range d.reasons.Options {
		if l == d.reasons.Selected {
			reason = app.CancelReasons[i]
		}
	}
	if reason == "" {
		return
	}
	d.cancelDialog.Hide()
	d.setBusy(true)
	k := d.talk
	widgets.Background(func() (struct{}, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return struct{}{}, d.svc.Mutate(ctx, app.TalkCancel, app.CancelTalkArgs{TalkID: k.ID, Reason: reason})
	}, func(_ struct{}, err error) {
		defer d.done()
		d.setBusy(false)
		if err != nil {
			d.failed(err)
			return
		}
		d.talk.State, d.talk.Reason, d.talk.UpdatedAt = app.TalkCancelled, reason, d.svc.Now()
		d.show()
		d.setNotice(lang.X("talk.cancelled_notice", "The talk was cancelled. The other person will be told."), widget.MediumImportance)
		if d.OnChanged != nil {
			d.OnChanged(d.talk)
		}
	})
}

// startMove reads the programme period, then asks for the new time.
func (d *TalkDetail) startMove() {
	d.move.Disable()
	cohortID := d.talk.CohortID
	widgets.Background(func() (app.Cohort, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return d.svc.Cohort(ctx, cohortID)
	}, func(c app.Cohort, err error) {
		defer d.done()
		d.move.Enable()
		if err != nil {
			d.failed(err)
			return
		}
		d.openMove(c)
	})
}

func (d *TalkDetail) openMove(c app.Cohort) {
	k := d.talk
	now := d.svc.Now()
	from := c.Begins()
	if today := app.StartOfDay(now); today.After(from) {
		from = today
	}
	intro := widgets.NewParagraph(lang.X("talk.reschedule_intro",
		"Please choose the new day and time. The place or link stays the same. The other person will be told."))
	d.moveError = widgets.NewParagraph("")
	d.moveError.Label.Importance = widget.DangerImportance
	d.moveError.Hide()
	d.confirmMove = widget.NewButtonWithIcon(lang.X("talk.reschedule_confirm", "Change to this time"), theme.ConfirmIcon(), func() { d.confirmedMove(c) })
	d.confirmMove.Importance = widget.HighImportance
	d.confirmMove.Disable()
	d.picker = widgets.NewSlotPicker(from, c.EndsOn, func() {
		d.setMoveError("")
		if _, ok := d.picker.Start(); ok {
			d.confirmMove.Enable()
		} else {
			d.confirmMove.Disable()
		}
	})
	d.keepTime = widget.NewButton(lang.X("talk.reschedule_keep", "Keep the current time"), func() { d.moveDialog.Hide() })
	d.moveBody = container.NewVBox(talkSummary(k), widget.NewSeparator(), intro,
		widget.NewLabelWithStyle(lang.X("talk.reschedule_new", "New day and time"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		talkTall(d.picker), d.moveError)
	d.moveDialog = dialog.NewCustomWithoutButtons(lang.X("talk.reschedule_title", "Change the date"), d.moveBody, d.win)
	d.moveDialog.SetButtons([]fyne.CanvasObject{talkTall(d.keepTime), talkTall(d.confirmMove)})
	d.moveDialog.Resize(fyne.NewSize(560, d.moveDialog.MinSize().Height))
	d.moveDialog.Show()
}

// setMoveError shows what is wrong with the chosen time; "" hides it.
func (d *TalkDetail) setMoveError(text string) {
	if d.moveError == nil || d.moveError.Text == text {
		return
	}
	d.moveError.SetText(text)
	d.moveError.Hidden = text == ""
	d.moveBody.Refresh()
	d.moveDialog.Resize(fyne.NewSize(560, d.moveDialog.MinSize().Height))
}

// moveProblem says what is wrong with start as the new time, or "".
func moveProblem(k app.Talk, c app.Cohort, start, now time.Time) string {
	switch {
	case !start.After(now):
		return lang.X("reject.slot_in_past", "That time has passed.")
	case start.Equal(k.Start):
		return lang.X("talk.reschedule_same", "This is the current time. Please choose a different day or time.")
	case start.Before(c.Begins()) || start.Add(c.Rules.TalkLength()).After(c.Ends()):
		return lang.X("reject.slot_outside_cohort", "That time is outside the programme period.")
	}
	return ""
}

// confirmedMove moves the talk to the chosen time, at the same place.
func (d *TalkDetail) confirmedMove(c app.Cohort) {
	start, ok := d.picker.Start()
	if !ok {
		return
	}
	k := d.talk
	if p := moveProblem(k.Talk, c, start, d.svc.Now()); p != "" {
		d.setMoveError(p)
		return
	}
	d.moveDialog.Hide()
	d.setBusy(true)
	place := k.Place
	args := app.RescheduleTalkArgs{TalkID: k.ID, NewTalkID: uuid.NewString(), Start: start, Place: &place}
	me := d.svc.Me().ParticipantID
	widgets.Background(func() (app.TalkItem, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		if err := d.svc.Mutate(ctx, app.TalkReschedule, args); err != nil {
			return app.TalkItem{}, err
		}
		next := k
		next.ID, next.Start, next.End, next.Replaces = args.NewTalkID, start, start.Add(c.Rules.TalkLength()), k.ID
		talks, err := d.svc.TalksBetween(ctx, me, start, start.Add(time.Second))
		if err != nil {
			fyne.LogError("talk detail: read the moved talk", err)
		}
		for _, t := range talks {
			if t.ID == args.NewTalkID {
				next = t
			}
		}
		return next, nil
	}, func(next app.TalkItem, err error) {
		defer d.done()
		d.setBusy(false)
		if err != nil {
			d.failed(err)
			return
		}
		d.talk = next
		d.show()
		d.setNotice(lang.X("talk.rescheduled_notice", "The date was changed to {{.When}}. The other person will be told.",
			map[string]any{"When": widgets.FormatDateTime(next.Start)}), widget.MediumImportance)
		if d.OnChanged != nil {
			d.OnChanged(next)
		}
	})
}

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

// talkGap keeps the cancel button apart from the others, against
// tapping it by mistake.
func talkGap() fyne.CanvasObject {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(1, 2*theme.Padding()))
	return gap
}

// talkTall makes o at least widgets.TallButton high.
func talkTall(o fyne.CanvasObject) fyne.CanvasObject {
	return widgets.Tall(o, widgets.TallButton)
}
