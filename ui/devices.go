package ui

import (
	"context"
	"errors"
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

// A person's devices (issue 14). Every device of the person receives the
// list of their devices with each sync; one added after this one is
// announced here — in the status line, at the top of the inbox and once
// as a desktop notification — until the person says they have read it,
// so that no one signs in as them unnoticed. The settings list the
// devices, and stop one the person does not recognise.

// DeviceServices are what the views need of the signed-in person's
// devices.
type DeviceServices interface {
	// MyDevices reads what this device knows of the person's devices.
	MyDevices(ctx context.Context) (app.MyDevices, error)
	// DevicesNoticed records that the person has read the notices of the
	// devices added up to upTo.
	DevicesNoticed(ctx context.Context, upTo time.Time) error
	// RevokeMyDevice stops one of the person's other devices at the
	// server.
	RevokeMyDevice(ctx context.Context, id string) error
}

// deviceName is a device's name, or says that it has none.
func deviceName(d app.DeviceInfo) string {
	if d.Name == "" {
		return lang.X("devices.unnamed", "A device without a name")
	}
	return d.Name
}

// newestAdded is when the newest of ds was added.
func newestAdded(ds []app.DeviceInfo) time.Time {
	var t time.Time
	for _, d := range ds {
		if d.CreatedAt.After(t) {
			t = d.CreatedAt
		}
	}
	return t
}

// deviceAddedText tells of one new device and when it was added.
func deviceAddedText(d app.DeviceInfo) string {
	when := widgets.FormatShortDateTime(d.CreatedAt)
	if d.Name == "" {
		return lang.X("devices.added_unnamed", "A new device was added ({{.When}})", map[string]any{"When": when})
	}
	return lang.X("devices.added", "A new device, “{{.Name}}”, was added ({{.When}})", map[string]any{"Name": d.Name, "When": when})
}

// deviceNoticeText is the one-line notice of the devices announced, ""
// for none.
func deviceNoticeText(ds []app.DeviceInfo) string {
	switch len(ds) {
	case 0:
		return ""
	case 1:
		return deviceAddedText(ds[0])
	}
	return lang.X("devices.added_many", "{{.Count}} new devices were added (the latest {{.When}})",
		map[string]any{"Count": len(ds), "When": widgets.FormatShortDateTime(newestAdded(ds))})
}

// deviceNoticeAdvice says what to do about a new device.
func deviceNoticeAdvice() string {
	return lang.X("devices.notice.advice", "If you added it yourself, all is well. If you do not recognise it, stop it under “Your devices” in Settings and tell the secretariat.")
}

// deviceNoticeButtons are the notice's two answers: see the list, or
// say it has been read (up to the newest of ds). done, if not nil, is
// called first.
func deviceNoticeButtons(ds []app.DeviceInfo, done func(), show func(), noticed func(time.Time)) (see, ok *widget.Button) {
	upTo := newestAdded(ds)
	see = widget.NewButtonWithIcon(lang.X("devices.notice.show", "See my devices"), theme.ComputerIcon(), func() {
		if done != nil {
			done()
		}
		if show != nil {
			show()
		}
	})
	ok = widget.NewButtonWithIcon(lang.X("devices.notice.ok", "I have checked"), theme.ConfirmIcon(), func() {
		if done != nil {
			done()
		}
		if noticed != nil {
			noticed(upTo)
		}
	})
	ok.Importance = widget.HighImportance
	return see, ok
}

// SetDevices shows the notice of the devices announced (none hides it).
// Call it on the UI goroutine.
func (s *StatusLine) SetDevices(announced []app.DeviceInfo) {
	s.announced = announced
	if len(announced) == 0 {
		s.devices.Hide()
		return
	}
	// Short, so that the line fits the narrowest window: the dialog and
	// the inbox's notice say which devices and when.
	s.devices.SetText(lang.X("status.devices", "New devices: {{.Count}}", map[string]any{"Count": len(announced)}))
	s.devices.Show()
}

// showDevices opens the notice's dialog.
func (s *StatusLine) showDevices() {
	ds := s.announced
	if len(ds) == 0 {
		return
	}
	box := container.NewVBox()
	for _, d := range ds {
		line := widgets.NewParagraph(deviceAddedText(d))
		line.Label.TextStyle.Bold = true
		box.Add(line)
	}
	box.Add(widgets.NewParagraph(deviceNoticeAdvice()))
	var d dialog.Dialog
	see, ok := deviceNoticeButtons(ds, func() { d.Hide() }, s.OnShowDevices, s.OnDevicesNoticed)
	// Closing keeps the notice, as the inbox's does.
	later := widget.NewButton(lang.X("dialog.close", "Close"), func() { d.Hide() })
	scroll := container.NewVScroll(box) // only when the window is too small
	content := container.NewBorder(nil, container.NewCenter(container.NewHBox(later, see, ok)), nil, nil, scroll)
	d = dialog.NewCustomWithoutButtons(lang.X("devices.notice.title", "A new device"), content, s.win)
	widgets.FitDialog(d, s.win, scroll, 520)
	d.Show()
}

// SetDeviceNotice shows the notice of the devices announced at the top
// of the inbox (none hides it). Call it on the UI goroutine.
func (in *Inbox) SetDeviceNotice(announced []app.DeviceInfo) {
	if len(announced) == 0 {
		in.notice.Objects = nil
		in.notice.Hide()
		in.content.Refresh() // lays the notices out again
		return
	}
	box := container.NewVBox()
	for _, d := range announced {
		line := widgets.NewParagraph(deviceAddedText(d))
		line.Label.TextStyle.Bold = true
		line.Label.Importance = widget.WarningImportance
		box.Add(line)
	}
	box.Add(widgets.NewParagraph(deviceNoticeAdvice()))
	see, ok := deviceNoticeButtons(announced, nil, in.OnShowDevices, in.OnDevicesNoticed)
	box.Add(container.NewHBox(see, ok))
	in.notice.Objects = []fyne.CanvasObject{offerFrame(box)}
	in.notice.Show()
	in.content.Refresh() // lays the notices out again, as tall as they now are
}

// devicesSection is the settings' list of the person's devices: hidden
// until the first list arrives.
type devicesSection struct {
	s       *Settings
	box     *fyne.Container // the whole section
	list    *fyne.Container
	status  *widgets.Paragraph
	mine    app.MyDevices
	stopped map[string]time.Time // stopped here, until a pull says so
	busy    bool
}

func newDevicesSection(s *Settings) *devicesSection {
	sec := &devicesSection{s: s, list: container.NewVBox(), status: widgets.NewParagraph(""), stopped: map[string]time.Time{}}
	title := widget.NewLabelWithStyle(lang.X("settings.devices", "Your devices"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widgets.NewParagraph(lang.X("settings.devices.intro", "The devices signed in to your account. If you do not recognise one, stop it and tell the secretariat."))
	sec.status.Hide()
	sec.box = container.NewVBox(widget.NewSeparator(), title, intro, sec.list, sec.status)
	sec.box.Hide()
	return sec
}

// SetDevices lists the person's devices. Call it on the UI goroutine.
func (s *Settings) SetDevices(m app.MyDevices) {
	sec := s.devices
	for i, d := range m.Devices {
		if at, ok := sec.stopped[d.ID]; ok {
			if d.RevokedAt != nil {
				delete(sec.stopped, d.ID)
			} else {
				m.Devices[i].RevokedAt = &at
			}
		}
	}
	sec.mine = m
	sec.show()
}

// show lays the list out again.
func (sec *devicesSection) show() {
	sec.list.Objects = nil
	if len(sec.mine.Devices) == 0 {
		sec.list.Add(widgets.NewParagraph(lang.X("settings.devices.none", "The list appears after the next sync.")))
	}
	for _, d := range sec.mine.Devices {
		name := widget.NewLabelWithStyle(deviceName(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		added := widget.NewLabel(lang.X("settings.devices.added", "Added: {{.When}}", map[string]any{"When": widgets.FormatDateTime(d.CreatedAt)}))
		var right fyne.CanvasObject
		switch {
		case d.ID == sec.mine.This:
			l := widget.NewLabelWithStyle(lang.X("settings.devices.this", "This device"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			l.Importance = widget.SuccessImportance
			right = l
		case d.RevokedAt != nil:
			right = widget.NewLabel(lang.X("settings.devices.stopped", "Stopped ({{.Date}})", map[string]any{"Date": widgets.FormatDate(*d.RevokedAt)}))
		case sec.s.acts.RevokeDevice != nil:
			d := d
			b := widget.NewButtonWithIcon(lang.X("settings.devices.revoke", "Stop"), theme.CancelIcon(), func() { sec.confirm(d) })
			if sec.busy {
				b.Disable()
			}
			right = widgets.Tall(b, widgets.TallButton)
		}
		var row fyne.CanvasObject = container.NewBorder(nil, nil, nil, right, container.New(layout.NewCustomPaddedVBoxLayout(0), name, added))
		sec.list.Add(row)
	}
	sec.box.Show()
	sec.box.Refresh()
}

// confirm asks before stopping a device.
func (sec *devicesSection) confirm(d app.DeviceInfo) {
	text := lang.X("settings.devices.revoke.confirm", "CrossTalk will stop working with your account on “{{.Name}}”. To use one of your own devices again, you will need a new invitation code from the secretariat. Stop it?",
		map[string]any{"Name": deviceName(d)})
	widgets.ShowConfirm(lang.X("settings.devices.revoke.title", "Stop a device"), text,
		lang.X("settings.devices.revoke.yes", "Stop"), lang.X("settings.devices.revoke.no", "Go back"),
		true, // it stops a device for good
		func(ok bool) {
			if ok {
				sec.revoke(d)
			}
		}, sec.s.win)
}

// revoke stops d at the server, off the UI goroutine, and says how it
// went.
func (sec *devicesSection) revoke(d app.DeviceInfo) {
	if sec.busy || sec.s.acts.RevokeDevice == nil {
		return
	}
	sec.busy = true
	sec.say(lang.X("settings.devices.revoking", "Stopping the device…"), widget.MediumImportance)
	sec.show()
	revoke := sec.s.acts.RevokeDevice
	widgets.Background(func() (struct{}, error) {
		return struct{}{}, revoke(context.Background(), d.ID)
	}, func(_ struct{}, err error) {
		sec.busy = false
		switch {
		case err == nil:
			now := time.Now()
			sec.stopped[d.ID] = now
			for i := range sec.mine.Devices {
				if sec.mine.Devices[i].ID == d.ID && sec.mine.Devices[i].RevokedAt == nil {
					sec.mine.Devices[i].RevokedAt = &now
				}
			}
			sec.say(lang.X("settings.devices.revoked", "“{{.Name}}” has been stopped.", map[string]any{"Name": deviceName(d)}), widget.SuccessImportance)
		case errors.Is(err, app.ErrOffline):
			sec.say(lang.X("settings.devices.offline", "The device could not be stopped: the server cannot be reached. Please try again once you are connected."), widget.DangerImportance)
		default:
			fyne.LogError("settings: stop a device", err)
			sec.say(ErrorText(err), widget.DangerImportance)
		}
		sec.show()
	})
}

func (sec *devicesSection) say(text string, imp widget.Importance) {
	sec.status.Label.Importance = imp
	sec.status.SetText(text)
	sec.status.Show()
}
