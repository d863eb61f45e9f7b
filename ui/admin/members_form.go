package admin

import (
	"context"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// membersForm chooses a programme's members, one company at a time.
type membersForm struct {
	v       *ProgrammesView
	cohort  app.Cohort
	company *companyChoice
	list    *widget.List
	people  []app.Invitation
	members map[string]bool // in the programme now, as the server said
	chosen  map[string]bool // as the form says
	errLine *widgets.Paragraph
	dialog  dialog.Dialog
	save    func()
}

func (v *ProgrammesView) editMembers(c app.Cohort) {
	f := &membersForm{v: v, cohort: c, members: map[string]bool{}, chosen: map[string]bool{}, errLine: newErrorLine()}
	f.company = newCompanyChoice(false, f.load)
	f.company.set(v.companies)
	f.list = widget.NewList(func() int { return len(f.people) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := f.people[i]
			ch := o.(*widget.Check)
			ch.OnChanged = nil
			ch.Text = p.Name
			if p.EmployeeNo != "" {
				ch.Text = lang.X("cohort.member_line", "{{.Name}} ({{.No}})", map[string]any{"Name": p.Name, "No": p.EmployeeNo})
			}
			ch.SetChecked(f.chosen[p.ParticipantID])
			ch.OnChanged = func(on bool) { f.chosen[p.ParticipantID] = on }
			ch.Refresh()
		})
	hint := widgets.NewParagraph(lang.X("cohort.members_hint", "Choose a company, tick the people who take part in this programme, then press “Save”."))
	// A whole company joins or leaves a programme with one tap.
	all := widget.NewButtonWithIcon(lang.X("cohort.members_all", "Choose everyone of this company"), theme.CheckButtonCheckedIcon(), func() { f.chooseAll(true) })
	none := widget.NewButtonWithIcon(lang.X("cohort.members_none", "Choose nobody of this company"), theme.CheckButtonIcon(), func() { f.chooseAll(false) })
	content := container.NewBorder(container.NewVBox(hint, f.company.sel, container.NewHBox(all, none)), nil, nil, nil, f.list)
	f.save = f.apply
	f.dialog = formDialog(v.win, lang.X("cohort.members_title", "Members of “{{.Name}}”", map[string]any{"Name": c.Name}), content, f.errLine, f.save, fyne.NewSize(640, 600))
	v.membersForm = f
}

// load loads the chosen company's people and who of them is a member.
func (f *membersForm) load() {
	company := f.company.ID()
	if company == "" {
		return
	}
	showError(f.errLine, lang.X("admin.loading", "Loading…"))
	type data struct {
		people []app.Invitation
		acts   []app.Activity
	}
	cohort := f.cohort.ID
	callServer(func(ctx context.Context) (data, error) {
		var d data
		var err error
		if d.people, err = f.v.svc.Invitations(ctx, company); err != nil {
			return d, err
		}
		d.acts, err = f.v.svc.Activity(ctx, app.Scope{CohortID: cohort, CompanyID: company})
		return d, err
	}, func(d data, err error) {
		if err != nil {
			showError(f.errLine, errorText(err))
			return
		}
		f.errLine.Hide()
		// A programme's members are participants: HR and secretariat
		// staff take no part, and the activity lists none of them.
		f.people = slices.DeleteFunc(d.people, func(p app.Invitation) bool {
			return !app.CountsAsParticipant(p.Role)
		})
		f.members, f.chosen = map[string]bool{}, map[string]bool{}
		for _, a := range d.acts {
			f.members[a.ParticipantID], f.chosen[a.ParticipantID] = true, true
		}
		f.list.Refresh()
	})
}

// chooseAll ticks (on) or unticks every person of the chosen company.
func (f *membersForm) chooseAll(on bool) {
	for _, p := range f.people {
		f.chosen[p.ParticipantID] = on
	}
	f.list.Refresh()
}

// changes are the people to add and to remove.
func (f *membersForm) changes() (add, remove []string) {
	for _, p := range f.people {
		id := p.ParticipantID
		switch {
		case f.chosen[id] && !f.members[id]:
			add = append(add, id)
		case !f.chosen[id] && f.members[id]:
			remove = append(remove, id)
		}
	}
	return add, remove
}

func (f *membersForm) apply() {
	add, remove := f.changes()
	if len(add)+len(remove) == 0 {
		f.dialog.Hide()
		return
	}
	showError(f.errLine, lang.X("admin.saving", "Saving…"))
	cohort := f.cohort.ID
	callServer(func(ctx context.Context) (struct{}, error) {
		if len(add) > 0 {
			if err := f.v.svc.SetMembers(ctx, cohort, add, true); err != nil {
				return struct{}{}, err
			}
		}
		if len(remove) > 0 {
			return struct{}{}, f.v.svc.SetMembers(ctx, cohort, remove, false)
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			showError(f.errLine, errorText(err))
			return
		}
		f.dialog.Hide()
		if f.v.OnChanged != nil {
			f.v.OnChanged()
		}
		f.v.status.done(lang.X("cohort.members_saved", "Members saved: {{.Added}} added, {{.Removed}} removed.",
			map[string]any{"Added": strconv.Itoa(len(add)), "Removed": strconv.Itoa(len(remove))}))
	})
}
