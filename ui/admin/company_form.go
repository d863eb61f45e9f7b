package admin

import (
	"context"
	"strings"
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

// companyForm edits one company.
type companyForm struct {
	c        app.Company
	name     *widget.Entry
	industry *widget.Entry
	errLine  *widgets.Paragraph
	dialog   dialog.Dialog
	pages    *formPages
	save     func()
}

// validateCompany says what is wrong with c, or "".
func validateCompany(c app.Company) string {
	switch {
	case strings.TrimSpace(c.Name) == "":
		return lang.X("company.need_name", "Please enter the company's name.")
	case utf8.RuneCountInString(c.Name) > maxCompanyName || utf8.RuneCountInString(c.Industry) > maxCompanyName:
		return lang.X("company.too_long", "The name or the industry is too long. Please shorten it to {{.Max}} characters or fewer.", map[string]any{"Max": maxCompanyName})
	}
	return ""
}

// input is the company as the form says.
func (f *companyForm) input() app.Company {
	c := f.c
	c.Name, c.Industry = strings.TrimSpace(f.name.Text), strings.TrimSpace(f.industry.Text)
	return c
}

func (v *ProgrammesView) editCompany(c app.Company) {
	f := &companyForm{c: c, name: widget.NewEntry(), industry: widget.NewEntry(), errLine: newErrorLine()}
	f.name.SetText(c.Name)
	f.industry.SetText(c.Industry)
	f.industry.SetPlaceHolder(lang.X("company.industry_hint", "e.g. manufacturing, trading, finance"))
	check := &formCheck{line: f.errLine, check: func() string { return validateCompany(f.input()) }}
	f.name.OnChanged = func(string) { check.changed() }
	f.industry.OnChanged = func(string) { check.changed() }
	draft := widgets.NewDraftForm(v.svc, "company:"+draftTarget(c.ID)).Entry("name", f.name).Entry("industry", f.industry)
	form := container.NewVBox(draft.Note, container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("company.name", "Company name")), f.name,
		widget.NewLabel(lang.X("company.industry", "Industry")), f.industry))
	title := lang.X("company.edit_title", "Edit the company")
	if c.ID == "" {
		title = lang.X("company.add", "Add a company")
	}
	f.save = func() {
		if !check.ok() {
			return
		}
		nc := f.input()
		showError(f.errLine, lang.X("admin.saving", "Saving…"))
		callServer(func(ctx context.Context) (app.Company, error) { return v.svc.SaveCompany(ctx, nc) },
			func(saved app.Company, err error) {
				if err != nil {
					showError(f.errLine, errorText(err))
					return
				}
				draft.Clear()
				f.dialog.Hide()
				v.loadThen(lang.X("company.saved", "“{{.Name}}” was saved.", map[string]any{"Name": saved.Name}))
			})
	}
	f.pages = pagedFormDialog(v.win, title, []fyne.CanvasObject{form}, f.errLine, nil, f.save, fyne.NewSize(560, 320))
	f.dialog = f.pages.dialog
	keepDraft(f.dialog, draft)
	v.companyForm = f
}
