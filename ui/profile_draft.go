package ui

import (
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The profile editor keeps what the person changed and has not saved
// (issue 15). A sync or a tab switch reloads the profile without
// touching their changes; the changes are a draft on the device, shown
// again after a restart; and when the profile itself changed elsewhere
// (another device) while they edit, a notice names what changed there
// and lets them keep their edits, merged with the other device's
// (profile_merge.go), or show the new version.

// profileDraftKey is the draft's key: one profile per account.
const profileDraftKey = "profile"

// profileForm is the profile as the editor shows it, in words the draft
// can keep across a change of language (codes, not the texts shown).
type profileForm struct {
	Name      string   `json:"name"`
	Kana      string   `json:"kana"`
	AgeBand   string   `json:"ageBand"`
	JobRole   string   `json:"jobRole"`
	Themes    string   `json:"themes"`
	Interests string   `json:"interests"`
	Intro     string   `json:"intro"`
	Modes     []string `json:"modes"` // app.Modes' order
	FreeTimes string   `json:"freeTimes"`
	// FreeWeek is the weekly pattern; a draft of before has none.
	FreeWeek app.FreeWeek `json:"freeWeek"`
	Visible  bool         `json:"visible"`
}

func (f profileForm) equal(g profileForm) bool {
	if !slices.Equal(f.Modes, g.Modes) {
		return false
	}
	f.Modes, g.Modes = nil, nil
	return reflect.DeepEqual(f, g)
}

// formOf is how the editor shows p.
func formOf(p app.DirectoryEntry) profileForm {
	return profileFormOf(app.UpdateProfileArgs{Name: p.Name, Kana: p.Kana, AgeBand: p.AgeBand, JobRole: p.JobRole,
		Themes: p.Themes, Interests: p.Interests, Intro: p.Intro, Modes: p.Modes, FreeTimes: p.FreeTimes, FreeWeek: &p.FreeWeek, Visible: p.Visible})
}

// profileFormOf is how the editor shows a profile saved with a.
func profileFormOf(a app.UpdateProfileArgs) profileForm {
	f := profileForm{Name: a.Name, Kana: a.Kana, JobRole: a.JobRole, Themes: strings.Join(a.Themes, "、"),
		Interests: a.Interests, Intro: a.Intro, FreeTimes: a.FreeTimes, Visible: a.Visible, Modes: []string{}}
	if a.FreeWeek != nil {
		f.FreeWeek = *a.FreeWeek
	}
	if slices.Contains(app.AgeChoices, a.AgeBand) {
		f.AgeBand = string(a.AgeBand)
	}
	for _, m := range app.Modes {
		if slices.Contains(a.Modes, m) {
			f.Modes = append(f.Modes, string(m))
		}
	}
	return f
}

// profileDraft is the draft kept: the form as edited, and the profile it
// was edited from.
type profileDraft struct {
	Base profileForm `json:"base"`
	Form profileForm `json:"form"`
}

// profileEdit is what the editor edits: base is the profile as loaded
// (or as the person chose to keep editing over); the form differs from
// it when there are unsaved changes.
type profileEdit struct {
	draft   *widgets.Draft
	base    profileForm
	loaded  bool         // base is set: a profile, or a draft, was shown
	theirs  *profileForm // the version changed elsewhere, while the notice shows
	filling bool         // the form is being filled: no change of the person's
	drafted bool         // a draft may be kept: clear it when the changes are gone
}

// profileConflict is the notice of a profile changed elsewhere.
type profileConflict struct {
	box        *fyne.Container
	text       *widgets.Paragraph
	keep, show *widget.Button
}

func (e *ProfileEditor) buildDraftUI() {
	e.edit.draft = widgets.NewDraft(e.svc, profileDraftKey)
	e.unsaved = widget.NewLabelWithStyle(lang.X("draft.unsaved", "You have changes that are not saved"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.unsaved.Importance = widget.WarningImportance
	e.unsaved.SizeName = theme.SizeNameCaptionText
	e.unsaved.Hide()
	e.restored = widgets.NewParagraph(lang.X("draft.restored", "This is the draft from last time."))
	e.restored.Label.Importance = widget.WarningImportance
	e.restored.Hide()
	c := &profileConflict{}
	c.text = widgets.NewParagraph("") // see showConflict
	c.text.Label.Importance = widget.WarningImportance
	c.text.Label.TextStyle.Bold = true
	c.keep = widget.NewButton(lang.X("profile.conflict.keep", "Keep my changes"), e.keepMine)
	c.keep.Importance = widget.HighImportance
	c.show = widget.NewButton(lang.X("profile.conflict.show", "Show the new version"), e.showTheirs)
	c.box = container.NewVBox(c.text, container.NewHBox(widgets.Tall(c.keep, widgets.TallButton), widgets.Tall(c.show, widgets.TallButton)), widget.NewSeparator())
	c.box.Hide()
	e.conflict = c
}

// watchChanges calls changed after every change of the form's fields.
// The text limits have taken the entries' OnChanged: chain after them.
func (e *ProfileEditor) watchChanges() {
	for _, en := range []*widget.Entry{e.name, e.kana, e.jobRole, e.themes, e.interests, e.intro, e.freeTimes} {
		previous := en.OnChanged
		en.OnChanged = func(s string) {
			if previous != nil {
				previous(s)
			}
			e.changed()
		}
	}
	e.ageBand.OnChanged = func(string) { e.changed() }
	e.freeWeek.OnChanged = e.changed
	e.modes.OnChanged = func([]string) { e.changed() }
	e.visible.OnChanged = func(bool) { e.changed() }
}

// read is the form as it is now.
func (e *ProfileEditor) read() profileForm {
	f := profileForm{Name: e.name.Text, Kana: e.kana.Text, AgeBand: string(e.selectedAgeBand()), JobRole: e.jobRole.Text,
		Themes: e.themes.Text, Interests: e.interests.Text, Intro: e.intro.Text, FreeTimes: e.freeTimes.Text,
		FreeWeek: e.freeWeek.Week(), Visible: e.visible.Checked, Modes: []string{}}
	for _, m := range e.selectedModes() {
		f.Modes = append(f.Modes, string(m))
	}
	return f
}

// fill shows f in the form.
func (e *ProfileEditor) fill(f profileForm) {
	e.edit.filling = true
	defer func() { e.edit.filling = false }()
	// An entry already showing its text is left alone: its cursor
	// stays where the person is typing.
	setText := func(en *widget.Entry, s string) {
		if en.Text != s {
			en.SetText(s)
		}
	}
	setText(e.name, f.Name)
	setText(e.kana, f.Kana)
	if f.AgeBand == "" {
		e.ageBand.ClearSelected()
	} else {
		e.ageBand.SetSelected(widgets.FormatAgeBand(app.AgeBand(f.AgeBand)))
	}
	setText(e.jobRole, f.JobRole)
	setText(e.themes, f.Themes)
	setText(e.interests, f.Interests)
	setText(e.intro, f.Intro)
	var modes []string
	for _, m := range f.Modes {
		modes = append(modes, ModeName(app.Mode(m)))
	}
	e.modes.SetSelected(modes)
	setText(e.freeTimes, f.FreeTimes)
	e.freeWeek.SetWeek(f.FreeWeek)
	e.visible.SetChecked(f.Visible)
	e.showUnsaved()
}

// Unsaved reports whether the form has changes not saved.
func (e *ProfileEditor) Unsaved() bool {
	return e.edit.loaded && !e.read().equal(e.edit.base)
}

func (e *ProfileEditor) showUnsaved() {
	if e.Unsaved() {
		e.unsaved.Show()
	} else {
		e.unsaved.Hide()
	}
}

// changed follows a change of the person's: the draft keeps the form,
// or is forgotten when the form is back to the profile.
func (e *ProfileEditor) changed() {
	if e.edit.filling || !e.edit.loaded {
		return
	}
	e.message.SetText("") // "Saved." or a problem was about the form before
	e.showUnsaved()
	e.keepDraft()
	if e.edit.theirs != nil { // what keeping the changes does may have changed
		e.showConflict()
	}
}

func (e *ProfileEditor) keepDraft() {
	if e.Unsaved() {
		e.edit.draft.Save(profileDraft{Base: e.edit.base, Form: e.read()})
		e.edit.drafted = true
		return
	}
	if e.edit.drafted {
		e.edit.draft.Clear()
		e.edit.drafted = false
	}
	e.restored.Hide()
}

// resume shows the draft of last time, at the first load.
func (e *ProfileEditor) resume(d profileDraft) {
	if e.edit.loaded || d.Form.equal(d.Base) { // or a load that overtook this one showed it
		return
	}
	e.edit.base, e.edit.loaded, e.edit.drafted = d.Base, true, true
	e.fill(d.Form)
	e.restored.Show()
}

// arrived takes the profile as loaded: shown when nothing is changed;
// with unsaved changes, kept quiet when nothing of the profile changed
// but what the person changed too, and told of when it changed
// elsewhere.
func (e *ProfileEditor) arrived(theirs profileForm) {
	if !e.Unsaved() {
		e.showProfile(theirs)
		return
	}
	m := mergeProfile(e.edit.base, e.read(), theirs)
	switch {
	case theirs.equal(e.edit.base): // nothing of the profile changed
		e.hideConflict()
	case !m.changed(): // the same changes made elsewhere
		e.edit.base = theirs
		e.hideConflict()
		e.keepDraft()
		e.showUnsaved()
	case len(m.both) == 0 && m.form.equal(theirs): // every change made here is there too
		e.showProfile(theirs)
	default:
		e.edit.theirs = &theirs
		e.showConflict()
	}
}

// showProfile shows p, saved as it is: the form has no changes of the
// person's over it.
func (e *ProfileEditor) showProfile(p profileForm) {
	e.edit.base, e.edit.loaded = p, true
	if !e.read().equal(p) {
		e.fill(p)
	}
	e.hideConflict()
	e.keepDraft()
}

// showConflict shows the notice of the version changed elsewhere.
func (e *ProfileEditor) showConflict() {
	m := mergeProfile(e.edit.base, e.read(), *e.edit.theirs)
	if !m.changed() { // the person has since typed what was changed there
		e.edit.base = *e.edit.theirs
		e.hideConflict()
		e.showUnsaved()
		e.keepDraft()
		return
	}
	e.conflict.text.SetText(m.notice())
	e.conflict.box.Show()
}

func (e *ProfileEditor) hideConflict() {
	e.edit.theirs = nil
	e.conflict.box.Hide()
}

// keepMine keeps the person's changes over the version changed
// elsewhere, merged: the fields they did not change show the other
// device's changes, and saving saves both.
func (e *ProfileEditor) keepMine() {
	if e.edit.theirs != nil {
		theirs := *e.edit.theirs
		m := mergeProfile(e.edit.base, e.read(), theirs)
		e.edit.base = theirs
		e.fill(m.form)
		if len(m.taken) > 0 {
			e.message.SetText(lang.X("profile.conflict.kept", "{{.Fields}} now shows the other device's version. Press “Save” to save both changes.",
				map[string]any{"Fields": quoteFields(m.taken)}))
		}
	}
	e.hideConflict()
	e.showUnsaved()
	e.keepDraft()
}

// showTheirs drops the person's changes for the version changed
// elsewhere.
func (e *ProfileEditor) showTheirs() {
	if e.edit.theirs != nil {
		theirs := *e.edit.theirs
		e.edit.base = theirs
		e.fill(theirs)
	}
	e.hideConflict()
	e.restored.Hide()
	e.keepDraft()
}

// saved follows a successful save of a, which the form showed as
// sent: the form shows the profile as saved, unless the person went on
// typing meanwhile.
func (e *ProfileEditor) saved(a app.UpdateProfileArgs, sent profileForm) {
	now := profileFormOf(a)
	e.edit.base = now
	if e.read().equal(sent) {
		e.fill(now)
	}
	e.hideConflict()
	e.restored.Hide()
	e.showUnsaved()
	e.keepDraft()
}

// KeepFrom takes over old's unsaved changes, such as when the window is
// built again in another language.
func (e *ProfileEditor) KeepFrom(old *ProfileEditor) {
	if old == nil || !old.edit.loaded {
		return
	}
	e.edit.base, e.edit.loaded, e.edit.drafted = old.edit.base, true, old.edit.drafted
	e.edit.theirs = old.edit.theirs
	e.fill(old.read())
	e.restored.Hidden = old.restored.Hidden
	if e.edit.theirs != nil {
		e.showConflict()
	}
}

// Flush writes the draft now, if a change waits to be saved.
func (e *ProfileEditor) Flush() { e.edit.draft.Flush() }
