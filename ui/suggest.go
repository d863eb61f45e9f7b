package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The 「おすすめ」 tab of the directory (issue 19): the secretariat's
// introductions of the user at the top, then the people suggested for
// them in their programme, each with the reasons in words, and for each
// 「オファーを送る」, 「プロフィールを見る」, the bookmark and 「今回は見送る」.
// Everything is read off the UI goroutine from the device's data.

// Suggestions is the suggestions' view.
type Suggestions struct {
	svc Services
	win fyne.Window

	// OnOpen, if set, shows a person's profile (the directory's card).
	OnOpen func(app.DirectoryEntry)
	// OnChanged, if set, is called after a bookmark, a dismissal or an
	// offer made here.
	OnChanged func()

	cohortID   string
	intros     []app.IntroductionItem
	items      []app.SuggestionItem
	cards      []*suggestCard // the suggestions' cards, in order
	introCards []*suggestCard
	loaded     bool
	seq        int
	inflight   int
	dialog     *OfferDialog

	status *widgets.Paragraph // why the list is empty, or could not be loaded
	box    *fyne.Container

	// The notice bar under the list says what happened last (a bookmark,
	// a dismissal), with 元に戻す after a dismissal: shown under the
	// scrolled list, it never moves the cards.
	noticeBar  *fyne.Container
	noticeText *widgets.Paragraph
	undo       *widget.Button
	// pending is the dismissal the user may still take back: its card
	// is out of the list, and it is sent when the time to undo it is over
	// (dismissUndoTime), at the next dismissal, or at once by flush.
	pending *pendingDismissal

	content fyne.CanvasObject
}

// pendingDismissal is a dismissal not sent yet.
type pendingDismissal struct {
	args  app.DismissSuggestionArgs
	name  string
	timer *time.Timer
}

// dismissUndoTime is how long 元に戻す stays offered after 今回は見送る.
const dismissUndoTime = 15 * time.Second

// suggestCard is one person's card: a suggestion's or an introduction's.
type suggestCard struct {
	entry    app.DirectoryEntry
	send     *widget.Button
	profile  *widget.Button
	bookmark *widget.Button
	dismiss  *widget.Button // nil on an introduction's card
	reasons  *widgets.Paragraph
	content  fyne.CanvasObject
}

// NewSuggestions makes the view; Refresh loads it.
func NewSuggestions(svc Services, win fyne.Window) *Suggestions {
	s := &Suggestions{svc: svc, win: win}
	s.status = widgets.NewParagraph(lang.X("suggest.loading", "Loading…"))
	s.box = container.NewVBox()
	lead := widgets.NewParagraph(lang.X("suggest.lead",
		"People you may enjoy talking with, chosen from your themes, industry and good times to talk. Only you see this list."))
	s.noticeText = widgets.NewParagraph("")
	s.undo = widget.NewButtonWithIcon(lang.X("suggest.undo", "Undo"), theme.ContentUndoIcon(), s.undoDismiss)
	s.noticeBar = container.NewVBox(widget.NewSeparator(),
		container.NewPadded(container.NewBorder(nil, nil, nil, container.NewCenter(s.undo), s.noticeText)))
	s.noticeBar.Hide()
	s.content = container.NewBorder(nil, s.noticeBar, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(lead, s.status, s.box))))
	return s
}

// Content is the view's canvas object.
func (s *Suggestions) Content() fyne.CanvasObject { return s.content }

// busy reports whether the view or its offer dialog still waits for
// background work.
func (s *Suggestions) busy() bool {
	return s.inflight > 0 || (s.dialog != nil && s.dialog.inflight > 0)
}

type suggestData struct {
	cohortID string
	intros   []app.IntroductionItem
	items    []app.SuggestionItem
}

// Refresh loads the introductions and the suggestions again.
func (s *Suggestions) Refresh() {
	me, now := s.svc.Me().ParticipantID, s.svc.Now()
	s.seq++
	seq := s.seq
	directoryBackground(&s.inflight, func() (suggestData, error) {
		ctx := context.Background()
		var d suggestData
		var err error
		if d.intros, err = s.svc.Introductions(ctx, me, now); err != nil {
			return d, fmt.Errorf("suggestions: %w", err)
		}
		if d.cohortID, err = s.svc.SuggestionCohort(ctx, me, now); err != nil || d.cohortID == "" {
			return d, err
		}
		d.items, err = s.svc.Suggestions(ctx, me, d.cohortID, now, app.DefaultSuggestions)
		return d, err
	}, func(d suggestData, err error) {
		if seq != s.seq {
			return // a newer load is under way
		}
		if err != nil {
			fyne.LogError("suggestions", err)
			s.status.SetText(lang.X("suggest.error", "The suggestions could not be loaded. Please try again a little later."))
			s.status.Show()
			return
		}
		s.cohortID, s.intros, s.items, s.loaded = d.cohortID, d.intros, d.items, true
		s.build()
	})
}

// build makes the cards of what was loaded.
func (s *Suggestions) build() {
	s.cards, s.introCards = nil, nil
	var objs []fyne.CanvasObject
	if len(s.intros) > 0 {
		objs = append(objs, heading(lang.X("suggest.intro.title", "Introduced by the secretariat")))
		for _, in := range s.intros {
			c := s.introCard(in)
			s.introCards = append(s.introCards, c)
			objs = append(objs, c.content, widget.NewSeparator())
		}
	}
	switch {
	case s.cohortID == "":
		s.status.SetText(lang.X("suggest.no_programme", "You are not in a programme that is running now, so there are no suggestions."))
		s.status.Show()
	case len(s.items) == 0:
		s.status.SetText(lang.X("suggest.empty", "There is nobody to suggest just now. Please look for people in Search."))
		s.status.Show()
	default:
		s.status.Hide()
		objs = append(objs, heading(lang.X("suggest.title", "Suggested for you")))
		for _, it := range s.items {
			if s.pending != nil && s.pending.args.ParticipantID == it.ID {
				continue // dismissed, not sent yet
			}
			c := s.suggestionCard(it)
			s.cards = append(s.cards, c)
			objs = append(objs, c.content, widget.NewSeparator())
		}
	}
	s.box.Objects = objs
	s.box.Refresh()
}

func heading(text string) fyne.CanvasObject {
	p := widgets.NewParagraph(text)
	p.Label.TextStyle.Bold = true
	p.Label.SizeName = theme.SizeNameSubHeadingText
	return p
}

// ReasonText is a reason a person is suggested, in words.
func ReasonText(r app.Reason) string {
	switch r.Kind {
	case app.ReasonSharedThemes:
		return lang.X("suggest.reason.themes", "Themes in common ({{.Themes}})", map[string]any{"Themes": directoryThemes(r.Themes)})
	case app.ReasonOtherIndustry:
		return lang.X("suggest.reason.industry", "A different industry ({{.Industry}})", map[string]any{"Industry": r.Industry})
	case app.ReasonTimesOverlap:
		return lang.X("suggest.reason.times", "Your good times to talk overlap")
	case app.ReasonNoOffersYet:
		return lang.X("suggest.reason.fresh", "Has not received an offer yet")
	}
	return ""
}

// reasonsText lists the reasons, one a line.
func reasonsText(rs []app.Reason) string {
	if len(rs) == 0 {
		return lang.X("suggest.reason.none", "Someone of another company in your programme")
	}
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += "\n"
		}
		out += lang.X("suggest.reason.line", "・{{.Reason}}", map[string]any{"Reason": ReasonText(r)})
	}
	return out
}

// personLines are a card's name and company lines, close together.
func personLines(e app.DirectoryEntry) []fyne.CanvasObject {
	name := widgets.NewParagraph(e.Name)
	name.Label.TextStyle.Bold = true
	company := widgets.NewParagraph(lang.X("directory.row.company", "{{.Company}} ({{.Industry}})  {{.Age}}",
		map[string]any{"Company": e.CompanyName, "Industry": e.Industry, "Age": widgets.FormatAgeBand(e.AgeBand)}))
	return []fyne.CanvasObject{widgets.NewSpacedVBox(-2, name, company)}
}

func (s *Suggestions) suggestionCard(it app.SuggestionItem) *suggestCard {
	c := &suggestCard{entry: it.DirectoryEntry}
	c.reasons = widgets.NewParagraph(reasonsText(it.Reasons))
	c.send = widget.NewButtonWithIcon(lang.X("card.send", "Send an offer"), theme.MailSendIcon(), func() { s.openOffer(c) })
	c.send.Importance = widget.HighImportance
	c.profile = widget.NewButtonWithIcon(lang.X("suggest.profile", "See the profile"), theme.AccountIcon(), func() { s.open(c.entry) })
	c.bookmark = widget.NewButton("", func() { s.toggleBookmark(c) })
	c.dismiss = widget.NewButton(lang.X("suggest.dismiss", "Not this time"), func() { s.confirmDismiss(c) })
	showBookmark(c)
	lines := append(personLines(c.entry),
		widgets.NewSpacedVBox(-2, widgets.NewParagraph(lang.X("suggest.reasons", "Why we suggest them:")), c.reasons),
		widgets.NewButtonRow(c.send, c.profile, c.bookmark, c.dismiss))
	c.content = container.NewVBox(lines...)
	return c
}

func (s *Suggestions) introCard(in app.IntroductionItem) *suggestCard {
	c := &suggestCard{entry: in.Person}
	note := widgets.NewParagraph(lang.X("suggest.intro.note", "From the secretariat: {{.Note}}", map[string]any{"Note": in.Note}))
	c.profile = widget.NewButtonWithIcon(lang.X("suggest.profile", "See the profile"), theme.AccountIcon(), func() { s.open(c.entry) })
	lines := append(personLines(c.entry), note)
	if in.Offered {
		lines = append(lines, widgets.NewParagraph(lang.X("suggest.intro.offered", "You have an offer with this person already.")),
			widgets.NewButtonRow(c.profile))
	} else {
		c.send = widget.NewButtonWithIcon(lang.X("card.send", "Send an offer"), theme.MailSendIcon(), func() { s.openOffer(c) })
		c.send.Importance = widget.HighImportance
		lines = append(lines, widgets.NewButtonRow(c.send, c.profile))
	}
	c.content = container.NewVBox(lines...)
	return c
}

func showBookmark(c *suggestCard) {
	if c.entry.Bookmarked {
		c.bookmark.SetText(lang.X("card.bookmark.off", "★ Remove from bookmarks"))
	} else {
		c.bookmark.SetText(lang.X("card.bookmark.on", "☆ Add to bookmarks"))
	}
}

func (s *Suggestions) open(e app.DirectoryEntry) {
	if s.OnOpen != nil {
		s.OnOpen(e)
	}
}

func (s *Suggestions) changed() {
	if s.OnChanged != nil {
		s.OnChanged()
	}
}

// toggleBookmark sets or clears the bookmark of c's person.
func (s *Suggestions) toggleBookmark(c *suggestCard) {
	on := !c.entry.Bookmarked
	args := app.SetBookmarkArgs{ParticipantID: c.entry.ID, On: on}
	c.bookmark.Disable()
	directoryBackground(&s.inflight, func() (struct{}, error) {
		return struct{}{}, s.svc.Mutate(context.Background(), app.BookmarkSet, args)
	}, func(_ struct{}, err error) {
		c.bookmark.Enable()
		if err != nil {
			fyne.LogError("suggestions: bookmark", err)
			s.notice(ErrorText(err))
			return
		}
		c.entry.Bookmarked = on
		showBookmark(c)
		if on {
			s.notice(lang.X("card.bookmark.added", "Added to your bookmarks."))
		} else {
			s.notice(lang.X("card.bookmark.removed", "Removed from your bookmarks."))
		}
		s.changed()
	})
}

// notice shows what happened last in the notice bar, under the cards
// (which it does not move), without 元に戻す.
func (s *Suggestions) notice(text string) {
	s.noticeText.SetText(text)
	s.undo.Hide()
	s.noticeBar.Show()
}

// confirmDismiss asks, then dismisses c's person for this programme.
func (s *Suggestions) confirmDismiss(c *suggestCard) {
	widgets.ShowConfirm(lang.X("suggest.dismiss.title", "Not this time?"),
		lang.X("suggest.dismiss.text", "{{.Name}} will not be suggested to you again in this programme. Nobody else is told. You can still find them in Search.",
			map[string]any{"Name": c.entry.Name}),
		lang.X("suggest.dismiss.yes", "Not this time"), lang.X("suggest.dismiss.no", "Keep"), false,
		func(ok bool) {
			if ok {
				s.dismiss(c)
			}
		}, s.win)
}

// dismiss takes c's person out of the list at once and offers 元に戻す
// for dismissUndoTime; the dismissal is sent after that (a dismissal
// cannot be taken back once sent). One dismissed before is sent now.
func (s *Suggestions) dismiss(c *suggestCard) {
	s.flush()
	p := &pendingDismissal{args: app.DismissSuggestionArgs{CohortID: s.cohortID, ParticipantID: c.entry.ID}, name: c.entry.Name}
	s.pending = p
	p.timer = time.AfterFunc(dismissUndoTime, func() {
		fyne.Do(func() {
			if s.pending == p {
				s.flush()
			}
		})
	})
	s.build()
	s.noticeText.SetText(lang.X("suggest.dismissed", "{{.Name}} will not be suggested again in this programme.",
		map[string]any{"Name": p.name}))
	s.undo.Show()
	s.noticeBar.Show()
}

// undoDismiss takes back the dismissal not sent yet: the card is back.
func (s *Suggestions) undoDismiss() {
	p := s.pending
	if p == nil {
		return
	}
	p.timer.Stop()
	s.pending = nil
	s.build()
	s.notice(lang.X("suggest.undone", "{{.Name}} is back in your suggestions.", map[string]any{"Name": p.name}))
}

// flush sends the dismissal not sent yet, if any; 元に戻す is no longer
// offered for it.
func (s *Suggestions) flush() { s.flushThen(nil) }

// Flush sends the dismissal not sent yet, if any, then calls done on the
// UI goroutine (at once when there is none): the window calls it before
// the app quits, so that a dismissal is never lost for lack of time to
// take it back.
func (s *Suggestions) Flush(done func()) { s.flushThen(done) }

func (s *Suggestions) flushThen(done func()) {
	p := s.pending
	if p == nil {
		if done != nil {
			done()
		}
		return
	}
	p.timer.Stop()
	s.undo.Hide()
	// Out of the list for good (until the next load says otherwise).
	s.items = slices.DeleteFunc(s.items, func(it app.SuggestionItem) bool { return it.ID == p.args.ParticipantID })
	directoryBackground(&s.inflight, func() (struct{}, error) {
		return struct{}{}, s.svc.Mutate(context.Background(), app.SuggestionDismiss, p.args)
	}, func(_ struct{}, err error) {
		if s.pending == p {
			s.pending = nil
		}
		if err != nil {
			fyne.LogError("suggestions: dismiss", err)
			s.notice(ErrorText(err))
		}
		s.Refresh()
		s.changed()
		if done != nil {
			done()
		}
	})
}

// openOffer opens the offer dialog to c's person, after the same checks
// as the profile card's: a programme both are in, no offer waiting
// between them, the caps.
func (s *Suggestions) openOffer(c *suggestCard) {
	me, id, now := s.svc.Me().ParticipantID, c.entry.ID, s.svc.Now()
	c.send.Disable()
	directoryBackground(&s.inflight, func() (cardFacts, error) {
		return (&ProfileCard{svc: s.svc}).load(context.Background(), me, id, now)
	}, func(f cardFacts, err error) {
		c.send.Enable()
		if err != nil {
			fyne.LogError("suggestions: offer", err)
			s.notice(lang.X("card.error", "This profile could not be loaded. Please try again a little later."))
			return
		}
		if b := f.block(now); b != cardCanSend {
			widgets.ShowMessage(lang.X("card.send", "Send an offer"), b.text(f.cohort.Rules.MaxPendingSent), s.win)
			return
		}
		s.dialog = NewOfferDialog(s.svc, s.win, f.me, f.person, f.cohort)
		s.dialog.OnSent = func() {
			s.Refresh()
			s.changed()
		}
		s.dialog.Show()
	})
}
