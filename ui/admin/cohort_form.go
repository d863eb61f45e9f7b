package admin

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

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
	pages                       *formPages
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

// input is the programme as the form says.
func (f *cohortForm) input() app.Cohort {
	c := f.c
	c.Name = strings.TrimSpace(f.name.Text)
	c.StartsOn, c.EndsOn = f.start.day, f.end.day
	c.Rules = app.Rules{
		OfferExpiryDays:    pick(f.expiry, span(ruleExpiryDays)),
		MaxPendingSent:     pick(f.sent, span(ruleMaxSent)),
		MaxPendingReceived: pick(f.received, span(ruleMaxReceived)),
		TalkMinutes:        pick(f.len, ruleTalkMinutes),
	}
	return c
}

func (v *ProgrammesView) editCohort(c app.Cohort) {
	f := &cohortForm{c: c, name: widget.NewEntry(), start: newDatePicker(c.StartsOn), end: newDatePicker(c.EndsOn), errLine: newErrorLine()}
	f.name.SetText(c.Name)
	f.name.SetPlaceHolder(lang.X("cohort.name_hint", "e.g. 2027 first round"))
	check := &formCheck{line: f.errLine, check: func() string { return validateCohort(f.input()) }}
	f.name.OnChanged = func(string) { check.changed() } // before the draft's, which chains it
	draft := widgets.NewDraftForm(v.svc, "cohort:"+draftTarget(c.ID)).Entry("name", f.name)
	f.expiry = numberChoice(span(ruleExpiryDays), c.Rules.OfferExpiryDays, "cohort.unit.days")
	f.sent = numberChoice(span(ruleMaxSent), c.Rules.MaxPendingSent, "cohort.unit.offers")
	f.received = numberChoice(span(ruleMaxReceived), c.Rules.MaxPendingReceived, "cohort.unit.offers")
	f.len = numberChoice(ruleTalkMinutes, c.Rules.TalkMinutes, "cohort.unit.minutes")
	label := func(key, fallback string) *widget.Label {
		l := widget.NewLabel(lang.X(key, fallback))
		return l
	}
	f.start.onChanged, f.end.onChanged = check.changed, check.changed
	for _, s := range []*widget.Select{f.expiry, f.sent, f.received, f.len} {
		s.OnChanged = func(string) { check.changed() }
	}
	// Two pages when they do not fit together: the name and the days,
	// then the rules.
	pages := []fyne.CanvasObject{
		container.NewVBox(draft.Note, container.New(layout.NewFormLayout(),
			label("cohort.name", "Programme name"), f.name,
			label("cohort.starts", "First day"), f.start.btn,
			label("cohort.ends", "Last day"), f.end.btn)),
		container.NewVBox(container.New(layout.NewFormLayout(),
			widget.NewLabel(ruleExpiryName()), f.expiry,
			widget.NewLabel(ruleMinutesName()), f.len,
			widget.NewLabel(ruleSentName()), f.sent,
			widget.NewLabel(ruleReceivedName()), f.received),
			widgets.NewParagraph(lang.X("cohort.rules_hint", "“At once” counts the offers of one person that wait for an answer."))),
	}
	// The name and the days are checked before the rules are shown.
	next := func(int) bool {
		c := f.input()
		c.Rules = app.DefaultRules
		if msg := validateCohort(c); msg != "" {
			showError(f.errLine, msg)
			check.shown = true
			return false
		}
		return true
	}
	title := lang.X("cohort.edit_title", "Edit the programme")
	if c.ID == "" {
		title = lang.X("cohort.add", "Create a programme")
	}
	f.save = func() {
		if !check.ok() {
			return
		}
		nc := f.input()
		showError(f.errLine, lang.X("admin.saving", "Saving…"))
		callServer(func(ctx context.Context) (app.Cohort, error) { return v.svc.SaveCohort(ctx, nc) },
			func(saved app.Cohort, err error) {
				if err != nil {
					showError(f.errLine, errorText(err))
					return
				}
				draft.Clear()
				f.dialog.Hide()
				v.loadThen(lang.X("cohort.saved", "“{{.Name}}” was saved.", map[string]any{"Name": saved.Name}))
			})
	}
	f.pages = pagedFormDialog(v.win, title, pages, f.errLine, next, f.save, fyne.NewSize(760, 560))
	f.dialog = f.pages.dialog
	keepDraft(f.dialog, draft)
	v.cohortForm = f
}
