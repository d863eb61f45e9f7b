package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticesShare is the most of the inbox's height its notices take; they
// scroll within it, and the lists of offers keep the rest. The area ends
// where a notice ends, never across one's lines: it grows by up to
// noticesStretch of the height to show the notice it would cut whole, or
// else ends after the last notice it shows whole.
const (
	noticesShare   = 0.5
	noticesStretch = 0.1
)

// inboxNotices sets the inbox's notices over its tabs: the notices as
// tall as they are, up to noticesShare of the height, scrolling beyond,
// and a button that folds them away to give the lists the whole height.
type inboxNotices struct {
	notices *fyne.Container // the notices, one under another
	scroll  *container.Scroll
	toggle  *widget.Button  // folds the notices away or shows them again
	content *fyne.Container // what it lays out
	folded  bool
	shown   int // the notices showing, at the last layout
}

// newInboxContent lays notices over tabs.
func newInboxContent(notices *fyne.Container, tabs fyne.CanvasObject) (*fyne.Container, *inboxNotices) {
	n := &inboxNotices{notices: notices, scroll: container.NewVScroll(notices)}
	n.toggle = widget.NewButtonWithIcon("", theme.MenuDropUpIcon(), n.fold)
	n.toggle.Importance = widget.LowImportance
	n.setToggle()
	n.content = container.New(n, container.NewHBox(n.toggle), n.scroll, tabs)
	return n.content, n
}

// fold folds the notices away, or shows them again.
func (n *inboxNotices) fold() {
	n.folded = !n.folded
	n.setToggle()
	n.content.Refresh()
}

// setToggle says on the button what it does.
func (n *inboxNotices) setToggle() {
	if n.folded {
		n.toggle.SetText(lang.X("inbox.notices.show", "Show the notices ({{.Count}})", map[string]any{"Count": n.shown}))
		n.toggle.SetIcon(theme.MenuDropDownIcon())
		return
	}
	n.toggle.SetText(lang.X("inbox.notices.fold", "Fold the notices away"))
	n.toggle.SetIcon(theme.MenuDropUpIcon())
}

// count is how many notices show.
func (n *inboxNotices) count() int {
	c := 0
	for _, o := range n.notices.Objects {
		if o.Visible() {
			c++
		}
	}
	return c
}

// MinSize is the tabs', with the button and a line of notices when any
// shows.
func (n *inboxNotices) MinSize(objects []fyne.CanvasObject) fyne.Size {
	tabs := objects[2].MinSize()
	if n.count() == 0 {
		return tabs
	}
	h := objects[0].MinSize().Height
	if !n.folded {
		h += min(n.notices.MinSize().Height, 3*theme.TextSize())
	}
	return fyne.NewSize(max(tabs.Width, n.notices.MinSize().Width, objects[0].MinSize().Width), tabs.Height+h)
}

func (n *inboxNotices) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	bar, scroll, tabs := objects[0], objects[1], objects[2]
	if c := n.count(); c != n.shown {
		n.shown = c
		n.setToggle()
	}
	top := float32(0)
	if n.shown == 0 {
		bar.Hide()
		scroll.Show() // of no height: a notice shown before the next layout is not hidden
		scroll.Resize(fyne.NewSize(size.Width, 0))
	} else {
		bar.Show()
		bh := bar.MinSize().Height
		bar.Move(fyne.NewPos(0, 0))
		bar.Resize(fyne.NewSize(size.Width, bh))
		top = bh
		if n.folded {
			scroll.Hide()
		} else {
			h := n.wholeNotices(min(n.notices.MinSize().Height, max(size.Height*noticesShare, 3*theme.TextSize())), size.Height)
			scroll.Show()
			scroll.Move(fyne.NewPos(0, top))
			scroll.Resize(fyne.NewSize(size.Width, h))
			top += h
		}
	}
	tabs.Move(fyne.NewPos(0, top))
	tabs.Resize(fyne.NewSize(size.Width, size.Height-top))
}

// wholeNotices is h, the notices' area's height in an inbox total tall,
// moved to where a notice ends: it grows to the end of the notice it cuts
// when that is at most noticesStretch of total further, else shrinks to
// the end of the last notice it shows whole. With none whole, h stays.
func (n *inboxNotices) wholeNotices(h, total float32) float32 {
	gap := theme.Padding() // between the notices, as their VBox lays them out
	var bottom, whole float32
	first := true
	for _, o := range n.notices.Objects {
		if !o.Visible() {
			continue
		}
		if !first {
			bottom += gap
		}
		first = false
		bottom += o.MinSize().Height
		switch {
		case bottom <= h:
			whole = bottom
		case bottom <= h+total*noticesStretch:
			return bottom
		default:
			if whole > 0 {
				return whole
			}
			return h
		}
	}
	return h
}
