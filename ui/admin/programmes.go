package admin

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
	surveyForm  *surveyForm
	introForm   *introduceForm
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
	// The secretariat introduces two people of an open programme
	// (issue 19, introduce_form.go).
	introduce := widget.NewButtonWithIcon(lang.X("intro.button", "Introduce two people"), theme.AccountIcon(), v.introduce)

	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("programmes.tab.cohorts", "Programmes"), container.NewBorder(container.NewHBox(tall(addCohort)), nil, nil, nil, v.cohortL)),
		container.NewTabItem(lang.X("programmes.tab.companies", "Companies"), container.NewBorder(container.NewHBox(tall(addCompany)), nil, nil, nil, v.companyL)),
	)
	top := container.NewVBox(heading(lang.X("programmes.title", "Companies and programmes")),
		container.NewHBox(reload, introduce), v.status.text)
	// In a short window the heading and the status scroll, and the
	// lists keep their room.
	body, _ := widgets.Squeezed(top, v.tabs)
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

// The names of a programme's rules, the same in its form and in the
// list.
func ruleExpiryName() string  { return lang.X("cohort.rule.expiry", "Time to answer an offer") }
func ruleMinutesName() string { return lang.X("cohort.rule.minutes", "Length of a talk") }
func ruleSentName() string    { return lang.X("cohort.rule.sent", "Offers waiting at once, sent") }
func ruleReceivedName() string {
	return lang.X("cohort.rule.received", "Offers waiting at once, received")
}

// rulesText sums up a programme's rules in two lines, with the names
// and the values its form shows: the times, then the offers waiting.
func rulesText(r app.Rules) (times, waiting string) {
	item := func(name, unit string, n int) string {
		return lang.X("cohort.rule_item", "{{.Label}}: {{.Value}}", map[string]any{"Label": name, "Value": lang.X(unit, "{{.N}}", map[string]any{"N": n})})
	}
	join := lang.X("cohort.rule_join", " · ")
	return item(ruleExpiryName(), "cohort.unit.days", r.OfferExpiryDays) + join + item(ruleMinutesName(), "cohort.unit.minutes", r.TalkMinutes),
		item(ruleSentName(), "cohort.unit.offers", r.MaxPendingSent) + join + item(ruleReceivedName(), "cohort.unit.offers", r.MaxPendingReceived)
}

// programmeRow is one company or programme in a list.
type programmeRow struct {
	widget.BaseWidget
	title   *widget.Label
	detail  *widget.Label
	extra   *widget.Label
	extra2  *widget.Label
	buttons [4]*widget.Button
	box     *fyne.Container
}

func newProgrammeRow() *programmeRow {
	r := &programmeRow{title: widget.NewLabel(""), detail: widget.NewLabel(""), extra: widget.NewLabel(""), extra2: widget.NewLabel("")}
	r.extra.Truncation = fyne.TextTruncateEllipsis
	r.extra2.Truncation = fyne.TextTruncateEllipsis
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	right := container.NewHBox()
	for i := range r.buttons {
		r.buttons[i] = widget.NewButton("", nil)
		right.Add(r.buttons[i])
	}
	// The buttons go under the text, which then has the whole width:
	// large text is cut less. The lines of text sit as close as a
	// paragraph's, so that a row leaves room for the list in a short
	// window at the largest text.
	r.box = container.NewVBox(widgets.NewSpacedVBox(-1, r.title, r.detail, r.extra, r.extra2), right)
	r.ExtendBaseWidget(r)
	return r
}

func (r *programmeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// setButton shows button i as text doing f, or hides it when text is "".
func (r *programmeRow) setButton(i int, text string, f func()) {
	b := r.buttons[i]
	b.OnTapped = f
	b.Importance = widget.MediumImportance
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
	r.extra2.Hide()
	r.setButton(0, lang.X("programmes.edit", "Edit"), func() { v.editCompany(c) })
	r.setButton(1, "", nil)
	r.setButton(2, "", nil)
	r.setButton(3, "", nil)
	r.box.Refresh()
}

func (v *ProgrammesView) setCohortRow(r *programmeRow, c app.Cohort) {
	r.title.SetText(lang.X("cohort.title_line", "{{.Name}} ({{.State}})", map[string]any{"Name": c.Name, "State": cohortStateText(c.State)}))
	r.detail.SetText(periodText(c))
	times, waiting := rulesText(c.Rules)
	r.extra.SetText(times)
	r.extra2.SetText(waiting)
	r.extra.Show()
	r.extra2.Show()
	r.setButton(0, lang.X("programmes.edit", "Edit"), func() { v.editCohort(c) })
	r.setButton(1, lang.X("cohort.members", "Members"), func() { v.editMembers(c) })
	switch c.State {
	case app.CohortDraft:
		r.setButton(2, lang.X("cohort.open", "Open for offers"), func() { v.setState(c, app.CohortOpen) })
	case app.CohortOpen:
		r.setButton(2, lang.X("cohort.close", "Close"), func() { v.setState(c, app.CohortClosed) })
		r.buttons[2].Importance = widget.DangerImportance // it cannot be undone
		r.buttons[2].Refresh()
	default:
		r.setButton(2, "", nil)
	}
	r.setButton(3, lang.X("psurvey.button", "Review settings"), func() { v.editSurvey(c) })
	r.box.Refresh()
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
	// Closing cannot be undone: its offers expire.
	widgets.ShowConfirm(title, msg, yes, lang.X("invite.back", "Go back"), st == app.CohortClosed, func(ok bool) {
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
	}, v.win)
}
