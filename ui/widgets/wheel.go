package widgets

import (
	"reflect"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ForwardWheel gives a wheel event over a multi-line text entry to the
// page around it when the entry's own text cannot scroll further that
// way, and reports whether it did. Fyne gives a wheel event to the
// innermost scrolling object under the pointer, and a multi-line entry
// scrolls inside itself: over a text field, the wheel stopped moving the
// page. The desktop calls this before Fyne handles the wheel, with the
// pointer's position in the canvas (Fyne units) and Fyne's delta.
//
// The objects under the pointer are found through containers, scroll
// containers, forms, tabs, splits and pop-ups: what pages and dialogs
// are made of.
func ForwardWheel(c fyne.Canvas, at fyne.Position, delta fyne.Delta) bool {
	if c == nil {
		return false
	}
	root := c.Content()
	if top := c.Overlays().Top(); top != nil {
		root = top
	}
	var chain []fyne.CanvasObject // under the pointer, outermost first
	underPointer(root, fyne.NewPos(0, 0), at, &chain)
	for i := len(chain) - 1; i >= 0; i-- {
		e, ok := chain[i].(*widget.Entry)
		if !ok || !e.MultiLine {
			continue
		}
		inner := entryScroll(e)
		if inner == nil || canScroll(inner, delta) {
			return false // the entry's text scrolls, or Fyne decides as before
		}
		for j := i - 1; j >= 0; j-- {
			if page, ok := chain[j].(*container.Scroll); ok {
				page.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}, Scrolled: delta})
				return true
			}
		}
		return false
	}
	return false
}

// canScroll reports whether s can move its content by delta (DY > 0
// moves towards the top).
func canScroll(s *container.Scroll, delta fyne.Delta) bool {
	// Fyne bounds the offset by the content's minimum height.
	room := s.Content.MinSize().Height - s.Size().Height
	switch {
	case room <= 0.5 || s.Content.Size().Height <= s.Size().Height:
		return false
	case delta.DY > 0:
		return s.Offset.Y > 0.5
	case delta.DY < 0:
		return s.Offset.Y < room-0.5
	}
	return false
}

// entryScroll is the scroll container inside a multi-line entry: a
// field Fyne keeps to itself (fyne.io/fyne/v2/widget, entry.go), read
// here so that the wheel moves the entry's text while it can.
// TestForwardWheel notices when a new Fyne version changes it.
func entryScroll(e *widget.Entry) *container.Scroll {
	f := reflect.ValueOf(e).Elem().FieldByName("scroll")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*container.Scroll)(nil)) || f.IsNil() {
		return nil
	}
	return (*container.Scroll)(unsafe.Pointer(f.Pointer()))
}

// underPointer appends to chain o, at pos in the canvas, and what inside
// it lies under the pointer at.
func underPointer(o fyne.CanvasObject, pos, at fyne.Position, chain *[]fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	size := o.Size()
	if at.X < pos.X || at.Y < pos.Y || at.X >= pos.X+size.Width || at.Y >= pos.Y+size.Height {
		return
	}
	*chain = append(*chain, o)
	var children []fyne.CanvasObject
	switch o := o.(type) {
	case *fyne.Container:
		children = o.Objects
	case *container.Scroll:
		// Content moves by the scroll offset.
		underPointer(o.Content, pos.Add(o.Content.Position()), at, chain)
		return
	case *widget.Form:
		for _, item := range o.Items {
			children = append(children, item.Widget)
		}
	case *container.AppTabs:
		if sel := o.Selected(); sel != nil {
			children = []fyne.CanvasObject{sel.Content}
		}
	case *container.Split:
		children = []fyne.CanvasObject{o.Leading, o.Trailing}
	default:
		if content, ok := overlayContent(o); ok { // pop-ups, overlays
			children = []fyne.CanvasObject{content}
		}
	}
	for _, child := range children {
		if child != nil {
			underPointer(child, pos.Add(child.Position()), at, chain)
		}
	}
}
