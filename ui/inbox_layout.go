package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// noticesShare is the most of the inbox's height its notices take; they
// scroll within it, and the lists of offers keep the rest.
const noticesShare = 0.35

// inboxLayout sets the inbox's notices over its tabs: the notices as
// tall as they are, up to noticesShare of the height, scrolling beyond.
type inboxLayout struct {
	notices *fyne.Container // what the scroll holds, to read its height
}

// newInboxContent lays notices over tabs.
func newInboxContent(notices *fyne.Container, tabs fyne.CanvasObject) *fyne.Container {
	return container.New(&inboxLayout{notices: notices}, container.NewVScroll(notices), tabs)
}

// noticesHeight is the notices' own height, 0 when none shows.
func (l *inboxLayout) noticesHeight() float32 {
	if !l.notices.Visible() {
		return 0
	}
	return l.notices.MinSize().Height // hidden notices take none
}

// MinSize is the tabs', with room for a line of notices when any shows.
func (l *inboxLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	tabs := objects[1].MinSize()
	notices := min(l.noticesHeight(), 3*theme.TextSize())
	return fyne.NewSize(max(tabs.Width, l.notices.MinSize().Width), tabs.Height+notices)
}

func (l *inboxLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	h := min(l.noticesHeight(), max(size.Height*noticesShare, 3*theme.TextSize()))
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width, h))
	objects[1].Move(fyne.NewPos(0, h))
	objects[1].Resize(fyne.NewSize(size.Width, size.Height-h))
}
