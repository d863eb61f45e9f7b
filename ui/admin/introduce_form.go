package admin

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/jtext"
	"crosstalk/ui/widgets"
)

// introduceForm is the secretariat's 「紹介する」 (issue 19): two people
// of an open programme, of different companies, and a short note. Both
// find the introduction in their 「おすすめ」 tab, and no one else.
type introduceForm struct {
	v       *ProgrammesView
	cohorts []app.Cohort // the open programmes
	cohort  *widget.Select
	members []app.PersonRef   // of the programme chosen, joined
	kana    map[string]string // the members' readings, by participant id
	all     []app.Company     // the companies of the members
	sides   [2]*introSide
	note    *widget.Entry
	limit   *widgets.TextLimit
	errLine *widgets.Paragraph
	dialog  dialog.Dialog
	pages   *formPages
}

// introSide chooses one of the two: a company, then a person of it.
type introSide struct {
	company *companyChoice
	person  *widget.Select
	people  []app.PersonRef // of the company chosen, in the person list's order (by reading)
}

// ID is the person chosen, "" for none.
func (s *introSide) ID() string {
	if i := s.person.SelectedIndex(); i >= 0 && i < len(s.people) {
		return s.people[i].ParticipantID
	}
	return ""
}

func (s *introSide) name() string {
	if i := s.person.SelectedIndex(); i >= 0 && i < len(s.people) {
		return s.people[i].Name
	}
	return ""
}

// introduce opens the form.
func (v *ProgrammesView) introduce() {
	f := &introduceForm{v: v, errLine: newErrorLine()}
	for _, c := range v.cohorts {
		if c.State == app.CohortOpen {
			f.cohorts = append(f.cohorts, c)
		}
	}
	var names []string
	for _, c := range f.cohorts {
		names = append(names, c.Name)
	}
	f.cohort = widget.NewSelect(names, func(string) { f.load() })
	f.cohort.PlaceHolder = lang.X("intro.cohort.choose", "Choose a programme")
	for i := range f.sides {
		s := &introSide{}
		s.company = newCompanyChoice(false, func() {
			f.showPeople(s)
			if s == f.sides[0] {
				f.otherCompanies()
			}
		})
		s.person = widget.NewSelect(nil, nil)
		s.person.PlaceHolder = lang.X("intro.person.choose", "Choose a person")
		f.sides[i] = s
	}
	f.note = widget.NewMultiLineEntry()
	f.note.SetPlaceHolder(lang.X("intro.note.placeholder2", "e.g. You both care about work and family care."))
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SetMinRowsVisible(3)
	f.limit = widgets.LimitText(f.note, lang.X("intro.note", "Note"), app.MaxIntroductionNoteRunes)

	hint := widgets.NewParagraph(lang.X("intro.hint",
		"Choose two people of the same programme, of different companies, and add a short note. Only the two of them see the introduction, and either may send the offer from it."))
	field := func(label string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		l := widget.NewLabel(label)
		l.TextStyle.Bold = true
		return container.NewVBox(append([]fyne.CanvasObject{l}, objs...)...)
	}
	// Two pages, shown together when they fit.
	pages := pagedFormDialog(v.win, lang.X("intro.title", "Introduce two people"), []fyne.CanvasObject{
		container.NewVBox(hint,
			field(lang.X("intro.cohort", "Programme"), f.cohort),
			field(lang.X("intro.first", "First person"), f.sides[0].company.sel, f.sides[0].person)),
		container.NewVBox(
			field(lang.X("intro.second", "Second person"), f.sides[1].company.sel, f.sides[1].person),
			field(lang.X("intro.note", "Note"), f.note, f.limit.Note)),
	}, f.errLine, nil, f.apply, fyne.NewSize(640, 680))
	// The form's button says what it does, and saves nothing.
	if c, ok := pages.saveB.(*fyne.Container); ok {
		for _, o := range c.Objects {
			if b, ok := o.(*widget.Button); ok {
				b.SetText(lang.X("intro.send", "Introduce"))
				b.SetIcon(theme.MailSendIcon())
			}
		}
	}
	pages.setCancelEverywhere()
	f.dialog, f.pages = pages.dialog, pages
	v.introForm = f
	if len(f.cohorts) == 0 {
		showError(f.errLine, lang.X("intro.no_cohort", "No programme is open. Open one before introducing people."))
	} else {
		f.cohort.SetSelectedIndex(0) // the programme that started last
	}
}

// introMembers is who may be introduced in a programme: its joined
// members, and their readings (ふりがな).
type introMembers struct {
	members []app.PersonRef
	kana    map[string]string
}

// load loads the members of the programme chosen: those who have joined,
// with their readings from their companies' lists of people (the
// readings are left out, and names sorted as they are, when those lists
// cannot be had).
func (f *introduceForm) load() {
	i := f.cohort.SelectedIndex()
	if i < 0 || i >= len(f.cohorts) {
		return
	}
	cohort := f.cohorts[i].ID
	showError(f.errLine, lang.X("admin.loading", "Loading…"))
	callServer(func(ctx context.Context) (introMembers, error) {
		acts, err := f.v.svc.Activity(ctx, app.Scope{CohortID: cohort})
		if err != nil {
			return introMembers{}, err
		}
		m := introMembers{kana: map[string]string{}}
		companies := map[string]bool{}
		for _, a := range acts {
			if a.Joined {
				m.members = append(m.members, a.PersonRef)
				companies[a.CompanyID] = true
			}
		}
		for _, c := range slices.Sorted(maps.Keys(companies)) {
			invs, err := f.v.svc.Invitations(ctx, c)
			if err != nil {
				break
			}
			for _, inv := range invs {
				m.kana[inv.ParticipantID] = inv.Kana
			}
		}
		return m, nil
	}, func(m introMembers, err error) {
		if j := f.cohort.SelectedIndex(); j < 0 || j >= len(f.cohorts) || f.cohorts[j].ID != cohort {
			return // another programme was chosen meanwhile: its members come with its own answer
		}
		if err != nil {
			showError(f.errLine, errorText(err))
			return
		}
		f.errLine.Hide()
		f.members, f.kana = m.members, m.kana
		companies := map[string]bool{}
		for _, p := range f.members {
			companies[p.CompanyID] = true
		}
		f.all = f.all[:0]
		for _, c := range f.v.companies {
			if companies[c.ID] {
				f.all = append(f.all, c)
			}
		}
		f.sides[0].company.set(f.all)
		f.showPeople(f.sides[0])
		f.otherCompanies()
		f.showPeople(f.sides[1])
	})
}

// otherCompanies lists for the second person the companies other than
// the first person's.
func (f *introduceForm) otherCompanies() {
	first, second := f.sides[0].company.ID(), f.sides[1].company
	var cos []app.Company
	for _, c := range f.all {
		if c.ID != first {
			cos = append(cos, c)
		}
	}
	if first != "" && second.ID() == first {
		second.sel.ClearSelected() // calls showPeople
	}
	second.set(cos)
}

// showPeople lists the members of s's company by reading (kana order),
// each with their reading.
func (f *introduceForm) showPeople(s *introSide) {
	company := s.company.ID()
	s.people = s.people[:0]
	for _, m := range f.members {
		if m.CompanyID == company {
			s.people = append(s.people, m)
		}
	}
	key := func(p app.PersonRef) string {
		if k := f.kana[p.ParticipantID]; k != "" {
			return jtext.Fold(k)
		}
		return jtext.Fold(p.Name)
	}
	slices.SortStableFunc(s.people, func(a, b app.PersonRef) int {
		return cmp.Or(strings.Compare(key(a), key(b)), strings.Compare(a.Name, b.Name))
	})
	var names []string
	for _, p := range s.people {
		if k := f.kana[p.ParticipantID]; k != "" {
			names = append(names, lang.X("intro.person.kana", "{{.Name}} ({{.Kana}})", map[string]any{"Name": p.Name, "Kana": k}))
		} else {
			names = append(names, p.Name)
		}
	}
	s.person.ClearSelected()
	s.person.SetOptions(names)
}

// problem is what is wrong with the form, or "".
func (f *introduceForm) problem() string {
	a, b := f.sides[0], f.sides[1]
	switch {
	case f.cohort.SelectedIndex() < 0:
		return lang.X("intro.need_cohort", "Please choose a programme.")
	case a.ID() == "" || b.ID() == "":
		return lang.X("intro.need_people", "Please choose both people.")
	case a.ID() == b.ID():
		return lang.X("intro.same_person", "Please choose two different people.")
	case a.company.ID() == b.company.ID():
		return lang.X("intro.same_company", "The two people are of the same company. Please choose people of different companies.")
	case strings.TrimSpace(f.note.Text) == "":
		return lang.X("intro.need_note", "Please write a short note for both.")
	}
	return widgets.FirstProblem(f.limit)
}

func (f *introduceForm) apply() {
	if p := f.problem(); p != "" {
		showError(f.errLine, p)
		return
	}
	cohort := f.cohorts[f.cohort.SelectedIndex()].ID
	a, b := f.sides[0], f.sides[1]
	aID, bID, note := a.ID(), b.ID(), strings.TrimSpace(f.note.Text)
	names := map[string]any{"A": a.name(), "B": b.name()}
	showError(f.errLine, lang.X("admin.saving", "Saving…"))
	callServer(func(ctx context.Context) (app.Introduction, error) {
		return f.v.svc.Introduce(ctx, cohort, aID, bID, note)
	}, func(_ app.Introduction, err error) {
		var r *app.Rejection
		switch {
		case errors.As(err, &r) && r.Code == app.CodeDuplicateID:
			// The server's answer for a pair introduced already.
			showError(f.errLine, lang.X("intro.already", "These two have been introduced to each other already."))
			return
		case err != nil:
			showError(f.errLine, errorText(err))
			return
		}
		f.dialog.Hide()
		f.v.status.done(lang.X("intro.done", "{{.A}} and {{.B}} were introduced to each other.", names))
	})
}
