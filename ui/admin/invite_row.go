package admin

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// One person in the invitations list: where their invitation stands,
// and stopping their code or one of their devices.

// stateText says where a person's invitation stands at now.
func inviteStateText(p app.Invitation, now time.Time) (string, widget.Importance) {
	switch {
	case p.JoinedAt != nil:
		return lang.X("invite.state.joined", "Started using the app on {{.Date}}", map[string]any{"Date": widgets.FormatDate(*p.JoinedAt)}), widget.SuccessImportance
	case p.ExpiresAt == nil:
		return lang.X("invite.state.never", "Not started yet · no invitation code yet"), widget.MediumImportance
	case now.Before(*p.ExpiresAt):
		return lang.X("invite.state.waiting", "Not started yet · code valid until {{.Date}}", map[string]any{"Date": widgets.FormatDate(*p.ExpiresAt)}), widget.MediumImportance
	}
	return lang.X("invite.state.expired", "Not started yet · the code expired on {{.Date}}", map[string]any{"Date": widgets.FormatDate(*p.ExpiresAt)}), widget.WarningImportance
}

// staffRoleName names a staff role, or is "" for a participant.
func staffRoleName(r app.Role) string {
	switch r {
	case app.RoleHR:
		return lang.X("invite.role.hr", "HR")
	case app.RoleSecretariat:
		return lang.X("invite.role.secretariat", "Secretariat")
	}
	return ""
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
	widgets.ShowConfirm(lang.X("invite.revoke.title", "Stop an invitation code"),
		lang.X("invite.revoke.confirm", "{{.Name}}'s invitation code will stop working. You can make a new one later. Stop it?", map[string]any{"Name": p.Name}),
		lang.X("invite.revoke.yes", "Stop the code"), lang.X("invite.back", "Go back"), true, func(ok bool) {
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
		label := widgets.NewParagraph(name + "\n" + since)
		var right fyne.CanvasObject
		if dev.RevokedAt == nil {
			dev := dev
			stop := widget.NewButtonWithIcon(lang.X("invite.device.revoke", "Stop this device"), theme.CancelIcon(), func() {
				d.Hide()
				v.revokeDevice(p, dev)
			})
			stop.Importance = widget.DangerImportance // as its confirmation's button
			right = stop
		}
		rows.Add(container.NewBorder(nil, nil, nil, right, label))
	}
	d = dialog.NewCustom(lang.X("invite.devices.title", "{{.Name}}'s devices", map[string]any{"Name": p.Name}), lang.X("dialog.close", "Close"),
		container.NewVScroll(rows), v.win)
	widgets.ShowSized(d, v.win, fyne.NewSize(560, 400))
}

func (v *InvitationsView) revokeDevice(p app.Invitation, dev app.DeviceInfo) {
	text := lang.X("invite.device.confirm", "CrossTalk will stop working on “{{.Device}}” of {{.Name}}. To use it again, they need a new invitation code from the secretariat. Stop it?",
		map[string]any{"Device": dev.Name, "Name": p.Name})
	widgets.ShowConfirm(lang.X("invite.device.title", "Stop a device"), text, lang.X("invite.device.yes", "Stop the device"), lang.X("invite.back", "Go back"), true,
		func(ok bool) {
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
		}, v.win)
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
	r.revoke.Importance = widget.DangerImportance // as its confirmation's button
	r.devices = widget.NewButton("", func() { r.v.showDevices(r.p) })
	// The box at its own size, in the middle: a click beside it falls on
	// the row, which ticks too.
	// The buttons go beside the name, which is short: where the
	// invitation stands has the whole width, in large text too.
	r.box = container.NewBorder(nil, nil, container.NewCenter(r.check), nil,
		container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(r.revoke, r.devices), r.name), r.detail, r.state))
	r.ExtendBaseWidget(r)
	return r
}

func (r *inviteRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.box)
}

func (r *inviteRow) set(p app.Invitation) {
	r.p = p
	r.check.OnChanged = nil
	r.check.SetChecked(r.v.selected[p.ParticipantID] && r.v.mayInvite(p))
	if r.v.mayInvite(p) {
		r.check.Enable()
	} else {
		r.check.Disable() // HR: the secretariat makes a new code for one who has started
	}
	r.check.OnChanged = func(on bool) { r.v.setSelected(r.p.ParticipantID, on) }
	r.name.SetText(p.Name)
	detail := p.Kana
	if p.EmployeeNo != "" { // else not imported by HR, so without a number
		detail = lang.X("invite.person", "No. {{.No}} · {{.Kana}}", map[string]any{"No": p.EmployeeNo, "Kana": p.Kana})
	}
	if role := staffRoleName(p.Role); role != "" { // listed, not counted
		detail = lang.X("invite.person_role", "{{.Person}} · {{.Role}} account", map[string]any{"Person": detail, "Role": role})
	}
	r.detail.SetText(detail)
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
