package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/width"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// E-mail from the server (issue 17), the person's side: the settings'
// 「メール」 section shows the address mails go to and changes it, the
// new address confirmed with a code mailed to it; it sets how mails come
// (one by one, a daily digest, none), their language, and for HR and the
// secretariat a weekly summary. An address the relay refuses is told of
// here and at the top of the inbox (「メールが届きません」).
//
// The language of the mails follows the app's: changing the app's
// language sets it too (MainWindow.followLanguage); the section lets the
// person choose another.

// MailServices are what the views need of the person's mail.
type MailServices interface {
	// MyMail reads the person's mail account as the device knows it.
	app.MailReader
	// SetMail sets the person's mail choices: at once on the device,
	// and at the server when online (mail.settings.v1).
	SetMail(ctx context.Context, s app.MailSettings) error
	// StartEmail asks the server to mail a code to a new address; it
	// needs the server (an error wrapping app.ErrOffline without it).
	StartEmail(ctx context.Context, address string) error
	// ConfirmEmail gives the code back; the address is then the
	// person's, and returned.
	ConfirmEmail(ctx context.Context, code string) (string, error)
}

// mailModeText names a mode as the settings offer it.
func mailModeText(m app.MailMode) string {
	switch m {
	case app.MailDigest:
		return lang.X("settings.mail.mode.digest", "Once a day, around 8 a.m.")
	case app.MailNone:
		return lang.X("settings.mail.mode.none", "None")
	}
	return lang.X("settings.mail.mode.single", "One by one")
}

// mailFailingText says that mail does not reach the address, in plain
// words: the relay's reply (a.Reason, often English and technical) stays
// out of the person's view.
func mailFailingText(a app.MailAccount) string {
	return lang.X("mail.failing", "Mails do not reach {{.Address}}. Please check the address.",
		map[string]any{"Address": a.Email})
}

// mailSection is the settings' 「メール」: hidden until the person's mail
// account is known (SetMail).
type mailSection struct {
	s        *Settings
	svc      MailServices
	box      *fyne.Container // the whole section
	intro    *widgets.Paragraph
	address  *widget.Label
	change   *widget.Button
	failing  *widgets.Paragraph // why mails do not reach the person
	failBox  *fyne.Container    // 「メールが届きません」 and failing
	mode     *widget.RadioGroup
	language *widget.RadioGroup
	weekly   *widget.Check
	weeklyOf *fyne.Container // weekly and what it sends
	status   *widgets.Paragraph
	acct     app.MailAccount
	role     app.Role
	quiet    bool // the choices are being set from acct: no change to send
	dlg      *emailDialog
}

func newMailSection(s *Settings, svc MailServices) *mailSection {
	sec := &mailSection{s: s, svc: svc, status: widgets.NewParagraph(""), failing: widgets.NewParagraph("")}
	title := widget.NewLabelWithStyle(lang.X("settings.mail", "Mail"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sec.intro = widgets.NewParagraph("")
	sec.address = widget.NewLabel("")
	sec.address.Truncation = fyne.TextTruncateEllipsis
	sec.change = widget.NewButtonWithIcon(lang.X("settings.mail.change", "Change"), theme.MailComposeIcon(), sec.openChange)
	failTitle := widgets.NewParagraph(lang.X("mail.failing_title", "Mails do not reach you"))
	failTitle.Label.Importance = widget.DangerImportance
	failTitle.Label.TextStyle.Bold = true
	sec.failing.Label.Importance = widget.DangerImportance
	sec.failBox = container.NewVBox(failTitle, sec.failing)
	sec.failBox.Hide()
	var modes []string
	for _, m := range app.MailModes {
		modes = append(modes, mailModeText(m))
	}
	sec.mode = widget.NewRadioGroup(modes, func(string) { sec.changed() })
	sec.mode.Required = true
	var langs []string
	for _, code := range app.MailLanguages {
		langs = append(langs, languageNames[code])
	}
	sec.language = widget.NewRadioGroup(langs, func(string) { sec.changed() })
	sec.language.Horizontal = true
	sec.language.Required = true
	sec.weekly = widget.NewCheck(lang.X("settings.mail.weekly", "Receive a weekly summary"), func(bool) { sec.changed() })
	sec.weeklyOf = container.NewVBox(sec.weekly,
		widgets.NewParagraph(lang.X("settings.mail.weekly_what", "Every Monday morning, we send you the figures of what you look after.")))
	sec.weeklyOf.Hide()
	sec.status.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.mail.address", "Address"),
			container.NewBorder(nil, nil, nil, widgets.Tall(sec.change, widgets.TallButton), sec.address)),
		widget.NewFormItem(lang.X("settings.mail.mode", "Mails"), sec.mode),
		widget.NewFormItem(lang.X("settings.mail.language", "Language of mails"), sec.language),
	)
	sec.box = container.NewVBox(widget.NewSeparator(), title, sec.intro, sec.failBox, form, sec.weeklyOf, sec.status)
	sec.box.Hide()
	return sec
}

// SetMail shows the person's mail account; role tells whether the weekly
// summary is offered (HR and the secretariat). Call it on the UI
// goroutine.
func (s *Settings) SetMail(a app.MailAccount, role app.Role) {
	if s.mail == nil {
		return
	}
	s.mail.acct, s.mail.role = a, role
	s.mail.show()
}

// show sets what the section shows from acct.
func (sec *mailSection) show() {
	a := sec.acct
	if a.Email == "" {
		sec.address.SetText(lang.X("settings.mail.none", "Not registered"))
		sec.change.SetText(lang.X("settings.mail.register", "Register"))
	} else {
		sec.address.SetText(a.Email)
		sec.change.SetText(lang.X("settings.mail.change", "Change"))
	}
	if a.Failing && a.Email != "" {
		sec.failing.SetText(mailFailingText(a))
		sec.failBox.Show()
	} else {
		sec.failBox.Hide()
	}
	sec.quiet = true
	sec.mode.SetSelected(mailModeText(a.Mode))
	if name, ok := languageNames[a.Language]; ok {
		sec.language.SetSelected(name)
	}
	sec.weekly.SetChecked(a.Weekly)
	sec.quiet = false
	if sec.role == app.RoleHR || sec.role == app.RoleSecretariat {
		sec.intro.SetText(lang.X("settings.mail.intro_admin", "CrossTalk also sends you by mail what concerns the part you look after."))
		sec.weeklyOf.Show()
	} else {
		sec.intro.SetText(lang.X("settings.mail.intro", "CrossTalk also tells you by mail of new offers, answers and your talks."))
		sec.weeklyOf.Hide()
	}
	sec.box.Show()
	sec.box.Refresh()
}

// chosen is what the choices shown say.
func (sec *mailSection) chosen() app.MailSettings {
	c := sec.acct.Settings()
	for _, m := range app.MailModes {
		if mailModeText(m) == sec.mode.Selected {
			c.Mode = m
		}
	}
	for _, code := range app.MailLanguages {
		if languageNames[code] == sec.language.Selected {
			c.Language = code
		}
	}
	c.Weekly = sec.weekly.Checked && sec.weeklyOf.Visible()
	return c
}

// changed sends a choice the person made, off the UI goroutine; a
// refusal puts the choices back as they were.
func (sec *mailSection) changed() {
	if sec.quiet || sec.svc == nil {
		return
	}
	c := sec.chosen()
	if c == sec.acct.Settings() {
		return
	}
	before := sec.acct
	sec.acct.Mode, sec.acct.Language, sec.acct.Weekly = c.Mode, c.Language, c.Weekly
	svc := sec.svc
	widgets.Background(func() (struct{}, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return struct{}{}, svc.SetMail(ctx, c)
	}, func(_ struct{}, err error) {
		if err != nil {
			fyne.LogError("settings: mail choices", err)
			sec.acct = before
			sec.show()
			sec.say(ErrorText(err), widget.DangerImportance)
			return
		}
		sec.status.Hide()
	})
}

func (sec *mailSection) say(text string, imp widget.Importance) {
	sec.status.Label.Importance = imp
	sec.status.SetText(text)
	sec.status.Show()
}

// openChange opens the dialog that changes the address.
func (sec *mailSection) openChange() {
	if sec.svc == nil {
		return
	}
	sec.dlg = newEmailDialog(sec.s.win, sec.svc, func(address string) {
		sec.acct.Email, sec.acct.Failing, sec.acct.Reason = address, false, ""
		sec.show()
		sec.say(lang.X("settings.mail.changed", "Mails now go to {{.Address}}.", map[string]any{"Address": address}), widget.SuccessImportance)
	})
	sec.dlg.dlg.Show()
	sec.s.win.Canvas().Focus(sec.dlg.address) // only now on the canvas
}

// emailDialog changes the person's address in two steps: the new
// address, to which the server mails a code, then the code.
type emailDialog struct {
	win     fyne.Window
	svc     MailServices
	done    func(address string)
	dlg     *dialog.CustomDialog
	scroll  *container.Scroll
	intro   *widgets.Paragraph
	address *widget.Entry
	code    *widget.Entry
	problem *widgets.Paragraph
	send    *widget.Button // 「コードを送る」
	confirm *widget.Button // 「確認する」
	again   *widget.Button // back to the address, for a new code
	resend  *widget.Button // 「新しいコードを送る」, once the code no longer works
	cancel  *widget.Button
	sentTo  string // the address the code went to; "" on the first step
	busy    bool
	gone    bool // the code no longer works (locked or expired)

	settled func() // tests: after an answer of the server is shown
}

func newEmailDialog(win fyne.Window, svc MailServices, done func(address string)) *emailDialog {
	d := &emailDialog{win: win, svc: svc, done: done, intro: widgets.NewParagraph(""), problem: widgets.NewParagraph("")}
	d.address = widget.NewEntry()
	d.address.SetPlaceHolder("name@example.jp")
	// No OnSubmitted: an IME's user presses Enter to confirm a
	// conversion, so only the buttons send.
	d.address.OnChanged = func(string) { d.addressChanged() }
	d.code = widget.NewEntry()
	d.code.SetPlaceHolder("123456")
	d.problem.Label.Importance = widget.DangerImportance
	d.problem.Hide()
	d.send = widget.NewButtonWithIcon(lang.X("email.send", "Send a code"), theme.MailSendIcon(), d.sendCode)
	d.send.Importance = widget.HighImportance
	d.confirm = widget.NewButtonWithIcon(lang.X("email.confirm", "Confirm"), theme.ConfirmIcon(), d.confirmCode)
	d.confirm.Importance = widget.HighImportance
	d.again = widget.NewButton(lang.X("email.again", "Enter the address again"), d.toAddress)
	d.resend = widget.NewButtonWithIcon(lang.X("email.resend", "Send a new code"), theme.MailSendIcon(), d.sendCode)
	d.resend.Importance = widget.HighImportance
	d.cancel = widget.NewButton(lang.X("dialog.cancel", "Cancel"), func() { d.dlg.Hide() })
	body := container.NewVBox(d.intro, d.address, d.code, d.problem)
	d.scroll = container.NewVScroll(body) // only when the window is too small
	d.dlg = dialog.NewCustomWithoutButtons(lang.X("email.title", "Mail address"), d.scroll, win)
	d.toAddress()
	return d
}

// toAddress shows the first step: the new address.
func (d *emailDialog) toAddress() {
	d.sentTo = ""
	d.intro.SetText(lang.X("email.intro", "Enter the address to receive mails at. We will send a confirmation code to it."))
	d.address.Show()
	d.code.Hide()
	d.code.SetText("")
	d.problem.Hide()
	d.dlg.SetButtons([]fyne.CanvasObject{talkTall(d.cancel), talkTall(d.send)})
	d.fit()
	d.win.Canvas().Focus(d.address)
}

// toCode shows the second step: the code sent to address.
func (d *emailDialog) toCode(address string) {
	d.sentTo = address
	d.intro.SetText(lang.X("email.sent", "We sent a confirmation code to {{.Address}}. Please type the six digits in the mail within 30 minutes.",
		map[string]any{"Address": address}) + "\n" +
		lang.X("email.sent_hint", "If nothing arrives within a few minutes, please check that the address is right."))
	d.address.Hide()
	d.code.Show()
	d.problem.Hide()
	d.gone = false
	d.confirm.Enable()
	d.dlg.SetButtons([]fyne.CanvasObject{talkTall(d.cancel), talkTall(d.again), talkTall(d.confirm)})
	d.fit()
	d.win.Canvas().Focus(d.code)
}

// addressChanged takes back the complaint about the address once the
// address typed is one.
func (d *emailDialog) addressChanged() {
	if d.sentTo == "" && d.problem.Visible() && app.ValidEmail(typedAddress(d.address.Text)) {
		d.problem.Hide()
		d.fit()
	}
}

// typedAddress is the address as typed, made half-width (an IME may
// have typed a full-width ＠, letters or digits) and trimmed; the server
// reads it the same way.
func typedAddress(s string) string { return strings.TrimSpace(width.Narrow.String(s)) }

// codeGone shows, after the server said the code no longer works
// (locked or expired), the way to a new one instead of 「確認する」.
func (d *emailDialog) codeGone() {
	d.gone = true
	d.confirm.Disable()
	d.dlg.SetButtons([]fyne.CanvasObject{talkTall(d.cancel), talkTall(d.resend), talkTall(d.confirm)})
	d.fit()
}

func (d *emailDialog) fit() { widgets.FitDialog(d.dlg, d.win, d.scroll, 560) }

// fail shows what went wrong, in words.
func (d *emailDialog) fail(err error) {
	text := ErrorText(err)
	if errors.Is(err, app.ErrOffline) {
		text = lang.X("email.offline", "The server cannot be reached. Please try again once you are connected.")
	}
	d.problem.SetText(text)
	d.problem.Show()
	d.fit()
}

// setBusy disables the buttons while the server answers.
func (d *emailDialog) setBusy(on bool) {
	d.busy = on
	for _, b := range []*widget.Button{d.send, d.confirm, d.again, d.resend} {
		if on || b == d.confirm && d.gone {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// sendCode asks the server to mail a code to the address typed.
func (d *emailDialog) sendCode() {
	if d.busy {
		return
	}
	address := typedAddress(d.address.Text)
	if !app.ValidEmail(address) {
		d.problem.SetText(lang.X("email.bad_address", "This is not a mail address. Please check it."))
		d.problem.Show()
		d.fit()
		return
	}
	d.setBusy(true)
	svc := d.svc
	widgets.Background(func() (struct{}, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return struct{}{}, svc.StartEmail(ctx, address)
	}, func(_ struct{}, err error) {
		d.setBusy(false)
		defer d.answered()
		if err != nil {
			d.logUnexpected("send a code", err)
			d.fail(err)
			return
		}
		d.toCode(address)
	})
}

// confirmCode gives the code typed back to the server.
func (d *emailDialog) confirmCode() {
	if d.busy {
		return
	}
	code := strings.TrimSpace(d.code.Text)
	if code == "" {
		return
	}
	d.setBusy(true)
	svc := d.svc
	widgets.Background(func() (string, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		return svc.ConfirmEmail(ctx, code)
	}, func(address string, err error) {
		d.setBusy(false)
		defer d.answered()
		if err != nil {
			d.logUnexpected("confirm", err)
			d.fail(err)
			if c := app.CodeOf(err); c == app.CodeEmailCodeLocked || c == app.CodeEmailCodeExpired {
				d.codeGone()
			}
			return
		}
		d.dlg.Hide()
		if d.done != nil {
			d.done(address)
		}
	})
}

func (d *emailDialog) answered() {
	if d.settled != nil {
		d.settled()
	}
}

// logUnexpected logs an error that is neither a refusal nor the server
// out of reach.
func (d *emailDialog) logUnexpected(what string, err error) {
	if !app.IsRejection(err) && !errors.Is(err, app.ErrOffline) {
		fyne.LogError("settings: mail address: "+what, err)
	}
}

// SetMailNotice shows at the top of the inbox that mails do not reach the
// person (a's address is failing), with a way to change it; otherwise it
// hides it. Call it on the UI goroutine.
func (in *Inbox) SetMailNotice(a app.MailAccount) {
	if !a.Failing || a.Email == "" {
		if in.mailNotice.Visible() {
			in.mailNotice.Objects = nil
			in.mailNotice.Hide()
			in.content.Refresh() // lays the notices out again
		}
		return
	}
	title := widgets.NewParagraph(lang.X("mail.failing_title", "Mails do not reach you"))
	title.Label.TextStyle.Bold = true
	title.Label.Importance = widget.DangerImportance
	change := widget.NewButtonWithIcon(lang.X("mail.failing_change", "Change the address"), theme.MailComposeIcon(), func() {
		if in.OnChangeEmail != nil {
			in.OnChangeEmail()
		}
	})
	box := container.NewVBox(title, widgets.NewParagraph(mailFailingText(a)), container.NewHBox(change))
	in.mailNotice.Objects = []fyne.CanvasObject{offerFrame(box)}
	in.mailNotice.Show()
	in.content.Refresh() // lays the notices out again, as tall as they now are
}

// loadMail reads the person's mail account off the UI goroutine, then
// shows it in the settings, and in the inbox when mails do not reach
// them.
func (m *MainWindow) loadMail() {
	if m.opts.Mail == nil {
		return
	}
	mail, role := m.opts.Mail, m.svc.Me().Role
	settings, inbox := m.settings, m.inbox
	widgets.Background(func() (app.MailAccount, error) {
		a, ok, err := mail.MyMail(context.Background())
		if err == nil && !ok {
			err = errNoProfileYet
		}
		return a, err
	}, func(a app.MailAccount, err error) {
		if errors.Is(err, errNoProfileYet) {
			return // the first sync brings it
		}
		if err != nil {
			fyne.LogError("main window: mail", err)
			return
		}
		settings.SetMail(a, role)
		if inbox != nil {
			inbox.SetMailNotice(a)
		}
	})
}

// errNoProfileYet: the person's own profile has not arrived yet.
var errNoProfileYet = errors.New("no profile yet")

// changeEmail opens the settings, and in them the change of the address.
func (m *MainWindow) changeEmail() {
	m.tabs.Select(m.setTab)
	if m.settings.mail != nil {
		m.settings.mail.openChange()
	}
}

// followLanguage sets the language of the person's mails to the app's
// new language code, when it differs: the mails follow the app, unless
// the person chooses otherwise in the settings afterwards.
func (m *MainWindow) followLanguage(code string) {
	mail := m.opts.Mail
	widgets.Background(func() (struct{}, error) {
		ctx, stop := context.WithTimeout(context.Background(), mutateTimeout)
		defer stop()
		a, ok, err := mail.MyMail(ctx)
		if err != nil || !ok || a.Language == code {
			return struct{}{}, err
		}
		c := a.Settings()
		c.Language = code
		return struct{}{}, mail.SetMail(ctx, c)
	}, func(_ struct{}, err error) {
		if err != nil {
			fyne.LogError("main window: the mails' language", err)
		}
		m.loadMail()
	})
}
