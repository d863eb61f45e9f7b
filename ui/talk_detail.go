package ui

import (
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/ical"
	"crosstalk/ui/widgets"
)

// mutateTimeout bounds one local mutation; it runs on the local file and
// is queued for the server, so it never waits on the network.
const mutateTimeout = 30 * time.Second

// TalkDetail shows one talk: who, when, how and where, what happened to
// it, and what can be done with it: cancel it with a reason, propose
// another time (or answer the other side's proposal), save it to the
// user's own calendar, or, once over, answer its survey.
type TalkDetail struct {
	svc  Services
	win  fyne.Window
	talk app.TalkItem

	// OnChanged is called on the UI goroutine after the talk was
	// cancelled, moved, a change of its time proposed or answered, or its
	// survey answered, with the talk as it now is.
	OnChanged func(app.TalkItem)
	// OnSeen is called on the UI goroutine once the other person's
	// changes shown were recorded as seen (MarkSeen).
	OnSeen func()
	// OnReload, when set, reads the talk again in place of Reload, for a
	// view that reads its own data along with it.
	OnReload func()

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
	unsent    string // what the notice says was done, saved but not yet sent
	move      *widget.Button
	cancel    *widget.Button
	export    *widget.Button
	survey    *widget.Button // offered while the talk's survey is due
	surveyDue bool
	surveyDlg *SurveyDialog  // the survey opened last
	messages  *widget.Button // opens the message thread (thread_talk.go)
	thread    *ThreadDialog  // the thread opened last
	actions   *fyne.Container
	body      *fyne.Container

	// The proposal that waits, and the history.
	proposalBox     *fyne.Container
	proposalText    *widgets.Paragraph
	proposalInfo    *widgets.Paragraph
	proposalButtons *fyne.Container
	acceptTime      *widget.Button
	declineTime     *widget.Button
	withdrawTime    *widget.Button
	history         *fyne.Container
	historyBox      *fyne.Container

	// The open dialog that asks before accepting a proposal.
	acceptDialog  *dialog.CustomDialog
	acceptBack    *widget.Button
	confirmAccept *widget.Button
	content       fyne.CanvasObject

	// The open cancel dialog.
	cancelDialog  *dialog.CustomDialog
	reasons       *widget.RadioGroup
	keepTalk      *widget.Button
	confirmCancel *widget.Button

	// The open reschedule dialog.
	moveDialog  *dialog.CustomDialog
	moveBody    *fyne.Container
	moveScroll  *container.Scroll // moveBody, when the window is too small
	picker      *widgets.SlotPicker
	moveError   *widgets.Paragraph
	keepTime    *widget.Button
	confirmMove *widget.Button

	// The question open (accept, cancel or propose), and what says it no
	// longer applies to the talk as it now is.
	asking    *dialog.CustomDialog
	staleWhen func(app.TalkItem) string

	busy        bool // the user's own change is being saved
	reloading   bool // a Reload is on its way
	reloadLater bool // a Reload waits for the change being saved
	reloadSeq   int  // the latest Reload; older answers are dropped

	// settled, when set, runs on the UI goroutine after each step that
	// ran in the background has been shown; reloaded after each Reload.
	settled  func()
	reloaded func()
}

// NewTalkDetail shows talk k. back, when not nil, is called by a button
// that leaves the detail.
func NewTalkDetail(svc Services, win fyne.Window, k app.TalkItem, back func()) *TalkDetail {
	d := &TalkDetail{svc: svc, win: win, talk: k}
	d.buildUI(back)
	d.show()
	d.checkSurvey()
	d.CheckThread()
	return d
}

// Content is the view's canvas object.
func (d *TalkDetail) Content() fyne.CanvasObject { return d.content }

// Talk is the talk shown.
func (d *TalkDetail) Talk() app.TalkItem { return d.talk }

func (d *TalkDetail) buildUI(back func()) {
	var top []fyne.CanvasObject
	if back != nil {
		d.back = widget.NewButtonWithIcon(lang.X("talk.back", "Back to the list of talks"), theme.NavigateBackIcon(), back)
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
	d.move = widget.NewButtonWithIcon(lang.X("talk.propose", "Propose a new date and time"), theme.HistoryIcon(), d.startMove)
	d.cancel = widget.NewButtonWithIcon(lang.X("talk.cancel", "Cancel the talk"), theme.CancelIcon(), d.startCancel)
	d.cancel.Importance = widget.DangerImportance
	d.export = widget.NewButtonWithIcon(lang.X("talk.add_to_calendar", "Add to my calendar"), theme.CalendarIcon(), d.startExport)
	d.survey = widget.NewButtonWithIcon(lang.X("surveys.answer", "Answer the survey"), theme.DocumentCreateIcon(), d.openSurvey)
	d.survey.Importance = widget.HighImportance
	d.messages = widget.NewButtonWithIcon(threadButtonText(0), theme.MailComposeIcon(), d.openThread)
	d.actions = container.NewVBox()
	d.buildProposal()
	d.history = container.NewVBox()
	d.historyBox = container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.X("talk.history", "What happened so far"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		d.history)
	d.historyBox.Hide()
	top = append(top, d.heading, widget.NewSeparator(), form, d.proposalBox, d.notice, widget.NewSeparator(), d.actions, d.historyBox)
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
	d.showProposal()
	d.showHistory()

	d.actions.RemoveAll()
	if d.surveyDue {
		d.actions.Add(talkTall(d.survey))
	}
	d.actions.Add(talkTall(d.messages))
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
	link, ok := ical.Link(s)
	if !ok {
		return nil, false
	}
	u, err := url.Parse(link)
	return u, err == nil
}

// setBusy disables the actions while a change is being saved. A Reload
// on its way then is dropped, and runs again once the change was shown.
func (d *TalkDetail) setBusy(busy bool) {
	d.busy = busy
	if busy && d.reloading {
		d.reloadSeq++
		d.reloading, d.reloadLater = false, true
	}
	for _, b := range []*widget.Button{d.move, d.cancel, d.export, d.acceptTime, d.declineTime, d.withdrawTime} {
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
	widgets.ShowMessage(lang.X("error.title", "Notice"), text, d.win)
}

func (d *TalkDetail) done() {
	d.reloadWaiting()
	if d.settled != nil {
		d.settled()
	}
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

// talkGap keeps the cancel button apart from the others, against
// tapping it by mistake.
func talkGap() fyne.CanvasObject {
	return widgets.NewGap(2)
}

// talkTall makes o at least widgets.TallButton high.
func talkTall(o fyne.CanvasObject) fyne.CanvasObject {
	return widgets.Tall(o, widgets.TallButton)
}
