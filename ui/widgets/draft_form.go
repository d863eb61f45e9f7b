package widgets

import (
	"maps"
	"sync/atomic"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DraftForm keeps the text fields of one form as a draft: each change is
// saved (Draft.Save), the form shows the draft when it opens again
// (Restore) with Note saying so, and the form's owner clears it once the
// form was sent (Clear). A form whose fields are all as they were made
// keeps no draft. A dialog needs a few lines:
//
//	draft := widgets.NewDraftForm(store, "decline:"+offerID).Entry("note", note)
//	// … put draft.Note in the dialog, then
//	draft.Restore()
//	dlg.SetOnClosed(draft.Flush) // and draft.Clear() once sent
type DraftForm struct {
	*Draft
	// Note says that the draft of last time is shown; hidden until then.
	Note *Paragraph
	// OnRestored, if set, is called after a draft was put in the fields,
	// such as to fit the dialog to its new content.
	OnRestored func()

	fields []draftField
	made   map[string]string // the fields' values when bound
	// touched is set once the person changed a field. Fyne's test driver
	// runs the done of Background on its goroutine: the read of an
	// empty draft touches nothing else.
	touched   atomic.Bool
	restoring bool
}

// draftField is one value of a form: how to read it and to set it.
type draftField struct {
	name string
	get  func() string
	set  func(string)
}

// NewDraftForm keeps the form's draft under key in store (nil keeps
// nothing).
func NewDraftForm(store DraftStore, key string) *DraftForm {
	f := &DraftForm{Draft: NewDraft(store, key), made: map[string]string{}}
	f.Note = NewParagraph(lang.X("draft.restored", "This is the draft from last time."))
	f.Note.Label.Importance = widget.WarningImportance
	f.Note.Label.SizeName = theme.SizeNameCaptionText
	f.Note.Hide()
	return f
}

// Entry keeps entry's text as the field called name. It chains the
// entry's OnChanged: bind after anything else that sets it (a TextLimit).
func (f *DraftForm) Entry(name string, entry *widget.Entry) *DraftForm {
	f.add(draftField{name: name, get: func() string { return entry.Text }, set: entry.SetText})
	previous := entry.OnChanged
	entry.OnChanged = func(s string) {
		if previous != nil {
			previous(s)
		}
		f.Changed()
	}
	return f
}

// Field keeps a value that is no entry's text as the field called name;
// the form calls Changed after each change of it.
func (f *DraftForm) Field(name string, get func() string, set func(string)) *DraftForm {
	f.add(draftField{name: name, get: get, set: set})
	return f
}

func (f *DraftForm) add(fl draftField) {
	f.fields = append(f.fields, fl)
	f.made[fl.name] = fl.get()
}

// values reads the fields.
func (f *DraftForm) values() map[string]string {
	v := make(map[string]string, len(f.fields))
	for _, fl := range f.fields {
		v[fl.name] = fl.get()
	}
	return v
}

// Changed saves the fields a moment later, or forgets the draft when
// they are all as they were made.
func (f *DraftForm) Changed() {
	if f.restoring {
		return
	}
	f.touched.Store(true)
	v := f.values()
	if maps.Equal(v, f.made) {
		f.Clear()
		return
	}
	f.Save(v)
}

// Restore reads the draft off the UI goroutine and, if there is one and
// the person has not started typing meanwhile, puts it in the fields and
// shows the Note.
func (f *DraftForm) Restore() {
	var v map[string]string
	f.Load(&v, func(found bool) {
		if !found || f.touched.Load() || len(v) == 0 {
			return
		}
		f.restoring = true
		for _, fl := range f.fields {
			if s, ok := v[fl.name]; ok && s != fl.get() {
				fl.set(s)
			}
		}
		f.restoring = false
		f.Note.Show()
		if f.OnRestored != nil {
			f.OnRestored()
		}
	})
}
