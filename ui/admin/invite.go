package admin

import (
	"context"
	"encoding/csv"
	"html/template"
	"io"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The invitations tab lists a company's people, whether each has joined,
// until when their code is valid and which devices they use. HR selects
// people (or everyone not yet joined) and makes new codes; the codes come
// back in clear this once — the server keeps only hashes — so the tab
// offers them at once as a CSV for Excel and as a page of slips to print,
// one per person, with how to install and start the app.

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
	summary  *widget.Label
	list     *widget.List
	empty    *widgets.Paragraph
	ttl      *widget.Select
	invite   *widget.Button
	allNew   *widget.Button
	none     *widget.Button
	reload   *widget.Button
	status   *statusLine
	relayout func()          // lays the view out again after a part appeared or went
	fresh    *fyne.Container // the new codes' notice and export buttons
	freshMsg *widgets.Paragraph
	content  fyne.CanvasObject

	companies []app.Company
	people    []app.Invitation
	selected  map[string]bool
	codes     []app.Invitation // the codes made last, in clear
	codesOf   string           // the name of their company
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
	v.summary = widget.NewLabel("")
	v.summary.TextStyle.Bold = true
	v.summary.Wrapping = fyne.TextWrapWord
	v.status = newStatusLine()

	var ttls []string
	for _, d := range inviteTTLs {
		ttls = append(ttls, lang.X("invite.ttl", "{{.Days}} days", map[string]any{"Days": d}))
	}
	v.ttl = widget.NewSelect(ttls, nil)
	v.ttl.SetSelectedIndex(inviteDefaultTTL)
	v.invite = widget.NewButtonWithIcon(lang.X("invite.make", "Make invitation codes"), theme.MailSendIcon(), v.makeCodes)
	v.invite.Importance = widget.HighImportance
	v.allNew = widget.NewButtonWithIcon(lang.X("invite.select_new", "Select everyone not yet joined"), theme.CheckButtonCheckedIcon(), v.selectNotJoined)
	v.none = widget.NewButtonWithIcon(lang.X("invite.select_none", "Clear the selection"), theme.CheckButtonIcon(), func() {
		v.selected = map[string]bool{}
		v.list.Refresh()
		v.updateButtons()
	})
	v.reload = widget.NewButtonWithIcon(lang.X("admin.reload", "Show the latest"), theme.ViewRefreshIcon(), v.Refresh)

	v.freshMsg = widgets.NewParagraph("")
	v.freshMsg.Label.TextStyle.Bold = true
	v.freshMsg.Label.Importance = widget.WarningImportance
	csvBtn := widget.NewButtonWithIcon(lang.X("invite.save_csv", "Save as CSV (Excel)"), theme.DocumentSaveIcon(), func() {
		codes := v.codes
		saveFile(v.win, lang.X("invite.csv_name", "invitation-codes.csv"), []string{".csv"}, v.status, func(w io.Writer) error {
			return WriteInvitationsCSV(w, codes, v.server)
		})
	})
	htmlBtn := widget.NewButtonWithIcon(lang.X("invite.save_html", "Save the slips to print (HTML)"), theme.DocumentPrintIcon(), func() {
		codes, company := v.codes, v.codesOf
		saveFile(v.win, lang.X("invite.html_name", "invitation-slips.html"), []string{".html"}, v.status, func(w io.Writer) error {
			return WriteInvitationSlips(w, codes, company, v.server)
		})
	})
	showBtn := widget.NewButtonWithIcon(lang.X("invite.show_codes", "Show the codes"), theme.VisibilityIcon(), v.showCodes)
	v.fresh = container.NewVBox(widget.NewSeparator(), v.freshMsg,
		container.New(layout.NewRowWrapLayout(), tall(csvBtn), tall(htmlBtn), tall(showBtn)), widget.NewSeparator())
	v.fresh.Hide()

	v.list = widget.NewList(
		func() int { return len(v.people) },
		func() fyne.CanvasObject { return newInviteRow(v) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*inviteRow).set(v.people[i]) })
	v.empty = widgets.NewParagraph(lang.X("invite.empty", "Nobody is registered yet. Import the participants in the “Import” tab first."))
	v.empty.Hide()

	top := container.NewVBox(heading(lang.X("invite.title", "Invitations")), intro)
	if v.svc.Me().Role == app.RoleSecretariat {
		v.company = newCompanyChoice(false, v.loadPeople)
		top.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.X("import.company", "Company")), nil, v.company.sel))
	}
	top.Add(v.summary)
	top.Add(container.New(layout.NewRowWrapLayout(), v.allNew, v.none, v.reload))
	top.Add(container.NewHBox(widget.NewLabel(lang.X("invite.ttl_label", "Valid for")), v.ttl, tall(v.invite)))
	top.Add(v.status.text)
	top.Add(v.fresh)
	body := container.NewBorder(top, nil, nil, nil, container.NewStack(v.list, container.NewVBox(v.empty)))
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
		if done != "" {
			v.status.done(done)
		} else {
			v.status.clear()
		}
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
	joined := 0
	for _, p := range people {
		if v.selected[p.ParticipantID] {
			keep[p.ParticipantID] = true
		}
		if p.JoinedAt != nil {
			joined++
		}
	}
	v.selected = keep
	v.summary.SetText(lang.X("invite.summary", "{{.Joined}} of {{.Count}} people have joined.", map[string]any{"Joined": joined, "Count": len(people)}))
	if len(people) == 0 {
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.list.Refresh()
	v.updateButtons()
}

func (v *InvitationsView) selectNotJoined() {
	for _, p := range v.people {
		if p.JoinedAt == nil {
			v.selected[p.ParticipantID] = true
		}
	}
	v.list.Refresh()
	v.updateButtons()
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
		if err != nil {
			v.status.fail(err)
			v.updateButtons()
			return
		}
		v.codes, v.codesOf = codes, company
		v.selected = map[string]bool{}
		v.freshMsg.SetText(lang.X("invite.made", "Invitation codes were made for {{.Count}} people. They are shown only now: save them as a CSV or as slips to print before you leave this screen.", map[string]any{"Count": len(codes)}))
		v.fresh.Show()
		v.relayout()
		v.status.clear()
		v.loadPeople()
	})
}

// showCodes lists the new codes on screen, to read one out on the phone.
func (v *InvitationsView) showCodes() {
	codes := v.codes
	list := widget.NewList(func() int { return len(codes) },
		func() fyne.CanvasObject {
			code := widget.NewLabel("")
			code.TextStyle.Monospace = true
			code.TextStyle.Bold = true
			code.Selectable = true
			return container.NewGridWithColumns(2, widget.NewLabel(""), code)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container).Objects
			row[0].(*widget.Label).SetText(codes[i].Name)
			row[1].(*widget.Label).SetText(codes[i].Code)
		})
	d := dialog.NewCustom(lang.X("invite.codes_title", "The new invitation codes"), lang.X("dialog.close", "Close"), list, v.win)
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
}

// stateText says where a person's invitation stands at now.
func inviteStateText(p app.Invitation, now time.Time) (string, widget.Importance) {
	switch {
	case p.JoinedAt != nil:
		return lang.X("invite.state.joined", "Joined on {{.Date}}", map[string]any{"Date": widgets.FormatDate(*p.JoinedAt)}), widget.SuccessImportance
	case p.ExpiresAt == nil:
		return lang.X("invite.state.never", "Not joined · not invited yet"), widget.MediumImportance
	case now.Before(*p.ExpiresAt):
		return lang.X("invite.state.waiting", "Not joined · code valid until {{.Date}}", map[string]any{"Date": widgets.FormatDate(*p.ExpiresAt)}), widget.MediumImportance
	}
	return lang.X("invite.state.expired", "Not joined · the code expired on {{.Date}}", map[string]any{"Date": widgets.FormatDate(*p.ExpiresAt)}), widget.WarningImportance
}

// activeDevices counts a person's devices not revoked.
func activeDevices(p app.Invitation) int {
	n := 0
	for _, d := range p.Devices {
		if d.RevokedAt == nil {
			n++
		}
	}
	return n
}

// codeValid reports whether p has a code that can still be used.
func codeValid(p app.Invitation, now time.Time) bool {
	return p.JoinedAt == nil && p.ExpiresAt != nil && now.Before(*p.ExpiresAt)
}

func (v *InvitationsView) revokeInvite(p app.Invitation) {
	msg := widgets.NewParagraph(lang.X("invite.revoke.confirm", "{{.Name}}'s invitation code will stop working. You can make a new one later. Stop it?", map[string]any{"Name": p.Name}))
	d := dialog.NewCustomConfirm(lang.X("invite.revoke.title", "Stop an invitation code"), lang.X("invite.revoke.yes", "Stop the code"), lang.X("invite.back", "Go back"),
		container.NewGridWrap(fyne.NewSize(420, msg.MinSize().Height*3), msg), func(ok bool) {
			if !ok {
				return
			}
			v.status.busy(lang.X("admin.saving", "Saving…"))
			callServer(func(ctx context.Context) (struct{}, error) {
				return struct{}{}, v.svc.RevokeInvite(ctx, p.ParticipantID)
			}, func(_ struct{}, err error) {
				if err != nil {
					v.status.fail(err)
					return
				}
				v.loadThen(lang.X("invite.revoked", "{{.Name}}'s code no longer works.", map[string]any{"Name": p.Name}))
			})
		}, v.win)
	d.Show()
}

func (v *InvitationsView) showDevices(p app.Invitation) {
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, dev := range p.Devices {
		name := dev.Name
		if name == "" {
			name = lang.X("invite.device.unnamed", "A device")
		}
		since := lang.X("invite.device.since", "Used since {{.Date}}", map[string]any{"Date": widgets.FormatDate(dev.CreatedAt)})
		if dev.RevokedAt != nil {
			since = lang.X("invite.device.revoked", "Stopped on {{.Date}}", map[string]any{"Date": widgets.FormatDate(*dev.RevokedAt)})
		}
		label := widget.NewLabel(name + "\n" + since)
		label.Wrapping = fyne.TextWrapWord
		var right fyne.CanvasObject
		if dev.RevokedAt == nil {
			dev := dev
			right = widget.NewButtonWithIcon(lang.X("invite.device.revoke", "Stop this device"), theme.CancelIcon(), func() {
				d.Hide()
				v.revokeDevice(p, dev)
			})
		}
		rows.Add(container.NewBorder(nil, nil, nil, right, label))
	}
	d = dialog.NewCustom(lang.X("invite.devices.title", "{{.Name}}'s devices", map[string]any{"Name": p.Name}), lang.X("dialog.close", "Close"),
		container.NewVScroll(rows), v.win)
	d.Resize(fyne.NewSize(560, 400))
	d.Show()
}

func (v *InvitationsView) revokeDevice(p app.Invitation, dev app.DeviceInfo) {
	msg := widgets.NewParagraph(lang.X("invite.device.confirm", "CrossTalk will stop working on “{{.Device}}” of {{.Name}}. To use it again, they need a new invitation code. Stop it?",
		map[string]any{"Device": dev.Name, "Name": p.Name}))
	dialog.NewCustomConfirm(lang.X("invite.device.title", "Stop a device"), lang.X("invite.device.yes", "Stop the device"), lang.X("invite.back", "Go back"),
		container.NewGridWrap(fyne.NewSize(420, msg.MinSize().Height*4), msg), func(ok bool) {
			if !ok {
				return
			}
			v.status.busy(lang.X("admin.saving", "Saving…"))
			callServer(func(ctx context.Context) (struct{}, error) {
				return struct{}{}, v.svc.RevokeDevice(ctx, dev.ID)
			}, func(_ struct{}, err error) {
				if err != nil {
					v.status.fail(err)
					return
				}
				v.loadThen(lang.X("invite.device.revoked_done", "The device no longer works."))
			})
		}, v.win).Show()
}

// inviteRow is one person in the list.
type inviteRow struct {
	widget.BaseWidget
	v       *InvitationsView
	p       app.Invitation
	check   *widget.Check
	name    *widget.Label
	detail  *widget.Label
	state   *widget.Label
	revoke  *widget.Button
	devices *widget.Button
	box     *fyne.Container
}

func newInviteRow(v *InvitationsView) *inviteRow {
	r := &inviteRow{v: v, name: widget.NewLabel(""), detail: widget.NewLabel(""), state: widget.NewLabel("")}
	r.check = widget.NewCheck("", nil)
	r.name.TextStyle.Bold = true
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.state.Truncation = fyne.TextTruncateEllipsis
	r.revoke = widget.NewButton(lang.X("invite.revoke", "Stop the code"), func() { r.v.revokeInvite(r.p) })
	r.devices = widget.NewButton("", func() { r.v.showDevices(r.p) })
	r.box = container.NewBorder(nil, nil, r.check, container.NewHBox(r.revoke, r.devices),
		container.NewVBox(r.name, r.detail, r.state))
	r.ExtendBaseWidget(r)
	return r
}

func (r *inviteRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.box)
}

func (r *inviteRow) set(p app.Invitation) {
	r.p = p
	r.check.OnChanged = nil
	r.check.SetChecked(r.v.selected[p.ParticipantID])
	r.check.OnChanged = func(on bool) {
		if on {
			r.v.selected[r.p.ParticipantID] = true
		} else {
			delete(r.v.selected, r.p.ParticipantID)
		}
		r.v.updateButtons()
	}
	r.name.SetText(p.Name)
	if p.EmployeeNo == "" { // not imported by HR, so without a number
		r.detail.SetText(p.Kana)
	} else {
		r.detail.SetText(lang.X("invite.person", "No. {{.No}} · {{.Kana}}", map[string]any{"No": p.EmployeeNo, "Kana": p.Kana}))
	}
	text, imp := inviteStateText(p, r.v.svc.Now())
	r.state.Importance = imp
	r.state.SetText(text)
	if codeValid(p, r.v.svc.Now()) {
		r.revoke.Show()
	} else {
		r.revoke.Hide()
	}
	if n := len(p.Devices); n > 0 {
		r.devices.SetText(lang.X("invite.devices", "Devices ({{.Count}})", map[string]any{"Count": activeDevices(p)}))
		r.devices.Show()
	} else {
		r.devices.Hide()
	}
	r.box.Refresh()
}

// WriteInvitationsCSV writes new codes as a CSV that Excel opens in
// Japanese: UTF-8 with a BOM, CRLF line ends, a header row.
func WriteInvitationsCSV(w io.Writer, codes []app.Invitation, server string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write([]string{
		lang.X("import.column.employee_no", "Employee no."), lang.X("import.column.name", "Name"), lang.X("import.column.kana", "Reading"),
		lang.X("invite.csv.code", "Invitation code"), lang.X("invite.csv.expires", "Valid until"), lang.X("invite.csv.server", "Server address"),
	})
	for _, c := range codes {
		expires := ""
		if c.ExpiresAt != nil {
			expires = widgets.FormatDate(*c.ExpiresAt)
		}
		cw.Write([]string{c.EmployeeNo, c.Name, c.Kana, c.Code, expires, server})
	}
	cw.Flush()
	return cw.Error()
}

// slipPage is the page of slips to print.
var slipPage = template.Must(template.New("slips").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: "BIZ UDGothic", "Yu Gothic", "Hiragino Sans", "Meiryo", sans-serif; margin: 0; color: #111; }
.slip { box-sizing: border-box; height: 138mm; padding: 12mm 16mm; border-bottom: 1px dashed #888; page-break-inside: avoid; break-inside: avoid; font-size: 12pt; line-height: 1.6; }
.slip:nth-child(2n) { page-break-after: always; break-after: page; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
.name { font-size: 15pt; font-weight: bold; }
.code { font-family: "Consolas", "Menlo", monospace; font-size: 22pt; font-weight: bold; letter-spacing: 0.1em; border: 2px solid #111; display: inline-block; padding: 1mm 4mm; margin: 2mm 0; }
dt { font-weight: bold; }
dd { margin: 0 0 2mm 0; }
ol { margin: 1mm 0; padding-left: 7mm; }
.note { font-size: 10.5pt; }
@media print { .slip { border-bottom: none; } }
</style>
</head>
<body>
{{range .Slips}}<section class="slip">
<h1>{{$.Title}}</h1>
<p class="name">{{.Name}}</p>
<p>{{$.Intro}}</p>
<dl>
<dt>{{$.CodeLabel}}</dt><dd><span class="code">{{.Code}}</span><br>{{.Expires}}</dd>
{{if $.Server}}<dt>{{$.ServerLabel}}</dt><dd>{{$.Server}}</dd>{{end}}
</dl>
<p><strong>{{$.HowTo}}</strong></p>
<ol>{{range $.Steps}}<li>{{.}}</li>{{end}}</ol>
<p class="note">{{$.Note}}</p>
</section>
{{end}}</body>
</html>
`))

type slipData struct {
	Name, Code, Expires string
}

// WriteInvitationSlips writes new codes as an HTML page to print: one
// slip per person, two to an A4 page, with the code, its expiry, the
// server's address and how to install and start the app.
func WriteInvitationSlips(w io.Writer, codes []app.Invitation, company, server string) error {
	var slips []slipData
	for _, c := range codes {
		s := slipData{Name: lang.X("slip.name", "{{.Name}}", map[string]any{"Name": c.Name}), Code: c.Code}
		if c.ExpiresAt != nil {
			s.Expires = lang.X("slip.expires", "Valid until {{.Date}}. It can be used once.", map[string]any{"Date": widgets.FormatDate(*c.ExpiresAt)})
		}
		slips = append(slips, s)
	}
	title := lang.X("slip.title", "Your invitation to CrossTalk")
	if company != "" {
		title = lang.X("slip.title_company", "Your invitation to CrossTalk ({{.Company}})", map[string]any{"Company": company})
	}
	l := lang.X("slip.lang", "en")
	return slipPage.Execute(w, map[string]any{
		"Lang":        l,
		"Title":       title,
		"Intro":       lang.X("slip.intro", "CrossTalk is an app for 1-on-1 talks about your career with people of other companies."),
		"CodeLabel":   lang.X("invite.csv.code", "Invitation code"),
		"ServerLabel": lang.X("invite.csv.server", "Server address"),
		"Server":      server,
		"HowTo":       lang.X("slip.howto", "How to start"),
		"Steps": []string{
			lang.X("slip.step1", "Install CrossTalk with the installer your HR staff sent you: on Windows, double-click the downloaded file; on a Mac, drag the app into the Applications folder."),
			lang.X("slip.step2", "Open CrossTalk."),
			lang.X("slip.step3", "Enter the server address and the invitation code above, and press “Connect”."),
			lang.X("slip.step4", "Fill in your profile, then look for people to talk with."),
		},
		"Note":  lang.X("slip.note", "The code is for you alone: please do not pass it on. If anything is unclear, please ask your HR staff."),
		"Slips": slips,
	})
}
