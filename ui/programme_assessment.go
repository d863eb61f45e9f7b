package ui

import (
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

// pagedForm is an answer dialog shown one page at a time, as the talk's
// survey is: 次へ goes on once the page's questions are answered, 戻る goes
// back, the last page sends.
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
// page's button sends (onSend). Show it with form.show.
func newPagedForm(svc Services, win fyne.Window, title, heading string, bodies []fyne.CanvasObject, onSend func()) *pagedForm {
	p := &pagedForm{}
	p.next = widget.NewButtonWithIcon(lang.X("steps.next", "Next"), theme.NavigateNextIcon(), p.forward)
	p.next.Importance = widget.HighImportance
	p.next.IconPlacement = widget.ButtonIconTrailingText
	p.back = widget.NewButtonWithIcon(lang.X("steps.back", "Back"), theme.NavigateBackIcon(), func() { p.showStep(p.steps.At() - 1) })
	p.send = widget.NewButton(lang.X("survey.send", "Send"), onSend)
	p.send.Importance = widget.HighImportance
	pages := make([][]fyne.CanvasObject, len(bodies))
	for i, b := range bodies {
		pages[i] = []fyne.CanvasObject{b}
		if i > 0 {
			pages[i] = append(pages[i], p.back)
		}
		if i < len(bodies)-1 {
			pages[i] = append(pages[i], p.next)
		} else {
			pages[i] = append(pages[i], p.send)
		}
	}
	p.steps = widgets.NewSteps(pages...)
	who := inboxNote(heading)
	who.Label.TextStyle.Bold = true
	head := container.NewBorder(nil, nil, nil, p.steps.Indicator, who)
	p.form = newAnswerForm(svc, win, title, append([]fyne.CanvasObject{head}, bodies...)...)
	p.form.width = 760 // as the talk's survey: fewer lines to a question
	p.form.setButtons(lang.X("survey.later", "Answer later"), p.back, p.next, p.send)
	p.later = p.form.buttons[0]
	return p
}

// showStep shows page i.
func (p *pagedForm) showStep(i int) {
	p.form.clear()
	p.steps.Show(i)
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
	d.pagedForm = newPagedForm(svc, win, lang.X("selfassessment.title", "First questions"),
		c.Name, bodies, d.submit)
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
