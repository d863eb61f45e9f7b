package widgets

import (
	"fmt"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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
		b, isDialog := cancelButton(o.Content)
		switch {
		case b != nil:
			if !b.Disabled() { // busy sending: Escape waits, as the button does
				b.OnTapped()
			}
		case !isDialog:
			o.Hide()
		}
		// A dialog with no button that cancels is left open: hiding its
		// pop-up would skip what the dialog does when it closes (a
		// draft kept, a question answered).
	case interface{ Dismiss() }: // a menu: a select's drop-down
		o.Dismiss()
	default:
		top.Hide()
		c.Overlays().Remove(top)
	}
	return true
}

// cancelButton finds the button that cancels the pop-up showing content,
// or nil, and reports whether the pop-up is a Fyne dialog. In a dialog's
// row of buttons it is the first, as Fyne and the app put them, even when
// disabled (then nothing is tapped: the confirming button beside it is
// never taken instead). Elsewhere it is a button that says キャンセル or
// 閉じる: never found by its icon, which the app also puts on buttons that
// cancel a talk or stop a device.
func cancelButton(content fyne.CanvasObject) (b *widget.Button, isDialog bool) {
	row, isDialog := dialogButtons(content)
	if isDialog {
		walk(row, true, func(x *widget.Button) {
			if b == nil {
				b = x
			}
		})
		if b != nil {
			return b, true
		}
	}
	cancel, closeText := lang.X("dialog.cancel", "Cancel"), lang.X("dialog.close", "Close")
	walk(content, false, func(x *widget.Button) {
		if b == nil && (x.Text == cancel || x.Text == closeText) {
			b = x
		}
	})
	return b, isDialog
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

// walk calls f with every visible button in o that has an action (and
// is enabled, unless disabled too), depth first, through containers and
// scroll containers.
func walk(o fyne.CanvasObject, disabled bool, f func(*widget.Button)) {
	if o == nil || !o.Visible() {
		return
	}
	switch o := o.(type) {
	case *widget.Button:
		if (disabled || !o.Disabled()) && o.OnTapped != nil {
			f(o)
		}
	case *fyne.Container:
		for _, child := range o.Objects {
			walk(child, disabled, f)
		}
	case *container.Scroll:
		walk(o.Content, disabled, f)
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
