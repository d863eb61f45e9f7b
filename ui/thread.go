package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The two sides of an offer, and of the talk it led to, exchange short
// messages in one thread (issue 19): a place, a meeting link, a word that
// one is running late, thanks. The thread is a dialog over the inbox or
// the talk's detail: the other person's name, the messages in order —
// mine on the right, theirs on the left, each named and timed, mine with
// 既読 once the other side has read it — then a box to write in, with
// polite templates. A thread that takes no more messages (the offer was
// declined, withdrawn or expired, or the talk cancelled) shows why in
// place of the box; what was said stays readable. Opening the thread,
// and new messages arriving while it is open, mark the other person's
// messages read.

// threadTarget names a thread, by its offer, and the other person in it.
type threadTarget struct {
	OfferID      string
	OtherName    string
	OtherCompany string
}

// threadData is what one load of a thread reads.
type threadData struct {
	now      time.Time
	messages []app.Message
	unread   int       // the other side's messages not read yet
	found    bool      // the offer is known here
	offer    app.Offer // the thread's offer, as it now is
	talk     *app.Talk // its talk, if any
	closed   error     // app.ThreadOpen's answer: nil while the thread takes messages
}

// loadThread reads the thread of offerID as me sees it at now.
func loadThread(ctx context.Context, svc Services, me, offerID string, now time.Time) (threadData, error) {
	d := threadData{now: now}
	var err error
	if d.messages, err = svc.Thread(ctx, me, offerID); err != nil {
		return d, err
	}
	sums, err := svc.ThreadSummaries(ctx, me)
	if err != nil {
		return d, err
	}
	for _, s := range sums {
		if s.ThreadID == offerID {
			d.unread = s.Unread
		}
	}
	for _, box := range []app.Box{app.BoxReceived, app.BoxSent} {
		items, err := svc.Inbox(ctx, me, box, now)
		if err != nil {
			return d, fmt.Errorf("the offer of thread %s: %w", offerID, err)
		}
		for _, it := range items {
			if it.ID == offerID {
				d.found, d.offer, d.talk = true, it.Offer, it.Talk
			}
		}
		if d.found {
			break
		}
	}
	if !d.found {
		d.closed = &app.Rejection{Code: app.CodeNotFound, Detail: "offer " + offerID}
		return d, nil
	}
	var c app.Cohort
	if d.offer.State == app.OfferPending {
		if c, err = svc.Cohort(ctx, d.offer.CohortID); err != nil {
			return d, fmt.Errorf("the cohort of thread %s: %w", offerID, err)
		}
	}
	d.closed = app.ThreadOpen(d.offer, d.talk, c, now)
	return d, nil
}

// ThreadDialog is the message thread of one offer and its talk.
type ThreadDialog struct {
	svc    Services
	win    fyne.Window
	target threadTarget
	me     string

	// OnChanged, if not nil, is called on the UI goroutine after the
	// user sent a message or the other side's were marked read, so that
	// what counts unread messages can count again.
	OnChanged func()

	form       *answerForm
	list       *fyne.Container // the messages, in order
	closedNote *widgets.Paragraph
	compose    *fyne.Container // the templates and the box to write in
	entry      *widget.Entry
	limit      *widgets.TextLimit
	draft      *widgets.DraftForm
	templates  []*widget.Button
	send       *widget.Button

	data   threadData
	shown  int    // how many messages the list shows
	marked string // the other side's newest message marked read, once
	gen    int    // counts loads: only the latest is shown
	busy   bool   // a message is being sent
	saved  bool   // the dialog says a message was saved to be sent later
	open   bool   // the dialog is shown

	// Tests wait on these; the app leaves them nil.
	loaded  func()          // after a load was shown
	settled func(err error) // after a send's result was shown
	readSet func(err error) // after a read mark was stored
}

// NewThreadDialog makes the thread of target over win. Call Show to open
// it.
func NewThreadDialog(svc Services, win fyne.Window, target threadTarget) *ThreadDialog {
	d := &ThreadDialog{svc: svc, win: win, target: target, me: svc.Me().ParticipantID}
	who := inboxNote(personText(target.OtherName, target.OtherCompany))
	who.Label.TextStyle.Bold = true
	private := inboxNote(lang.X("thread.private", "Only you and the other person see these messages."))
	private.Label.SizeName = theme.SizeNameCaptionText
	d.list = widgets.NewSpacedVBox(1, inboxNote(lang.X("inbox.loading", "Loading…")))
	d.closedNote = inboxNote("")
	d.closedNote.Label.Importance = widget.WarningImportance
	d.closedNote.Hide()

	d.entry = widget.NewMultiLineEntry()
	d.entry.Wrapping = fyne.TextWrapWord
	d.entry.SetMinRowsVisible(3)
	d.entry.SetPlaceHolder(lang.X("thread.hint", "Write a short message. You can start from a template."))
	d.limit = widgets.LimitText(d.entry, lang.X("thread.field", "Message"), app.MaxThreadMessageRunes)
	d.draft = widgets.NewDraftForm(svc, "thread:"+target.OfferID).Entry("text", d.entry)
	for _, t := range threadTemplates {
		d.templates = append(d.templates, widget.NewButton(lang.X(t.key, t.fallback), func() { d.insert(t) }))
	}
	rows := make([]fyne.CanvasObject, len(d.templates))
	for i, b := range d.templates {
		rows[i] = b
	}
	d.compose = container.NewVBox(
		widget.NewSeparator(),
		fieldLabel(lang.X("thread.templates", "Templates (added to the box below)")),
		widgets.NewButtonRow(rows...),
		fieldLabel(lang.X("thread.new", "New message")),
		d.draft.Note,
		d.entry,
		d.limit.Note,
	)
	d.compose.Hide() // until the thread is known to take messages

	d.form = newAnswerForm(svc, win, lang.X("thread.title", "Messages with {{.Name}}", map[string]any{"Name": target.OtherName}),
		who, private, widget.NewSeparator(), d.list, d.closedNote, d.compose)
	d.form.width = 720
	d.form.keep(d.draft)
	d.form.dlg.SetOnClosed(func() {
		d.open = false
		d.draft.Flush()
	})
	d.limit.OnChanged = func() {
		d.form.clear()
		if d.draft.Note.Visible() && strings.TrimSpace(d.entry.Text) == "" {
			d.draft.Note.Hide() // the draft of last time was cleared
			d.form.fit()
		}
	}
	d.send = widget.NewButtonWithIcon(lang.X("thread.send", "Send"), theme.MailSendIcon(), d.submit)
	d.send.Importance = widget.HighImportance
	d.send.Hide()
	d.form.setButtons(lang.X("dialog.close", "Close"), d.send)
	return d
}

// Show opens the dialog and loads the thread.
func (d *ThreadDialog) Show() {
	d.open = true
	d.form.show()
	d.Reload()
}

// Shown reports whether the dialog is open.
func (d *ThreadDialog) Shown() bool { return d.open }

// Reload reads the thread again off the UI goroutine and shows it: the
// app calls it when the data changed, such as after a sync.
func (d *ThreadDialog) Reload() {
	d.gen++
	gen, svc, me, id, now := d.gen, d.svc, d.me, d.target.OfferID, d.svc.Now()
	widgets.Background(func() (threadData, error) {
		return loadThread(context.Background(), svc, me, id, now)
	}, func(td threadData, err error) {
		if gen != d.gen {
			return // a later load is on its way
		}
		if err != nil {
			fyne.LogError("thread", err)
			d.form.say(lang.X("thread.error", "The messages could not be loaded. Please quit the app and try again."), widget.DangerImportance)
		} else {
			d.show(td)
			d.markRead(td)
		}
		if d.loaded != nil {
			d.loaded()
		}
	})
}

// show puts the thread td on screen.
func (d *ThreadDialog) show(td threadData) {
	d.data = td
	var rows []fyne.CanvasObject
	for _, m := range td.messages {
		rows = append(rows, d.bubble(m))
	}
	if len(rows) == 0 {
		rows = append(rows, inboxNote(lang.X("thread.empty", "No messages yet.")))
	}
	d.list.Objects = rows
	d.list.Refresh()
	if d.saved && !queuedMine(td.messages, d.me) {
		// What was saved has reached the server: the note of it goes.
		d.saved = false
		d.form.clear()
	}
	if td.closed != nil {
		d.closedNote.SetText(threadClosedText(td))
		d.closedNote.Show()
		d.compose.Hide()
		d.send.Hide()
	} else {
		d.closedNote.Hide()
		d.compose.Show()
		d.send.Show()
	}
	d.form.fit()
	if len(td.messages) != d.shown {
		d.shown = len(td.messages)
		d.form.scroll.ScrollToBottom() // the newest, and the box to answer in
	}
}

// bubble is message m: who wrote it and when, its text with its web
// links, and under mine, 既読 once the other side has read it. Mine are
// on the right, the other person's on the left.
func (d *ThreadDialog) bubble(m app.Message) fyne.CanvasObject {
	mine := m.AuthorID == d.me
	who := lang.X("thread.me", "You")
	if !mine {
		who = lang.X("thread.other", "{{.Name}}", map[string]any{"Name": d.target.OtherName})
	}
	head := inboxNote(lang.X("thread.head", "{{.Who}}  {{.When}}",
		map[string]any{"Who": who, "When": widgets.FormatShortDateTime(m.CreatedAt)}))
	head.Label.TextStyle.Bold = true
	head.Label.SizeName = theme.SizeNameCaptionText
	rows := []fyne.CanvasObject{head, widgets.NewLinkText(m.Text)}
	switch {
	case mine && m.Queued:
		// Saved here only: the other person does not have it yet.
		queued := inboxNote(lang.X("thread.queued", "Waiting to be sent"))
		queued.Label.SizeName = theme.SizeNameCaptionText
		queued.Label.Alignment = fyne.TextAlignTrailing
		queued.Label.Importance = widget.WarningImportance
		queued.Label.TextStyle.Bold = true
		rows = append(rows, queued)
	case mine && m.ReadByOther:
		read := inboxNote(lang.X("thread.read", "Read"))
		read.Label.SizeName = theme.SizeNameCaptionText
		read.Label.Alignment = fyne.TextAlignTrailing
		rows = append(rows, read)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	if mine {
		bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	return container.New(bubbleLayout{mine: mine}, container.NewStack(bg, widgets.NewInset(1, container.NewVBox(rows...))))
}

// bubbleLayout sets a message five sixths as wide as the thread, on the
// right when it is mine, on the left when it is the other person's.
type bubbleLayout struct{ mine bool }

func (l bubbleLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := max(o.MinSize().Width, size.Width*5/6)
		w = min(w, size.Width)
		o.Resize(fyne.NewSize(w, size.Height))
		x := float32(0)
		if l.mine {
			x = size.Width - w
		}
		o.Move(fyne.NewPos(x, 0))
	}
}

func (l bubbleLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// queuedMine reports whether a message of me's in msgs waits to be sent.
func queuedMine(msgs []app.Message, me string) bool {
	for _, m := range msgs {
		if m.AuthorID == me && m.Queued {
			return true
		}
	}
	return false
}

// newestOther is the other side's newest message in msgs, or "".
func newestOther(msgs []app.Message, me string) string {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].AuthorID != me {
			return msgs[i].ID
		}
	}
	return ""
}

// markRead records, once for each new message of the other side, that
// the user has read the thread up to the newest of them.
func (d *ThreadDialog) markRead(td threadData) {
	id := newestOther(td.messages, d.me)
	if id == "" || id == d.marked || td.unread == 0 {
		return
	}
	d.marked = id // asked once; forgotten again if it fails, so the next load asks again
	svc, args := d.svc, app.ReadMessagesArgs{OfferID: d.target.OfferID, UpToID: id}
	widgets.Background(func() (struct{}, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return struct{}{}, svc.Mutate(ctx, app.MessageRead, args)
	}, func(_ struct{}, err error) {
		if err != nil {
			fyne.LogError("thread: mark read", err) // the messages stay unread; nothing else is lost
			if d.marked == id {
				d.marked = ""
			}
		} else if d.OnChanged != nil {
			d.OnChanged()
		}
		if d.readSet != nil {
			d.readSet(err)
		}
	})
}

// threadTemplate is a polite message to start from.
type threadTemplate struct {
	key, fallback string // the button's label
	text          func(td threadData) string
}

// threadTemplates are the templates, in the order of their buttons.
var threadTemplates = []threadTemplate{
	{"thread.template.place", "Directions to the place", func(td threadData) string {
		place := lang.X("thread.template.place_blank", "(please write the place here)")
		if td.talk != nil && strings.TrimSpace(td.talk.Place) != "" {
			if _, ok := webLink(td.talk.Place); !ok {
				place = strings.TrimSpace(td.talk.Place)
			}
		}
		return lang.X("thread.template.place_text", "Here are the directions to the place of our talk.\nPlace: {{.Place}}\nI look forward to seeing you.",
			map[string]any{"Place": place})
	}},
	{"thread.template.online", "Online meeting link", func(td threadData) string {
		link := lang.X("thread.template.online_blank", "(please paste the link here)")
		if td.talk != nil {
			if _, ok := webLink(td.talk.Place); ok {
				link = strings.TrimSpace(td.talk.Place)
			}
		}
		return lang.X("thread.template.online_text", "Here is the link to our online meeting.\n{{.Link}}\nPlease join from this link on the day. I look forward to it.",
			map[string]any{"Link": link})
	}},
	{"thread.template.late", "Running a little late", func(threadData) string {
		return lang.X("thread.template.late_text", "I am very sorry, but I will be about 5 minutes late. Thank you for waiting a little.")
	}},
	{"thread.template.thanks", "Thanks", func(threadData) string {
		return lang.X("thread.template.thanks_text", "Thank you very much for your valuable time today. It was very helpful. I hope we stay in touch.")
	}},
}

// insert adds template t's text after what is written, and puts the
// cursor at its end, so that what the user types next follows it.
func (d *ThreadDialog) insert(t threadTemplate) {
	text := strings.TrimRight(d.entry.Text, " \t\r\n")
	if text != "" {
		text += "\n"
	}
	// SetText keeps the cursor where it was, within the new text: past
	// the end, it lands on the end.
	d.entry.CursorRow, d.entry.CursorColumn = math.MaxInt32, math.MaxInt32
	d.entry.SetText(text + t.text(d.data))
	d.form.fit()
	d.win.Canvas().Focus(d.entry)
}

// threadBlanks are the templates' blanks for the user to fill in.
func threadBlanks() []string {
	return []string{
		lang.X("thread.template.place_blank", "(please write the place here)"),
		lang.X("thread.template.online_blank", "(please paste the link here)"),
	}
}

// problem says in words why the text written cannot be sent, or is "".
func (d *ThreadDialog) problem(text string) string {
	if !showsSomething(text) {
		return lang.X("thread.need_text", "Please write a message.")
	}
	if p := d.limit.Problem(); p != "" {
		return p
	}
	if err := app.CheckText(text); err != nil {
		return ErrorText(err)
	}
	// A message cannot be changed once sent: a template's blank left as
	// it is would reach the other person.
	for _, blank := range threadBlanks() {
		if strings.Contains(text, blank) {
			return lang.X("thread.blank_left", "Please replace “{{.Blank}}” with what it asks for, then send. A message cannot be changed once sent.", map[string]any{"Blank": blank})
		}
	}
	return ""
}

// submit sends the message written, off the UI goroutine. While offline
// it is saved and sent later, which the dialog says.
func (d *ThreadDialog) submit() {
	if d.busy {
		return
	}
	text := strings.TrimSpace(d.entry.Text)
	if p := d.problem(text); p != "" {
		d.form.say(p, widget.DangerImportance)
		return
	}
	d.setBusy(true)
	d.saved = false
	d.form.say(lang.X("answer.sending", "Sending…"), widget.MediumImportance)
	svc := d.svc
	args := app.SendMessageArgs{ID: uuid.NewString(), OfferID: d.target.OfferID, Text: text}
	widgets.Background(func() (bool, error) {
		return svc.Send(context.Background(), app.MessageSend, args)
	}, func(sent bool, err error) {
		d.setBusy(false)
		if err != nil {
			if !app.IsRejection(err) {
				fyne.LogError("thread: send", err)
			}
			d.form.say(ErrorText(err), widget.DangerImportance)
			var r *app.Rejection
			if errors.As(err, &r) && r.Code == app.CodeThreadClosed {
				d.Reload() // shows why, in place of the box
			}
		} else if strings.TrimSpace(d.entry.Text) != text {
			// Typed on while it was being sent: the new words stay, and
			// so does their draft.
			d.draft.Note.Hide()
		} else {
			d.entry.SetText("")
			d.draft.Clear()
			d.draft.Note.Hide() // the draft of last time was sent
			if sent {
				d.form.say(lang.X("thread.sent", "Sent."), widget.SuccessImportance)
			} else {
				d.form.say(lang.X("thread.saved", "Saved. It will be sent when you are online."), widget.WarningImportance)
				d.saved = true
			}
			d.Reload()
			if d.OnChanged != nil {
				d.OnChanged()
			}
		}
		if d.settled != nil {
			d.settled(err)
		}
	})
}

func (d *ThreadDialog) setBusy(busy bool) {
	d.busy = busy
	d.form.setBusy(busy)
	for _, b := range d.templates {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// threadClosedText says why the thread of td takes no new message.
func threadClosedText(td threadData) string {
	readable := lang.X("thread.closed.readable", "The messages so far stay here for you to read.")
	var why string
	switch {
	case !td.found:
		why = lang.X("thread.closed.unknown", "This offer is not on this computer yet.")
	case td.offer.State == app.OfferDeclined:
		why = lang.X("thread.closed.declined", "This offer was declined, so no more messages can be sent.")
	case td.offer.State == app.OfferWithdrawn:
		why = lang.X("thread.closed.withdrawn", "This offer was withdrawn, so no more messages can be sent.")
	case td.offer.State == app.OfferExpired || td.offer.State == app.OfferPending:
		why = lang.X("thread.closed.expired", "This offer has expired, so no more messages can be sent.")
	case td.talk != nil && td.talk.State == app.TalkCancelled:
		why = lang.X("thread.closed.cancelled", "This cross talk was cancelled, so no more messages can be sent.")
	case td.talk != nil && !td.now.Before(td.talk.End.Add(app.ThreadOpenAfterTalk)):
		why = lang.X("thread.closed.after_talk", "{{.Days}} days have passed since this cross talk, so no more messages can be sent.",
			map[string]any{"Days": int(app.ThreadOpenAfterTalk / (24 * time.Hour))})
	default:
		why = lang.X("thread.closed.other", "No more messages can be sent in this thread.")
	}
	return why + "\n" + readable
}

// threadButtonText is the label of the button that opens a thread:
// with the number of the other person's messages not read yet.
func threadButtonText(unread int) string {
	if unread > 0 {
		return lang.X("thread.button_unread", "Messages ({{.Count}} new)", map[string]any{"Count": unread})
	}
	return lang.X("thread.button", "Messages")
}

// showsSomething reports whether text shows a letter, a digit, a
// punctuation mark or a symbol: a text of only spaces, joiners, marks or
// the blank Braille pattern shows nothing, and the thread refuses it.
func showsSomething(text string) bool {
	for _, r := range text {
		if r != '\u2800' && unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) {
			return true
		}
	}
	return false
}
