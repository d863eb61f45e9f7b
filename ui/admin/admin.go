package admin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/widgets"
)

// Services is what the administration views need. The desktop app
// passes its sync client (app.Admin), the signed-in account and the
// server-corrected clock, and roster.Read; tests pass a fake.
type Services interface {
	app.Admin
	// Me is the signed-in account; its Role decides what is shown.
	Me() app.Actor
	// Now is the current time, corrected to the server's clock.
	Now() time.Time
	// ReadRoster reads and checks an import file (roster.Read in the app,
	// with roster.Known{Cohorts: cohorts}).
	ReadRoster(name string, b []byte, cohorts []app.Cohort) (roster.Preview, error)
}

// HasViews reports whether role r has the administration views.
func HasViews(r app.Role) bool { return r == app.RoleHR || r == app.RoleSecretariat }

// Views are the administration tabs of one account.
type Views struct {
	Import      *ImportView
	Invitations *InvitationsView
	Dashboard   *DashboardView
	Programmes  *ProgrammesView // nil but for the secretariat

	svc    Services
	tabs   []*container.TabItem
	shown  map[fyne.CanvasObject]bool // the views loaded once already
	reload map[fyne.CanvasObject]func()
}

// NewViews makes the tabs role allows; server is the address printed
// on invitation slips ("" when unknown). Nothing loads until a tab is
// first shown (Shown).
func NewViews(svc Services, win fyne.Window, server string) *Views {
	a := &Views{svc: svc, shown: map[fyne.CanvasObject]bool{}, reload: map[fyne.CanvasObject]func(){}}
	a.Import = NewImportView(svc, win)
	a.Invitations = NewInvitationsView(svc, win, server)
	a.Dashboard = NewDashboardView(svc, win)
	a.add(container.NewTabItemWithIcon(lang.X("tab.admin.import", "Import"), theme.UploadIcon(), a.Import.Content()), a.Import.Refresh)
	a.add(container.NewTabItemWithIcon(lang.X("tab.admin.invitations", "Invitations"), theme.MailSendIcon(), a.Invitations.Content()), a.Invitations.Refresh)
	a.add(container.NewTabItemWithIcon(lang.X("tab.admin.dashboard", "Dashboard"), theme.GridIcon(), a.Dashboard.Content()), a.Dashboard.Refresh)
	// New people show in the invitations and the figures when next shown.
	a.Import.OnImported = func() {
		delete(a.shown, a.Invitations.Content())
		delete(a.shown, a.Dashboard.Content())
	}
	if svc.Me().Role == app.RoleSecretariat {
		a.Programmes = NewProgrammesView(svc, win)
		// New companies and programmes show in the other tabs when next
		// shown.
		a.Programmes.OnChanged = func() {
			for _, c := range []fyne.CanvasObject{a.Import.Content(), a.Invitations.Content(), a.Dashboard.Content()} {
				delete(a.shown, c)
			}
		}
		a.add(container.NewTabItemWithIcon(lang.X("tab.admin.programmes", "Companies and programmes"), theme.StorageIcon(), a.Programmes.Content()), a.Programmes.Refresh)
	}
	return a
}

func (a *Views) add(t *container.TabItem, reload func()) {
	a.tabs = append(a.tabs, t)
	a.reload[t.Content] = reload
}

// Tabs are the administration tabs, in order.
func (a *Views) Tabs() []*container.TabItem { return a.tabs }

// Shown loads the view whose content is c the first time it is shown;
// each view has its own button to load again. It reports whether c is
// one of the administration views.
func (a *Views) Shown(c fyne.CanvasObject) bool {
	reload, ok := a.reload[c]
	if !ok {
		return false
	}
	if !a.shown[c] {
		a.shown[c] = true
		reload()
	}
	return true
}

// errorText is what the user reads about a failed administration
// call: the offline sentence, the rejection's own sentence, or a plain
// sentence with what to do.
func errorText(err error) string {
	if errors.Is(err, app.ErrOffline) {
		return lang.X("admin.offline", "The server cannot be reached. Please check the network and try again.")
	}
	var r *app.Rejection
	if errors.As(err, &r) {
		const missing = "\x00"
		if s := lang.X("reject."+string(r.Code), missing); s != missing {
			return s
		}
		return lang.X("admin.rejected", "The server did not accept this. Please check the content and try again.")
	}
	return lang.X("admin.failed", "This could not be done. Please try again later; if it keeps happening, please contact the secretariat.")
}

// callTimeout bounds one call to the server, so that a view never waits
// for ever.
const callTimeout = 2 * time.Minute

// callServer runs work with a bounded context off the UI goroutine and
// done on it.
func callServer[T any](work func(ctx context.Context) (T, error), done func(T, error)) {
	widgets.Background(func() (T, error) {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		return work(ctx)
	}, done)
}

// statusLine is a view's status line: what is loading, what went wrong
// and what to do, or what was done.
type statusLine struct {
	text *widgets.Paragraph
	// relayout, when set, lays out the status's container again after
	// the line appeared, changed or went.
	relayout func()
}

func newStatusLine() *statusLine {
	s := &statusLine{text: widgets.NewParagraph("")}
	s.text.Label.Wrapping = fyne.TextWrapOff
	s.text.Hide()
	return s
}

func (s *statusLine) show(text string, imp widget.Importance) {
	s.text.Label.Importance = imp
	s.text.SetText(text)
	s.text.Show()
	s.changed()
}

func (s *statusLine) changed() {
	if s.relayout != nil {
		s.relayout()
	}
}

// busy says what is under way.
func (s *statusLine) busy(text string) { s.show(text, widget.MediumImportance) }

// loading says that data is being loaded.
func (s *statusLine) loading() { s.busy(lang.X("admin.loading", "Loading…")) }

// fail says what went wrong and what to do.
func (s *statusLine) fail(err error) {
	fyne.LogError("admin", err)
	s.show(errorText(err), widget.DangerImportance)
}

// failText shows a problem the view found itself.
func (s *statusLine) failText(text string) { s.show(text, widget.DangerImportance) }

// done says what was done.
func (s *statusLine) done(text string) { s.show(text, widget.SuccessImportance) }

func (s *statusLine) clear() {
	s.text.SetText("")
	s.text.Hide()
	s.changed()
}

// Text is the line shown, "" when none.
func (s *statusLine) Text() string {
	if !s.text.Visible() {
		return ""
	}
	return s.text.Text
}

// heading is a view's bold title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// tall makes a main button tall enough to hit, with large text too.
func tall(b *widget.Button) fyne.CanvasObject { return widgets.Tall(b, widgets.TallButton) }

// bom starts every CSV the views write, so that Excel reads it as
// UTF-8.
const bom = "\ufeff"

// saveFile asks where to save a file named name and writes it there
// with write, off the UI goroutine; status tells how it went.
func saveFile(win fyne.Window, name string, exts []string, status *statusLine, write func(io.Writer) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			status.fail(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		status.busy(lang.X("admin.saving", "Saving…"))
		where := w.URI().Name()
		widgets.Background(func() (struct{}, error) {
			err := write(w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return struct{}{}, err
		}, func(_ struct{}, err error) {
			if err != nil {
				fyne.LogError("admin: save "+where, err)
				status.failText(lang.X("admin.save_failed", "The file could not be saved. Please choose another folder and try again."))
				return
			}
			status.done(lang.X("admin.saved", "Saved as {{.Name}}.", map[string]any{"Name": where}))
		})
	}, win)
	d.SetFileName(name)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fyne.NewSize(800, 600))
	d.Show()
}

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

// percent writes a rate of 0–1 as a whole percentage.
func percent(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }
