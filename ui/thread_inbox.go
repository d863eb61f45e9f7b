package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// An offer's card in the inbox has a button that opens its message
// thread, with the number of the other person's messages not read yet:
// while the thread takes messages, and afterwards as long as it holds
// any, for reading.

// threadsByID are me's threads that hold a message, by their id (the
// offer's).
func threadsByID(ctx context.Context, svc Services, me string) (map[string]app.ThreadSummary, error) {
	sums, err := svc.ThreadSummaries(ctx, me)
	if err != nil {
		return nil, fmt.Errorf("threads: %w", err)
	}
	out := make(map[string]app.ThreadSummary, len(sums))
	for _, s := range sums {
		out[s.ThreadID] = s
	}
	return out, nil
}

// threadRow is the button of card's thread, or nothing when the offer's
// thread neither takes messages at now nor holds any. c is the offer's
// cohort when it is pending.
func (in *Inbox) threadRow(card *offerCard, now time.Time, c app.Cohort) []fyne.CanvasObject {
	it := card.item
	sum, has := in.threads[it.ID]
	if !has && app.ThreadOpen(it.Offer, it.Talk, c, now) != nil {
		return nil
	}
	card.messages = widget.NewButtonWithIcon(threadButtonText(sum.Unread), theme.MailComposeIcon(), func() { in.openThread(it) })
	if sum.Unread > 0 {
		card.messages.Importance = widget.HighImportance
	}
	return []fyne.CanvasObject{inboxGap(), container.NewHBox(talkTall(card.messages))}
}

// openThread opens the thread of offer it; the inbox counts again the
// messages not read once the user has read or sent one, and then the
// window (its badge) hears of it.
func (in *Inbox) openThread(it app.InboxItem) {
	in.thread = NewThreadDialog(in.svc, in.win, threadTarget{OfferID: it.ID, OtherName: it.OtherName, OtherCompany: it.OtherCompany})
	in.thread.OnChanged = in.answered
	in.thread.Show()
}

// unreadMessages counts the other person's messages not read yet, in all
// of sums.
func unreadMessages(sums []app.ThreadSummary) int {
	n := 0
	for _, s := range sums {
		n += s.Unread
	}
	return n
}

// messageNotice tells, at the top of the inbox, of the messages not read
// yet: who wrote, when one thread has them, else how many there are; its
// button opens the thread (the one with the newest message).
type messageNotice struct {
	in    *Inbox
	box   *fyne.Container // hidden while every message was read
	text  *widgets.Paragraph
	open  *widget.Button
	first app.InboxItem // the offer of the thread the button opens
}

func newMessageNotice(in *Inbox) *messageNotice {
	n := &messageNotice{in: in, text: inboxNote("")}
	n.text.Label.TextStyle.Bold = true
	n.open = widget.NewButtonWithIcon(lang.X("inbox.messages.open", "Open"), theme.MailComposeIcon(), func() {
		if n.first.ID != "" {
			in.openThread(n.first)
		}
	})
	n.open.Importance = widget.HighImportance
	n.box = container.NewPadded(offerFrame(container.NewBorder(nil, nil, nil, n.open, n.text)))
	n.box.Hide()
	return n
}

// show tells of the messages not read in d, or hides the notice.
func (n *messageNotice) show(d inboxData) {
	var unread []app.ThreadSummary
	for _, s := range d.threads {
		if s.Unread > 0 {
			unread = append(unread, s)
		}
	}
	// The newest first: the message that has just arrived.
	slices.SortFunc(unread, func(a, b app.ThreadSummary) int {
		return cmp.Or(b.Last.CreatedAt.Compare(a.Last.CreatedAt), strings.Compare(a.ThreadID, b.ThreadID))
	})
	n.first = app.InboxItem{}
	count := 0
	for _, s := range unread {
		it, ok := findItem(d.boxes, s.ThreadID)
		if !ok {
			continue // not on this computer yet: nothing to open
		}
		if n.first.ID == "" {
			n.first = it
		}
		count += s.Unread
	}
	if n.first.ID == "" {
		n.box.Hide()
		return
	}
	if len(unread) == 1 {
		n.text.SetText(lang.X("inbox.messages.from", "A message from {{.Name}} has arrived.", map[string]any{"Name": n.first.OtherName}))
	} else {
		n.text.SetText(lang.X("inbox.messages.count", "You have {{.Count}} unread messages.", map[string]any{"Count": count}))
	}
	n.box.Show()
	n.box.Refresh()
}

// findItem is the offer id in boxes.
func findItem(boxes [][]app.InboxItem, id string) (app.InboxItem, bool) {
	for _, items := range boxes {
		for _, it := range items {
			if it.ID == id {
				return it, true
			}
		}
	}
	return app.InboxItem{}, false
}

// messageNews lists the notifications of new messages in s: one for each
// thread whose newest message is the other person's, not read yet and
// not told of before. It says who wrote, never what: the text is for the
// app's own window.
func (w *watcher) messageNews(s snapshot) []*fyne.Notification {
	var out []*fyne.Notification
	for _, t := range s.threads {
		told, ok := w.toldThreads[t.ThreadID]
		w.toldThreads[t.ThreadID] = max(told, t.Last.Seq)
		if ok && t.Last.Seq <= told || t.Last.AuthorID == w.me || t.Unread == 0 || !w.seen || w.openThreads[t.ThreadID] {
			continue
		}
		var it *app.InboxItem
		for _, list := range [][]app.InboxItem{s.received, s.sent} {
			for i := range list {
				if list[i].ID == t.ThreadID {
					it = &list[i]
				}
			}
		}
		body := lang.X("notify.message.body_unknown", "Please look at your Inbox.")
		if it != nil {
			body = lang.X("notify.message.body", "From {{.Name}} ({{.Company}}). Please open “Messages” in your Inbox.",
				map[string]any{"Name": it.OtherName, "Company": it.OtherCompany})
		}
		out = append(out, fyne.NewNotification(lang.X("notify.message.title", "A message has arrived"), body))
	}
	return out
}

// openThreads are the threads whose dialog is open, by their id.
func (m *MainWindow) openThreads() map[string]bool {
	open := map[string]bool{}
	for _, d := range m.threadDialogs() {
		open[d.target.OfferID] = true
	}
	return open
}

// threadDialogs are the thread dialogs open: the inbox's and the talk
// detail's.
func (m *MainWindow) threadDialogs() []*ThreadDialog {
	var out []*ThreadDialog
	if m.inbox != nil && m.inbox.thread != nil && m.inbox.thread.Shown() {
		out = append(out, m.inbox.thread)
	}
	if m.calendar != nil && m.calendar.detail != nil && m.calendar.detail.thread != nil && m.calendar.detail.thread.Shown() {
		out = append(out, m.calendar.detail.thread)
	}
	return out
}

// refreshThreads reads again the thread dialogs that are open, after the
// data changed: a new message shows, and is marked read.
func (m *MainWindow) refreshThreads() {
	for _, d := range m.threadDialogs() {
		d.Reload()
	}
	if m.calendar != nil && m.calendar.detail != nil {
		m.calendar.detail.CheckThread()
	}
}
