package admin

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/widgets"
)

// Services is what the administration views need. The desktop app
// passes its sync client (app.Admin), the signed-in account and the
// server-corrected clock, and roster.Read; tests pass a fake.
type Services interface {
	app.Admin
	// DraftStore keeps what the person typed into a form and has not
	// saved yet, on this device only.
	widgets.DraftStore
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

// Guard makes tabs, which hold these views, ask before the invitations
// tab is left while it shows codes not saved yet (they stay on the tab);
// shown is called for each tab shown.
func (a *Views) Guard(tabs *container.AppTabs, shown func()) {
	current := tabs.Selected()
	tabs.OnSelected = func(t *container.TabItem) {
		if from := current; from != nil && t != from && from.Content == a.Invitations.Content() && a.Invitations.asksBeforeLeaving() {
			tabs.Select(from) // stays until the answer
			a.Invitations.ConfirmLeave(func() { tabs.Select(t) })
			return
		}
		current = t
		shown()
	}
}

// ConfirmClose calls close at once, or, while the invitations tab shows
// codes not saved yet, asks first: closing the window loses them.
func (a *Views) ConfirmClose(close func()) { a.Invitations.ConfirmQuit(close) }

// KeepFrom shows what o's views hold that exists nowhere else (the new
// invitation codes), when the views are built again, such as in another
// language.
func (a *Views) KeepFrom(o *Views) { a.Invitations.TakeCodes(o.Invitations) }
