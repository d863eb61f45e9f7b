package ui

import (
	"context"
	"fmt"
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

// A profile card shows everything a participant needs to decide whether
// to ask someone for a talk, a bookmark toggle, and the button that opens
// the offer dialog. When the person cannot take an offer now, the button
// is disabled and a line says why in plain words. What decides that is
// loaded off the UI goroutine.

// cardButtonHeight makes the main buttons large targets.
const cardButtonHeight = 52

// cardBlock is why an offer cannot be sent now.
type cardBlock int

const (
	cardCanSend       cardBlock = iota
	cardNoCohort                // no open cohort holds both people
	cardHidden                  // the person does not take offers
	cardPending                 // an offer between the two waits for an answer
	cardSenderFull              // the viewer has the most pending offers allowed
	cardRecipientFull           // the person has the most pending offers allowed
)

// text is the reason in words; max is the sender's cap.
func (b cardBlock) text(max int) string {
	switch b {
	case cardNoCohort:
		return lang.X("card.block.no_cohort", "You and this person are not in the same open programme, so you cannot send an offer now.")
	case cardHidden:
		return lang.X("card.block.hidden", "This person is not taking offers at the moment.")
	case cardPending:
		return lang.X("card.block.pending", "An offer between you and this person is already waiting for an answer. See it in the Inbox, under “Your answer needed” or “Waiting for their answer”.")
	case cardSenderFull:
		return lang.X("card.block.sender_full", "You have {{.Max}} offers waiting for an answer, the most allowed. You can send again once one is answered or withdrawn.",
			map[string]any{"Max": max})
	case cardRecipientFull:
		return lang.X("card.block.recipient_full", "This person has many offers at the moment. Please look again a little later.")
	}
	return ""
}

// cardFacts is what decides whether an offer can be sent, as loaded.
type cardFacts struct {
	person    app.DirectoryEntry // as of now
	me        app.DirectoryEntry
	cohort    app.Cohort // the shared open cohort, when found
	hasCohort bool
	sent      []app.InboxItem
	received  []app.InboxItem
}

// block decides, from facts at now, whether an offer can be sent. The
// order follows the checks of offer.send.v1.
func (f cardFacts) block(now time.Time) cardBlock {
	if !f.person.Visible {
		return cardHidden
	}
	if !f.hasCohort {
		return cardNoCohort
	}
	live := func(it app.InboxItem) bool { return it.State == app.OfferPending && now.Before(it.ExpiresAt) }
	sent := 0
	for _, it := range f.sent {
		if !live(it) {
			continue
		}
		if it.ToID == f.person.ID {
			return cardPending
		}
		if it.CohortID == f.cohort.ID {
			sent++
		}
	}
	for _, it := range f.received {
		if live(it) && it.FromID == f.person.ID {
			return cardPending
		}
	}
	if sent >= f.cohort.Rules.MaxPendingSent {
		return cardSenderFull
	}
	if f.person.PendingReceived >= f.cohort.Rules.MaxPendingReceived {
		return cardRecipientFull
	}
	return cardCanSend
}

// ProfileCard shows one participant's profile.
type ProfileCard struct {
	svc Services
	win fyne.Window

	// OnBookmarkChanged, if set, is called after the bookmark was set or
	// cleared.
	OnBookmarkChanged func(on bool)
	// OnOfferSent, if set, is called after an offer to this person was
	// saved.
	OnOfferSent func()

	person     app.DirectoryEntry
	bookmarked bool
	facts      cardFacts
	blocked    cardBlock
	loaded     bool // facts are loaded and usable
	inflight   int
	dialog     *OfferDialog

	name      *widgets.Paragraph
	kana      *widget.Label
	company   *widgets.Paragraph
	ageBand   *widgets.Paragraph
	jobRole   *widgets.Paragraph
	themes    *widgets.Paragraph
	interests *widgets.Paragraph
	intro     *widgets.Paragraph
	modes     *widgets.Paragraph
	freeTimes *widgets.Paragraph
	freeNote  *widgets.Paragraph // what the person wrote of their free times, under the pattern
	bookmark  *widget.Button
	notice    *widgets.Paragraph // the result of a bookmark change
	send      *widget.Button
	reason    *widgets.Paragraph
	content   fyne.CanvasObject
}

// NewProfileCard shows e, as found in the directory, and starts loading
// what decides whether an offer can be sent. Dialogs open over win.
func NewProfileCard(svc Services, win fyne.Window, e app.DirectoryEntry) *ProfileCard {
	c := &ProfileCard{svc: svc, win: win, person: e, bookmarked: e.Bookmarked}
	c.buildUI()
	c.showPerson()
	c.Refresh()
	return c
}

func (c *ProfileCard) buildUI() {
	c.name = widgets.NewParagraph("")
	c.name.Label.SizeName = theme.SizeNameHeadingText
	c.name.Label.TextStyle.Bold = true
	c.kana = widget.NewLabel("")
	// What people wrote about themselves is often long Japanese: it is
	// broken into lines the Japanese way.
	c.company = widgets.NewParagraph("")
	c.ageBand, c.jobRole, c.themes = widgets.NewParagraph(""), widgets.NewParagraph(""), widgets.NewParagraph("")
	c.interests, c.intro, c.modes, c.freeTimes = widgets.NewParagraph(""), widgets.NewParagraph(""), widgets.NewParagraph(""), widgets.NewParagraph("")
	c.freeNote = widgets.NewParagraph("")

	c.bookmark = widget.NewButton("", c.toggleBookmark)
	c.notice = widgets.NewParagraph("")
	c.notice.Hide()
	c.send = widget.NewButtonWithIcon(lang.X("card.send", "Send an offer"), theme.MailSendIcon(), c.openOffer)
	c.send.Importance = widget.HighImportance
	c.send.Disable()
	c.reason = widgets.NewParagraph(lang.X("card.checking", "Checking…"))

	field := func(key, fallback string, v fyne.CanvasObject) fyne.CanvasObject {
		return offerField(lang.X(key, fallback), v)
	}
	details := container.NewVBox(
		c.name, c.kana, c.company,
		widget.NewSeparator(),
		field("card.age", "Age", c.ageBand),
		field("card.job", "Role or job", c.jobRole),
		field("card.themes", "Themes to talk about", c.themes),
		field("card.interests", "Interests", c.interests),
		field("card.intro", "About me", c.intro),
		field("card.modes", "Can talk by", c.modes),
		field("card.free_times", "Good times to talk", container.NewVBox(c.freeTimes, c.freeNote)),
	)
	actions := container.NewVBox(
		widget.NewSeparator(),
		widgets.Tall(c.send, cardButtonHeight),
		c.reason,
		widgets.Tall(c.bookmark, cardButtonHeight),
		c.notice,
	)
	c.content = container.NewBorder(nil, container.NewPadded(actions), nil, nil,
		container.NewVScroll(container.NewPadded(details)))
}

// Content is the card's canvas object.
func (c *ProfileCard) Content() fyne.CanvasObject { return c.content }

// showPerson writes the profile into the labels.
func (c *ProfileCard) showPerson() {
	p := c.person
	c.name.SetText(p.Name)
	c.kana.SetText(p.Kana)
	c.company.SetText(lang.X("card.company", "{{.Company}} ({{.Industry}})",
		map[string]any{"Company": p.CompanyName, "Industry": p.Industry}))
	c.ageBand.SetText(widgets.FormatAgeBand(p.AgeBand))
	c.jobRole.SetText(cardOr(p.JobRole))
	c.themes.SetText(directoryThemes(p.Themes))
	c.interests.SetText(cardOr(p.Interests))
	c.intro.SetText(cardOr(p.Intro))
	modes := make([]string, 0, len(p.Modes))
	for _, m := range app.Modes {
		if p.Accepts(m) {
			modes = append(modes, ModeName(m))
		}
	}
	c.modes.SetText(cardOr(strings.Join(modes, lang.X("directory.themes.separator", ", "))))
	text, note := freeTimesText(p.FreeWeek, p.FreeTimes)
	c.freeTimes.SetText(text)
	c.freeNote.SetText(note)
	if note == "" {
		c.freeNote.Hide()
	} else {
		c.freeNote.Show()
	}
	c.showBookmark()
}

// cardOr is s, or words saying that nothing was written.
func cardOr(s string) string {
	if strings.TrimSpace(s) == "" {
		return lang.X("card.none", "Not written")
	}
	return s
}

func (c *ProfileCard) showBookmark() {
	if c.bookmarked {
		c.bookmark.SetText(lang.X("card.bookmark.off", "★ Remove from bookmarks"))
	} else {
		c.bookmark.SetText(lang.X("card.bookmark.on", "☆ Add to bookmarks"))
	}
}

// Refresh reloads the person and what decides whether an offer can be
// sent, off the UI goroutine.
func (c *ProfileCard) Refresh() {
	me, id, now := c.svc.Me().ParticipantID, c.person.ID, c.svc.Now()
	c.loaded = false
	c.send.Disable()
	directoryBackground(&c.inflight, func() (cardFacts, error) {
		return c.load(context.Background(), me, id, now)
	}, func(f cardFacts, err error) {
		if err != nil {
			fyne.LogError("profile card", err)
			c.reason.SetText(lang.X("card.error", "This profile could not be loaded. Please try again a little later."))
			return
		}
		c.facts, c.loaded = f, true
		c.person = f.person
		c.person.Bookmarked = c.bookmarked // Person does not know who looks
		c.showPerson()
		c.blocked = f.block(now)
		if c.blocked == cardCanSend {
			c.send.Enable()
			c.reason.SetText(lang.X("card.can_send", "You can propose up to three times for a talk."))
		} else {
			c.send.Disable()
			c.reason.SetText(c.blocked.text(f.cohort.Rules.MaxPendingSent))
		}
	})
}

// load reads the person, the viewer, their shared open cohort (the one
// that ends last) and the viewer's offers.
func (c *ProfileCard) load(ctx context.Context, me, id string, now time.Time) (cardFacts, error) {
	var f cardFacts
	var err error
	if f.person, err = c.svc.Person(ctx, id, now); err != nil {
		return f, fmt.Errorf("profile card: %w", err)
	}
	if f.me, err = c.svc.Person(ctx, me, now); err != nil {
		return f, fmt.Errorf("profile card: viewer: %w", err)
	}
	for _, cid := range f.me.Cohorts {
		if !f.person.InCohort(cid) {
			continue
		}
		co, err := c.svc.Cohort(ctx, cid)
		if err != nil {
			return f, fmt.Errorf("profile card: %w", err)
		}
		// Of two open programmes, the one that ends last: the next round
		// rather than the one in its last days.
		if co.OpenAt(now) && (!f.hasCohort || co.EndsOn.After(f.cohort.EndsOn)) {
			f.cohort, f.hasCohort = co, true
		}
	}
	if f.sent, err = c.svc.Inbox(ctx, me, app.BoxSent, now); err != nil {
		return f, fmt.Errorf("profile card: %w", err)
	}
	if f.received, err = c.svc.Inbox(ctx, me, app.BoxReceived, now); err != nil {
		return f, fmt.Errorf("profile card: %w", err)
	}
	return f, nil
}

// toggleBookmark sets or clears the bookmark off the UI goroutine.
func (c *ProfileCard) toggleBookmark() {
	on := !c.bookmarked
	args := app.SetBookmarkArgs{ParticipantID: c.person.ID, On: on}
	c.bookmark.Disable()
	directoryBackground(&c.inflight, func() (struct{}, error) {
		if err := c.svc.Mutate(context.Background(), app.BookmarkSet, args); err != nil {
			return struct{}{}, fmt.Errorf("bookmark %s: %w", args.ParticipantID, err)
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		c.bookmark.Enable()
		if err != nil {
			fyne.LogError("profile card", err)
			c.notice.SetText(ErrorText(err))
			c.notice.Show()
			return
		}
		c.bookmarked = on
		c.person.Bookmarked = on
		c.showBookmark()
		if on {
			c.notice.SetText(lang.X("card.bookmark.added", "Added to your bookmarks."))
		} else {
			c.notice.SetText(lang.X("card.bookmark.removed", "Removed from your bookmarks."))
		}
		c.notice.Show()
		if c.OnBookmarkChanged != nil {
			c.OnBookmarkChanged(on)
		}
	})
}

// openOffer opens the offer dialog.
func (c *ProfileCard) openOffer() {
	if !c.loaded || c.blocked != cardCanSend {
		return
	}
	c.dialog = NewOfferDialog(c.svc, c.win, c.facts.me, c.person, c.facts.cohort)
	c.dialog.OnSent = func() {
		c.Refresh()
		if c.OnOfferSent != nil {
			c.OnOfferSent()
		}
	}
	c.dialog.Show()
}

// busy reports whether the card or its offer dialog still waits for
// background work.
func (c *ProfileCard) busy() bool {
	return c.inflight > 0 || (c.dialog != nil && c.dialog.inflight > 0)
}
