package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// After the programme survey, the person sees their own answers to the
// self-assessment at joining and now, side by side, statement by
// statement, with a plain sentence on each. Someone who joined late has
// no answers at joining: the view says so, kindly, and shows the answers
// of now. Only the person's own devices hold these answers.

// ProgrammeChangeView is the dialog of one person's self-assessment in
// one programme, at joining and in its survey.
type ProgrammeChangeView struct {
	dlg     *dialog.CustomDialog
	win     fyne.Window
	scroll  *container.Scroll
	content *fyne.Container
	summary *widgets.Paragraph
	rows    []*changeRow
	close   *widget.Button
}

// changeRow is one statement, with its answers then and now.
type changeRow struct {
	statement     app.Statement
	before, after int // 0: not answered
	content       fyne.CanvasObject
	sentence      *widgets.Paragraph
}

// NewProgrammeChangeView makes the view of programme c's answers before
// (nil when not answered) and after, over win. Call Show to open it.
func NewProgrammeChangeView(win fyne.Window, c app.Cohort, before *app.SelfAssessment, after app.SelfAssessment) *ProgrammeChangeView {
	v := &ProgrammeChangeView{win: win}
	title := inboxNote(c.Name)
	title.Label.TextStyle.Bold = true
	objs := []fyne.CanvasObject{title}
	var up, down, same int
	for i, s := range app.SelfAssessmentStatements {
		r := &changeRow{statement: s, after: after.Answers[s.ID]}
		if before != nil {
			r.before = before.Answers[s.ID]
		}
		switch {
		case r.before == 0 || r.after == 0:
		case r.after > r.before:
			up++
		case r.after < r.before:
			down++
		default:
			same++
		}
		r.sentence = inboxNote(changeSentence(r.before, r.after))
		r.content = container.NewVBox(
			fieldLabel(numberedStatement(i, s)),
			container.NewGridWithColumns(2,
				answerCell(lang.X("programme_change.before", "When you joined"), r.before),
				answerCell(lang.X("programme_change.after", "Now (programme review)"), r.after)),
			r.sentence,
		)
		v.rows = append(v.rows, r)
	}
	if before == nil {
		v.summary = inboxNote(lang.X("programme_change.no_before",
			"We have no answers from when you joined (for instance, if you joined the programme after it began), so only your answers from the programme review are shown. Thank you for answering."))
	} else {
		v.summary = inboxNote(changeSummary(up, same, down))
	}
	objs = append(objs, v.summary)
	for _, r := range v.rows {
		objs = append(objs, widget.NewSeparator(), r.content)
	}
	objs = append(objs, widget.NewSeparator(),
		inboxNote(lang.X("programme_change.private", "Only you can see these answers.")))
	v.content = container.NewVBox(objs...)
	v.scroll = container.NewVScroll(container.NewPadded(v.content))
	v.dlg = dialog.NewCustomWithoutButtons(lang.X("programme_change.title", "How you have changed"), v.scroll, win)
	v.close = widget.NewButton(lang.X("dialog.close", "Close"), v.dlg.Hide)
	v.dlg.SetButtons([]fyne.CanvasObject{v.close})
	return v
}

// Show opens the view, as large as its content and the window allow.
func (v *ProgrammeChangeView) Show() {
	widgets.FitDialog(v.dlg, v.win, v.scroll, 760)
	v.dlg.Show()
}

// changeSummary says how many statements moved up, stayed the same and
// moved down, naming only the counts that are not zero.
func changeSummary(up, same, down int) string {
	var parts []string
	if up > 0 {
		parts = append(parts, lang.X("programme_change.part_up", "{{.N}} higher than when you joined", map[string]any{"N": up}))
	}
	if same > 0 {
		parts = append(parts, lang.X("programme_change.part_same", "{{.N}} the same", map[string]any{"N": same}))
	}
	if down > 0 {
		parts = append(parts, lang.X("programme_change.part_down", "{{.N}} lower", map[string]any{"N": down}))
	}
	if len(parts) == 0 {
		return lang.X("programme_change.summary_plain", "Your answers when you joined and now, side by side.")
	}
	return lang.X("programme_change.summary_parts", "Your answers when you joined and now, side by side. Of the {{.Count}} statements: {{.Parts}}.",
		map[string]any{"Count": len(app.SelfAssessmentStatements), "Parts": strings.Join(parts, lang.X("programme_change.part_sep", ", "))})
}

// answerCell is one answer under its caption: the score, large, and its
// label under it, or a dash when there is none.
func answerCell(caption string, v int) fyne.CanvasObject {
	value := inboxNote("—")
	label := inboxNote(lang.X("programme_change.none", "No answer"))
	if v > 0 {
		value.SetText(strconv.Itoa(v))
		label.SetText(scaleText(v))
	}
	value.Label.TextStyle.Bold = true
	value.Label.SizeName = theme.SizeNameSubHeadingText
	label.Label.TextStyle.Bold = true
	return offerFrame(container.NewVBox(inboxNote(caption), value, label))
}

// changeSentence says in a plain sentence how an answer moved from before
// to after (0: not answered).
func changeSentence(before, after int) string {
	switch {
	case after == 0:
		return lang.X("programme_change.no_after", "You did not answer this statement in the review.")
	case before == 0:
		return lang.X("programme_change.only_after", "There is no answer from when you joined to compare with.")
	case after > before:
		return lang.X("programme_change.up", "Higher than when you joined, by {{.N}}.", map[string]any{"N": after - before})
	case after < before:
		return lang.X("programme_change.down", "Lower than when you joined, by {{.N}}.", map[string]any{"N": before - after})
	}
	return lang.X("programme_change.same", "The same as when you joined.")
}
