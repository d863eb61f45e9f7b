// Package ui holds CrossTalk's Fyne views. Views talk to app services
// only: they read through app.Reader and never touch SQL or HTTP. Work
// that may wait on the disk or the network runs off the UI goroutine and
// comes back with fyne.Do.
package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// Home is the start view: who is signed in, how many offers wait for an
// answer and how many talks are coming.
type Home struct {
	reader app.Reader
	me     string
	clock  func() time.Time

	who     *widget.Label
	waiting *widget.Label
	talks   *widget.Label
	content fyne.CanvasObject
}

// NewHome makes the start view of participant me.
func NewHome(reader app.Reader, me string, clock func() time.Time) *Home {
	h := &Home{reader: reader, me: me, clock: clock}
	h.buildUI()
	return h
}

func (h *Home) buildUI() {
	title := widget.NewLabelWithStyle(lang.X("start.welcome", "Welcome to CrossTalk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = "headingText"
	intro := widget.NewLabel(lang.X("start.intro", "Send offers to people of other companies and talk 1-on-1."))
	intro.Wrapping = fyne.TextWrapWord
	h.who = widget.NewLabel(lang.X("home.loading", "Loading…"))
	h.who.Wrapping = fyne.TextWrapWord
	h.waiting = widget.NewLabel("")
	h.talks = widget.NewLabel("")
	h.content = container.NewPadded(container.NewVBox(title, intro, widget.NewSeparator(), h.who, h.waiting, h.talks))
}

// Content is the view's canvas object.
func (h *Home) Content() fyne.CanvasObject { return h.content }

// summary is what Refresh reads.
type summary struct {
	me      app.DirectoryEntry
	waiting int
	talks   int
}

// Refresh reloads the figures off the UI goroutine and shows them when
// they arrive. done, if not nil, runs on the UI goroutine afterwards.
func (h *Home) Refresh(done func()) {
	now := h.clock()
	go func() {
		s, err := h.load(context.Background(), now)
		fyne.Do(func() {
			h.show(s, err)
			if done != nil {
				done()
			}
		})
	}()
}

func (h *Home) load(ctx context.Context, now time.Time) (summary, error) {
	var s summary
	var err error
	if s.me, err = h.reader.Person(ctx, h.me, now); err != nil {
		return s, err
	}
	waiting, err := h.reader.Inbox(ctx, h.me, app.BoxNeedsMyAnswer, now)
	if err != nil {
		return s, err
	}
	talks, err := h.reader.TalksBetween(ctx, h.me, now, now.AddDate(0, 0, 14))
	if err != nil {
		return s, err
	}
	s.waiting = len(waiting)
	for _, t := range talks {
		if t.State == app.TalkScheduled {
			s.talks++
		}
	}
	return s, nil
}

func (h *Home) show(s summary, err error) {
	if err != nil {
		fyne.LogError("home: load", err)
		h.who.SetText(lang.X("home.error", "The data could not be loaded. Please quit the app and try again."))
		h.waiting.SetText("")
		h.talks.SetText("")
		return
	}
	h.who.SetText(lang.X("home.signed_in", "Signed in as {{.Name}} ({{.Company}}).",
		map[string]any{"Name": s.me.Name, "Company": s.me.CompanyName}))
	h.waiting.SetText(lang.X("home.waiting", "Offers waiting for your answer: {{.Count}}", map[string]any{"Count": s.waiting}))
	h.talks.SetText(lang.X("home.talks", "Cross talks in the next two weeks: {{.Count}}", map[string]any{"Count": s.talks}))
}
