package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// After a talk the app asks two questions — how satisfied, and whether
// one would recommend the talks to others — and an optional comment, or
// lets the user say that the talk did not happen. The answers are never
// shown to the other person. Each question and the comment is a page
// (「1 / 3」), so that with large text on a small screen nothing scrolls
// away from the buttons.

// SurveyDialog is the survey of one talk.
type SurveyDialog struct {
	talk   app.TalkItem
	onDone func()

	form         *answerForm
	satisfaction *scoreChoice
	recommend    *scoreChoice
	comment      *widget.Entry
	commentLimit *widgets.TextLimit
	noShow       *widget.Button // nil unless the talk may still be marked as not held
	steps        *widgets.Steps // the two questions, then the comment, one page each
	next         *widget.Button
	back         *widget.Button
	send         *widget.Button
	later        *widget.Button
}

// NewSurveyDialog makes the survey of talk over win. onDone, if not nil,
// is called on the UI goroutine after the survey was sent or the talk was
// marked as not held; not when the user chose to answer later. Call Show
// to open it.
func NewSurveyDialog(svc Services, win fyne.Window, talk app.TalkItem, onDone func()) *SurveyDialog {
	d := &SurveyDialog{talk: talk, onDone: onDone}
	d.satisfaction = newScoreChoice(1, 7,
		lang.X("survey.satisfaction.low", "Not satisfied"), lang.X("survey.satisfaction.high", "Very satisfied"))
	d.recommend = newScoreChoice(0, 10,
		lang.X("survey.recommend.low", "Not at all"), lang.X("survey.recommend.high", "Very much"))
	d.comment = widget.NewMultiLineEntry()
	d.comment.Wrapping = fyne.TextWrapWord
	d.comment.SetMinRowsVisible(5) // the second page has the room
	d.comment.SetPlaceHolder(lang.X("survey.comment_hint", "What was good, what could be better…"))
	d.commentLimit = widgets.LimitText(d.comment, lang.X("limit.field.comment", "Comments"), app.MaxCommentRunes)
	draft := widgets.NewDraftForm(svc, "survey:"+talk.ID).Entry("comment", d.comment)

	who := inboxNote(lang.X("survey.talk_with", "Your cross talk with {{.Person}}",
		map[string]any{"Person": personText(talk.OtherName, talk.OtherCompany)}))
	who.Label.TextStyle.Bold = true
	questions := container.NewVBox(
		inboxNote(widgets.FormatSlot(app.Slot{Start: talk.Start, End: talk.End})),
		inboxNote(lang.X("survey.intro", "How was your cross talk? Please answer two questions.")),
		widget.NewSeparator(),
		fieldLabel(lang.X("survey.satisfaction", "Satisfaction: how satisfied are you with this cross talk?")),
		d.satisfaction,
	)
	if talk.State == app.TalkScheduled {
		// A talk already marked as held cannot be marked as not held.
		d.noShow = widget.NewButton(lang.X("survey.no_show", "The talk did not take place"), d.askNoShow)
		questions.Add(widget.NewSeparator())
		questions.Add(d.noShow)
	}
	recommend := container.NewVBox(
		fieldLabel(lang.X("survey.recommend", "Would you recommend it: how much would you recommend cross talks to others?")),
		d.recommend,
	)
	comment := container.NewVBox(
		fieldLabel(lang.X("survey.comment", "Comments (optional)")),
		draft.Note,
		d.comment,
		d.commentLimit.Note,
		inboxNote(lang.X("survey.private", "Your answers are never shown to the other person.")),
	)
	d.next = widget.NewButtonWithIcon(lang.X("steps.next", "Next"), theme.NavigateNextIcon(), d.forward)
	d.next.Importance = widget.HighImportance
	d.next.IconPlacement = widget.ButtonIconTrailingText
	d.back = widget.NewButtonWithIcon(lang.X("steps.back", "Back"), theme.NavigateBackIcon(), func() { d.showStep(d.steps.At() - 1) })
	d.send = widget.NewButton(lang.X("survey.send", "Send"), d.submit)
	d.send.Importance = widget.HighImportance
	d.steps = widgets.NewSteps(
		[]fyne.CanvasObject{questions, d.next},
		[]fyne.CanvasObject{recommend, d.back, d.next},
		[]fyne.CanvasObject{comment, d.back, d.send})

	// Whose talk it is, and where the user is, head every page.
	head := container.NewBorder(nil, nil, nil, d.steps.Indicator, who)
	d.form = newAnswerForm(svc, win, lang.X("survey.title", "Survey about your cross talk"), head, questions, recommend, comment)
	d.form.width = 760 // fewer lines to a question: more of it fits a low window
	d.form.keep(draft)
	d.satisfaction.onChanged = d.form.clear
	d.recommend.onChanged = d.form.clear
	d.commentLimit.OnChanged = d.form.clear
	d.form.setButtons(lang.X("survey.later", "Answer later"), d.back, d.next, d.send)
	d.later = d.form.buttons[0]
	if d.noShow != nil {
		d.form.buttons = append(d.form.buttons, d.noShow) // disabled while sending
	}
	return d
}

// showStep shows page i: a question (0, 1) or the comment (2).
func (d *SurveyDialog) showStep(i int) {
	d.form.clear()
	d.steps.Show(i)
	d.form.fit()
	d.form.scroll.ScrollToTop()
}

// missing is the first page whose question is not answered yet, and what
// to say about it; the page is -1 when both are answered.
func (d *SurveyDialog) missing() (int, string) {
	if _, ok := d.satisfaction.Value(); !ok {
		return 0, lang.X("survey.missing_satisfaction", "Please choose how satisfied you are.")
	}
	if _, ok := d.recommend.Value(); !ok {
		return 1, lang.X("survey.missing_recommend", "Please choose how much you would recommend it.")
	}
	return -1, ""
}

// forward goes on to the next page once the question shown is answered.
func (d *SurveyDialog) forward() {
	if page, m := d.missing(); page >= 0 && page <= d.steps.At() {
		d.showStep(page)
		d.form.say(m, widget.DangerImportance)
		return
	}
	d.showStep(d.steps.At() + 1)
}

// Show opens the dialog.
func (d *SurveyDialog) Show() { d.form.show() }

func (d *SurveyDialog) done() {
	if d.onDone != nil {
		d.onDone()
	}
}

func (d *SurveyDialog) submit() {
	if page, m := d.missing(); page >= 0 {
		d.showStep(page)
		d.form.say(m, widget.DangerImportance)
		return
	}
	sat, _ := d.satisfaction.Value()
	rec, _ := d.recommend.Value()
	if p := d.commentLimit.Problem(); p != "" {
		d.form.say(p, widget.DangerImportance)
		return
	}
	d.form.send(app.SurveySubmit, app.SubmitSurveyArgs{
		TalkID: d.talk.ID, Satisfaction: &sat, Recommend: &rec, Comment: strings.TrimSpace(d.comment.Text),
	}, d.done)
}

func (d *SurveyDialog) askNoShow() {
	d.form.confirm(lang.X("survey.no_show_title", "The talk did not take place"),
		lang.X("survey.no_show_confirm", "Your cross talk with {{.Name}} will be recorded as not held. Is that right?",
			map[string]any{"Name": d.talk.OtherName}),
		lang.X("survey.no_show_yes", "Yes, it did not take place"), func() {
			d.form.send(app.TalkMarkNoShow, app.TalkArgs{TalkID: d.talk.ID}, d.done)
		})
}

// scoreChoice is a row of large buttons, one per score from lo to hi,
// with the meaning of the two ends written under it.
type scoreChoice struct {
	widget.BaseWidget
	lo      int
	value   int // lo-1 until chosen
	buttons []*widget.Button
	content fyne.CanvasObject

	onChanged func() // after a score was chosen
}

func newScoreChoice(lo, hi int, lowText, highText string) *scoreChoice {
	s := &scoreChoice{lo: lo, value: lo - 1}
	row := make([]fyne.CanvasObject, 0, hi-lo+1)
	for v := lo; v <= hi; v++ {
		b := widget.NewButton(strconv.Itoa(v), func() { s.SetValue(v) })
		s.buttons = append(s.buttons, b)
		row = append(row, b)
	}
	low := widget.NewLabel(lowText)
	high := widget.NewLabelWithStyle(highText, fyne.TextAlignTrailing, fyne.TextStyle{})
	s.content = container.NewVBox(container.NewGridWithColumns(len(row), row...), container.NewBorder(nil, nil, low, high))
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer is part of fyne.Widget.
func (s *scoreChoice) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// SetValue chooses score v.
func (s *scoreChoice) SetValue(v int) {
	s.value = v
	for i, b := range s.buttons {
		if s.lo+i == v {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	if s.onChanged != nil {
		s.onChanged()
	}
}

// Value is the chosen score, and whether one was chosen.
func (s *scoreChoice) Value() (int, bool) { return s.value, s.value >= s.lo }
