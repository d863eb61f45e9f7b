package admin

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

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

// The secretariat's settings of a programme's review (issue 18): the days
// its survey takes answers, each left to the default (app.Cohort's
// SurveyWindow) unless chosen, and the reference figures its dashboard
// shows beside the programme's own, the first pilot's unless changed.

// surveyForm edits one programme's review settings.
type surveyForm struct {
	c                   app.Cohort
	opens, closes       *datePicker // a zero day is the default
	defOpens, defCloses time.Time   // the default first and last days
	sat, next, rec      *widget.Entry
	check               *formCheck
	errLine             *widgets.Paragraph
	dialog              dialog.Dialog
	pages               *formPages
	save                func()
}

// defaultSurveyDays are the first and last days c's survey takes answers
// when the secretariat chose none.
func defaultSurveyDays(c app.Cohort) (first, last time.Time) {
	c.SurveyOpensOn, c.SurveyClosesOn = nil, nil
	opens, closes := c.SurveyWindow()
	return opens, closes.AddDate(0, 0, -1)
}

// defaultDayText is a date picker's text while it holds no day.
func defaultDayText(day time.Time) string {
	return lang.X("psurvey.default_day", "Default: {{.Day}}", map[string]any{"Day": widgets.FormatDate(day)})
}

// clearDay empties p: the default day, written on its button.
func clearDay(p *datePicker, def time.Time) {
	p.day = time.Time{}
	p.btn.SetText(defaultDayText(def))
	if p.onChanged != nil {
		p.onChanged()
	}
}

// days are the first and last days the form says, with the defaults for
// those not chosen.
func (f *surveyForm) days() (first, last time.Time) {
	first, last = f.defOpens, f.defCloses
	if !f.opens.day.IsZero() {
		first = f.opens.day
	}
	if !f.closes.day.IsZero() {
		last = f.closes.day
	}
	return first, last
}

// validateDays says what is wrong with the days, or "".
func (f *surveyForm) validateDays() string {
	first, last := f.days()
	earliest := app.StartOfDay(f.c.StartsOn)
	latest := app.StartOfDay(f.c.EndsOn).AddDate(0, 0, app.SurveyLatestDaysAfter)
	switch {
	case last.Before(first):
		return lang.X("psurvey.close_before_open", "The last day of answers is before the first day. Please choose the days again.")
	case first.Before(earliest):
		return lang.X("psurvey.opens_too_early", "The first day of answers must be on or after the programme's first day ({{.Day}}).",
			map[string]any{"Day": widgets.FormatDate(earliest)})
	case last.After(latest):
		return lang.X("psurvey.closes_too_late", "The last day of answers must be at most {{.Days}} days after the programme's last day (until {{.Day}}).",
			map[string]any{"Days": app.SurveyLatestDaysAfter, "Day": widgets.FormatDate(latest)})
	}
	return ""
}

// endsReview says whether the last day the form says has passed at now
// while the programme's last day of answers until now has not: saved,
// the review would end at once for everyone who has not answered. last
// is the day the form says.
func (f *surveyForm) endsReview(now time.Time) (last time.Time, ends bool) {
	today := app.StartOfDay(now)
	_, last = f.days()
	_, closes := f.c.SurveyWindow() // the day after the last day until now
	return last, last.Before(today) && !closes.AddDate(0, 0, -1).Before(today)
}

// parseFigure reads a figure as typed, in half- or full-width digits.
func parseFigure(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		}
		return r
	}, strings.TrimSpace(s))
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return math.Round(v*100) / 100, true
}

// figureFields are the reference's three entries with their names and
// scales.
func (f *surveyForm) figureFields() []struct {
	name   string
	e      *widget.Entry
	lo, hi float64
} {
	return []struct {
		name   string
		e      *widget.Entry
		lo, hi float64
	}{
		{lang.X("psurvey.satisfaction", "Overall satisfaction (1–7)"), f.sat, 1, 7},
		{lang.X("psurvey.next_round", "Would take part in the next round (1–7)"), f.next, 1, 7},
		{lang.X("psurvey.recommend", "Would recommend it to others (0–10)"), f.rec, 0, 10},
	}
}

// reference is the figures the form says, and what is wrong with them
// ("" when nothing).
func (f *surveyForm) reference() (app.ProgrammeFigures, string) {
	var vals [3]float64
	for i, x := range f.figureFields() {
		data := map[string]any{"Name": x.name, "Min": figureText(x.lo), "Max": figureText(x.hi)}
		if strings.TrimSpace(x.e.Text) == "" {
			return app.ProgrammeFigures{}, lang.X("psurvey.need_figure", "Please enter the reference of “{{.Name}}”.", data)
		}
		v, ok := parseFigure(x.e.Text)
		if !ok || v < x.lo || v > x.hi {
			return app.ProgrammeFigures{}, lang.X("psurvey.bad_figure", "The reference of “{{.Name}}” must be a number from {{.Min}} to {{.Max}}, such as 6.3.", data)
		}
		vals[i] = v
	}
	return app.ProgrammeFigures{Satisfaction: vals[0], NextRound: vals[1], Recommend: vals[2]}, ""
}

// validate says what is wrong with the form, or "".
func (f *surveyForm) validate() string {
	if msg := f.validateDays(); msg != "" {
		return msg
	}
	_, msg := f.reference()
	return msg
}

// setFigures writes figures into the entries.
func (f *surveyForm) setFigures(p app.ProgrammeFigures) {
	f.sat.SetText(figureText(p.Satisfaction))
	f.next.SetText(figureText(p.NextRound))
	f.rec.SetText(figureText(p.Recommend))
}

// request is what the form sends: a day not chosen, and the first pilot's
// figures, are sent as none, so that they stay the defaults.
func (f *surveyForm) request() (opens, closes *time.Time, ref *app.ProgrammeFigures) {
	if d := f.opens.day; !d.IsZero() {
		opens = &d
	}
	if d := f.closes.day; !d.IsZero() {
		closes = &d
	}
	if p, _ := f.reference(); p != app.PilotFigures {
		ref = &p
	}
	return opens, closes, ref
}

func (v *ProgrammesView) editSurvey(c app.Cohort) {
	f := &surveyForm{c: c, errLine: newErrorLine(), sat: widget.NewEntry(), next: widget.NewEntry(), rec: widget.NewEntry()}
	f.defOpens, f.defCloses = defaultSurveyDays(c)
	f.check = &formCheck{line: f.errLine, check: f.validate}
	day := func(set *time.Time, def time.Time) *datePicker {
		var p *datePicker
		if set != nil {
			p = newDatePicker(*set)
		} else {
			p = newDatePicker(time.Time{})
			p.btn.SetText(defaultDayText(def))
		}
		p.def, p.now = def, v.svc.Now
		p.onChanged = f.check.changed
		return p
	}
	f.opens, f.closes = day(c.SurveyOpensOn, f.defOpens), day(c.SurveyClosesOn, f.defCloses)
	f.setFigures(c.ReferenceFigures())
	for _, e := range []*widget.Entry{f.sat, f.next, f.rec} {
		e.OnChanged = func(string) { f.check.changed() }
	}
	reset := func(p *datePicker, def time.Time) *widget.Button {
		return widget.NewButton(lang.X("psurvey.default", "Use the default day"), func() { clearDay(p, def) })
	}
	label := func(key, fallback string) *widget.Label { return widget.NewLabel(lang.X(key, fallback)) }
	pilot := widget.NewButtonWithIcon(lang.X("psurvey.use_pilot", "Use the first pilot's figures"), theme.HistoryIcon(), func() {
		f.setFigures(app.PilotFigures)
	})
	figs := container.New(layout.NewFormLayout())
	for _, x := range f.figureFields() {
		figs.Add(widget.NewLabel(x.name))
		figs.Add(x.e)
	}
	pages := []fyne.CanvasObject{
		container.NewVBox(
			widgets.NewParagraph(lang.X("psurvey.days_hint", "The days the participants can answer the review. Unless you choose them, answers open {{.Before}} days before the programme's last day and close {{.After}} days after it (the default days).",
				map[string]any{"Before": app.SurveyOpensDaysBefore, "After": app.SurveyClosesDaysAfter})),
			container.New(layout.NewFormLayout(),
				label("psurvey.opens", "First day of answers"), f.opens.btn,
				layout.NewSpacer(), container.NewHBox(reset(f.opens, f.defOpens)),
				label("psurvey.closes", "Last day of answers"), f.closes.btn,
				layout.NewSpacer(), container.NewHBox(reset(f.closes, f.defCloses)))),
		container.NewVBox(
			widgets.NewParagraph(lang.X("psurvey.ref_hint", "The dashboard shows these figures beside the programme's results. At first they are the first pilot's (6.3, 6.2 and 8.3).")),
			figs, container.NewHBox(pilot)),
	}
	next := func(int) bool {
		if msg := f.validateDays(); msg != "" {
			showError(f.errLine, msg)
			f.check.shown = true
			return false
		}
		return true
	}
	send := func() {
		opens, closes, ref := f.request()
		showError(f.errLine, lang.X("admin.saving", "Saving…"))
		f.check.done()
		callServer(func(ctx context.Context) (app.Cohort, error) {
			return v.svc.SetProgrammeSurvey(ctx, c.ID, opens, closes, ref)
		}, func(saved app.Cohort, err error) {
			if err != nil {
				showError(f.errLine, errorText(err))
				return
			}
			f.dialog.Hide()
			v.loadThen(lang.X("psurvey.saved", "The review settings of “{{.Name}}” were saved.", map[string]any{"Name": c.Name}))
		})
	}
	f.save = func() {
		if !f.check.ok() {
			return
		}
		last, ends := f.endsReview(v.svc.Now())
		if !ends {
			send()
			return
		}
		widgets.ShowConfirm(lang.X("psurvey.past.title", "The last day of answers has passed"),
			lang.X("psurvey.past.text", "The last day of answers ({{.Day}}) has already passed. People who have not answered yet will no longer be able to answer the review. Save anyway?",
				map[string]any{"Day": widgets.FormatDate(last)}),
			lang.X("psurvey.past.yes", "Save"), lang.X("psurvey.past.no", "Go back"), true, func(ok bool) {
				if ok {
					send()
				}
			}, v.win)
	}
	title := lang.X("psurvey.title", "Review settings: {{.Name}}", map[string]any{"Name": c.Name})
	f.pages = pagedFormDialog(v.win, title, pages, f.errLine, next, f.save, fyne.NewSize(760, 560))
	f.dialog = f.pages.dialog
	v.surveyForm = f
}
