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

// Surveys wait until the person chooses to answer them: nothing opens by
// itself. The inbox tells of the surveys due in a notice at its top,
// lists their talks in a tab of their own, each with a button that opens
// its survey, and counts them in its tab's badge; a talk's detail has the
// same button. An answered survey leaves the list.

// surveyList is the inbox's list of the talks whose survey is due, and
// the notice above the inbox that tells of them.
type surveyList struct {
	in     *Inbox
	item   *container.TabItem
	list   *fyne.Container
	rows   []*surveyRow
	due    []app.TalkItem
	notice *fyne.Container // hidden while none is due
	text   *widgets.Paragraph
	answer *widget.Button // the notice's: opens the first survey due

	opened *SurveyDialog // the survey opened last; for tests
}

// surveyRow is one talk whose survey is due.
type surveyRow struct {
	talk    app.TalkItem
	content fyne.CanvasObject
	answer  *widget.Button
}

func newSurveyList(in *Inbox) *surveyList {
	l := &surveyList{in: in, list: newInboxList()}
	// The programme's rows (programmeNotices) follow the talks'.
	l.item = container.NewTabItem(surveyTabTitle(0), container.NewVScroll(container.NewPadded(
		container.NewVBox(l.list, in.programme.header, in.programme.list))))
	l.text = inboxNote("")
	l.text.Label.TextStyle.Bold = true
	l.answer = widget.NewButtonWithIcon(lang.X("surveys.notice.answer", "Answer"), theme.DocumentCreateIcon(), func() {
		if len(l.due) > 0 {
			l.open(l.due[0])
		}
	})
	l.answer.Importance = widget.HighImportance
	l.notice = container.NewPadded(offerFrame(container.NewBorder(nil, nil, nil, l.answer, l.text)))
	l.notice.Hide()
	return l
}

// surveyTabTitle is the list's title, counting the surveys due.
func surveyTabTitle(n int) string {
	if n > 0 {
		return lang.X("inbox.tab.surveys_count", "Surveys ({{.Count}})", map[string]any{"Count": n})
	}
	return lang.X("inbox.tab.surveys", "Surveys")
}

// surveysDueText is the notice of n surveys due.
func surveysDueText(n int) string {
	return lang.X("surveys.notice", "Surveys waiting for your answer: {{.Count}}.", map[string]any{"Count": n})
}

// show lists the talks due, oldest first, and tells of them above the
// inbox.
func (l *surveyList) show(due []app.TalkItem) {
	l.due = due
	l.item.Text = surveyTabTitle(len(due))
	l.rows = l.rows[:0]
	var objs []fyne.CanvasObject
	for _, k := range due {
		r := l.newRow(k)
		l.rows = append(l.rows, r)
		objs = append(objs, r.content)
	}
	if len(objs) == 0 {
		objs = append(objs, inboxNote(lang.X("inbox.empty.surveys", "No survey is waiting for your answer. After a cross talk, its survey appears here.")))
	}
	l.list.Objects = objs
	l.list.Refresh()
	if len(due) == 0 {
		l.notice.Hide()
		return
	}
	l.text.SetText(surveysDueText(len(due)))
	l.notice.Show()
	l.notice.Refresh()
}

func (l *surveyList) newRow(k app.TalkItem) *surveyRow {
	r := &surveyRow{talk: k}
	who := inboxNote(personText(k.OtherName, k.OtherCompany))
	who.Label.TextStyle.Bold = true
	who.Label.SizeName = theme.SizeNameSubHeadingText
	r.answer = widget.NewButtonWithIcon(lang.X("surveys.answer", "Answer the survey"), theme.DocumentCreateIcon(), func() { l.open(k) })
	r.answer.Importance = widget.HighImportance
	r.content = offerFrame(container.NewVBox(
		who,
		inboxNote(lang.X("surveys.talk_line", "Cross talk: {{.When}} ({{.Mode}})",
			map[string]any{"When": widgets.FormatSlot(app.Slot{Start: k.Start, End: k.End}), "Mode": ModeName(k.Mode)})),
		inboxNote(lang.X("surveys.ask", "How was it? Please answer the survey. Your answers are never shown to the other person.")),
		inboxGap(),
		container.NewHBox(talkTall(r.answer)),
	))
	return r
}

// open shows the survey of talk k; once it is answered, the inbox
// reloads and the talk leaves the list.
func (l *surveyList) open(k app.TalkItem) {
	l.opened = NewSurveyDialog(l.in.svc, l.in.win, k, l.in.answered)
	l.opened.form.settled = l.in.settled
	l.opened.Show()
}
