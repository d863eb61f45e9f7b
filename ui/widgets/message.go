package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A message or a question in a dialog is set as a Paragraph: its lines
// are one and a half times the text size apart and break as Japanese is
// set, where Fyne's own information and confirmation dialogs set them
// close together and start lines with 。. The dialog is as wide as its
// longest line, at most messageEms text sizes and the window, and as
// tall as its lines; only on a window too small for them does its text
// scroll, above buttons that stay in view.

// messageEms is the widest a message's lines grow, in text sizes: about
// thirty Japanese characters.
const messageEms = 30

// NewMessage is a dialog titled title that tells text, with an OK button
// that closes it. Show it with its Show method.
func NewMessage(title, text string, win fyne.Window) *dialog.CustomDialog {
	p, scroll := messageBody(text)
	d := dialog.NewCustom(title, lang.L("OK"), scroll, win)
	FitDialog(d, win, scroll, messageWidth(p))
	return d
}

// ShowMessage shows NewMessage(title, text, win) and returns it.
func ShowMessage(title, text string, win fyne.Window) *dialog.CustomDialog {
	d := NewMessage(title, text, win)
	d.Show()
	return d
}

// NewConfirm is a dialog titled title that asks text, with a button yes
// to go on and one no to go back; done gets the answer. When going on
// ends something that cannot be undone (danger), yes is red, as the
// button that asked is. Show it with its Show method.
func NewConfirm(title, text, yes, no string, danger bool, done func(bool), win fyne.Window) *dialog.ConfirmDialog {
	p, scroll := messageBody(text)
	d := dialog.NewCustomConfirm(title, yes, no, scroll, done, win)
	if danger {
		d.SetConfirmImportance(widget.DangerImportance)
	}
	FitDialog(d, win, scroll, messageWidth(p))
	return d
}

// ShowConfirm shows NewConfirm(title, text, yes, no, danger, done, win)
// and returns it.
func ShowConfirm(title, text, yes, no string, danger bool, done func(bool), win fyne.Window) *dialog.ConfirmDialog {
	d := NewConfirm(title, text, yes, no, danger, done, win)
	d.Show()
	return d
}

// messageBody is text as a paragraph, in a scroll that scrolls only
// when the window is too small for it.
func messageBody(text string) (*Paragraph, *container.Scroll) {
	p := NewParagraph(text)
	return p, container.NewVScroll(p)
}

// messageWidth is the width of a dialog that shows p: its longest line
// unbroken, but no wider than messageEms text sizes.
func messageWidth(p *Paragraph) float32 {
	size, pad, measure := p.metrics()
	var longest float32
	for _, line := range strings.Split(p.Text, "\n") {
		longest = max(longest, measure(line))
	}
	return min(longest+2*pad+1, messageEms*size) + dialogInset + theme.Padding()
}
