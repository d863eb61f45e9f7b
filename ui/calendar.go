package ui

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// upcomingDays is how far ahead the agenda looks when no day is chosen.
const upcomingDays = 30

// Calendar shows the user's talks: a month with the days that hold talks
// marked, and beside it either the chosen day's talks or, until a day is
// chosen, the talks of the coming 30 days. Tapping a talk opens its
// detail in place of the list.
type Calendar struct {
	svc Services
	win fyne.Window

	// OnTalkChanged, when set, is called on the UI goroutine after a
	// talk was cancelled or moved from its detail, with the talk as it
	// now is: the place to plan its reminders again.
	OnTalkChanged func(app.TalkItem)
	// OnTalkSeen, when set, is called on the UI goroutine after the
	// other person's changes to a talk were seen in its detail.
	OnTalkSeen func()

	grid     *widgets.MonthGrid
	today    *widget.Button
	upcoming *widget.Button
	heading  *widgets.Paragraph
	message  *widgets.Paragraph
	rows     *fyne.Container // the message, then the talks
	scroll   *container.Scroll
	agenda   fyne.CanvasObject
	right    *fyne.Container
	panes    *widgets.Panes // the month, and right
	content  fyne.CanvasObject
	detail   *TalkDetail

	day  time.Time      // the chosen day; zero shows the coming days
	seq  int            // the latest load; older answers are dropped
	rowW []*calendarRow // the rows of the talks listed

	// loaded, when set, runs on the UI goroutine after each load has
	// been shown.
	loaded func()
}

// NewCalendar makes the calendar of the signed-in user and starts
// loading their talks. win is where its dialogs open.
func NewCalendar(svc Services, win fyne.Window) *Calendar {
	c := newCalendar(svc, win)
	c.Refresh()
	return c
}

// newCalendar makes the calendar without loading anything yet.
func newCalendar(svc Services, win fyne.Window) *Calendar {
	c := &Calendar{svc: svc, win: win}
	c.buildUI()
	return c
}

// Content is the view's canvas object.
func (c *Calendar) Content() fyne.CanvasObject { return c.content }

func (c *Calendar) buildUI() {
	c.grid = widgets.NewMonthGrid(c.svc.Now())
	c.grid.OnSelected = func(day time.Time) {
		c.day = day
		c.showAgenda()
		c.Refresh()
	}
	c.grid.OnMonthChanged = func(time.Time) { c.Refresh() }
	c.today = widget.NewButtonWithIcon(lang.X("calendar.today", "Today"), theme.HomeIcon(), c.ShowToday)
	legend := calendarLegend(c.svc.Now())
	// The month fills the pane, and scrolls with its legend in a window
	// too short for them (1366×768 at 125 % and the largest text).
	left := container.NewVScroll(container.NewBorder(container.NewHBox(talkTall(c.today)), legend, nil, nil, c.grid))

	c.heading = widgets.NewParagraph("")
	c.heading.Label.TextStyle.Bold = true
	c.heading.Label.SizeName = theme.SizeNameSubHeadingText
	c.upcoming = widget.NewButtonWithIcon(lang.X("calendar.show_upcoming", "Show the coming 30 days"), theme.ListIcon(), c.ShowToday)
	c.upcoming.Hide()
	c.message = widgets.NewParagraph(lang.X("calendar.loading", "Loading…"))
	c.rows = container.NewVBox(c.message)
	c.scroll = container.NewVScroll(c.rows)
	c.agenda = container.NewBorder(
		container.NewVBox(c.heading, container.NewHBox(c.upcoming), widget.NewSeparator()),
		nil, nil, nil,
		c.scroll)
	c.right = container.NewStack(c.agenda)
	// Side by side when there is room; else the month, and the talks of
	// the day chosen, the coming days or a talk once opened.
	c.panes = widgets.NewPanes(left, c.right, lang.X("calendar.back_to_month", "Back to the month"))
	c.panes.ListShare, c.panes.DetailEms = 0.5, 20
	onDay := c.grid.OnSelected
	c.grid.OnSelected = func(day time.Time) { onDay(day); c.panes.ShowDetail() }
	c.content = container.NewPadded(c.panes)
}

// ShowToday turns to this month, chooses today and lists the coming 30
// days.
func (c *Calendar) ShowToday() {
	c.grid.Select(c.svc.Now())
	c.day = time.Time{}
	c.showAgenda()
	c.panes.ShowDetail()
	c.Refresh()
}

// KeepFrom shows what old, the calendar this one replaces (the window
// built again in another language), showed: the month it had turned to,
// the day chosen there, or the coming days when none was, and on a
// narrow window the talks listed rather than the month.
func (c *Calendar) KeepFrom(old *Calendar) {
	if sel := old.grid.Selected(); !sel.IsZero() {
		c.grid.Select(sel)
	}
	c.grid.ShowMonth(old.grid.Month())
	c.day = old.day
	if old.panes.Narrow() && old.panes.DetailShown() {
		c.panes.ShowDetail() // the day's talks, rather than the month
	}
	c.Refresh()
}

// ShowTalk turns to talk k's day and opens its detail.
func (c *Calendar) ShowTalk(k app.TalkItem) {
	c.grid.Select(k.Start)
	c.day = app.StartOfDay(k.Start)
	c.Refresh()
	c.openDetail(k)
}

// Refresh reloads the talks, and the talk whose detail is open, off the
// UI goroutine and shows them when they arrive.
func (c *Calendar) Refresh() {
	c.seq++
	seq := c.seq
	me := c.svc.Me().ParticipantID
	now := c.svc.Now()
	first := c.grid.Month().AddDate(0, 0, -int(c.grid.Month().Weekday()))
	day := c.day
	// The open talk may have changed too: it is read along.
	det, detSeq, follow := c.detail, 0, false
	var open app.TalkItem
	if det != nil {
		detSeq, follow = det.startReload()
		open = det.Talk()
	}
	widgets.Background(func() (calendarData, error) {
		d, err := loadCalendar(c.svc, me, now, first, day)
		if follow && err == nil {
			ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
			defer stop()
			d.open, d.openErr = findTalk(ctx, c.svc, open)
		}
		return d, err
	}, func(d calendarData, err error) {
		if follow {
			if err != nil {
				d.openErr = err
			}
			det.reloadDone(detSeq, d.open, d.openErr)
		}
		if seq != c.seq {
			return // a newer load is on its way
		}
		c.showData(d, err)
		if c.loaded != nil {
			c.loaded()
		}
	})
}

// calendarData is what one load reads.
type calendarData struct {
	weeks   []app.TalkItem            // the six weeks shown
	list    []app.TalkItem            // the talks to list
	changes map[string]app.TalkChange // the talks the other person changed, not yet seen or to answer
	now     time.Time
	open    app.TalkItem // the talk whose detail is open, read again
	openErr error
}

func loadCalendar(r Services, me string, now, first, day time.Time) (calendarData, error) {
	ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
	defer stop()
	d := calendarData{changes: map[string]app.TalkChange{}, now: now}
	var err error
	if d.weeks, err = r.TalksBetween(ctx, me, first, first.AddDate(0, 0, 42)); err != nil {
		return d, err
	}
	changes, err := r.TalkChanges(ctx, me, now)
	if err != nil {
		return d, err
	}
	for _, c := range changes {
		d.changes[c.ID] = c
	}
	if !day.IsZero() {
		d.list, err = r.TalksBetween(ctx, me, day, day.AddDate(0, 0, 1))
		return d, err
	}
	from := app.StartOfDay(now)
	all, err := r.TalksBetween(ctx, me, from, from.AddDate(0, 0, upcomingDays+1))
	for _, k := range all {
		// A moved talk shows at its new time only.
		if k.State == app.TalkCancelled && k.Reason == app.ReasonRescheduled {
			continue
		}
		d.list = append(d.list, k)
	}
	return d, err
}

func (c *Calendar) showData(d calendarData, err error) {
	c.rows.Objects = []fyne.CanvasObject{c.message}
	c.rowW = nil
	defer c.relayout()
	if c.day.IsZero() {
		c.heading.SetText(lang.X("calendar.upcoming", "Cross talks in the coming 30 days"))
		c.upcoming.Hide()
	} else {
		c.heading.SetText(lang.X("calendar.on_day", "Cross talks on {{.Date}}", map[string]any{"Date": widgets.FormatDate(c.day)}))
		c.upcoming.Show()
	}
	if err != nil {
		fyne.LogError("calendar: load", err)
		c.message.SetText(lang.X("calendar.error", "Your talks could not be loaded. Please try again a little later."))
		c.message.Show()
		return
	}
	me := c.svc.Me().ParticipantID
	c.showMarks(d, me)
	for i, k := range d.list {
		if i > 0 {
			c.rows.Add(widget.NewSeparator())
		}
		row := newCalendarRow(k, c.openDetail)
		row.setChange(talkMarker(k.Talk, d.changes, me, d.now))
		c.rowW = append(c.rowW, row)
		c.rows.Add(row)
	}
	switch {
	case len(d.list) > 0:
		c.message.Hide()
	case c.day.IsZero():
		c.message.SetText(lang.X("calendar.none_upcoming", "No cross talks in the coming 30 days. Find someone in “Find people” and send an offer."))
		c.message.Show()
	default:
		c.message.SetText(lang.X("calendar.none_on_day", "No cross talks on this day."))
		c.message.Show()
	}
}

// relayout fits the list to what it now holds, from the top.
func (c *Calendar) relayout() {
	c.rows.Refresh()
	c.scroll.ScrollToTop()
	c.scroll.Refresh()
}

// openDetail shows talk k in place of the list.
func (c *Calendar) openDetail(k app.TalkItem) {
	c.detail = NewTalkDetail(c.svc, c.win, k, c.showAgenda)
	c.detail.OnReload = c.Refresh
	c.detail.OnSeen = func() {
		c.Refresh()
		if c.OnTalkSeen != nil {
			c.OnTalkSeen()
		}
	}
	c.detail.OnChanged = func(next app.TalkItem) {
		if !c.day.IsZero() {
			// Follow a moved talk to its new day.
			c.day = app.StartOfDay(next.Start)
			c.grid.Select(next.Start)
		}
		c.Refresh()
		if c.OnTalkChanged != nil {
			c.OnTalkChanged(next)
		}
	}
	c.right.Objects = []fyne.CanvasObject{container.NewVScroll(c.detail.Content())}
	c.right.Refresh()
	c.panes.ShowDetail()
	c.detail.MarkSeen()
}

// showAgenda leaves an open detail for the list.
func (c *Calendar) showAgenda() {
	c.detail = nil
	c.right.Objects = []fyne.CanvasObject{c.agenda}
	c.right.Refresh()
}

// calendarRow is one talk in the list: the time, the person and company,
// the mode and the state, all of it one large target.
type calendarRow struct {
	widget.BaseWidget
	talk  app.TalkItem
	onTap func(app.TalkItem)

	bg    *canvas.Rectangle
	when  *widget.Label
	who   *widgets.Paragraph
	how   *widget.Label
	state *widgets.Paragraph
	// change says what changed and waits to be seen or answered, after
	// the month's mark of a change; changeLine holds both and is hidden
	// when nothing does.
	change     *widgets.Paragraph
	changeLine *fyne.Container
}

func newCalendarRow(k app.TalkItem, onTap func(app.TalkItem)) *calendarRow {
	r := &calendarRow{talk: k, onTap: onTap, bg: canvas.NewRectangle(color.Transparent)}
	r.bg.CornerRadius = theme.InputRadiusSize()
	// A talk that is off is greyed, and its state says why in red. It is
	// not struck through: Fyne parses the fonts again for every text
	// style it meets (strikethrough is one), and a row struck through
	// kept about 29 MB more resident for as long as the app ran.
	off := k.State == app.TalkCancelled || k.State == app.TalkNoShow
	r.when = widget.NewLabelWithStyle(widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}), fyne.TextAlignLeading,
		fyne.TextStyle{Bold: true})
	r.who = widgets.NewParagraph(lang.X("calendar.row_person", "{{.Name}} ({{.Company}})",
		map[string]any{"Name": k.OtherName, "Company": k.OtherCompany}))
	r.how = widget.NewLabel(ModeName(k.Mode))
	// The state wraps beside the time rather than widen the window.
	r.state = widgets.NewParagraph(TalkStateText(k.Talk))
	r.state.Label.TextStyle.Bold = off
	r.state.Label.Importance = talkStateImportance(k.Talk)
	r.change = widgets.NewParagraph("")
	r.change.Label.TextStyle.Bold = true
	r.change.Label.Importance = widget.WarningImportance
	r.changeLine = container.NewBorder(nil, nil, container.NewCenter(widgets.NewDayMark(widgets.MarkChanged, "")), nil, r.change)
	r.changeLine.Hide()
	if off {
		r.when.Importance, r.who.Label.Importance, r.how.Importance = widget.LowImportance, widget.LowImportance, widget.LowImportance
	}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is part of fyne.Widget.
func (r *calendarRow) CreateRenderer() fyne.WidgetRenderer {
	open := widget.NewIcon(theme.NavigateNextIcon())
	body := container.NewVBox(container.NewBorder(nil, nil, r.when, nil, r.state), r.changeLine, r.who, r.how)
	return widget.NewSimpleRenderer(container.NewStack(r.bg,
		container.NewBorder(nil, nil, nil, container.New(layout.NewCenterLayout(), open), body)))
}

// Tapped opens the talk.
func (r *calendarRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap(r.talk)
	}
}

// Cursor shows that the row can be tapped.
func (r *calendarRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MouseIn highlights the row under the pointer.
func (r *calendarRow) MouseIn(*desktop.MouseEvent) {
	r.bg.FillColor = theme.Color(theme.ColorNameHover)
	r.bg.Refresh()
}

// MouseMoved is part of desktop.Hoverable.
func (r *calendarRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the highlight.
func (r *calendarRow) MouseOut() {
	r.bg.FillColor = color.Transparent
	r.bg.Refresh()
}

// setChange shows text as the row's change marker; "" hides it.
func (r *calendarRow) setChange(text string) {
	r.change.SetText(text)
	r.changeLine.Hidden = text == ""
}

// ownProposal reports whether me proposed a new time for k that waits
// for the other side at now.
func ownProposal(k app.Talk, me string, now time.Time) bool {
	p := k.Proposal
	return p != nil && p.By == me && k.State == app.TalkScheduled && p.Start.After(now)
}

// talkMarker is what a talk's row says of a change: a proposal to answer
// or one of the user's own that waits, or the other person's change not
// yet seen; "" for none.
func talkMarker(k app.Talk, changes map[string]app.TalkChange, me string, now time.Time) string {
	if c, ok := changes[k.ID]; ok {
		switch {
		case c.Waiting(me, now):
			return lang.X("calendar.marker.to_answer", "A new time is proposed: please answer")
		case c.Event.Kind == app.EventCancelled:
			return lang.X("calendar.marker.cancelled", "Cancelled by the other person (new)")
		default:
			return lang.X("calendar.marker.changed", "Changed by the other person (new)")
		}
	}
	if ownProposal(k, me, now) {
		return lang.X("calendar.marker.proposed", "You proposed a new time: waiting for the answer")
	}
	return ""
}
