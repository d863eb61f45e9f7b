package widgets

import (
	"fmt"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Escape closes the top overlay of c as its Cancel or Close button
// would, running that button's callback, and reports whether there was
// one to close. It is what the Escape key does in every window, wherever
// the focus is (a text entry in the dialog too): the desktop calls it
// when Escape is pressed, before Fyne hands the key to the focused
// widget.
//
// The button is, in a Fyne dialog, the first of its button row (Fyne's
// dialogs, and this app's, put Cancel, No, Close or Back first); in any
// other pop-up (a date picker), a button with the cancel icon or labelled
// Cancel or Close. A menu (a select's drop-down) is dismissed; a pop-up
// with no such button is hidden.
func Escape(c fyne.Canvas) bool {
	if c == nil {
		return false
	}
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	// A pop-up's or a menu's overlay is a container of Fyne's own,
	// holding the pop-up or the menu.
	content, ok := overlayContent(top)
	if !ok {
		content = top
	}
	switch o := content.(type) {
	case *widget.PopUp:
		if b := cancelButton(o.Content); b != nil {
			b.OnTapped()
		} else {
			o.Hide()
		}
	case interface{ Dismiss() }: // a menu: a select's drop-down
		o.Dismiss()
	default:
		top.Hide()
		c.Overlays().Remove(top)
	}
	return true
}

// cancelButton finds the button that cancels the pop-up showing content,
// or nil.
func cancelButton(content fyne.CanvasObject) *widget.Button {
	if row, ok := dialogButtons(content); ok {
		var first *widget.Button
		walk(row, func(b *widget.Button) {
			if first == nil {
				first = b
			}
		})
		if first != nil {
			return first
		}
	}
	cancel, closeText := lang.X("dialog.cancel", "Cancel"), lang.X("dialog.close", "Close")
	var found *widget.Button
	walk(content, func(b *widget.Button) {
		if found == nil && (b.Icon == theme.CancelIcon() || b.Text == cancel || b.Text == closeText) {
			found = b
		}
	})
	return found
}

// dialogButtons is the button row of a Fyne dialog's content: Fyne lays
// a dialog out with its own layout, the buttons fourth of five objects
// (fyne.io/fyne/v2/dialog, base.go). TestEscapeDialogs notices when a
// new Fyne version lays them out otherwise.
func dialogButtons(content fyne.CanvasObject) (fyne.CanvasObject, bool) {
	box, ok := content.(*fyne.Container)
	if !ok || len(box.Objects) != 5 || fmt.Sprintf("%T", box.Layout) != "*dialog.dialogLayout" {
		return nil, false
	}
	return box.Objects[3], true
}

// walk calls f with every visible, enabled button in o, depth first,
// through containers and scroll containers.
func walk(o fyne.CanvasObject, f func(*widget.Button)) {
	if o == nil || !o.Visible() {
		return
	}
	switch o := o.(type) {
	case *widget.Button:
		if !o.Disabled() && o.OnTapped != nil {
			f(o)
		}
	case *fyne.Container:
		for _, child := range o.Objects {
			walk(child, f)
		}
	case *container.Scroll:
		walk(o.Content, f)
	}
}

// overlayContent is the Content of a Fyne overlay container (a pop-up's
// or a menu's), whose type is internal to Fyne.
func overlayContent(o fyne.CanvasObject) (fyne.CanvasObject, bool) {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	f := v.Elem().FieldByName("Content")
	if !f.IsValid() || !f.CanInterface() {
		return nil, false
	}
	content, ok := f.Interface().(fyne.CanvasObject)
	return content, ok && content != nil
}
