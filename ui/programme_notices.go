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

// The programme's questions wait in the inbox, as the talks' surveys do:
// nothing opens by itself. A notice at the top asks a new member for
// 「はじめのアンケート」 (the "before" self-assessment), and another asks,
// from the programme's last week until its survey closes, for the
// programme survey, in a reminder's words once its reminder is due. Each
// leaves once answered. The surveys' tab lists both while they wait, and
// counts them, and the programmes whose survey was answered with a
// button that shows the person's answers at joining and now side by side.

// programmeNotices are the inbox's notices and rows of the programmes.
type programmeNotices struct {
	in *Inbox

	before       programmeNotice // 「はじめのアンケート」 due
	beforeStatus app.ProgrammeStatus
	survey       programmeNotice // a programme survey due
	surveyStatus app.ProgrammeStatus

	// rows are the programmes' rows in the surveys' tab: a programme
	// survey waiting, or the answers side by side.
	rows   []*programmeRow
	list   *fyne.Container
	header *widgets.Paragraph

	// The dialogs opened last; for tests and the smoke walk.
	openedBefore *SelfAssessmentDialog
	openedSurvey *ProgrammeSurveyDialog
	openedChange *ProgrammeChangeView
}

// programmeNotice is one notice: a text and the button that opens what
// it asks for.
type programmeNotice struct {
	box    *fyne.Container // hidden while nothing is due
	text   *widgets.Paragraph
	answer *widget.Button
}

// programmeRow is one programme in the surveys' tab.
type programmeRow struct {
	status  app.ProgrammeStatus
	before  bool // the row of 「はじめのアンケート」; else of the programme survey
	content fyne.CanvasObject
	button  *widget.Button
}

func newProgrammeNotice(button string, open func()) programmeNotice {
	n := programmeNotice{text: inboxNote("")}
	n.text.Label.TextStyle.Bold = true
	n.answer = widget.NewButtonWithIcon(button, theme.DocumentCreateIcon(), open)
	n.answer.Importance = widget.HighImportance
	n.box = container.NewPadded(offerFrame(container.NewBorder(nil, nil, nil, n.answer, n.text)))
	n.box.Hide()
	return n
}

func newProgrammeNotices(in *Inbox) *programmeNotices {
	p := &programmeNotices{in: in}
	p.before = newProgrammeNotice(lang.X("programme.before.answer", "Answer"), func() { p.openBefore(p.beforeStatus) })
	p.survey = newProgrammeNotice(lang.X("programme.survey.answer", "Answer the review"), func() { p.openSurvey(p.surveyStatus) })
	p.header = fieldLabel(lang.X("programme.list.title", "Programme review"))
	p.header.Hide()
	p.list = container.NewVBox()
	return p
}

// beforeText is the notice asking for 「はじめのアンケート」 of c.
func beforeText(c app.Cohort) string {
	return lang.X("programme.before.notice",
		"{{.Programme}}: to begin, please tell us how you feel now, in {{.Count}} short questions (about a minute).",
		map[string]any{"Programme": c.Name, "Count": len(app.SelfAssessmentStatements)})
}

// surveyDueText is the notice asking for the programme survey of st: the
// programme and the last day it takes answers, in a reminder's words once
// the reminder is due.
func surveyDueText(st app.ProgrammeStatus) string {
	data := map[string]any{"Programme": st.Cohort.Name, "Date": widgets.FormatDate(st.Due.Closes.AddDate(0, 0, -1))}
	if st.Due.Remind {
		return lang.X("programme.survey.reminder",
			"The deadline is near: please answer the review of {{.Programme}} by {{.Date}}.", data)
	}
	return lang.X("programme.survey.notice",
		"Please help us with the review of {{.Programme}}. You can answer until {{.Date}}.", data)
}

// programmeQuestionsDue counts the programme questions waiting for an
// answer in statuses: each 「はじめのアンケート」 due and each programme
// survey open. The surveys' tab and the inbox's badge count them with
// the talks' surveys.
func programmeQuestionsDue(statuses []app.ProgrammeStatus) int {
	n := 0
	for _, st := range statuses {
		if st.BeforeDue {
			n++
		}
		if st.Due.Open {
			n++
		}
	}
	return n
}

// show shows what statuses ask for: the first "before" due and the first
// programme survey due (the latest programme first), and the programmes'
// rows.
func (p *programmeNotices) show(statuses []app.ProgrammeStatus) {
	p.before.box.Hide()
	p.survey.box.Hide()
	for i := len(statuses) - 1; i >= 0; i-- { // the latest wins
		st := statuses[i]
		if st.BeforeDue {
			p.beforeStatus = st
			p.before.text.SetText(beforeText(st.Cohort))
			p.before.box.Show()
		}
		if st.Due.Open {
			p.surveyStatus = st
			p.survey.text.SetText(surveyDueText(st))
			p.survey.box.Show()
		}
	}
	p.rows = p.rows[:0]
	var objs []fyne.CanvasObject
	for _, st := range statuses {
		for _, r := range p.newRows(st) {
			p.rows = append(p.rows, r)
			objs = append(objs, r.content)
		}
	}
	p.list.Objects = objs
	p.header.Hidden = len(objs) == 0
	p.list.Refresh()
	p.header.Refresh()
}

// newRows are st's rows in the surveys' tab, if any: its
// 「はじめのアンケート」 waiting, its programme survey waiting, or the
// answers to see side by side.
func (p *programmeNotices) newRows(st app.ProgrammeStatus) []*programmeRow {
	var rows []*programmeRow
	if st.BeforeDue {
		r := &programmeRow{status: st, before: true}
		r.button = widget.NewButtonWithIcon(lang.X("programme.before.answer", "Answer"), theme.DocumentCreateIcon(), func() { p.openBefore(st) })
		r.button.Importance = widget.HighImportance
		rows = append(rows, r.framed(lang.X("selfassessment.title", "First questions"), beforeText(st.Cohort)))
	}
	r := &programmeRow{status: st}
	var text string
	switch {
	case st.Due.Open:
		text = surveyDueText(st)
		r.button = widget.NewButtonWithIcon(lang.X("programme.survey.answer", "Answer the review"), theme.DocumentCreateIcon(), func() { p.openSurvey(st) })
		r.button.Importance = widget.HighImportance
	case st.After != nil:
		text = lang.X("programme.change.line", "Thank you for answering the review. You can see your answers beside those from when you joined.")
		r.button = widget.NewButton(lang.X("programme.change.open", "See how I have changed"), func() { p.openChange(st) })
	default:
		return rows
	}
	return append(rows, r.framed(st.Cohort.Name, text))
}

// framed lays r out in a frame: its title, text and button.
func (r *programmeRow) framed(title, text string) *programmeRow {
	name := inboxNote(title)
	name.Label.TextStyle.Bold = true
	name.Label.SizeName = theme.SizeNameSubHeadingText
	r.content = offerFrame(container.NewVBox(name, inboxNote(text), inboxGap(), container.NewHBox(talkTall(r.button))))
	return r
}

// openBefore shows 「はじめのアンケート」 of st's programme; once answered,
// the inbox reloads and its notice leaves.
func (p *programmeNotices) openBefore(st app.ProgrammeStatus) {
	p.openedBefore = NewSelfAssessmentDialog(p.in.svc, p.in.win, st.Cohort, p.in.answered)
	p.openedBefore.form.settled = p.in.settled
	p.openedBefore.Show()
}

// openSurvey shows the programme survey of st's programme; once
// answered, the inbox reloads and its notice leaves.
func (p *programmeNotices) openSurvey(st app.ProgrammeStatus) {
	p.openedSurvey = NewProgrammeSurveyDialog(p.in.svc, p.in.win, st, p.in.answered)
	p.openedSurvey.form.settled = p.in.settled
	p.openedSurvey.Show()
}

// openChange shows st's answers at joining and in the review side by
// side.
func (p *programmeNotices) openChange(st app.ProgrammeStatus) {
	if st.After == nil {
		return
	}
	p.openedChange = NewProgrammeChangeView(p.in.win, st.Cohort, st.Before, *st.After)
	p.openedChange.Show()
}
