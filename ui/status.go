package ui

import (
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

// SyncStatus is what the status line tells: whether the server is
// reachable, how many changes wait to be sent, when the last sync ended,
// and what the server refused.
type SyncStatus struct {
	Online   bool
	Syncing  bool
	Pending  int
	LastSync time.Time
	// FromEmpty is set when the sync that ended at LastSync filled an
	// empty replica (a new device): the offers it brought are not
	// notified.
	FromEmpty  bool
	AuthFailed bool
	Notices    []Notice
}

// Notice is a change the server refused.
type Notice struct {
	MutationID int64
	Name       string // the mutator
	Code       app.Code
	At         time.Time
}

// StatusLine is the line always visible at the bottom of the window.
type StatusLine struct {
	widget.BaseWidget
	state   *widgets.Paragraph // an offline note may take two lines
	icon    *widget.Icon       // tells online from offline at a glance, with its colour
	pending *widget.Label
	last    *widget.Label
	notices *widget.Button
	devices *widget.Button // the notice of new devices (devices.go)
	current SyncStatus
	// announced are the new devices the notice tells of.
	announced []app.DeviceInfo
	win       fyne.Window
	content   fyne.CanvasObject
	// OnNoticesSeen is called after the user has read the notices.
	OnNoticesSeen func(upTo int64)
	// OnDevicesNoticed is called after the user has read the notice of
	// the new devices added up to upTo; OnShowDevices when they ask to
	// see the list.
	OnDevicesNoticed func(upTo time.Time)
	OnShowDevices    func()
}

// NewStatusLine makes the status line of win.
func NewStatusLine(win fyne.Window) *StatusLine {
	s := &StatusLine{win: win, state: widgets.NewParagraph(""), icon: widget.NewIcon(nil), pending: widget.NewLabel(""), last: widget.NewLabel("")}
	s.notices = widget.NewButtonWithIcon("", theme.WarningIcon(), s.showNotices)
	s.notices.Importance = widget.WarningImportance
	s.notices.Hide()
	s.devices = widget.NewButtonWithIcon("", theme.ComputerIcon(), s.showDevices)
	s.devices.Importance = widget.WarningImportance
	s.devices.Hide()
	// The notices keep their whole text; the state wraps and the last
	// sync's time shortens, so that the line never widens the window.
	s.last.Truncation = fyne.TextTruncateEllipsis
	s.last.Alignment = fyne.TextAlignTrailing
	s.content = container.NewBorder(widget.NewSeparator(), nil, container.NewCenter(s.icon),
		container.NewHBox(s.devices, s.notices, s.pending), container.NewGridWithColumns(2, s.state, s.last))
	s.ExtendBaseWidget(s)
	s.Set(SyncStatus{})
	return s
}

// CreateRenderer is part of fyne.Widget.
func (s *StatusLine) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.content) }

// Set shows st. Call it on the UI goroutine.
func (s *StatusLine) Set(st SyncStatus) {
	s.current = st
	icon, importance := stateLook(st)
	s.icon.SetResource(icon)
	s.state.Label.Importance = importance
	switch {
	case st.AuthFailed:
		s.state.SetText(lang.X("status.auth_failed", "This computer is no longer signed in. Please enter a new invite code in Settings."))
	case st.Syncing:
		s.state.SetText(lang.X("status.syncing", "Sending and receiving…"))
	case st.Online:
		s.state.SetText(lang.X("status.synced", "Up to date."))
	default:
		s.state.SetText(lang.X("status.offline", "Offline. Your changes are saved and will be sent when you are connected."))
	}
	if st.Pending > 0 {
		s.pending.SetText(lang.X("status.pending", "Waiting to send: {{.Count}}", map[string]any{"Count": st.Pending}))
	} else {
		s.pending.SetText("")
	}
	if st.LastSync.IsZero() {
		s.last.SetText("")
	} else {
		s.last.SetText(lang.X("status.last_sync", "Last sync: {{.When}}", map[string]any{"When": widgets.FormatShortDateTime(st.LastSync)}))
	}
	if len(st.Notices) > 0 {
		s.notices.SetText(lang.X("status.notices", "Could not be delivered: {{.Count}}", map[string]any{"Count": len(st.Notices)}))
		s.notices.Show()
	} else {
		s.notices.Hide()
	}
}

// stateLook is the icon and the colour of the state's words: offline in
// the warning colour with a warning sign, a refused sign-in in the error
// colour, and a calm check mark (or the sync arrows) while online, so
// that the state is seen without reading it.
func stateLook(st SyncStatus) (fyne.Resource, widget.Importance) {
	switch {
	case st.AuthFailed:
		return theme.NewErrorThemedResource(theme.ErrorIcon()), widget.DangerImportance
	case !st.Online && !st.Syncing:
		return theme.NewWarningThemedResource(theme.WarningIcon()), widget.WarningImportance
	case st.Syncing:
		return theme.ViewRefreshIcon(), widget.MediumImportance
	default:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon()), widget.MediumImportance
	}
}

// showNotices explains, in words, every change the server refused.
func (s *StatusLine) showNotices() {
	if len(s.current.Notices) == 0 {
		return
	}
	box := container.NewVBox()
	var last int64
	for _, n := range s.current.Notices {
		what := widget.NewLabelWithStyle(lang.X("mutation."+n.Name, n.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		why := widgets.NewParagraph(ErrorText(&app.Rejection{Code: n.Code}))
		box.Add(container.NewVBox(what, why, widget.NewSeparator()))
		last = max(last, n.MutationID)
	}
	d := dialog.NewCustom(lang.X("status.notices.title", "Changes that could not be delivered"), lang.X("dialog.close", "Close"),
		container.NewVScroll(box), s.win)
	d.SetOnClosed(func() {
		if s.OnNoticesSeen != nil {
			s.OnNoticesSeen(last)
		}
	})
	d.Resize(fyne.NewSize(520, 400))
	d.Show()
}
