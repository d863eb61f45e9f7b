package admin

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The invitations tab lists a company's people, whether each has started
// using the app, until when their code is valid and which devices they
// use. HR ticks people (a click on the row, or every participant not
// started yet) and makes new codes; the codes come back in clear this
// once — the server keeps only hashes — so they stay on the tab until HR
// closes them (invite_codes.go), to save as a CSV for Excel and as a page
// of slips to print, one per person, with how to install and start the
// app.

// inviteTTLs are the validity choices for new codes.
var inviteTTLs = []int{7, 14, 30}

// inviteDefaultTTL is the choice made at first.
const inviteDefaultTTL = 1

// InvitationsView is the invitations tab.
type InvitationsView struct {
	svc    Services
	win    fyne.Window
	server string

	company  *companyChoice // the secretariat's; nil for HR
	summary  *widgets.Paragraph
	list     *widget.List
	empty    *widgets.Paragraph
	ttl      *widget.Select
	invite   *widget.Button
	allNew   *widget.Button
	none     *widget.Button
	reload   *widget.Button
	status   *statusLine
	relayout func()          // lays the view out again after a part appeared or went
	fresh    *fyne.Container // the new codes' notice and buttons, until closed
	freshMsg *widgets.Paragraph
	content  fyne.CanvasObject

	companies []app.Company
	people    []app.Invitation
	selected  map[string]bool
	codes     []app.Invitation // the new codes, in clear, until closed
	codesOf   string           // the name of their company ("" if of several)
	batch     int              // counts the sets of codes shown, changed by each making
	saved     bool             // the codes shown were saved, as a CSV or slips
	leaveOK   int              // the batch whose leaving the tab was agreed
	busy      bool
	gen       int
}

// NewInvitationsView makes the invitations tab; server is the address
// printed on the slips.
func NewInvitationsView(svc Services, win fyne.Window, server string) *InvitationsView {
	v := &InvitationsView{svc: svc, win: win, server: server, selected: map[string]bool{}}
	v.buildUI()
	return v
}

// Content is the tab's canvas object.
func (v *InvitationsView) Content() fyne.CanvasObject { return v.content }

func (v *InvitationsView) buildUI() {
	intro := widgets.NewParagraph(lang.X("invite.intro", "Make an invitation code for each person and hand it out. A code is shown only once, when it is made: the server keeps no copy. Save the codes as a CSV or a page to print straight away."))
	v.summary = widgets.NewParagraph("")
	v.summary.Label.TextStyle.Bold = true
	v.status = newStatusLine()

	var ttls []string
	for _, d := range inviteTTLs {
		ttls = append(ttls, lang.X("invite.ttl", "{{.Days}} days", map[string]any{"Days": d}))
	}
	v.ttl = widget.NewSelect(ttls, nil)
	v.ttl.SetSelectedIndex(inviteDefaultTTL)
	v.invite = widget.NewButtonWithIcon(lang.X("invite.make", "Make invitation codes"), theme.MailSendIcon(), v.makeCodes)
	v.invite.Importance = widget.HighImportance
	// Actions on the ticks, not ticks themselves: their icons are no
	// check boxes, so that neither looks already on.
	v.allNew = widget.NewButtonWithIcon(lang.X("invite.select_new", "Select every participant who has not started"), theme.ContentAddIcon(), v.selectNotJoined)
	v.none = widget.NewButtonWithIcon(lang.X("invite.select_none", "Clear the selection"), theme.ContentRemoveIcon(), v.clearSelection)
	v.reload = widget.NewButtonWithIcon(lang.X("admin.reload", "Show the latest"), theme.ViewRefreshIcon(), v.Refresh)

	v.buildFresh()

	v.list = widget.NewList(
		func() int { return len(v.people) },
		func() fyne.CanvasObject { return newInviteRow(v) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*inviteRow).set(v.people[i]) })
	// A click anywhere on a row (but its buttons) ticks or unticks the
	// person; the list keeps no selection of its own, the ticks are it.
	v.list.OnSelected = func(i widget.ListItemID) {
		v.list.Unselect(i)
		if i < 0 || i >= len(v.people) {
			return
		}
		p := v.people[i]
		if !v.mayInvite(p) {
			v.status.show(alreadyJoinedText(), widget.WarningImportance)
			return
		}
		v.setSelected(p.ParticipantID, !v.selected[p.ParticipantID])
		v.list.RefreshItem(i)
	}
	v.empty = widgets.NewParagraph(lang.X("invite.empty", "Nobody is registered yet. Import the participants in the “Import” tab first."))
	v.empty.Hide()

	// The new codes come first, under the title: saving them is what
	// matters then. The main button and the status stay at the bottom,
	// in view, whatever the window's height.
	top := container.NewVBox(heading(lang.X("invite.title", "Invitations")), v.fresh, intro)
	if v.svc.Me().Role == app.RoleSecretariat {
		v.company = newCompanyChoice(false, v.loadPeople)
		top.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.X("import.company", "Company")), nil, v.company.sel))
	}
	top.Add(v.summary)
	top.Add(flow(v.allNew, v.none, v.reload))
	foot := container.NewVBox(v.status.text, flow(container.NewHBox(widget.NewLabel(lang.X("invite.ttl_label", "Valid for")), v.ttl), tall(v.invite)))
	list, _ := widgets.Squeezed(top, container.NewStack(v.list, container.NewVBox(v.empty)))
	body := container.NewBorder(nil, foot, nil, nil, list)
	v.status.relayout = body.Refresh
	v.relayout = body.Refresh
	v.content = container.NewPadded(body)
	v.updateButtons()
}

func (v *InvitationsView) companyID() string {
	if v.company != nil {
		return v.company.ID()
	}
	return v.svc.Me().CompanyID
}

// Refresh loads the companies' names and the list.
func (v *InvitationsView) Refresh() {
	v.status.loading()
	callServer(func(ctx context.Context) ([]app.Company, error) {
		return v.svc.Companies(ctx)
	}, func(cs []app.Company, err error) {
		if err != nil && v.company != nil {
			v.status.fail(err)
			return
		}
		v.companies = cs // HR may be refused the list: its company's name is then left out
		if v.company != nil {
			v.company.set(cs)
		}
		v.loadPeople()
	})
}

// loadPeople loads the chosen company's people.
func (v *InvitationsView) loadPeople() { v.loadThen("") }

// loadThen loads the chosen company's people, then says done (if not "").
func (v *InvitationsView) loadThen(done string) {
	v.loadAnd(func() {
		if done != "" {
			v.status.done(done)
		} else {
			v.status.clear()
		}
	})
}

// loadAnd loads the chosen company's people, then calls after, which
// tells how it went.
func (v *InvitationsView) loadAnd(after func()) {
	company := v.companyID()
	if company == "" {
		v.status.busy(lang.X("admin.company.choose", "Choose a company"))
		v.people = nil
		v.list.Refresh()
		return
	}
	v.gen++
	gen := v.gen
	v.status.loading()
	callServer(func(ctx context.Context) ([]app.Invitation, error) {
		return v.svc.Invitations(ctx, company)
	}, func(people []app.Invitation, err error) {
		if gen != v.gen {
			return
		}
		if err != nil {
			v.status.fail(err)
			return
		}
		after()
		v.setPeople(people)
	})
}

func (v *InvitationsView) setPeople(people []app.Invitation) {
	slices.SortStableFunc(people, func(a, b app.Invitation) int {
		if a.Kana != b.Kana {
			if a.Kana < b.Kana {
				return -1
			}
			return 1
		}
		return 0
	})
	v.people = people
	keep := map[string]bool{}
	for _, p := range people {
		if v.selected[p.ParticipantID] && v.mayInvite(p) {
			keep[p.ParticipantID] = true
		}
	}
	v.selected = keep
	v.summary.SetText(inviteSummary(app.InvitationParticipation(people)))
	if len(people) == 0 {
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.list.Refresh()
	v.updateButtons()
}

// inviteSummary says how many of the company's participants have
// started using the app, counted as the dashboard counts them.
func inviteSummary(p app.Participation) string {
	args := map[string]any{"Joined": p.Joined, "Count": p.Participants, "Staff": p.Staff}
	if p.Staff > 0 {
		return lang.X("invite.summary_staff", "{{.Joined}} of {{.Count}} participants have started using the app. HR and secretariat accounts ({{.Staff}}) are not counted.", args)
	}
	return lang.X("invite.summary", "{{.Joined}} of {{.Count}} participants have started using the app.", args)
}

// notStarted reports whether p is a participant who has not started
// using the app: whom "select every participant who has not started"
// ticks (the staff are invited one by one).
func notStarted(p app.Invitation) bool { return p.JoinedAt == nil && app.CountsAsParticipant(p.Role) }

// mayInvite reports whether the signed-in account may make p a new code:
// the secretariat anyone's; HR only for someone who has never started
// using the app (issue 14: a new code for someone who has would let HR
// sign in as them, so the server refuses it; the secretariat makes it).
func (v *InvitationsView) mayInvite(p app.Invitation) bool {
	return v.svc.Me().Role == app.RoleSecretariat || p.JoinedAt == nil
}

// alreadyJoinedText tells HR why a person cannot be ticked.
func alreadyJoinedText() string {
	return lang.X("invite.joined_ask_secretariat", "This person has already started using the app. Please ask the secretariat for a new invitation code.")
}

// setSelected ticks (on) or unticks a person; one who may not be invited
// stays unticked.
func (v *InvitationsView) setSelected(id string, on bool) {
	if i := slices.IndexFunc(v.people, func(p app.Invitation) bool { return p.ParticipantID == id }); on && i >= 0 && !v.mayInvite(v.people[i]) {
		on = false
	}
	if on {
		v.selected[id] = true
	} else {
		delete(v.selected, id)
	}
	v.updateButtons()
}

// selectNotJoined ticks every participant who has not started using the
// app, and says how many that is.
func (v *InvitationsView) selectNotJoined() {
	n := 0
	for _, p := range v.people {
		if notStarted(p) {
			v.selected[p.ParticipantID] = true
			n++
		}
	}
	v.list.Refresh()
	v.updateButtons()
	if n == 0 {
		v.status.busy(lang.X("invite.selected_none_left", "Every participant has started using the app."))
		return
	}
	v.status.done(lang.X("invite.selected_new", "{{.Count}} participants who have not started are selected.", map[string]any{"Count": n}))
}

// clearSelection unticks everyone.
func (v *InvitationsView) clearSelection() {
	v.selected = map[string]bool{}
	v.list.Refresh()
	v.updateButtons()
	v.status.clear()
}

func (v *InvitationsView) selectedIDs() []string {
	var out []string
	for _, p := range v.people {
		if v.selected[p.ParticipantID] {
			out = append(out, p.ParticipantID)
		}
	}
	return out
}

func (v *InvitationsView) updateButtons() {
	n := len(v.selectedIDs())
	if n > 0 {
		v.invite.SetText(lang.X("invite.make_count", "Make invitation codes ({{.Count}} people)", map[string]any{"Count": n}))
	} else {
		v.invite.SetText(lang.X("invite.make", "Make invitation codes"))
	}
	if n > 0 && !v.busy {
		v.invite.Enable()
	} else {
		v.invite.Disable()
	}
	if n > 0 {
		v.none.Enable()
	} else {
		v.none.Disable()
	}
}

// ttlChosen is the validity chosen for new codes.
func (v *InvitationsView) ttlChosen() time.Duration {
	i := v.ttl.SelectedIndex()
	if i < 0 {
		i = inviteDefaultTTL
	}
	return time.Duration(inviteTTLs[i]) * 24 * time.Hour
}

func (v *InvitationsView) makeCodes() {
	ids := v.selectedIDs()
	if len(ids) == 0 || v.busy {
		return
	}
	v.busy = true
	v.updateButtons()
	v.status.busy(lang.X("invite.making", "Making the codes…"))
	ttl := v.ttlChosen()
	company := companyName(v.companies, v.companyID())
	callServer(func(ctx context.Context) ([]app.Invitation, error) {
		return v.svc.Invite(ctx, ids, ttl)
	}, func(codes []app.Invitation, err error) {
		v.busy = false
		if app.CodeOf(err) == app.CodeAlreadyJoined {
			// Someone ticked has started using the app meanwhile: the
			// list shows who, and leaves them unticked.
			v.updateButtons()
			v.loadAnd(func() { v.status.fail(err) })
			return
		}
		if err != nil {
			v.status.fail(err)
			v.updateButtons()
			return
		}
		v.selected = map[string]bool{}
		v.addCodes(codes, company)
		v.relayout()
		v.status.clear()
		v.loadPeople()
	})
}
