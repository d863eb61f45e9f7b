package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The programme survey (プログラムのふりかえり, issue 18) asks, a page at a
// time as the talk's survey does: how satisfied with the programme and
// whether one would take part again (1–7), whether one would recommend it
// (0–10), the self-assessment's statements again, and two short free
// answers. Once sent, the person sees their answers at joining and now
// side by side (ProgrammeChangeView).

// Pages of the programme survey.
const (
	programmeStepFigures   = 0 // satisfaction and the next round
	programmeStepRecommend = 1
	programmeStepStatement = 2 // the first of the statements' pages
)

// ProgrammeSurveyDialog is the programme survey of one programme.
type ProgrammeSurveyDialog struct {
	status app.ProgrammeStatus
	onDone func()
	*pagedForm

	satisfaction *scoreChoice
	nextRound    *scoreChoice
	recommend    *scoreChoice
	assess       *assessment
	insight      *widget.Entry
	nextStep     *widget.Entry
	limits       []*widgets.TextLimit

	// change is the view of the answers side by side, opened once the
	// message that the survey was sent is closed; nil until then.
	change *ProgrammeChangeView
}

// NewProgrammeSurveyDialog makes the programme survey of st's programme
// over win. onDone, if not nil, runs on the UI goroutine once it was
// sent; not when the user chose to answer later. Call Show to open it.
func NewProgrammeSurveyDialog(svc Services, win fyne.Window, st app.ProgrammeStatus, onDone func()) *ProgrammeSurveyDialog {
	d := &ProgrammeSurveyDialog{status: st, onDone: onDone}
	clearMsg := func() { d.form.clear() }
	d.satisfaction = newScoreChoice(1, 7,
		lang.X("survey.satisfaction.low", "Not satisfied"), lang.X("survey.satisfaction.high", "Very satisfied"))
	d.nextRound = newScoreChoice(1, 7,
		lang.X("programme_survey.next_round.low", "Not at all"), lang.X("programme_survey.next_round.high", "Very much"))
	d.recommend = newScoreChoice(0, 10,
		lang.X("survey.recommend.low", "Not at all"), lang.X("survey.recommend.high", "Very much"))
	for _, c := range []*scoreChoice{d.satisfaction, d.nextRound, d.recommend} {
		c.onChanged = clearMsg
	}
	d.assess = newAssessment(clearMsg)

	free := func(hint, field string) (*widget.Entry, *widgets.TextLimit) {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
		e.SetPlaceHolder(hint)
		l := widgets.LimitText(e, field, app.MaxFreeAnswerRunes)
		d.limits = append(d.limits, l)
		return e, l
	}
	var insightLimit, nextStepLimit *widgets.TextLimit
	d.insight, insightLimit = free(lang.X("programme_survey.insight_hint", "For example: others have the same worries as I do"),
		lang.X("programme_survey.insight_field", "Your biggest insight"))
	d.nextStep, nextStepLimit = free(lang.X("programme_survey.next_step_hint", "For example: join a study group at work"),
		lang.X("programme_survey.next_step_field", "What you would like to try next"))
	draft := widgets.NewDraftForm(svc, "programme-survey:"+st.Cohort.ID).Entry("insight", d.insight).Entry("nextStep", d.nextStep)
	scores := d.assess.byStatement()
	scores["satisfaction"], scores["nextRound"], scores["recommend"] = d.satisfaction, d.nextRound, d.recommend
	keepScores(draft, scores)

	bodies := []fyne.CanvasObject{
		container.NewVBox(
			inboxNote(lang.X("programme_survey.intro",
				"How was {{.Programme}}? Please answer a few questions (about three minutes).", map[string]any{"Programme": st.Cohort.Name})),
			widget.NewSeparator(),
			fieldLabel(lang.X("programme_survey.satisfaction", "Overall: how satisfied are you with the programme?")),
			d.satisfaction,
			widget.NewSeparator(),
			fieldLabel(lang.X("programme_survey.next_round", "Next round: would you like to take part again?")),
			d.nextRound,
		),
		container.NewVBox(
			fieldLabel(lang.X("programme_survey.recommend", "Would you recommend it: how much would you recommend the programme to colleagues and friends?")),
			d.recommend,
		),
	}
	for i, p := range d.assess.pages {
		if i == 0 {
			bodies = append(bodies, container.NewVBox(inboxNote(lang.X("programme_survey.statements",
				"Now that the programme is ending, how do you feel? These are the same statements as when you joined; please choose from 1 to 5.")),
				widget.NewSeparator(), p))
			continue
		}
		bodies = append(bodies, p)
	}
	bodies = append(bodies, container.NewVBox(
		fieldLabel(lang.X("programme_survey.insight", "Your biggest insight (optional)")),
		d.insight, insightLimit.Note,
		fieldLabel(lang.X("programme_survey.next_step", "What you would like to try next (optional)")),
		d.nextStep, nextStepLimit.Note,
		inboxNote(lang.X("programme_survey.private",
			"Your answers are never shown to other participants or to your company's HR as yours. The secretariat sees only totals of five people or more, and your written answers without your name.")),
	))
	d.pagedForm = newPagedForm(svc, win, lang.X("programme_survey.title", "Programme review"), st.Cohort.Name, bodies, draft, d.submit)
	insightLimit.OnChanged = clearMsg
	nextStepLimit.OnChanged = clearMsg
	d.missing = d.firstMissing
	return d
}

// firstMissing is the first page up to upTo with a question not
// answered, and what to say of it; -1 when every one is.
func (d *ProgrammeSurveyDialog) firstMissing(upTo int) (int, string) {
	var page int
	var text string
	switch _, i := d.assess.answers(); {
	case !chosen(d.satisfaction):
		page, text = programmeStepFigures, lang.X("survey.missing_satisfaction", "Please choose how satisfied you are.")
	case !chosen(d.nextRound):
		page, text = programmeStepFigures, lang.X("programme_survey.missing_next_round", "Please choose whether you would take part again.")
	case !chosen(d.recommend):
		page, text = programmeStepRecommend, lang.X("survey.missing_recommend", "Please choose how much you would recommend it.")
	case i >= 0:
		page, text = programmeStepStatement+i/assessmentPerPage, assessmentMissing()
	default:
		return -1, ""
	}
	if page > upTo {
		return -1, ""
	}
	return page, text
}

func chosen(c *scoreChoice) bool { _, ok := c.Value(); return ok }

// Show opens the dialog.
func (d *ProgrammeSurveyDialog) Show() { d.form.show() }

func (d *ProgrammeSurveyDialog) submit() {
	if !d.complete() {
		return
	}
	if p := widgets.FirstProblem(d.limits...); p != "" {
		d.form.say(p, widget.DangerImportance)
		return
	}
	sat, _ := d.satisfaction.Value()
	next, _ := d.nextRound.Value()
	rec, _ := d.recommend.Value()
	answers, _ := d.assess.answers()
	args := app.ProgrammeSurveyArgs{
		CohortID: d.status.Cohort.ID, Satisfaction: &sat, NextRound: &next, Recommend: &rec,
		Insight: strings.TrimSpace(d.insight.Text), NextStep: strings.TrimSpace(d.nextStep.Text),
		Assessment: answers,
	}
	d.form.send(app.ProgrammeSurveySubmit, args, func() {
		after := app.SelfAssessment{CohortID: d.status.Cohort.ID, Phase: app.PhaseAfter, Answers: answers}
		// The answers side by side, once the person has read that the
		// survey was sent.
		if d.form.done != nil {
			d.form.done.SetOnClosed(func() {
				d.change = NewProgrammeChangeView(d.form.win, d.status.Cohort, d.status.Before, after)
				d.change.Show()
			})
		}
		if d.onDone != nil {
			d.onDone()
		}
	})
}
