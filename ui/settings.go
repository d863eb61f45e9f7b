package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

// SettingsState is what the settings show.
type SettingsState struct {
	TextSize cttheme.Size
	Language string // "ja" or "en"
	Server   string // the server's address, or "" in the demo
	Version  string
	About    AboutInfo // what "About this app" shows
	// Autostart is whether the app opens when the computer starts.
	Autostart AutostartState
}

// AutostartState is whether the app opens at sign-in, as the settings
// and the inbox's one-time offer show it.
type AutostartState struct {
	Supported bool // the computer can: the settings show the check
	On        bool // it does
	Offered   bool // the inbox has offered it once already
}

// SettingsActions carry out the user's choices. Each is called on the UI
// goroutine and applies its change at once.
type SettingsActions struct {
	SetTextSize func(cttheme.Size)
	SetLanguage func(code string)
	SignOut     func()
	// Unsaved, if set, reports whether a view holds changes not saved:
	// the question before signing out then says so. The main window
	// sets it.
	Unsaved         func() bool
	CopyDiagnostics func() string // returns the text it copied
	// RevokeDevice stops one of the person's other devices at the
	// server; it is called off the UI goroutine. Nil: the devices are
	// listed without it.
	RevokeDevice func(ctx context.Context, id string) error
	// Mail serves the 「メール」 section (settings_mail.go); nil shows
	// none.
	Mail MailServices
	// SetAutostart writes (on) or removes the entry that opens the app
	// at sign-in; it is called off the UI goroutine.
	SetAutostart func(on bool) error
	// AutostartOffered remembers that the inbox has offered to turn it
	// on, so that it never offers again.
	AutostartOffered func()
}

// Settings is the settings tab: text size, language, server, version and
// About, sign out, copy diagnostic info, the person's mail
// (settings_mail.go), and their devices, one of which may be stopped
// (devices.go).
type Settings struct {
	win     fyne.Window
	state   SettingsState
	acts    SettingsActions
	size    *widget.RadioGroup
	lang    *widget.RadioGroup
	signOut *widget.Button
	about   *widget.Button
	startup *widget.Check   // パソコンの起動時に CrossTalk を開く
	devices *devicesSection // the person's devices (devices.go)
	mail    *mailSection    // the person's mail (settings_mail.go); nil without MailServices
	content fyne.CanvasObject
}

// NewSettings makes the settings tab.
func NewSettings(win fyne.Window, state SettingsState, acts SettingsActions) *Settings {
	s := &Settings{win: win, state: state, acts: acts}
	s.buildUI()
	return s
}

// Content is the tab's canvas object.
func (s *Settings) Content() fyne.CanvasObject { return s.content }

var languageNames = map[string]string{"ja": "日本語", "en": "English"}

func (s *Settings) buildUI() {
	sizeNames := map[string]cttheme.Size{}
	var sizeOptions []string
	var sizeSelected string
	for _, z := range cttheme.Sizes {
		name := lang.X(z.TranslationKey(), z.String())
		sizeNames[name] = z
		sizeOptions = append(sizeOptions, name)
		if z == s.state.TextSize {
			sizeSelected = name
		}
	}
	s.size = widget.NewRadioGroup(sizeOptions, nil)
	s.size.Horizontal = true
	s.size.Required = true
	s.size.SetSelected(sizeSelected)
	s.size.OnChanged = func(name string) {
		if z, ok := sizeNames[name]; ok && z != s.state.TextSize && s.acts.SetTextSize != nil {
			s.state.TextSize = z
			s.acts.SetTextSize(z)
		}
	}

	// Language names are written in their own language, so that anyone
	// can find theirs.
	langCodes := map[string]string{}
	var langOptions []string
	for _, code := range []string{"ja", "en"} {
		langCodes[languageNames[code]] = code
		langOptions = append(langOptions, languageNames[code])
	}
	s.lang = widget.NewRadioGroup(langOptions, nil)
	s.lang.Horizontal = true
	s.lang.Required = true
	s.lang.SetSelected(languageNames[s.state.Language])
	s.lang.OnChanged = func(name string) {
		if code := langCodes[name]; code != "" && code != s.state.Language && s.acts.SetLanguage != nil {
			s.state.Language = code
			s.acts.SetLanguage(code)
		}
	}

	server := s.state.Server
	if server == "" {
		server = lang.X("settings.server.demo", "Demo (nothing leaves this computer)")
	}
	s.signOut = widget.NewButton(lang.X("settings.sign_out", "Sign out"), s.confirmSignOut)
	diag := widget.NewButton(lang.X("settings.diagnostics", "Copy information for support"), func() {
		if s.acts.CopyDiagnostics == nil {
			return
		}
		text := s.acts.CopyDiagnostics()
		fyne.CurrentApp().Clipboard().SetContent(text)
		widgets.ShowMessage(lang.X("settings.diagnostics", "Copy information for support"),
			lang.X("settings.diagnostics.done", "Copied. Please paste it into your message to the secretariat."), s.win)
	})
	s.about = widget.NewButton(lang.X("about.button", "About this app"), func() { ShowAbout(s.state.About, s.win) })
	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.text_size", "Text size"), s.size),
		widget.NewFormItem(lang.X("settings.language", "Language"), s.lang),
		widget.NewFormItem(lang.X("settings.server", "Server"), widget.NewLabel(server)),
		widget.NewFormItem(lang.X("settings.version", "Version"), container.NewHBox(widget.NewLabel(s.state.Version), s.about)),
	)
	s.devices = newDevicesSection(s)
	s.startup = widget.NewCheck(lang.X("settings.autostart", "Open CrossTalk when the computer starts"), nil)
	s.startup.SetChecked(s.state.Autostart.On)
	s.startup.OnChanged = s.setAutostart
	startup := container.NewVBox(s.startup)
	if !s.state.Autostart.Supported {
		startup.Hide()
	}
	box := container.NewVBox(
		widget.NewLabelWithStyle(lang.X("settings.title", "Settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, startup, widget.NewSeparator(), container.NewHBox(widgets.Tall(s.signOut, widgets.TallButton), widgets.Tall(diag, widgets.TallButton)))
	if s.acts.Mail != nil {
		s.mail = newMailSection(s, s.acts.Mail)
		box.Add(s.mail.box)
	}
	box.Add(s.devices.box)
	s.content = container.NewVScroll(container.NewPadded(box))
}

func (s *Settings) confirmSignOut() {
	text := lang.X("settings.sign_out.confirm", "Sign out of this computer? Changes not yet sent will be sent first if you are online; to use the app again you will need a new invite code.")
	if s.acts.Unsaved != nil && s.acts.Unsaved() {
		text = lang.X("settings.sign_out.unsaved", "The changes to “My profile” are not saved yet: they will not be sent.") + "\n" + text
	}
	// The button says what it does, rather than はい, and is red: it ends
	// something, as the first step says.
	widgets.ShowConfirm(lang.X("settings.sign_out", "Sign out"), text, lang.X("settings.sign_out", "Sign out"), lang.L("No"), true,
		func(ok bool) {
			if ok && s.acts.SignOut != nil {
				s.acts.SignOut()
			}
		}, s.win)
}

// setAutostart writes or removes the autostart entry, off the UI
// goroutine; if that fails, the check goes back and says why.
func (s *Settings) setAutostart(on bool) {
	if on == s.state.Autostart.On || s.acts.SetAutostart == nil {
		return
	}
	s.state.Autostart.On = on
	set := s.acts.SetAutostart
	widgets.Background(func() (struct{}, error) {
		return struct{}{}, set(on)
	}, func(_ struct{}, err error) {
		if err == nil {
			return
		}
		fyne.LogError("settings: autostart", err)
		s.state.Autostart.On = !on
		s.startup.OnChanged = nil
		s.startup.SetChecked(!on)
		s.startup.OnChanged = s.setAutostart
		widgets.ShowMessage(lang.X("settings.autostart", "Open CrossTalk when the computer starts"),
			lang.X("settings.autostart.failed", "The setting could not be changed. Please try again later."), s.win)
	})
}

// autostartToOffer reports whether the inbox may offer to open the app
// at sign-in: the computer can, it is off, and it was never offered.
func (s *Settings) autostartToOffer() bool {
	a := s.state.Autostart
	return a.Supported && !a.On && !a.Offered && s.acts.SetAutostart != nil
}

// autostartOffered remembers that the inbox has offered it.
func (s *Settings) autostartOffered() {
	s.state.Autostart.Offered = true
	if s.acts.AutostartOffered != nil {
		s.acts.AutostartOffered()
	}
}

// turnOnAutostart turns it on, as the check does.
func (s *Settings) turnOnAutostart() { s.startup.SetChecked(true) }
