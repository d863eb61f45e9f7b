package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// inboxChanges is the inbox's section of the talks the other person
// changed: at the top, above the offers, until each change is seen (the
// talk opened, or 「確認しました」 tapped) or, for a proposed time, answered.
type inboxChanges struct {
	in   *Inbox
	box  *fyne.Container // hidden when no talk changed
	list *fyne.Container
	// items are the changes shown, for tests.
	items []inboxChange
}

// inboxChange is one changed talk as the section shows it.
type inboxChange struct {
	change app.TalkChange
	text   *widgets.Paragraph
	open   *widget.Button
	seen   *widget.Button // nil for a proposal that waits for an answer
}

func newInboxChanges(in *Inbox) *inboxChanges {
	c := &inboxChanges{in: in, list: container.NewVBox()}
	title := fieldLabel(lang.X("inbox.changes.title", "Changes to your talks"))
	c.box = container.NewPadded(offerFrame(container.NewVBox(title, c.list)))
	c.box.Hide()
	return c
}

// fetch reads the changes; it runs off the UI goroutine, in the
// inbox's load, and returns what shows them on the UI goroutine.
func (c *inboxChanges) fetch(ctx context.Context, now time.Time) func() {
	svc := c.in.svc
	me := svc.Me().ParticipantID
	cs, err := svc.TalkChanges(ctx, me, now)
	return func() {
		if err != nil {
			fyne.LogError("inbox: talk changes", err)
			return
		}
		c.show(cs, me, now)
	}
}

func (c *inboxChanges) show(cs []app.TalkChange, me string, now time.Time) {
	c.list.RemoveAll()
	c.items = nil
	for _, ch := range cs {
		it := inboxChange{change: ch, text: widgets.NewParagraph(TalkChangeText(ch))}
		it.text.Label.TextStyle.Bold = ch.Unseen
		if ch.Unseen {
			it.text.Label.Importance = widget.WarningImportance
		}
		talk := ch.TalkItem
		label := lang.X("inbox.changes.open", "Open the talk")
		if ch.Waiting(me, now) {
			label = lang.X("inbox.changes.answer", "Open and answer")
		}
		it.open = widget.NewButtonWithIcon(label, theme.NavigateNextIcon(), func() {
			if c.in.OnOpenTalk != nil {
				c.in.OnOpenTalk(talk)
			}
		})
		buttons := container.NewHBox(talkTall(it.open))
		if !ch.Waiting(me, now) {
			it.seen = widget.NewButtonWithIcon(lang.X("inbox.changes.seen", "Seen"), theme.ConfirmIcon(), func() { c.markSeen(ch) })
			buttons.Add(talkTall(it.seen))
		}
		if len(c.items) > 0 {
			c.list.Add(widget.NewSeparator())
		}
		c.list.Add(it.text)
		c.list.Add(buttons)
		c.items = append(c.items, it)
	}
	c.box.Hidden = len(cs) == 0
	// The inbox's border lays the section out again at its new height.
	if b, ok := c.in.content.(*fyne.Container); ok {
		b.Refresh()
	}
}

// markSeen records that ch was seen, then reloads the inbox.
func (c *inboxChanges) markSeen(ch app.TalkChange) {
	svc := c.in.svc
	widgets.Background(func() (struct{}, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return struct{}{}, svc.MarkTalkSeen(ctx, ch.ID, ch.Event.At)
	}, func(_ struct{}, err error) {
		if err != nil {
			fyne.LogError("inbox: talk change seen", err)
		}
		c.in.changed = true
		c.in.Refresh()
	})
}
