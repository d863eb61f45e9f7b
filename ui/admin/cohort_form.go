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

func (v *ProgrammesView) editCohort(c app.Cohort) {
	f := &cohortForm{c: c, name: widget.NewEntry(), start: newDatePicker(c.StartsOn), end: newDatePicker(c.EndsOn), errLine: newErrorLine()}
	f.name.SetText(c.Name)
	f.name.SetPlaceHolder(lang.X("cohort.name_hint", "e.g. 2027 first round"))
	draft := widgets.NewDraftForm(v.svc, "cohort:"+draftTarget(c.ID)).Entry("name", f.name)
	f.expiry = numberChoice(span(ruleExpiryDays), c.Rules.OfferExpiryDays, "cohort.unit.days")
	f.sent = numberChoice(span(ruleMaxSent), c.Rules.MaxPendingSent, "cohort.unit.offers")
	f.received = numberChoice(span(ruleMaxReceived), c.Rules.MaxPendingReceived, "cohort.unit.offers")
	f.len = numberChoice(ruleTalkMinutes, c.Rules.TalkMinutes, "cohort.unit.minutes")
	label := func(key, fallback string) *widget.Label {
		l := widget.NewLabel(lang.X(key, fallback))
		return l
	}
	form := container.NewVBox(draft.Note, container.New(layout.NewFormLayout(),
		label("cohort.name", "Programme name"), f.name,
		label("cohort.starts", "First day"), f.start.btn,
		label("cohort.ends", "Last day"), f.end.btn,
		label("cohort.rule.expiry", "An offer expires after"), f.expiry,
		label("cohort.rule.sent", "Offers one person may have waiting (sent)"), f.sent,
		label("cohort.rule.received", "Offers one person may have waiting (received)"), f.received,
		label("cohort.rule.minutes", "Length of a talk"), f.len,
	))
	title := lang.X("cohort.edit_title", "Edit the programme")
	if c.ID == "" {
		title = lang.X("cohort.add", "Create a programme")
	}
	f.save = func() {
		nc := f.c
		nc.Name = strings.TrimSpace(f.name.Text)
		nc.StartsOn, nc.EndsOn = f.start.day, f.end.day
		nc.Rules = app.Rules{
			OfferExpiryDays:    pick(f.expiry, span(ruleExpiryDays)),
			MaxPendingSent:     pick(f.sent, span(ruleMaxSent)),
			MaxPendingReceived: pick(f.received, span(ruleMaxReceived)),
			TalkMinutes:        pick(f.len, ruleTalkMinutes),
		}
		if msg := validateCohort(nc); msg != "" {
			showError(f.errLine, msg)
			return
		}
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
	f.dialog = formDialog(v.win, title, form, f.errLine, f.save, fyne.NewSize(760, 560))
	keepDraft(f.dialog, draft)
	v.cohortForm = f
}
