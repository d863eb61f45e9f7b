package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// autostartNotice is the inbox's one-time offer to open the app when
// the computer starts, so that no offer waits unseen: shown the first
// time an offer waits for the person's answer, while the app does not
// open by itself and has never offered it. It stays until answered, and
// is remembered as offered only then; オンにする leaves a line that says
// it is on, to close. The settings keep the same choice.
type autostartNotice struct {
	settings *Settings // nil: nothing to offer
	box      *fyne.Container
	text     *widgets.Paragraph
	buttons  *fyne.Container
	turnOn   *widget.Button
	later    *widget.Button
	close    *widget.Button // after オンにする
}

func newAutostartNotice(in *Inbox) *autostartNotice {
	n := &autostartNotice{}
	n.text = inboxNote(lang.X("inbox.autostart.text", "If CrossTalk opens when the computer starts, it waits without a window and tells you of new offers."))
	n.turnOn = widget.NewButton(lang.X("inbox.autostart.on", "Turn on"), func() {
		n.settings.autostartOffered()
		n.settings.turnOnAutostart()
		n.text.SetText(lang.X("inbox.autostart.done", "It is on. You can change it at any time in the settings."))
		n.buttons.Objects = []fyne.CanvasObject{n.close}
		n.buttons.Refresh()
		in.content.Refresh() // the notice's height changed
	})
	n.turnOn.Importance = widget.HighImportance
	n.later = widget.NewButton(lang.X("inbox.autostart.later", "Not now"), func() {
		n.settings.autostartOffered()
		n.hide(in)
	})
	n.close = widget.NewButton(lang.X("inbox.autostart.close", "Close"), func() { n.hide(in) })
	n.buttons = container.NewHBox(n.turnOn, n.later)
	n.box = container.NewPadded(offerFrame(container.NewBorder(nil, nil, nil, n.buttons, n.text)))
	n.box.Hide()
	return n
}

// offerAutostart lets the inbox offer, once, the choice of s's check
// 「パソコンの起動時に CrossTalk を開く」.
func (in *Inbox) offerAutostart(s *Settings) { in.autostart.settings = s }

// show shows the offer if an offer waits for the person's answer and it
// is the time to offer it.
func (n *autostartNotice) show(waiting int) {
	if waiting == 0 || n.settings == nil || !n.settings.autostartToOffer() {
		return
	}
	n.box.Show()
}

func (n *autostartNotice) hide(in *Inbox) {
	n.box.Hide()
	in.content.Refresh() // the notices' height changed
}
