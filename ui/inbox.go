package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// Inbox lists the user's offers in three tabs: those waiting for my
// answer, those I sent (with those I answered with other times, which
// wait for the other side too), and those that have ended. Each offer
// says in words who it is with, when and how, where it stands and until
// when it can be answered, and carries buttons for the answers that
// apply.
type Inbox struct {
	svc Services
	win fyne.Window

	// OnChanged, if not nil, is called on the UI goroutine after the user
	// changed an offer, once the inbox shows the change, so that the
	// window can refresh what depends on it, such as the badge.
	OnChanged func()
	// OnDevicesNoticed and OnShowDevices are the device notice's
	// (StatusLine's).
	OnDevicesNoticed func(upTo time.Time)
	OnShowDevices    func()
	// OnOpenTalk opens a talk whose change the inbox tells of.
	OnOpenTalk func(app.TalkItem)

	tabs    *container.AppTabs
	notice  *fyne.Container // the notice of a new device, above the tabs
	changes *inboxChanges   // the talks changed by the other person, above the tabs
	content fyne.CanvasObject
	boxes   []*inboxTab
	waiting int
	gen     int  // counts loads, so that only the latest is shown
	changed bool // the user changed an offer; tell OnChanged after the next load

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
}

// inboxBoxes are the inbox's tabs, in order.
var inboxBoxes = []app.Box{app.BoxNeedsMyAnswer, app.BoxSent, app.BoxFinished}

// NewInbox makes the inbox of svc's user, showing its dialogs over win.
// It is empty until Refresh is called.
func NewInbox(svc Services, win fyne.Window) *Inbox {
	in := &Inbox{svc: svc, win: win}
	items := make([]*container.TabItem, len(inboxBoxes))
	for i, box := range inboxBoxes {
		list := container.New(layout.NewCustomPaddedVBoxLayout(3*theme.Padding()), inboxNote(lang.X("inbox.loading", "Loading…")))
		t := &inboxTab{box: box, list: list}
		t.item = container.NewTabItem(inboxTabTitle(box, 0), container.NewVScroll(container.NewPadded(t.list)))
		in.boxes = append(in.boxes, t)
		items[i] = t.item
	}
	in.tabs = container.NewAppTabs(items...)
	in.notice = container.NewPadded()
	in.notice.Hide()
	in.changes = newInboxChanges(in)
	in.content = container.NewBorder(container.NewVBox(in.notice, in.changes.box), nil, nil, nil, in.tabs)
	return in
}

// Content is the view's canvas object.
func (in *Inbox) Content() fyne.CanvasObject { return in.content }

// Waiting is how many offers wait for the user's answer, as of the last
// load.
func (in *Inbox) Waiting() int { return in.waiting }

// inboxTabTitle is a tab's title; the first counts the offers waiting.
func inboxTabTitle(box app.Box, n int) string {
	switch box {
	case app.BoxNeedsMyAnswer:
		if n > 0 {
			return lang.X("inbox.tab.waiting_count", "To answer ({{.Count}})", map[string]any{"Count": n})
		}
		return lang.X("inbox.tab.waiting", "To answer")
	case app.BoxSent:
		return lang.X("inbox.tab.sent", "Sent")
	default:
		return lang.X("inbox.tab.finished", "Finished")
	}
}

// inboxEmpty is what an empty tab says.
func inboxEmpty(box app.Box) string {
	switch box {
	case app.BoxNeedsMyAnswer:
		return lang.X("inbox.empty.waiting", "No offer is waiting for your answer. New offers will appear here.")
	case app.BoxSent:
		return lang.X("inbox.empty.sent", "You have not sent an offer yet. You can send one from the participant list.")
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
	cohorts map[string]app.Cohort // of the pending offers, for proposing times
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
		if box == app.BoxSent {
			// An offer I received and answered with other times waits
			// for the other side, as the offers I sent do.
			received, err := in.svc.Inbox(ctx, me, app.BoxReceived, now)
			if err != nil {
				return d, fmt.Errorf("load inbox: %w", err)
			}
			for _, it := range received {
				if isPending(it.Offer, now) && it.Turn != me {
					items = append(items, it)
				}
			}
			slices.SortStableFunc(items, func(a, b app.InboxItem) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
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
	in.tabs.Refresh()
}

// newCard shows offer it as of now; c is its cohort when it is pending.
func (in *Inbox) newCard(it app.InboxItem, now time.Time, c app.Cohort) *offerCard {
	me := in.svc.Me().ParticipantID
	card := &offerCard{item: it}

	who := inboxNote(personText(it.OtherName, it.OtherCompany))
	who.Label.TextStyle.Bold = true
	who.Label.SizeName = theme.SizeNameSubHeadingText
	text, imp := stateText(it.Offer, me, now)
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
	pad := 2 * theme.Padding()
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(pad, pad, pad, pad), content))
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
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(1, theme.Padding()))
	return append([]fyne.CanvasObject{gap, container.NewGridWithColumns(len(buttons), buttons...)}, notes...)
}

// slotLines lists proposed times, one a line, closer together than
// separate paragraphs.
func slotLines(slots []app.Slot) fyne.CanvasObject {
	lines := make([]fyne.CanvasObject, len(slots))
	for i, s := range slots {
		lines[i] = widget.NewLabel(lang.X("offer.time_item", "・{{.Slot}}", map[string]any{"Slot": widgets.FormatSlot(s)}))
	}
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), lines...)
}

// answered is called after an answer was stored: the inbox reloads, and
// then the window hears of it.
func (in *Inbox) answered() {
	in.changed = true
	in.Refresh()
}
