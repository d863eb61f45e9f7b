package admin

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// companyChoice is the secretariat's choice of a company, with an
// optional first choice for every company.
type companyChoice struct {
	sel       *widget.Select
	all       bool // the first choice is every company
	companies []app.Company
	onChanged func()
}

func newCompanyChoice(all bool, onChanged func()) *companyChoice {
	c := &companyChoice{all: all, onChanged: onChanged}
	c.sel = widget.NewSelect(nil, func(string) {
		if c.onChanged != nil {
			c.onChanged()
		}
	})
	c.sel.PlaceHolder = lang.X("admin.company.choose", "Choose a company")
	return c
}

// set shows companies, keeping the choice when it is still there.
func (c *companyChoice) set(companies []app.Company) {
	keep := c.ID()
	c.companies = companies
	var opts []string
	if c.all {
		opts = append(opts, lang.X("admin.company.all", "All companies"))
	}
	for _, co := range companies {
		opts = append(opts, co.Name)
	}
	cb := c.onChanged
	c.onChanged = nil
	c.sel.SetOptions(opts)
	switch {
	case keep != "":
		c.Select(keep)
	case c.all:
		c.sel.SetSelectedIndex(0)
	}
	c.onChanged = cb
}

// ID is the chosen company, "" for none or every company.
func (c *companyChoice) ID() string {
	i := c.sel.SelectedIndex()
	if c.all {
		i--
	}
	if i < 0 || i >= len(c.companies) {
		return ""
	}
	return c.companies[i].ID
}

// chosen reports whether anything is chosen (every company counts).
func (c *companyChoice) chosen() bool { return c.sel.SelectedIndex() >= 0 }

// Select chooses the company id.
func (c *companyChoice) Select(id string) {
	for i, co := range c.companies {
		if co.ID == id {
			if c.all {
				i++
			}
			c.sel.SetSelectedIndex(i)
			return
		}
	}
}

// companyName is the name of company id among companies, or "".
func companyName(companies []app.Company, id string) string {
	for _, c := range companies {
		if c.ID == id {
			return c.Name
		}
	}
	return ""
}

// cohortName is the name of cohort id among cohorts, or the id.
func cohortName(cohorts []app.Cohort, id string) string {
	for _, c := range cohorts {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}
