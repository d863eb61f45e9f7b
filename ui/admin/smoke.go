//go:build smoke

package admin

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/smoke"
)

// SmokeSteps walks the administration's dialogs (see
// crosstalk/ui/internal/smoke): a real import of a file chosen in the
// file dialog, new invitation codes saved for real, stopping a code and a
// device, every export's dialog, and for the secretariat the forms of
// companies and programmes. selectTab shows the tab of index i of Tabs.
func (a *Views) SmokeSteps(selectTab func(int)) []smoke.Step {
	tap := func(key, fallback string) func(*smoke.Runner) error {
		return func(r *smoke.Runner) error { return r.Tap(nil, lang.X(key, fallback)) }
	}
	tapInTop := func(key, fallback string) func(*smoke.Runner) error {
		return func(r *smoke.Runner) error { return r.Tap(r.Top(), lang.X(key, fallback)) }
	}
	inv := a.Invitations
	steps := []smoke.Step{
		{Open: func(*smoke.Runner) error { selectTab(0); return nil }, Ready: func() bool { return a.Import.loaded }},
		{Name: "import-open", Open: tap("import.choose", "Choose a file"),
			Check: func(r *smoke.Runner, d fyne.CanvasObject, done func(error)) {
				if len(a.Import.cohorts) == 0 {
					done(fmt.Errorf("the import knows no programme"))
					return
				}
				name := "smoke-roster.csv"
				if err := os.WriteFile(filepath.Join(r.Dir, name), smokeRoster(a.Import.cohorts[0].Name), 0o644); err != nil {
					done(err)
					return
				}
				smoke.Open(r, d, name, done)
			},
			Close: smoke.ClosedByChoosing},
		{Open: func(*smoke.Runner) error { return nil }, Ready: func() bool {
			return a.Import.name == "smoke-roster.csv" && len(a.Import.preview.Rows) > 0
		}},
		// Import it, for real: two new people HR then invites (everyone
		// else of the demo company may have joined already).
		{Open: func(r *smoke.Runner) error {
			if c := a.Import.company; c != nil && c.ID() == "" {
				c.sel.SetSelectedIndex(0) // the secretariat chooses a company
				a.Import.updateRun()
			}
			return r.TapButton(a.Import.run)
		}, Ready: func() bool { return a.Import.imported }},
		{Open: func(*smoke.Runner) error { selectTab(1); return nil }, Ready: func() bool {
			return inv.company == nil || len(inv.company.companies) > 0
		}},
		{Open: func(*smoke.Runner) error {
			if inv.company != nil && inv.company.ID() == "" {
				inv.company.sel.SetSelectedIndex(0) // the secretariat chooses a company
			}
			return nil
		}, Ready: func() bool { return len(inv.people) > 0 && !inv.busy }},
		{Open: func(r *smoke.Runner) error {
			// Tick the first person who has not joined, as HR would.
			for i, p := range inv.people {
				if p.JoinedAt == nil && p.Role != app.RoleSecretariat {
					inv.list.ScrollTo(i)
					inv.selected[p.ParticipantID] = true
					inv.list.Refresh()
					inv.updateButtons()
					return r.TapButton(inv.invite)
				}
			}
			return fmt.Errorf("everyone has joined: no one to invite")
		}, Ready: func() bool { return inv.fresh.Visible() }},
		// Closing codes not saved yet asks first; the walk goes back.
		{Name: "codes-unsaved", Open: tap("invite.close_codes", "Close the codes"),
			Close: func(r *smoke.Runner, d fyne.CanvasObject) error {
				return r.Tap(d, lang.X("invite.unsaved.back", "Go back and save")) // its "close" would drop the codes
			}},
		{Name: "codes-csv", Open: tap("invite.save_csv", "Save as CSV (Excel)"),
			Check: func(r *smoke.Runner, d fyne.CanvasObject, done func(error)) {
				smoke.Save(r, d, "smoke-codes", func(path string, err error) {
					if err == nil && !strings.HasSuffix(path, ".csv") {
						err = fmt.Errorf("the codes were saved as %s", path)
					}
					done(err)
				})
			},
			Close: smoke.ClosedByChoosing},
		{Name: "codes-slips", Open: tap("invite.save_html", "Save the slips to print (HTML)")},
		{Name: "codes-shown", Open: tap("invite.show_codes", "Show the codes")},
		{Open: func(*smoke.Runner) error {
			for i, p := range inv.people {
				if codeValid(p, inv.svc.Now()) {
					inv.list.ScrollTo(i) // at a large text size it may be below the list's end
					return nil
				}
			}
			return fmt.Errorf("no one has a code to stop")
		}, Ready: func() bool { return smoke.Button(inv.list, lang.X("invite.revoke", "Stop the code")) != nil }},
		{Name: "revoke-code", Open: func(r *smoke.Runner) error {
			return r.TapButton(smoke.Button(inv.list, lang.X("invite.revoke", "Stop the code")))
		}},
		{Open: func(r *smoke.Runner) error { return nil }, Ready: func() bool {
			// Someone with a device, in the secretariat's next company
			// when none in this one has.
			if inv.busy {
				return false
			}
			for i, p := range inv.people {
				if activeDevices(p) > 0 {
					inv.list.ScrollTo(i)
					return devicesButton(inv) != nil
				}
			}
			if inv.company != nil && inv.company.sel.SelectedIndex()+1 < len(inv.company.sel.Options) {
				inv.company.sel.SetSelectedIndex(inv.company.sel.SelectedIndex() + 1)
			}
			return false
		}},
		{Name: "devices", Keep: true, Open: func(r *smoke.Runner) error { return r.TapButton(devicesButton(inv)) }},
		// Its dialog closes the list of devices, and asks.
		{Name: "revoke-device", Open: tapInTop("invite.device.revoke", "Stop this device")},
		{Open: func(*smoke.Runner) error { selectTab(2); return nil }, Ready: func() bool { return !a.Dashboard.saveData.Disabled() }},
		{Name: "save-figures", Open: tap("dashboard.save_figures", "Save the figures as CSV")},
		{Name: "save-activity", Open: tap("dashboard.save_activity", "Save each person's activity as CSV")},
		{Name: "save-workbook", Open: tap("dashboard.save_xlsx", "Save everything as an Excel workbook (.xlsx)")},
		{Name: "save-chart", Open: tap("dashboard.save_png", "Save this chart as an image (PNG)")},
		// The programme's review, of the round that began first (the
		// demo's previous round, whose review has answers), scrolled
		// into view.
		{Open: func(*smoke.Runner) error { return a.Dashboard.smokeEarliestCohort() },
			Ready: a.Dashboard.scrollToProgramme, Shot: "dashboard-programme"},
		// Its exports head it.
		{Name: "save-programme-csv", Open: tap("programme_export.save_csv", "Save the programme survey results as CSV")},
		{Name: "save-programme-xlsx", Open: tap("programme_export.save_xlsx", "Save the programme survey results as Excel")},
	}
	if a.Programmes == nil {
		return steps
	}
	p := a.Programmes
	return append(steps,
		smoke.Step{Open: func(*smoke.Runner) error { selectTab(3); p.tabs.SelectIndex(0); return nil }, Ready: func() bool { return len(p.cohorts) > 0 }},
		smoke.Step{Name: "cohort-new", Keep: true, Open: tap("cohort.add", "Create a programme")},
		smoke.Step{Name: "date-picker", Open: tapInTop("slot.choose_day", "Choose a day")},
		smoke.CloseTop(),
		smoke.Step{Name: "cohort-edit", Open: tap("programmes.edit", "Edit")},
		smoke.Step{Name: "members", Open: tap("cohort.members", "Members")},
		smoke.Step{Name: "review-settings", Keep: true, Open: tap("psurvey.button", "Review settings")},
		// Its calendar opens on the day its field shows.
		smoke.Step{Name: "review-date-picker", Open: func(r *smoke.Runner) error { return r.TapButton(p.surveyForm.closes.btn) }},
		smoke.CloseTop(),
		// A last day already past is asked first (a programme that began
		// before yesterday and whose review has not ended).
		smoke.Step{Name: "review-past-day", Open: func(*smoke.Runner) error { return p.smokePastDay() }},
		smoke.CloseTop(),
		// The secretariat's introduction of two people (issue 19).
		smoke.Step{Name: "introduce", Open: tap("intro.button", "Introduce two people"),
			// Both people chosen (by reading, with it), on the last page.
			Check: func(r *smoke.Runner, _ fyne.CanvasObject, done func(error)) {
				r.Until(10*time.Second, func() bool { f := p.introForm; return f != nil && len(f.members) > 0 }, func(ok bool) {
					if !ok {
						done(fmt.Errorf("the programme's members did not load"))
						return
					}
					p.introForm.smokeFill()
					r.Until(r.Settle/2, func() bool { return false }, func(bool) { done(r.Picture("introduce-people")) })
				})
			}},
		smoke.Step{Name: "cohort-state", Open: func(r *smoke.Runner) error {
			if err := r.Tap(nil, lang.X("cohort.close", "Close")); err == nil {
				return nil
			}
			return r.Tap(nil, lang.X("cohort.open", "Open for offers"))
		}},
		smoke.Step{Open: func(*smoke.Runner) error { p.tabs.SelectIndex(1); return nil }, Ready: func() bool { return len(p.companies) > 0 }},
		smoke.Step{Name: "company-new", Open: tap("company.add", "Add a company")},
		smoke.Step{Name: "company-edit", Open: tap("programmes.edit", "Edit")},
	)
}

// SmokeViewName names the picture of the administration's tab showing
// c, or is empty.
func (a *Views) SmokeViewName(c fyne.CanvasObject) string {
	switch {
	case c == a.Import.Content():
		return "import"
	case c == a.Invitations.Content():
		return "invitations"
	case c == a.Dashboard.Content():
		return "dashboard"
	case a.Programmes != nil && c == a.Programmes.Content():
		return "programmes"
	}
	return ""
}

// SmokeInnerViews takes the picture of each tab inside the tab showing
// c: the secretariat's programmes and companies.
func (a *Views) SmokeInnerViews(c fyne.CanvasObject) []smoke.Step {
	if a.Programmes == nil || c != a.Programmes.Content() {
		return nil
	}
	return smoke.Tabs(a.Programmes.tabs, "programmes", []string{"programmes-cohorts", "programmes-companies"}, nil)
}

// devicesButton is a person's button that lists their devices, shown in
// the invitations' list, or nil.
func devicesButton(v *InvitationsView) *widget.Button {
	var b *widget.Button
	smoke.Walk(v.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*inviteRow); ok && b == nil && r.devices.Visible() && r.devices.Text != "" {
			b = r.devices
		}
	})
	return b
}

// smokeRoster is a roster file of two new people, without a problem, as
// Excel saves it: the walk imports it.
func smokeRoster(cohort string) []byte {
	rows := []string{
		"社員番号,氏名,ふりがな,年代,職種,プログラム",
		"S9901,山本 和夫,やまもと かずお,55-59,営業,\"" + cohort + "\"",
		"S9902,中村 由美,なかむら ゆみ,50代,人事,\"" + cohort + "\"",
	}
	return []byte("\ufeff" + strings.Join(rows, "\r\n") + "\r\n")
}

// smokeEarliestCohort chooses the programme that began first.
func (v *DashboardView) smokeEarliestCohort() error {
	if !v.chooseEarliestCohort() {
		return fmt.Errorf("the dashboard lists no programme")
	}
	return nil
}

// smokePastDay opens the review settings of a programme that began
// before yesterday and whose review has not ended, chooses yesterday as
// its last day and saves: the form asks first.
func (v *ProgrammesView) smokePastDay() error {
	today := app.StartOfDay(v.svc.Now())
	yesterday := today.AddDate(0, 0, -1)
	for _, c := range v.cohorts {
		if _, closes := c.SurveyWindow(); !app.StartOfDay(c.StartsOn).Before(yesterday) || !closes.After(today) {
			continue
		}
		v.editSurvey(c)
		f := v.surveyForm
		f.opens.set(c.StartsOn)
		f.closes.set(yesterday)
		f.save()
		return nil
	}
	return fmt.Errorf("no programme began before yesterday with its review open")
}

// smokeFill chooses the first person of the first company on each side,
// and shows the last page (the smoke walk's picture of it).
func (f *introduceForm) smokeFill() {
	for _, s := range f.sides {
		if len(s.company.sel.Options) > 0 {
			s.company.sel.SetSelectedIndex(0)
		}
		if len(s.person.Options) > 0 {
			s.person.SetSelectedIndex(0)
		}
	}
	f.pages.show(len(f.pages.pages) - 1)
}
