package ui

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The self-assessment of career autonomy (issue 18): the same few
// statements, each answered 1–5, at joining a programme (「はじめのアンケート」,
// selfassessment.submit.v1) and again in its programme survey. Their
// wording lives in app (app.SelfAssessmentStatements, in Japanese and
// English) so that the secretariat's report reads the same words; the
// screens pick the language the app speaks.

// inEnglish reports whether the app speaks English now, for the texts
// that app keeps in both languages.
func inEnglish() bool { return lang.X("language.code", "en") == "en" }

// statementText is statement s in the app's language.
func statementText(s app.Statement) string {
	if inEnglish() {
		return s.En
	}
	return s.Ja
}

// scaleText is the label of answer v of the self-assessment's scale.
func scaleText(v int) string {
	for _, l := range app.SelfAssessmentScale {
		if l.Value == v {
			if inEnglish() {
				return l.En
			}
			return l.Ja
		}
	}
	return ""
}

// numberedStatement is the i-th (from 0) statement with its number.
func numberedStatement(i int, s app.Statement) string {
	return lang.X("selfassessment.statement", "{{.N}}. {{.Text}}", map[string]any{"N": i + 1, "Text": statementText(s)})
}

// assessmentPerPage is how many statements a page shows: two fit a
// 1024×768 screen with the largest text.
const assessmentPerPage = 2

// assessment is the statements, each with its row of answers 1–5, laid
// out assessmentPerPage to a page.
type assessment struct {
	choices []*scoreChoice // in the order of app.SelfAssessmentStatements
	pages   []*fyne.Container
}

// newAssessment makes the statements' pages; onChanged runs after any
// answer was chosen.
func newAssessment(onChanged func()) *assessment {
	a := &assessment{}
	low, high := scaleText(app.MinAssessment), scaleText(app.MaxAssessment)
	var page *fyne.Container
	for i, s := range app.SelfAssessmentStatements {
		if i%assessmentPerPage == 0 {
			page = container.NewVBox()
			a.pages = append(a.pages, page)
		} else {
			page.Add(widget.NewSeparator())
		}
		c := newScoreChoice(app.MinAssessment, app.MaxAssessment, low, high)
		c.onChanged = onChanged
		a.choices = append(a.choices, c)
		page.Add(fieldLabel(numberedStatement(i, s)))
		page.Add(c)
	}
	return a
}

// answers are the answers chosen, by statement id, and the first
// statement not answered yet (-1 when all are).
func (a *assessment) answers() (map[string]int, int) {
	out := map[string]int{}
	missing := -1
	for i, s := range app.SelfAssessmentStatements {
		v, ok := a.choices[i].Value()
		if !ok {
			if missing < 0 {
				missing = i
			}
			continue
		}
		out[s.ID] = v
	}
	return out, missing
}

// assessmentMissing is what a form says when a statement is not answered.
func assessmentMissing() string {
	return lang.X("selfassessment.missing", "A statement has no answer yet. Please choose one of 1 to 5.")
}

// keepScores keeps the scores chosen in choices, by name, as the field
// "scores" of draft: a small JSON object of the names chosen and their
// scores, "" while none is chosen. Each choice saves the draft, after
// what it ran before.
func keepScores(draft *widgets.DraftForm, choices map[string]*scoreChoice) {
	for _, c := range choices {
		previous := c.onChanged
		c.onChanged = func() {
			if previous != nil {
				previous()
			}
			draft.Changed()
		}
	}
	get := func() string {
		v := map[string]int{}
		for name, c := range choices {
			if n, ok := c.Value(); ok {
				v[name] = n
			}
		}
		if len(v) == 0 {
			return ""
		}
		b, _ := json.Marshal(v) // a map of ints always marshals
		return string(b)
	}
	set := func(s string) {
		var v map[string]int
		if json.Unmarshal([]byte(s), &v) != nil {
			return // not a draft of this form's: nothing to restore
		}
		for name, n := range v {
			if c, ok := choices[name]; ok && n >= c.lo && n < c.lo+len(c.buttons) {
				c.SetValue(n)
			}
		}
	}
	draft.Field("scores", get, set)
}

// byStatement is a's choices by statement id.
func (a *assessment) byStatement() map[string]*scoreChoice {
	m := map[string]*scoreChoice{}
	for i, s := range app.SelfAssessmentStatements {
		m[s.ID] = a.choices[i]
	}
	return m
}

// pagedForm is an answer dialog shown one page at a time, as the talk's
// survey is: 次へ goes on once the page's questions are answered, 戻る goes
// back, the last page sends. The dialog keeps the size of its tallest
// page and 戻る its place (greyed out on the first page), so that the
// buttons stay put from page to page.
type pagedForm struct {
	form  *answerForm
	steps *widgets.Steps
	next  *widget.Button
	back  *widget.Button
	send  *widget.Button
	later *widget.Button
	// missing is the first page up to upTo with a question not answered,
	// and what to say of it; -1 when every one is.
	missing func(upTo int) (int, string)
}

// newPagedForm makes a dialog titled title over win, headed by the bold
// line heading and the page indicator, whose pages are bodies; the last
// page's button sends (onSend). draft keeps what is answered until it is
// sent; its note shows under the heading, on every page. Show it with
// form.show.
func newPagedForm(svc Services, win fyne.Window, title, heading string, bodies []fyne.CanvasObject, draft *widgets.DraftForm, onSend func()) *pagedForm {
	p := &pagedForm{}
	p.next = widget.NewButtonWithIcon(lang.X("steps.next", "Next"), theme.NavigateNextIcon(), p.forward)
	p.next.Importance = widget.HighImportance
	p.next.IconPlacement = widget.ButtonIconTrailingText
	p.back = widget.NewButtonWithIcon(lang.X("steps.back", "Back"), theme.NavigateBackIcon(), func() {
		if p.steps.At() > 0 {
			p.showStep(p.steps.At() - 1)
		}
	})
	p.send = widget.NewButton(lang.X("survey.send", "Send"), onSend)
	p.send.Importance = widget.HighImportance
	pages := make([][]fyne.CanvasObject, len(bodies))
	for i, b := range bodies {
		pages[i] = []fyne.CanvasObject{b, p.back} // 戻る keeps its place on the first page, greyed out
		if i < len(bodies)-1 {
			pages[i] = append(pages[i], p.next)
		} else {
			pages[i] = append(pages[i], p.send)
		}
	}
	p.steps = widgets.NewSteps(pages...)
	who := inboxNote(heading)
	who.Label.TextStyle.Bold = true
	head := fyne.CanvasObject(container.NewBorder(nil, nil, nil, p.steps.Indicator, who))
	if draft != nil {
		head = container.NewVBox(head, draft.Note)
	}
	p.form = newAnswerForm(svc, win, title, append([]fyne.CanvasObject{head}, bodies...)...)
	p.form.width = 760 // as the talk's survey: fewer lines to a question
	p.form.pages = p.steps
	p.form.setButtons(lang.X("survey.later", "Answer later"), p.back, p.next, p.send)
	p.later = p.form.buttons[0]
	if draft != nil {
		p.form.keep(draft)
	}
	p.backable()
	return p
}

// backable greys 戻る out on the first page.
func (p *pagedForm) backable() {
	if p.steps.At() == 0 {
		p.back.Disable()
	} else {
		p.back.Enable()
	}
}

// showStep shows page i.
func (p *pagedForm) showStep(i int) {
	p.form.clear()
	p.steps.Show(i)
	p.backable()
	p.form.fit()
	p.form.scroll.ScrollToTop()
}

// forward goes on to the next page once the questions so far are
// answered.
func (p *pagedForm) forward() {
	if page, m := p.missing(p.steps.At()); page >= 0 {
		p.showStep(page)
		p.form.say(m, widget.DangerImportance)
		return
	}
	p.showStep(p.steps.At() + 1)
}

// complete reports whether every question is answered; if not, it shows
// the first page with one that is not, and says so.
func (p *pagedForm) complete() bool {
	page, m := p.missing(p.steps.Len() - 1)
	if page < 0 {
		return true
	}
	p.showStep(page)
	p.form.say(m, widget.DangerImportance)
	return false
}

// SelfAssessmentDialog is 「はじめのアンケート」: the self-assessment a
// member answers at joining a programme.
type SelfAssessmentDialog struct {
	cohort app.Cohort
	onDone func()
	*pagedForm
	assess *assessment
}

// NewSelfAssessmentDialog makes the "before" self-assessment of
// programme c over win. onDone, if not nil, runs on the UI goroutine
// once it was sent; not when the user chose to answer later. Call Show
// to open it.
func NewSelfAssessmentDialog(svc Services, win fyne.Window, c app.Cohort, onDone func()) *SelfAssessmentDialog {
	d := &SelfAssessmentDialog{cohort: c, onDone: onDone}
	d.assess = newAssessment(func() { d.form.clear() })
	intro := inboxNote(lang.X("selfassessment.intro",
		"Welcome to {{.Programme}}. How do you feel about your career now? For each statement, please choose the answer closest to you, from 1 to 5. There are no right answers.",
		map[string]any{"Programme": c.Name}))
	bodies := make([]fyne.CanvasObject, len(d.assess.pages))
	for i, p := range d.assess.pages {
		bodies[i] = p
	}
	bodies[0] = container.NewVBox(intro, widget.NewSeparator(), d.assess.pages[0])
	last := len(bodies) - 1
	bodies[last] = container.NewVBox(bodies[last], widget.NewSeparator(),
		inboxNote(lang.X("selfassessment.private",
			"Your answers are never shown to other participants or to your company's HR. The secretariat sees only totals of five people or more. At the end of the programme you can see these answers beside your answers then.")))
	draft := widgets.NewDraftForm(svc, "self-assessment:"+c.ID)
	keepScores(draft, d.assess.byStatement())
	d.pagedForm = newPagedForm(svc, win, lang.X("selfassessment.title", "First questions"),
		c.Name, bodies, draft, d.submit)
	d.missing = func(upTo int) (int, string) {
		if _, i := d.assess.answers(); i >= 0 && i/assessmentPerPage <= upTo {
			return i / assessmentPerPage, assessmentMissing()
		}
		return -1, ""
	}
	return d
}

// Show opens the dialog.
func (d *SelfAssessmentDialog) Show() { d.form.show() }

func (d *SelfAssessmentDialog) submit() {
	if !d.complete() {
		return
	}
	answers, _ := d.assess.answers()
	d.form.send(app.SelfAssessmentSubmit, app.SelfAssessmentArgs{CohortID: d.cohort.ID, Answers: answers}, func() {
		if d.onDone != nil {
			d.onDone()
		}
	})
}
