package admin

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The secretariat keeps the member companies and the programmes
// (cohorts): create and edit them, open a programme for offers and close
// it (which expires its pending offers), and choose its members. Dates
// are chosen on our own month view; the rules are chosen from lists
// within sensible bounds, and checked again before saving. Forms are sent
// with a button, never with Enter (Japanese input uses Enter).

// Bounds of a programme's rules.
var (
	ruleExpiryDays  = [2]int{1, 30}
	ruleMaxSent     = [2]int{1, 10}
	ruleMaxReceived = [2]int{1, 20}
	ruleTalkMinutes = []int{30, 45, 60, 90, 120}
)

// Longest names.
const (
	maxCompanyName = 100
	maxCohortName  = 60
)

// ProgrammesView is the secretariat's companies-and-programmes tab.
type ProgrammesView struct {
	svc Services
	win fyne.Window

	// OnChanged, when set, is called on the UI goroutine after a
	// company or a programme changed: other views may list them.
	OnChanged func()

	tabs      *container.AppTabs
	companyL  *widget.List
	cohortL   *widget.List
	status    *statusLine
	relayout  func()
	content   fyne.CanvasObject
	companies []app.Company
	cohorts   []app.Cohort

	// The form open last, for tests.
	companyForm *companyForm
	cohortForm  *cohortForm
	membersForm *membersForm
}

// NewProgrammesView makes the tab.
func NewProgrammesView(svc Services, win fyne.Window) *ProgrammesView {
	v := &ProgrammesView{svc: svc, win: win}
	v.buildUI()
	return v
}

// Content is the tab's canvas object.
func (v *ProgrammesView) Content() fyne.CanvasObject { return v.content }

func (v *ProgrammesView) buildUI() {
	v.status = newStatusLine()
	v.companyL = widget.NewList(func() int { return len(v.companies) },
		func() fyne.CanvasObject { return newProgrammeRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { v.setCompanyRow(o.(*programmeRow), v.companies[i]) })
	v.cohortL = widget.NewList(func() int { return len(v.cohorts) },
		func() fyne.CanvasObject { return newProgrammeRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { v.setCohortRow(o.(*programmeRow), v.cohorts[i]) })

	addCompany := widget.NewButtonWithIcon(lang.X("company.add", "Add a company"), theme.ContentAddIcon(), func() { v.editCompany(app.Company{}) })
	addCohort := widget.NewButtonWithIcon(lang.X("cohort.add", "Create a programme"), theme.ContentAddIcon(), func() { v.editCohort(app.Cohort{Rules: app.DefaultRules}) })
	reload := widget.NewButtonWithIcon(lang.X("admin.reload", "Show the latest"), theme.ViewRefreshIcon(), v.Refresh)

	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("programmes.tab.cohorts", "Programmes"), container.NewBorder(container.NewHBox(tall(addCohort)), nil, nil, nil, v.cohortL)),
		container.NewTabItem(lang.X("programmes.tab.companies", "Companies"), container.NewBorder(container.NewHBox(tall(addCompany)), nil, nil, nil, v.companyL)),
	)
	top := container.NewVBox(heading(lang.X("programmes.title", "Companies and programmes")),
		container.NewHBox(reload), v.status.text)
	body := container.NewBorder(top, nil, nil, nil, v.tabs)
	v.status.relayout = body.Refresh
	v.relayout = body.Refresh
	v.content = container.NewPadded(body)
}

// Refresh loads the companies and the programmes.
func (v *ProgrammesView) Refresh() { v.loadThen("") }

func (v *ProgrammesView) loadThen(done string) {
	if done != "" && v.OnChanged != nil {
		v.OnChanged()
	}
	v.status.loading()
	type lists struct {
		companies []app.Company
		cohorts   []app.Cohort
	}
	callServer(func(ctx context.Context) (lists, error) {
		var l lists
		var err error
		if l.companies, err = v.svc.Companies(ctx); err != nil {
			return l, err
		}
		l.cohorts, err = v.svc.Cohorts(ctx)
		return l, err
	}, func(l lists, err error) {
		if err != nil {
			v.status.fail(err)
			return
		}
		slices.SortStableFunc(l.cohorts, func(a, b app.Cohort) int { return b.StartsOn.Compare(a.StartsOn) })
		v.companies, v.cohorts = l.companies, l.cohorts
		v.companyL.Refresh()
		v.cohortL.Refresh()
		if done != "" {
			v.status.done(done)
		} else {
			v.status.clear()
		}
	})
}

// cohortStateText is a programme's state in words.
func cohortStateText(s app.CohortState) string {
	switch s {
	case app.CohortDraft:
		return lang.X("cohort.state.draft", "In preparation")
	case app.CohortOpen:
		return lang.X("cohort.state.open", "Open")
	case app.CohortClosed:
		return lang.X("cohort.state.closed", "Closed")
	}
	return string(s)
}

// periodText writes a programme's period: 2026年10月1日(木)〜2027年3月31日(水).
func periodText(c app.Cohort) string {
	return lang.X("cohort.period", "{{.From}} – {{.To}}", map[string]any{"From": widgets.FormatDate(c.StartsOn), "To": widgets.FormatDate(c.EndsOn)})
}

// rulesText sums up a programme's rules.
func rulesText(r app.Rules) string {
	return lang.X("cohort.rules_line", "Offers expire after {{.Expiry}} days · up to {{.Sent}} sent and {{.Received}} received waiting · talks of {{.Minutes}} minutes",
		map[string]any{"Expiry": r.OfferExpiryDays, "Sent": r.MaxPendingSent, "Received": r.MaxPendingReceived, "Minutes": r.TalkMinutes})
}

// programmeRow is one company or programme in a list.
type programmeRow struct {
	widget.BaseWidget
	title   *widget.Label
	detail  *widget.Label
	extra   *widget.Label
	buttons [3]*widget.Button
	box     *fyne.Container
}

func newProgrammeRow() *programmeRow {
	r := &programmeRow{title: widget.NewLabel(""), detail: widget.NewLabel(""), extra: widget.NewLabel("")}
	r.extra.Truncation = fyne.TextTruncateEllipsis
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	right := container.NewHBox()
	for i := range r.buttons {
		r.buttons[i] = widget.NewButton("", nil)
		right.Add(r.buttons[i])
	}
	// The buttons go under the text, which then has the whole width:
	// large text is cut less.
	r.box = container.NewVBox(r.title, r.detail, r.extra, right)
	r.ExtendBaseWidget(r)
	return r
}

func (r *programmeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// setButton shows button i as text doing f, or hides it when text is "".
func (r *programmeRow) setButton(i int, text string, f func()) {
	b := r.buttons[i]
	b.OnTapped = f
	if text == "" {
		b.Hide()
		return
	}
	b.SetText(text)
	b.Show()
}

func (v *ProgrammesView) setCompanyRow(r *programmeRow, c app.Company) {
	r.title.SetText(c.Name)
	r.detail.SetText(lang.X("company.industry_line", "Industry: {{.Industry}}", map[string]any{"Industry": c.Industry}))
	r.extra.Hide()
	r.setButton(0, lang.X("programmes.edit", "Edit"), func() { v.editCompany(c) })
	r.setButton(1, "", nil)
	r.setButton(2, "", nil)
	r.box.Refresh()
}

func (v *ProgrammesView) setCohortRow(r *programmeRow, c app.Cohort) {
	r.title.SetText(lang.X("cohort.title_line", "{{.Name}} ({{.State}})", map[string]any{"Name": c.Name, "State": cohortStateText(c.State)}))
	r.detail.SetText(periodText(c))
	r.extra.SetText(rulesText(c.Rules))
	r.extra.Show()
	r.setButton(0, lang.X("programmes.edit", "Edit"), func() { v.editCohort(c) })
	r.setButton(1, lang.X("cohort.members", "Members"), func() { v.editMembers(c) })
	switch c.State {
	case app.CohortDraft:
		r.setButton(2, lang.X("cohort.open", "Open for offers"), func() { v.setState(c, app.CohortOpen) })
	case app.CohortOpen:
		r.setButton(2, lang.X("cohort.close", "Close"), func() { v.setState(c, app.CohortClosed) })
	default:
		r.setButton(2, "", nil)
	}
	r.box.Refresh()
}

// formDialog shows a form with its own buttons: Enter never sends it.
func formDialog(win fyne.Window, title string, form fyne.CanvasObject, errLine *widgets.Paragraph, save func(), size fyne.Size) dialog.Dialog {
	var d dialog.Dialog
	saveB := widget.NewButtonWithIcon(lang.X("programmes.save", "Save"), theme.DocumentSaveIcon(), save)
	saveB.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.X("invite.back", "Go back"), theme.CancelIcon(), func() { d.Hide() })
	content := container.NewBorder(nil, container.NewVBox(errLine, container.NewHBox(layout.NewSpacer(), tall(cancel), tall(saveB))), nil, nil,
		container.NewVScroll(form))
	d = dialog.NewCustomWithoutButtons(title, content, win)
	d.Resize(size)
	d.Show()
	return d
}

func newErrorLine() *widgets.Paragraph {
	p := widgets.NewParagraph("")
	p.Label.Importance = widget.DangerImportance
	p.Hide()
	return p
}

func showError(p *widgets.Paragraph, text string) {
	p.SetText(text)
	p.Show()
}

// companyForm edits one company.
type companyForm struct {
	c        app.Company
	name     *widget.Entry
	industry *widget.Entry
	errLine  *widgets.Paragraph
	dialog   dialog.Dialog
	save     func()
}

// validateCompany says what is wrong with c, or "".
func validateCompany(c app.Company) string {
	switch {
	case strings.TrimSpace(c.Name) == "":
		return lang.X("company.need_name", "Please enter the company's name.")
	case utf8.RuneCountInString(c.Name) > maxCompanyName || utf8.RuneCountInString(c.Industry) > maxCompanyName:
		return lang.X("company.too_long", "The name or the industry is too long. Please shorten it to {{.Max}} characters or fewer.", map[string]any{"Max": maxCompanyName})
	}
	return ""
}

func (v *ProgrammesView) editCompany(c app.Company) {
	f := &companyForm{c: c, name: widget.NewEntry(), industry: widget.NewEntry(), errLine: newErrorLine()}
	f.name.SetText(c.Name)
	f.industry.SetText(c.Industry)
	f.industry.SetPlaceHolder(lang.X("company.industry_hint", "e.g. manufacturing, trading, finance"))
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("company.name", "Company name")), f.name,
		widget.NewLabel(lang.X("company.industry", "Industry")), f.industry)
	title := lang.X("company.edit_title", "Edit the company")
	if c.ID == "" {
		title = lang.X("company.add", "Add a company")
	}
	f.save = func() {
		nc := f.c
		nc.Name, nc.Industry = strings.TrimSpace(f.name.Text), strings.TrimSpace(f.industry.Text)
		if msg := validateCompany(nc); msg != "" {
			showError(f.errLine, msg)
			return
		}
		showError(f.errLine, lang.X("admin.saving", "Saving…"))
		callServer(func(ctx context.Context) (app.Company, error) { return v.svc.SaveCompany(ctx, nc) },
			func(saved app.Company, err error) {
				if err != nil {
					showError(f.errLine, errorText(err))
					return
				}
				f.dialog.Hide()
				v.loadThen(lang.X("company.saved", "“{{.Name}}” was saved.", map[string]any{"Name": saved.Name}))
			})
	}
	f.dialog = formDialog(v.win, title, form, f.errLine, f.save, fyne.NewSize(560, 320))
	v.companyForm = f
}

// datePicker chooses a day on our own month view.
type datePicker struct {
	btn   *widget.Button
	day   time.Time
	popup *widget.PopUp
}

func newDatePicker(day time.Time) *datePicker {
	p := &datePicker{}
	p.btn = widget.NewButtonWithIcon(lang.X("slot.choose_day", "Choose a day"), theme.CalendarIcon(), p.open)
	if !day.IsZero() {
		p.set(day)
	}
	return p
}

func (p *datePicker) set(day time.Time) {
	p.day = app.StartOfDay(day)
	p.btn.SetText(widgets.FormatDate(p.day))
}

func (p *datePicker) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.btn)
	if c == nil {
		return
	}
	start := p.day
	if start.IsZero() {
		start = time.Now()
	}
	grid := widgets.NewMonthGrid(start)
	grid.OnSelected = func(day time.Time) {
		p.set(day)
		p.popup.Hide()
	}
	p.popup = widget.NewModalPopUp(container.NewBorder(nil,
		widget.NewButton(lang.X("dialog.cancel", "Cancel"), func() { p.popup.Hide() }), nil, nil, grid), c)
	p.popup.Resize(fyne.NewSize(420, 420))
	p.popup.Show()
}

// numberChoice chooses one of a few numbers.
func numberChoice(values []int, chosen int, unit string) *widget.Select {
	var opts []string
	for _, n := range values {
		opts = append(opts, lang.X(unit, "{{.N}}", map[string]any{"N": n}))
	}
	s := widget.NewSelect(opts, nil)
	if i := slices.Index(values, chosen); i >= 0 {
		s.SetSelectedIndex(i)
	}
	return s
}

func span(b [2]int) []int {
	var out []int
	for n := b[0]; n <= b[1]; n++ {
		out = append(out, n)
	}
	return out
}

// cohortForm edits one programme.
type cohortForm struct {
	c                           app.Cohort
	name                        *widget.Entry
	start, end                  *datePicker
	expiry, sent, received, len *widget.Select
	errLine                     *widgets.Paragraph
	dialog                      dialog.Dialog
	save                        func()
}

// validateCohort says what is wrong with c, or "".
func validateCohort(c app.Cohort) string {
	in := func(n int, b [2]int) bool { return n >= b[0] && n <= b[1] }
	r := c.Rules
	switch {
	case strings.TrimSpace(c.Name) == "":
		return lang.X("cohort.need_name", "Please enter the programme's name.")
	case utf8.RuneCountInString(c.Name) > maxCohortName:
		return lang.X("cohort.name_too_long", "The name is too long. Please shorten it to {{.Max}} characters or fewer.", map[string]any{"Max": maxCohortName})
	case c.StartsOn.IsZero() || c.EndsOn.IsZero():
		return lang.X("cohort.need_dates", "Please choose the first and the last day.")
	case c.EndsOn.Before(c.StartsOn):
		return lang.X("cohort.end_before_start", "The last day is before the first day. Please choose the days again.")
	case c.EndsOn.Sub(c.StartsOn) > 2*366*24*time.Hour:
		return lang.X("cohort.too_long", "A programme can last two years at most. Please choose an earlier last day.")
	case !in(r.OfferExpiryDays, ruleExpiryDays) || !in(r.MaxPendingSent, ruleMaxSent) ||
		!in(r.MaxPendingReceived, ruleMaxReceived) || !slices.Contains(ruleTalkMinutes, r.TalkMinutes):
		return lang.X("cohort.bad_rules", "Please choose every rule from its list.")
	}
	return ""
}

func pick(s *widget.Select, values []int) int {
	if i := s.SelectedIndex(); i >= 0 && i < len(values) {
		return values[i]
	}
	return 0
}

func (v *ProgrammesView) editCohort(c app.Cohort) {
	f := &cohortForm{c: c, name: widget.NewEntry(), start: newDatePicker(c.StartsOn), end: newDatePicker(c.EndsOn), errLine: newErrorLine()}
	f.name.SetText(c.Name)
	f.name.SetPlaceHolder(lang.X("cohort.name_hint", "e.g. 2027 first round"))
	f.expiry = numberChoice(span(ruleExpiryDays), c.Rules.OfferExpiryDays, "cohort.unit.days")
	f.sent = numberChoice(span(ruleMaxSent), c.Rules.MaxPendingSent, "cohort.unit.offers")
	f.received = numberChoice(span(ruleMaxReceived), c.Rules.MaxPendingReceived, "cohort.unit.offers")
	f.len = numberChoice(ruleTalkMinutes, c.Rules.TalkMinutes, "cohort.unit.minutes")
	label := func(key, fallback string) *widget.Label {
		l := widget.NewLabel(lang.X(key, fallback))
		return l
	}
	form := container.New(layout.NewFormLayout(),
		label("cohort.name", "Programme name"), f.name,
		label("cohort.starts", "First day"), f.start.btn,
		label("cohort.ends", "Last day"), f.end.btn,
		label("cohort.rule.expiry", "An offer expires after"), f.expiry,
		label("cohort.rule.sent", "Offers one person may have waiting (sent)"), f.sent,
		label("cohort.rule.received", "Offers one person may have waiting (received)"), f.received,
		label("cohort.rule.minutes", "Length of a talk"), f.len,
	)
	title := lang.X("cohort.edit_title", "Edit the programme")
	if c.ID == "" {
		title = lang.X("cohort.add", "Create a programme")
	}
	f.save = func() {
		nc := f.c
		nc.Name = strings.TrimSpace(f.name.Text)
		nc.StartsOn, nc.EndsOn = f.start.day, f.end.day
		nc.Rules = app.Rules{
			OfferExpiryDays:    pick(f.expiry, span(ruleExpiryDays)),
			MaxPendingSent:     pick(f.sent, span(ruleMaxSent)),
			MaxPendingReceived: pick(f.received, span(ruleMaxReceived)),
			TalkMinutes:        pick(f.len, ruleTalkMinutes),
		}
		if msg := validateCohort(nc); msg != "" {
			showError(f.errLine, msg)
			return
		}
		showError(f.errLine, lang.X("admin.saving", "Saving…"))
		callServer(func(ctx context.Context) (app.Cohort, error) { return v.svc.SaveCohort(ctx, nc) },
			func(saved app.Cohort, err error) {
				if err != nil {
					showError(f.errLine, errorText(err))
					return
				}
				f.dialog.Hide()
				v.loadThen(lang.X("cohort.saved", "“{{.Name}}” was saved.", map[string]any{"Name": saved.Name}))
			})
	}
	f.dialog = formDialog(v.win, title, form, f.errLine, f.save, fyne.NewSize(760, 560))
	v.cohortForm = f
}

func (v *ProgrammesView) setState(c app.Cohort, st app.CohortState) {
	data := map[string]any{"Name": c.Name}
	title, msg, yes := lang.X("cohort.open_title", "Open the programme"),
		lang.X("cohort.open_confirm", "“{{.Name}}” will open: its members can send offers. Open it?", data),
		lang.X("cohort.open", "Open for offers")
	if st == app.CohortClosed {
		title, msg, yes = lang.X("cohort.close_title", "Close the programme"),
			lang.X("cohort.close_confirm", "“{{.Name}}” will close. Every offer still waiting for an answer will expire, and no new offer can be sent. Close it?", data),
			lang.X("cohort.close", "Close")
	}
	text := widgets.NewParagraph(msg)
	dialog.NewCustomConfirm(title, yes, lang.X("invite.back", "Go back"),
		container.NewGridWrap(fyne.NewSize(460, text.MinSize().Height*4), text), func(ok bool) {
			if !ok {
				return
			}
			v.status.busy(lang.X("admin.saving", "Saving…"))
			callServer(func(ctx context.Context) (struct{}, error) {
				return struct{}{}, v.svc.SetCohortState(ctx, c.ID, st)
			}, func(_ struct{}, err error) {
				if err != nil {
					v.status.fail(err)
					return
				}
				v.loadThen(lang.X("cohort.state_done", "“{{.Name}}” is now: {{.State}}.", map[string]any{"Name": c.Name, "State": cohortStateText(st)}))
			})
		}, v.win).Show()
}

// membersForm chooses a programme's members, one company at a time.
type membersForm struct {
	v       *ProgrammesView
	cohort  app.Cohort
	company *companyChoice
	list    *widget.List
	people  []app.Invitation
	members map[string]bool // in the programme now, as the server said
	chosen  map[string]bool // as the form says
	errLine *widgets.Paragraph
	dialog  dialog.Dialog
	save    func()
}

func (v *ProgrammesView) editMembers(c app.Cohort) {
	f := &membersForm{v: v, cohort: c, members: map[string]bool{}, chosen: map[string]bool{}, errLine: newErrorLine()}
	f.company = newCompanyChoice(false, f.load)
	f.company.set(v.companies)
	f.list = widget.NewList(func() int { return len(f.people) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := f.people[i]
			ch := o.(*widget.Check)
			ch.OnChanged = nil
			ch.Text = p.Name
			if p.EmployeeNo != "" {
				ch.Text = lang.X("cohort.member_line", "{{.Name}} ({{.No}})", map[string]any{"Name": p.Name, "No": p.EmployeeNo})
			}
			ch.SetChecked(f.chosen[p.ParticipantID])
			ch.OnChanged = func(on bool) { f.chosen[p.ParticipantID] = on }
			ch.Refresh()
		})
	hint := widgets.NewParagraph(lang.X("cohort.members_hint", "Choose a company, tick the people who take part in this programme, then press “Save”."))
	// A whole company joins or leaves a programme with one tap.
	all := widget.NewButtonWithIcon(lang.X("cohort.members_all", "Choose everyone of this company"), theme.CheckButtonCheckedIcon(), func() { f.chooseAll(true) })
	none := widget.NewButtonWithIcon(lang.X("cohort.members_none", "Choose nobody of this company"), theme.CheckButtonIcon(), func() { f.chooseAll(false) })
	content := container.NewBorder(container.NewVBox(hint, f.company.sel, container.NewHBox(all, none)), nil, nil, nil, f.list)
	f.save = f.apply
	f.dialog = formDialog(v.win, lang.X("cohort.members_title", "Members of “{{.Name}}”", map[string]any{"Name": c.Name}), content, f.errLine, f.save, fyne.NewSize(640, 600))
	v.membersForm = f
}

// load loads the chosen company's people and who of them is a member.
func (f *membersForm) load() {
	company := f.company.ID()
	if company == "" {
		return
	}
	showError(f.errLine, lang.X("admin.loading", "Loading…"))
	type data struct {
		people []app.Invitation
		acts   []app.Activity
	}
	cohort := f.cohort.ID
	callServer(func(ctx context.Context) (data, error) {
		var d data
		var err error
		if d.people, err = f.v.svc.Invitations(ctx, company); err != nil {
			return d, err
		}
		d.acts, err = f.v.svc.Activity(ctx, app.Scope{CohortID: cohort, CompanyID: company})
		return d, err
	}, func(d data, err error) {
		if err != nil {
			showError(f.errLine, errorText(err))
			return
		}
		f.errLine.Hide()
		// A programme's members are participants: HR and secretariat
		// staff take no part, and the activity lists none of them.
		f.people = slices.DeleteFunc(d.people, func(p app.Invitation) bool {
			return p.Role != "" && p.Role != app.RoleParticipant
		})
		f.members, f.chosen = map[string]bool{}, map[string]bool{}
		for _, a := range d.acts {
			f.members[a.ParticipantID], f.chosen[a.ParticipantID] = true, true
		}
		f.list.Refresh()
	})
}

// chooseAll ticks (on) or unticks every person of the chosen company.
func (f *membersForm) chooseAll(on bool) {
	for _, p := range f.people {
		f.chosen[p.ParticipantID] = on
	}
	f.list.Refresh()
}

// changes are the people to add and to remove.
func (f *membersForm) changes() (add, remove []string) {
	for _, p := range f.people {
		id := p.ParticipantID
		switch {
		case f.chosen[id] && !f.members[id]:
			add = append(add, id)
		case !f.chosen[id] && f.members[id]:
			remove = append(remove, id)
		}
	}
	return add, remove
}

func (f *membersForm) apply() {
	add, remove := f.changes()
	if len(add)+len(remove) == 0 {
		f.dialog.Hide()
		return
	}
	showError(f.errLine, lang.X("admin.saving", "Saving…"))
	cohort := f.cohort.ID
	callServer(func(ctx context.Context) (struct{}, error) {
		if len(add) > 0 {
			if err := f.v.svc.SetMembers(ctx, cohort, add, true); err != nil {
				return struct{}{}, err
			}
		}
		if len(remove) > 0 {
			return struct{}{}, f.v.svc.SetMembers(ctx, cohort, remove, false)
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			showError(f.errLine, errorText(err))
			return
		}
		f.dialog.Hide()
		if f.v.OnChanged != nil {
			f.v.OnChanged()
		}
		f.v.status.done(lang.X("cohort.members_saved", "Members saved: {{.Added}} added, {{.Removed}} removed.",
			map[string]any{"Added": strconv.Itoa(len(add)), "Removed": strconv.Itoa(len(remove))}))
	})
}
