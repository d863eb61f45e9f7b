package ui

import (
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

// The directory lists the people the user may send an offer to: a search
// box that searches as the user types, filters with an "all" choice each,
// the results, and the profile of the chosen person beside them.
//
// Searching never blocks the UI goroutine and never runs twice at once for
// one view: while a search runs, only the latest query is remembered, and
// it runs when the current one ends. Results of a query older than the
// latest are dropped, so a slow answer never overwrites a newer one.

// directoryLimit is the most people the list shows at once. One more is
// asked of the store, to tell the user when there are more.
const directoryLimit = 200

// Directory is the participant directory view.
type Directory struct {
	svc Services
	win fyne.Window

	search    *widget.Entry
	industry  *widget.Select
	theme     *widget.Select
	ageBand   *widget.Select
	mode      *widget.Select
	notTalked *widget.Check
	noOffers  *widget.Check
	bookmarks *widget.Check
	clear     *widget.Button
	count     *widgets.Paragraph
	list      *widget.List
	empty     *widgets.Paragraph
	detail    *fyne.Container
	panes     *widgets.Panes // the list and the profile chosen
	content   fyne.CanvasObject
	// The search and the suggestions (「おすすめ」, suggest.go), in
	// two tabs beside the profile chosen.
	tabs      *container.AppTabs
	searchTab *container.TabItem
	suggest   *Suggestions

	results []app.DirectoryEntry // the list's model
	shown   app.DirectoryQuery   // the query results holds the answer to
	more    bool                 // the store had more than directoryLimit

	seq      int              // bumped by every new query
	running  bool             // a search is under way
	queued   *directorySearch // the latest query, waiting for running
	muted    bool             // filters are being reset: one search at the end
	inflight int              // background jobs not yet done
	card     *ProfileCard     // the profile shown beside the list

	selected   widget.ListItemID // the row chosen in the list, or -1
	selectedID string            // the participant in that row
}

// directorySearch is one query and its sequence number.
type directorySearch struct {
	q   app.DirectoryQuery
	seq int
}

// NewDirectory makes the directory of the signed-in user and starts
// loading it. Dialogs open over win.
func NewDirectory(svc Services, win fyne.Window) *Directory {
	d := &Directory{svc: svc, win: win, selected: -1}
	d.buildUI()
	d.Refresh()
	return d
}

func (d *Directory) buildUI() {
	d.muted = true // no search until every widget exists
	defer func() { d.muted = false }()
	all := lang.X("directory.all", "All")

	d.search = widget.NewEntry()
	d.search.SetPlaceHolder(lang.X("directory.search.placeholder", "Name, company, theme…"))
	d.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	d.search.OnChanged = func(string) { d.changed() }

	d.industry = widget.NewSelect([]string{all}, func(string) { d.changed() })
	d.theme = widget.NewSelect([]string{all}, func(string) { d.changed() })
	bands := []string{all}
	for _, b := range app.AgeChoices { // 50代 finds 50代, 50〜54歳 and 55〜59歳
		bands = append(bands, widgets.FormatAgeBand(b))
	}
	d.ageBand = widget.NewSelect(bands, func(string) { d.changed() })
	modes := []string{all}
	for _, m := range app.Modes {
		modes = append(modes, ModeName(m))
	}
	d.mode = widget.NewSelect(modes, func(string) { d.changed() })
	for _, s := range []*widget.Select{d.industry, d.theme, d.ageBand, d.mode} {
		s.SetSelectedIndex(0)
	}
	d.notTalked = widget.NewCheck(lang.X("directory.filter.not_talked", "Not talked with yet"), func(bool) { d.changed() })
	d.noOffers = widget.NewCheck(lang.X("directory.filter.no_offers", "Has no offers yet"), func(bool) { d.changed() })
	d.bookmarks = widget.NewCheck(lang.X("directory.filter.bookmarks", "Bookmarked only"), func(bool) { d.changed() })
	d.clear = widget.NewButtonWithIcon(lang.X("directory.clear", "Clear the search"), theme.ContentClearIcon(), d.ClearFilters)

	d.count = widgets.NewParagraph(lang.X("directory.searching", "Searching…"))
	d.count.Label.TextStyle.Bold = true
	d.empty = widgets.NewParagraph(lang.X("directory.empty", "Nobody matches. Try fewer words or fewer conditions."))
	d.empty.Hide()
	d.list = widget.NewList(
		func() int { return len(d.results) },
		func() fyne.CanvasObject { return newDirectoryRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*directoryRow).set(d.results[i]) },
	)
	d.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(d.results) {
			d.selected, d.selectedID = i, d.results[i].ID
			d.open(d.results[i])
		}
	}
	d.list.OnUnselected = func(widget.ListItemID) { d.selected, d.selectedID = -1, "" }

	field := func(key, fallback string, s *widget.Select) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(lang.X(key, fallback)), nil, s)
	}
	filters := container.NewVBox(
		widget.NewLabelWithStyle(lang.X("directory.search.label", "Search by keyword"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		d.search,
		container.NewGridWithColumns(2,
			field("directory.filter.industry", "Industry", d.industry),
			field("directory.filter.theme", "Theme", d.theme),
			field("directory.filter.age", "Age", d.ageBand),
			field("directory.filter.mode", "Talk by", d.mode),
		),
		container.NewGridWithColumns(2, d.notTalked, d.bookmarks, d.noOffers, d.clear),
		widget.NewSeparator(),
		d.count,
	)
	// In a short window the filters scroll, and the list keeps its room.
	left, _ := widgets.Squeezed(filters, container.NewStack(d.list, container.NewVBox(d.empty)))

	d.suggest = NewSuggestions(d.svc, d.win)
	d.suggest.OnOpen = d.open
	d.suggest.OnChanged = d.changed
	d.searchTab = container.NewTabItemWithIcon(lang.X("directory.tab.search", "Search"), theme.SearchIcon(), container.NewPadded(left))
	d.tabs = container.NewAppTabs(d.searchTab,
		container.NewTabItemWithIcon(lang.X("directory.tab.suggest", "Suggested"), theme.AccountIcon(), d.suggest.Content()))

	hint := widgets.NewParagraph(lang.X("directory.pick", "Choose a person from the list to see their profile here."))
	d.detail = container.NewStack(container.NewPadded(container.NewVBox(hint)))
	// Side by side when there is room; else the list, and a profile
	// once opened, with the way back to the list over it.
	d.panes = widgets.NewPanes(d.tabs, d.detail, lang.X("panes.back_to_list", "Back to the list"))
	d.panes.DetailEms = 24              // a profile's lines read comfortably
	d.panes.OnBack = d.list.UnselectAll // the same person can be opened again
	d.content = d.panes
}

// Content is the view's canvas object.
func (d *Directory) Content() fyne.CanvasObject { return d.content }

// Refresh reloads the filters' choices and the results, and the profile
// shown, if any.
func (d *Directory) Refresh() {
	viewer := d.svc.Me().ParticipantID
	type facets struct{ industries, themes []string }
	directoryBackground(&d.inflight, func() (facets, error) {
		i, t, err := d.svc.Facets(context.Background(), viewer)
		if err != nil {
			return facets{}, fmt.Errorf("directory facets: %w", err)
		}
		return facets{i, t}, nil
	}, func(f facets, err error) {
		if err != nil {
			fyne.LogError("directory", err)
			return
		}
		d.setOptions(d.industry, f.industries)
		d.setOptions(d.theme, f.themes)
	})
	d.changed()
	d.suggest.Refresh()
	if d.card != nil {
		d.card.Refresh()
	}
}

// setOptions puts "all" and opts in s, keeping the choice if it is still
// there, and searches again if it is not.
func (d *Directory) setOptions(s *widget.Select, opts []string) {
	chosen := ""
	if s.SelectedIndex() > 0 {
		chosen = s.Selected
	}
	d.muted = true
	s.SetOptions(append([]string{lang.X("directory.all", "All")}, opts...))
	kept := chosen != "" && slices.Contains(opts, chosen)
	if kept {
		s.SetSelected(chosen)
	} else {
		s.SetSelectedIndex(0)
	}
	d.muted = false
	if chosen != "" && !kept {
		d.changed()
	}
}

// ClearFilters empties the search box and sets every filter back to
// "all", then searches once.
func (d *Directory) ClearFilters() {
	d.muted = true
	d.search.SetText("")
	for _, s := range []*widget.Select{d.industry, d.theme, d.ageBand, d.mode} {
		s.SetSelectedIndex(0)
	}
	for _, c := range []*widget.Check{d.notTalked, d.noOffers, d.bookmarks} {
		c.SetChecked(false)
	}
	d.muted = false
	d.changed()
}

// query is the search the widgets ask for now.
func (d *Directory) query() app.DirectoryQuery {
	q := app.DirectoryQuery{
		ViewerID:       d.svc.Me().ParticipantID,
		Now:            d.svc.Now(),
		Text:           strings.TrimSpace(d.search.Text),
		NotTalkedTo:    d.notTalked.Checked,
		NoOffersYet:    d.noOffers.Checked,
		BookmarkedOnly: d.bookmarks.Checked,
		Limit:          directoryLimit + 1,
	}
	if i := d.industry.SelectedIndex(); i > 0 {
		q.Industry = d.industry.Selected
	}
	if i := d.theme.SelectedIndex(); i > 0 {
		q.Theme = d.theme.Selected
	}
	if i := d.ageBand.SelectedIndex(); i > 0 {
		q.AgeBand = app.AgeChoices[i-1]
	}
	if i := d.mode.SelectedIndex(); i > 0 {
		q.Mode = app.Modes[i-1]
	}
	return q
}

// changed searches for what the widgets ask for now. It is what every
// keystroke and filter change calls.
func (d *Directory) changed() {
	if d.muted {
		return
	}
	d.seq++
	s := directorySearch{q: d.query(), seq: d.seq}
	if d.running {
		d.queued = &s
		return
	}
	d.run(s)
}

// run starts search s off the UI goroutine. When it ends, its results are
// shown if no newer query came meanwhile, and the latest queued query
// runs.
func (d *Directory) run(s directorySearch) {
	d.running = true
	directoryBackground(&d.inflight, func() ([]app.DirectoryEntry, error) {
		es, err := d.svc.SearchDirectory(context.Background(), s.q)
		if err != nil {
			return nil, fmt.Errorf("search directory %q: %w", s.q.Text, err)
		}
		return es, nil
	}, func(es []app.DirectoryEntry, err error) {
		d.running = false
		if s.seq == d.seq {
			d.show(s.q, es, err)
		}
		if next := d.queued; next != nil {
			d.queued = nil
			d.run(*next)
		}
	})
}

// show puts the results of q in the list.
func (d *Directory) show(q app.DirectoryQuery, es []app.DirectoryEntry, err error) {
	// A new question starts at the top of the list; the same question
	// asked again, after a sync or a bookmark, keeps the user's place.
	again := sameDirectoryQuery(d.shown, q)
	d.shown = q
	if err != nil {
		fyne.LogError("directory", err)
		d.results, d.more = nil, false
		d.count.SetText(lang.X("directory.error", "The list could not be loaded. Please try again a little later."))
		d.empty.Hide()
		d.list.UnselectAll()
		d.list.Refresh()
		return
	}
	d.more = len(es) > directoryLimit
	if d.more {
		es = es[:directoryLimit]
	}
	d.results = es
	switch {
	case len(es) == 0:
		d.count.SetText(lang.X("directory.count.none", "Nobody found."))
		d.empty.Show()
	case d.more:
		d.count.SetText(lang.X("directory.count.more", "Showing the first {{.Count}} people. Add words or conditions to narrow the list.",
			map[string]any{"Count": len(es)}))
		d.empty.Hide()
	default:
		d.count.SetText(lang.X("directory.count", "People found: {{.Count}}.", map[string]any{"Count": len(es)}))
		d.empty.Hide()
	}
	if !again && d.list.GetScrollOffset() > 0 {
		d.list.ScrollToTop()
	}
	if !again || d.selected < 0 || d.selected >= len(es) || es[d.selected].ID != d.selectedID {
		d.list.UnselectAll()
	}
	d.list.Refresh()
}

// sameDirectoryQuery reports whether a and b ask the same, at any time.
func sameDirectoryQuery(a, b app.DirectoryQuery) bool {
	a.Now, b.Now = time.Time{}, time.Time{}
	return a == b
}

// open shows the profile card of e beside the list, or in its place
// when the window is narrow.
func (d *Directory) open(e app.DirectoryEntry) {
	c := NewProfileCard(d.svc, d.win, e)
	c.OnBookmarkChanged = func(bool) { d.changed(); d.suggest.Refresh() }
	c.OnOfferSent = func() { d.changed(); d.suggest.Refresh() }
	d.card = c
	d.detail.Objects = []fyne.CanvasObject{c.Content()}
	d.detail.Refresh()
	d.panes.ShowDetail()
}

// busy reports whether the view, its profile card or an offer dialog
// still waits for background work.
func (d *Directory) busy() bool {
	return d.inflight > 0 || (d.card != nil && d.card.busy()) || d.suggest.busy()
}

// directoryBackground runs background work and counts it in *inflight
// until done has run, so that a view knows when it is idle.
func directoryBackground[T any](inflight *int, work func() (T, error), done func(T, error)) {
	*inflight++
	widgets.Background(work, func(v T, err error) {
		*inflight--
		done(v, err)
	})
}

// directoryThemes lists themes the way the language lists words: 学び直し、健康.
func directoryThemes(themes []string) string {
	if len(themes) == 0 {
		return lang.X("directory.themes.none", "none given")
	}
	return strings.Join(themes, lang.X("directory.themes.separator", ", "))
}
