package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/sync/wire"
	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

// ConnectProblem is why connecting to the server failed, in the terms the
// first-launch view explains to the user.
type ConnectProblem int

// Connection outcomes.
const (
	ConnectOK              ConnectProblem = iota
	ConnectBadCode                        // unknown, used or expired invite code
	ConnectUnreachable                    // no network, or the server does not answer
	ConnectBadAddress                     // the address is not a server address
	ConnectServerError                    // the server answered, but not as it should
	ConnectTooManyAttempts                // too many wrong codes from this network lately
)

// FirstRunActions carry out the first-launch choices. Connect runs off
// the UI goroutine.
type FirstRunActions struct {
	Connect func(ctx context.Context, server, code string) ConnectProblem
	Demo    func()
	// Drafts keeps the server address typed until it connects (the
	// replica's file, opened before this view); nil keeps nothing.
	Drafts widgets.DraftStore
	// TextSize is the text size in use. SetTextSize applies and keeps a
	// new one, so that a person who reads large text can choose it
	// before anything else; nil shows no choice.
	TextSize    cttheme.Size
	SetTextSize func(cttheme.Size)
}

// firstRunDraftKey is the first launch's draft. It keeps the server
// address only, never the invite code: a code is a credential until it
// is used, and a file on disk outlives the moment (a shared computer, a
// backup, the folder sent to support) where anyone who reads it could
// sign in as the person first. The person has the code on paper or in
// HR's e-mail, and types it again in a few seconds.
const firstRunDraftKey = "firstrun"

// FirstRun is the first-launch view: connect to the consortium's server
// with an invite code, or try the demo.
type FirstRun struct {
	acts    FirstRunActions
	server  *widget.Entry
	code    *widget.Entry
	connect *widget.Button
	demo    *widget.Button
	message *widgets.Paragraph
	failed  *widget.Icon // beside the message when it tells of an error
	size    *widget.RadioGroup
	draft   *widgets.DraftForm
	content fyne.CanvasObject

	codeShapeShown bool // the message tells what is wrong with the code's shape
}

// NewFirstRun makes the view, with the server address prefilled when the
// app was given one (a crosstalk.json beside it, or a flag).
func NewFirstRun(server string, acts FirstRunActions) *FirstRun {
	f := &FirstRun{acts: acts}
	f.buildUI(server)
	f.draft.Restore()
	return f
}

// Content is the view's canvas object.
func (f *FirstRun) Content() fyne.CanvasObject { return f.content }

func (f *FirstRun) buildUI(server string) {
	title := widget.NewLabelWithStyle(lang.X("start.welcome", "Welcome to CrossTalk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = "headingText"
	intro := widgets.NewParagraph(lang.X("start.intro", "Send offers to people of other companies and talk 1-on-1."))

	f.server = widget.NewEntry()
	f.server.SetText(server)
	f.server.PlaceHolder = "https://crosstalk.example.jp"
	f.code = widget.NewEntry()
	f.code.PlaceHolder = "XXXX-XXXX-XXXX"
	f.code.OnChanged = func(code string) {
		// The problem goes once fixed, not at the next tap.
		if f.codeShapeShown && inviteCodeProblem(code) == "" {
			f.codeShapeShown = false
			f.showMessage("", false)
		}
	}
	f.draft = widgets.NewDraftForm(f.acts.Drafts, firstRunDraftKey).Entry("server", f.server)
	f.connect = widget.NewButton(lang.X("firstrun.connect", "Connect"), f.submit)
	f.connect.Importance = widget.HighImportance
	f.message = widgets.NewParagraph("")
	f.failed = widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	f.failed.Hide()
	f.size = textSizeChoice(f.acts.TextSize, f.acts.SetTextSize)
	form := widget.NewForm(
		widget.NewFormItem(lang.X("firstrun.server", "Server address"), f.server),
		widget.NewFormItem(lang.X("firstrun.code", "Invite code"), f.code),
	)
	codeHint := widgets.NewParagraph(lang.X("firstrun.code.hint", "Your HR contact gives you the server address and an invite code."))

	demoHint := widgets.NewParagraph(lang.X("start.demo.hint", "Try everything with made-up people; nothing is sent to anyone."))
	f.demo = widget.NewButton(lang.X("start.demo.button", "Try the demo"), func() {
		if f.acts.Demo != nil {
			f.acts.Demo()
		}
	})

	f.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		title, intro, f.sizeRow(), widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.X("firstrun.connect.title", "Connect to your programme"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		codeHint, f.draft.Note, form, container.NewBorder(nil, nil, container.NewVBox(f.failed), nil, f.message), container.NewHBox(widgets.Tall(f.connect, widgets.TallButton)),
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.X("start.demo", "Demo"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		demoHint, container.NewHBox(widgets.Tall(f.demo, widgets.TallButton)),
	)))
}

// submit connects by the button only: Enter may belong to the input
// method.
func (f *FirstRun) submit() {
	server, code := completeServer(f.server.Text), strings.TrimSpace(f.code.Text)
	if server != f.server.Text {
		f.server.SetText(server) // the person sees where the app connects
	}
	switch {
	case server == "":
		f.showError(lang.X("firstrun.need_server", "Please enter the server address."))
		return
	case code == "":
		f.showError(lang.X("firstrun.need_code", "Please enter your invite code."))
		return
	case inviteCodeProblem(code) != "":
		f.showError(inviteCodeProblem(code))
		f.codeShapeShown = true
		return
	}
	f.connect.Disable()
	f.demo.Disable()
	f.showMessage(lang.X("firstrun.connecting", "Connecting…"), false)
	widgets.Background(func() (ConnectProblem, error) {
		return f.acts.Connect(context.Background(), server, code), nil
	}, func(p ConnectProblem, _ error) {
		f.connect.Enable()
		f.demo.Enable()
		if p == ConnectOK {
			f.draft.Clear()
		}
		f.showMessage(connectText(p), p != ConnectOK)
	})
}

func (f *FirstRun) showError(text string) { f.showMessage(text, true) }

// inviteCodeProblem tells what keeps code from being an invite code, so
// that a mistyped code is named before it is sent (and counted against
// the person's tries), or "" when it has the right shape.
func inviteCodeProblem(code string) string {
	length, foreign := wire.InviteCodeShape(code)
	switch {
	case foreign != nil:
		chars := make([]string, len(foreign))
		for i, r := range foreign {
			chars[i] = codeCharName(r)
		}
		return lang.X("firstrun.code_letters", "The invite code has characters it never uses: “{{.Chars}}”. Invite codes have no digits 0 (zero) or 1 (one), and no letters O or I.",
			map[string]any{"Chars": strings.Join(chars, " ")})
	case length != 0:
		return lang.X("firstrun.code_length", "An invite code has 12 letters and digits, such as K7QX-M2PA-WD9R. This one has {{.N}}.",
			map[string]any{"N": length})
	}
	return ""
}

// codeCharName is r as the message about a mistyped code shows it: 0, 1,
// O and I, which look alike in many fonts, with their names.
func codeCharName(r rune) string {
	switch r {
	case '0':
		return lang.X("firstrun.char.zero", "0 (zero)")
	case '1':
		return lang.X("firstrun.char.one", "1 (one)")
	case 'O':
		return lang.X("firstrun.char.o", "O (letter O)")
	case 'I':
		return lang.X("firstrun.char.i", "I (letter I)")
	}
	return string(r)
}

// showMessage shows text under the form: in the error colour and with
// the error icon when failed, so that an error is seen as one.
func (f *FirstRun) showMessage(text string, failed bool) {
	if failed {
		f.message.Label.Importance = widget.DangerImportance
		f.failed.Show()
	} else {
		f.message.Label.Importance = widget.MediumImportance
		f.failed.Hide()
	}
	f.message.SetText(text)
	f.codeShapeShown = false
}

// textSizeChoice is the choice of the three text sizes, current selected,
// calling set, if not nil, when another is chosen.
func textSizeChoice(current cttheme.Size, set func(cttheme.Size)) *widget.RadioGroup {
	names := map[string]cttheme.Size{}
	var options []string
	for _, z := range cttheme.Sizes {
		name := lang.X(z.TranslationKey(), z.String())
		names[name] = z
		options = append(options, name)
	}
	choice := widget.NewRadioGroup(options, nil)
	choice.Horizontal = true
	choice.Required = true
	for name, z := range names {
		if z == current {
			choice.SetSelected(name)
		}
	}
	choice.OnChanged = func(name string) {
		if z, ok := names[name]; ok && z != current && set != nil {
			current = z
			set(z)
		}
	}
	return choice
}

// sizeRow is the text size choice with its label, or an empty space when
// there is no choice to make.
func (f *FirstRun) sizeRow() fyne.CanvasObject {
	row := container.NewHBox(widget.NewLabel(lang.X("settings.text_size", "Text size")), f.size)
	if f.acts.SetTextSize == nil {
		row.Hide()
	}
	return row
}

// connectText says in one plain sentence what happened and what to do.
func connectText(p ConnectProblem) string {
	switch p {
	case ConnectOK:
		return lang.X("firstrun.connected", "Connected.")
	case ConnectBadCode:
		return lang.X("firstrun.bad_code", "This invite code is not valid, or has expired. Please ask your HR contact for a new one.")
	case ConnectUnreachable:
		return lang.X("firstrun.unreachable", "The server cannot be reached. Please check your internet connection and try again.")
	case ConnectTooManyAttempts:
		return lang.X("firstrun.too_many", "Too many invite codes were tried. Please wait five minutes, check the code, and try again.")
	case ConnectBadAddress:
		return lang.X("firstrun.bad_address", "This is not a server address. Please check it against the one your HR contact gave you.")
	default:
		return lang.X("firstrun.server_error", "The server did not answer as expected. Please try again later.")
	}
}
