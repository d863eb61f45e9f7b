package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// Inbox lists the user's offers by what the person must do, as tabs:
// those waiting for my answer, those waiting for the other side's
// (whoever sent them), those that led to a talk still to come, the
// talks whose survey waits for an answer, and those that have ended.
// Each offer is in exactly one list (app.InboxItem.Box). Each says in
// words who it is with and who sent it, when and how, where it stands
// and until when it can be answered, and carries buttons for the answers
// that apply. Above the lists, notices: a new device, mails that do not
// reach the person, the surveys waiting, the programme's questions.
type Inbox struct {
	svc Services
	win fyne.Window

	// OnChanged, if not nil, is called on the UI goroutine after the user
	// changed an offer or answered a survey, once the inbox shows the
	// change, so that the window can refresh what depends on it, such as
	// the badge.
	OnChanged func()
	// OnDevicesNoticed and OnShowDevices are the device notice's
	// (StatusLine's).
	OnDevicesNoticed func(upTo time.Time)
	OnShowDevices    func()
	// OnOpenTalk, if not nil, shows a talk in full (the window opens it
	// in the calendar): a decided talk, or one whose change the inbox
	// tells of.
	OnOpenTalk func(app.TalkItem)
	// OnChangeEmail, if not nil, opens the change of the person's mail
	// address, from the notice that mails do not reach them.
	OnChangeEmail func()

	tabs      *container.AppTabs
	notices   *fyne.Container  // the notices above the tabs, one under another
	fold      *inboxNotices    // lays them out, and folds them away
	notice    *fyne.Container  // the notice of a new device, one of notices
	changes   *inboxChanges    // the talks changed by the other person, one of notices
	autostart *autostartNotice // the offer to open the app at sign-in, one of notices
	unread    *messageNotice   // the messages not read yet, one of notices (thread_inbox.go)
	content   fyne.CanvasObject
	boxes     []*inboxTab // the lists of offers, in the order of inboxBoxes
	surveys   *surveyList
	programme *programmeNotices // the programme's questions: notices, and rows in the surveys' tab
	waiting   int
	gen       int  // counts loads, so that only the latest is shown
	changed   bool // the user changed an offer; tell OnChanged after the next load

	// mailNotice tells that mails do not reach the person, one of
	// notices (settings_mail.go).
	mailNotice *fyne.Container
	// threads are the message threads as last loaded, and thread the one
	// opened last (thread_inbox.go).
	threads map[string]app.ThreadSummary
	thread  *ThreadDialog

	// Tests wait on these; the app leaves them nil.
	loaded  func()          // after a load is shown
	settled func(err error) // after an answer's result is shown
}

// inboxTab is one tab of the inbox and the offers it shows.
type inboxTab struct {
	box   app.Box
	item  *container.TabItem
	list  *fyne.Container
	cards []*offerCard
}

// offerCard is one offer as the inbox shows it.
type offerCard struct {
	item     app.InboxItem
	content  fyne.CanvasObject
	state    *widgets.Paragraph
	accept   *widget.Button // nil when it does not apply
	counter  *widget.Button
	decline  *widget.Button
	withdraw *widget.Button
	openTalk *widget.Button
	messages *widget.Button // opens the offer's thread; nil when it has none
}

// inboxBoxes are the inbox's lists of offers, in the order of their
// tabs; the surveys' tab comes before the last.
var inboxBoxes = []app.Box{app.BoxNeedsMyAnswer, app.BoxTheirAnswer, app.BoxScheduled, app.BoxFinished}

// NewInbox makes the inbox of svc's user, showing its dialogs over win.
// It is empty until Refresh is called.
func NewInbox(svc Services, win fyne.Window) *Inbox {
	in := &Inbox{svc: svc, win: win}
	var items []*container.TabItem
	for _, box := range inboxBoxes {
		t := &inboxTab{box: box, list: newInboxList()}
		t.item = container.NewTabItem(inboxTabTitle(box, 0), container.NewVScroll(container.NewPadded(t.list)))
		in.boxes = append(in.boxes, t)
		if box == app.BoxFinished {
			in.programme = newProgrammeNotices(in)
			in.surveys = newSurveyList(in)
			items = append(items, in.surveys.item)
		}
		items = append(items, t.item)
	}
	in.tabs = container.NewAppTabs(items...)
	in.notice = container.NewPadded()
	in.notice.Hide()
	in.mailNotice = container.NewPadded()
	in.mailNotice.Hide()
	in.changes = newInboxChanges(in)
	in.autostart = newAutostartNotice(in)
	in.unread = newMessageNotice(in)
	// More notices go in here, each hidden while it has nothing to say.
	// Mails that do not reach the person come first: nothing else can
	// tell them so.
	in.notices = container.NewVBox(in.mailNotice, in.changes.box, in.unread.box, in.autostart.box, in.notice, in.surveys.notice,
		in.programme.survey.box, in.programme.before.box)
	// The lists as tabs down the side, whose titles show in full at
	// any text size; the notices take at most a part of the height.
	in.tabs.SetTabLocation(container.TabLocationLeading)
	in.content, in.fold = newInboxContent(in.notices, in.tabs)
	return in
}

// newInboxList is an empty list of the inbox, saying that it loads.
func newInboxList() *fyne.Container {
	return widgets.NewSpacedVBox(3, inboxNote(lang.X("inbox.loading", "Loading…")))
}

// Content is the view's canvas object.
func (in *Inbox) Content() fyne.CanvasObject { return in.content }

// Waiting is how many offers wait for the user's answer, as of the last
// load.
func (in *Inbox) Waiting() int { return in.waiting }

// SurveysDue is how many talks wait for the user's survey, as of the
// last load.
func (in *Inbox) SurveysDue() int { return len(in.surveys.due) }

// ShowSurveys turns to the list of the surveys waiting.
func (in *Inbox) ShowSurveys() { in.tabs.Select(in.surveys.item) }

// inboxTabTitle is a list's title; those that ask something of the
// person count it.
func inboxTabTitle(box app.Box, n int) string {
	switch box {
	case app.BoxNeedsMyAnswer:
		if n > 0 {
			return lang.X("inbox.tab.my_answer_count", "Your answer needed ({{.Count}})", map[string]any{"Count": n})
		}
		return lang.X("inbox.tab.my_answer", "Your answer needed")
	case app.BoxTheirAnswer:
		return lang.X("inbox.tab.their_answer", "Waiting for their answer")
	case app.BoxScheduled:
		return lang.X("inbox.tab.scheduled", "Decided cross talks")
	default:
		return lang.X("inbox.tab.finished", "Finished")
	}
}

// inboxEmpty is what an empty list says.
func inboxEmpty(box app.Box) string {
	switch box {
	case app.BoxNeedsMyAnswer:
		return lang.X("inbox.empty.waiting", "No offer is waiting for your answer. New offers will appear here.")
	case app.BoxTheirAnswer:
		return lang.X("inbox.empty.their_answer", "No offer is waiting for the other person's answer. You can send an offer from “Find people”.")
	case app.BoxScheduled:
		return lang.X("inbox.empty.scheduled", "No cross talk is decided yet. When an offer is accepted, its talk appears here.")
	default:
		return lang.X("inbox.empty.finished", "No offer has finished yet.")
	}
}

// inboxNote is a paragraph of explanation.
func inboxNote(text string) *widgets.Paragraph { return widgets.NewParagraph(text) }

// inboxData is what one load reads.
type inboxData struct {
	now     time.Time
	boxes   [][]app.InboxItem
	surveys []app.TalkItem // the talks whose survey is due
	// programmes are where the person stands in each programme: its
	// "before" and programme survey due, and their answers.
	programmes []app.ProgrammeStatus
	cohorts    map[string]app.Cohort // of the pending offers, for proposing times
	threads    map[string]app.ThreadSummary
}

// Refresh reloads the offers off the UI goroutine and shows them when
// they arrive.
func (in *Inbox) Refresh() {
	in.gen++
	gen := in.gen
	now := in.svc.Now()
	var showChanges func()
	widgets.Background(func() (inboxData, error) {
		showChanges = in.changes.fetch(context.Background(), now)
		return in.load(context.Background(), now)
	}, func(d inboxData, err error) {
		if gen != in.gen {
			return // a later load is on its way
		}
		showChanges()
		in.show(d, err)
		if in.changed {
			in.changed = false
			if in.OnChanged != nil {
				in.OnChanged()
			}
		}
		if in.loaded != nil {
			in.loaded()
		}
	})
}

func (in *Inbox) load(ctx context.Context, now time.Time) (inboxData, error) {
	d := inboxData{now: now, cohorts: map[string]app.Cohort{}}
	me := in.svc.Me().ParticipantID
	for _, box := range inboxBoxes {
		items, err := in.svc.Inbox(ctx, me, box, now)
		if err != nil {
			return d, fmt.Errorf("load inbox: %w", err)
		}
		d.boxes = append(d.boxes, items)
		for _, it := range items {
			if _, ok := d.cohorts[it.CohortID]; ok || !isPending(it.Offer, now) {
				continue
			}
			c, err := in.svc.Cohort(ctx, it.CohortID)
			if err != nil {
				return d, fmt.Errorf("load inbox: %w", err)
			}
			d.cohorts[it.CohortID] = c
		}
	}
	var err error
	if d.threads, err = threadsByID(ctx, in.svc, me); err != nil {
		return d, fmt.Errorf("load inbox: %w", err)
	}
	if d.surveys, err = in.svc.SurveysDue(ctx, me, now); err != nil {
		return d, fmt.Errorf("load inbox: %w", err)
	}
	if d.programmes, err = in.svc.ProgrammeStatuses(ctx, me, now); err != nil {
		return d, fmt.Errorf("load inbox: %w", err)
	}
	return d, nil
}

func (in *Inbox) show(d inboxData, err error) {
	if err != nil {
		fyne.LogError("inbox", err)
		for _, t := range in.boxes {
			t.cards = nil
			t.list.Objects = []fyne.CanvasObject{inboxNote(lang.X("inbox.error", "The offers could not be loaded. Please quit the app and try again."))}
			t.list.Refresh()
		}
		return
	}
	in.threads = d.threads
	for i, t := range in.boxes {
		items := d.boxes[i]
		if t.box == app.BoxNeedsMyAnswer {
			in.waiting = len(items)
		}
		t.item.Text = inboxTabTitle(t.box, len(items))
		t.cards = t.cards[:0]
		var objs []fyne.CanvasObject
		for _, it := range items {
			c := in.newCard(it, d.now, d.cohorts[it.CohortID])
			t.cards = append(t.cards, c)
			objs = append(objs, c.content)
		}
		if len(objs) == 0 {
			objs = append(objs, inboxNote(inboxEmpty(t.box)))
		}
		t.list.Objects = objs
		t.list.Refresh()
	}
	in.surveys.show(d.surveys)
	in.programme.show(d.programmes)
	// The tab counts the programme's questions waiting with the talks'.
	in.surveys.item.Text = surveyTabTitle(len(d.surveys) + programmeQuestionsDue(d.programmes))
	in.unread.show(d)
	in.autostart.show(in.waiting)
	in.tabs.Refresh()
	in.content.Refresh() // lays the notices out again, as tall as they now are
}

// newCard shows offer it as of now; c is its cohort when it is pending.
func (in *Inbox) newCard(it app.InboxItem, now time.Time, c app.Cohort) *offerCard {
	me := in.svc.Me().ParticipantID
	card := &offerCard{item: it}

	who := inboxNote(personText(it.OtherName, it.OtherCompany))
	who.Label.TextStyle.Bold = true
	who.Label.SizeName = theme.SizeNameSubHeadingText
	text, imp := stateText(it, me, now)
	card.state = inboxNote(text)
	card.state.Label.Importance = imp
	card.state.Label.TextStyle.Bold = imp != widget.MediumImportance

	rows := []fyne.CanvasObject{who, inboxNote(directionText(it, me)), card.state}
	rows = append(rows, deliveryLine(it, me, now)...)
	if isPending(it.Offer, now) {
		dl := inboxNote(deadlineText(it.Offer, me))
		if it.Turn == me {
			dl.Label.Importance = widget.WarningImportance
		}
		rows = append(rows, dl)
	} else if why := endedText(it.Offer, now); why != "" {
		rows = append(rows, inboxNote(why))
	}
	if it.Talk != nil {
		rows = append(rows, talkLine(*it.Talk, now))
	}
	rows = append(rows, widget.NewSeparator())

	times := lang.X("offer.times", "Proposed times")
	if _, ok := chosenSlot(it.Offer); ok || !isPending(it.Offer, now) {
		times = lang.X("offer.times_were", "Times that were proposed")
	}
	rows = append(rows, fieldLabel(times), slotLines(it.Slots))
	rows = append(rows, inboxNote(lang.X("offer.mode_line", "How: {{.Mode}}", map[string]any{"Mode": ModeName(it.Mode)})))
	if it.Message != "" {
		rows = append(rows, fieldLabel(lang.X("offer.message", "Message")), inboxNote(it.Message))
	}
	if isPending(it.Offer, now) {
		rows = append(rows, in.actions(card, now, c)...)
	}
	if it.Talk != nil && it.Box(me, now) == app.BoxScheduled {
		k := app.TalkItem{Talk: *it.Talk, OtherID: it.Other(me), OtherName: it.OtherName, OtherCompany: it.OtherCompany}
		card.openTalk = widget.NewButtonWithIcon(lang.X("inbox.open_talk", "Open in the calendar"), theme.CalendarIcon(), func() {
			if in.OnOpenTalk != nil {
				in.OnOpenTalk(k)
			}
		})
		rows = append(rows, inboxGap(), container.NewHBox(talkTall(card.openTalk)))
	}
	rows = append(rows, in.threadRow(card, now, c)...)
	card.content = offerFrame(container.NewVBox(rows...))
	return card
}

// offerFrame draws a rounded frame around one offer. Unlike
// widget.Card it casts no shadow, which software rendering (tests,
// screenshots, remote desktops) draws slowly.
func offerFrame(content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	return container.NewStack(bg, widgets.NewInset(2, content))
}

// fieldLabel is the bold caption of a part of an offer or a form.
func fieldLabel(text string) *widgets.Paragraph {
	p := widgets.NewParagraph(text)
	p.Label.TextStyle.Bold = true
	return p
}

// actions makes the buttons of a pending offer, only those that apply to
// the user: the side whose turn it is may accept or propose other times,
// the recipient may decline and the sender may withdraw.
func (in *Inbox) actions(card *offerCard, now time.Time, c app.Cohort) []fyne.CanvasObject {
	me := in.svc.Me().ParticipantID
	it := card.item
	var buttons []fyne.CanvasObject
	var notes []fyne.CanvasObject
	if it.Turn == me {
		card.accept = widget.NewButton(lang.X("offer.action.accept", "Accept"), func() { in.openAccept(it, now) })
		card.accept.Importance = widget.HighImportance
		card.counter = widget.NewButton(lang.X("offer.action.counter", "Propose other times"), func() { in.openCounter(it, now, c) })
		buttons = append(buttons, card.accept, card.counter)
		if it.Rounds >= app.MaxRounds {
			card.counter.Disable()
			notes = append(notes, inboxNote(lang.X("offer.counter_limit", "Other times can be proposed at most {{.Max}} times. You cannot propose again.",
				map[string]any{"Max": app.MaxRounds})))
		}
	}
	if it.ToID == me {
		card.decline = widget.NewButton(lang.X("offer.action.decline", "Decline"), func() { in.openDecline(it) })
		buttons = append(buttons, card.decline)
	}
	if it.FromID == me {
		card.withdraw = widget.NewButton(lang.X("offer.action.withdraw", "Withdraw"), func() { in.openWithdraw(it) })
		buttons = append(buttons, card.withdraw)
	}
	if len(buttons) == 0 {
		return notes
	}
	return append([]fyne.CanvasObject{inboxGap(), widgets.NewButtonRow(buttons...)}, notes...)
}

// inboxGap sets a card's buttons a little apart from its text.
func inboxGap() fyne.CanvasObject {
	return widgets.NewGap(1)
}

// talkLine tells of the talk an accepted offer led to, as it now is:
// when, and whether it is still to come, over, held or cancelled.
func talkLine(k app.Talk, now time.Time) *widgets.Paragraph {
	state := TalkStateText(k)
	if k.State == app.TalkScheduled && !now.Before(k.End) {
		state = lang.X("inbox.talk.over", "Over")
	}
	p := inboxNote(lang.X("inbox.talk.line", "Cross talk: {{.When}} ({{.State}})",
		map[string]any{"When": widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}), "State": state}))
	p.Label.TextStyle.Bold = true
	return p
}

// slotLines lists proposed times, one a line, closer together than
// separate paragraphs.
func slotLines(slots []app.Slot) fyne.CanvasObject {
	lines := make([]fyne.CanvasObject, len(slots))
	for i, s := range slots {
		lines[i] = widget.NewLabel(lang.X("offer.time_item", "・{{.Slot}}", map[string]any{"Slot": widgets.FormatSlot(s)}))
	}
	return widgets.NewSpacedVBox(-2, lines...)
}

// answered is called after an answer was stored: the inbox reloads, and
// then the window hears of it.
func (in *Inbox) answered() {
	in.changed = true
	in.Refresh()
}

// inboxBadge is the inbox tab's title: how many things wait for the
// person there, offers to answer (with changes of talks and messages not
// read yet) and surveys together. It stays short,
// for the tabs' column is as wide as its widest title; the inbox's own
// tabs say which.
func inboxBadge(answers, surveys int) string {
	if n := answers + surveys; n > 0 {
		return lang.X("tab.inbox.badge", "Inbox ({{.Count}})", map[string]any{"Count": n})
	}
	return lang.X("tab.inbox", "Inbox")
}
