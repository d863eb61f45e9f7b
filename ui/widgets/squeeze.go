package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// squeezeLayout lays a view's head, in a scroll, over its body: the head
// at its whole height when there is room, the body below it with the
// rest; when the window is short, the body keeps its minimum height, and
// half the height if that is more, and the head scrolls in what is left,
// at least headFloor high.
type squeezeLayout struct {
	head *container.Scroll
}

// headFloor is the least height of a squeezed head: about two lines.
const headFloor = 2 * TallButton

// bodyShare is the part of the height the body keeps in a short window,
// if the head would leave it less: a list shows a few of its rows, not
// only one, while the head scrolls.
const bodyShare = 0.5

func (l *squeezeLayout) heights(body fyne.CanvasObject, height float32) (head float32) {
	want := l.head.Content.MinSize().Height
	rest := height - theme.Padding() - max(body.MinSize().Height, height*bodyShare)
	return max(min(want, rest), min(want, headFloor))
}

func (l *squeezeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	body := objs[1]
	h := l.heights(body, size.Height)
	l.head.Move(fyne.NewPos(0, 0))
	l.head.Resize(fyne.NewSize(size.Width, h))
	y := h + theme.Padding()
	body.Move(fyne.NewPos(0, y))
	body.Resize(fyne.NewSize(size.Width, max(0, size.Height-y))) // less than its minimum: never negative
}

func (l *squeezeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	head, body := l.head.Content.MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(head.Width, body.Width), min(head.Height, headFloor)+theme.Padding()+body.Height)
}

// Squeezed lays head over body (squeezeLayout): a view's head, such as
// its search and filters, gives way to its list when the window is short,
// scrolling rather than pushing the list out of the window. The scroll
// returned holds head, to bring a part of it into view.
func Squeezed(head, body fyne.CanvasObject) (*fyne.Container, *container.Scroll) {
	s := container.NewVScroll(head)
	return container.New(&squeezeLayout{head: s}, s, body), s
}
