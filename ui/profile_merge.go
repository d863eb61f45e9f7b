package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// When the profile changed on another device while the person edits it
// here, their edits and the other device's are merged field by field,
// each field compared with the profile the person started from: a field
// they changed keeps their text, a field they did not change takes the
// other device's. Nothing of either side is lost unless both changed
// the same field, and then the notice says which one is kept.

// profileField is one field of the profile form, as a merge sees it.
type profileField struct {
	name func() string // the form's label
	same func(a, b profileForm) bool
	take func(to *profileForm, from profileForm)
}

// profileFields are the form's fields, in its order.
var profileFields = []profileField{
	{func() string { return lang.X("profile.name", "Name") },
		func(a, b profileForm) bool { return a.Name == b.Name },
		func(to *profileForm, from profileForm) { to.Name = from.Name }},
	{func() string { return lang.X("profile.kana", "Reading (kana)") },
		func(a, b profileForm) bool { return a.Kana == b.Kana },
		func(to *profileForm, from profileForm) { to.Kana = from.Kana }},
	{func() string { return lang.X("profile.age_band", "Age") },
		func(a, b profileForm) bool { return a.AgeBand == b.AgeBand },
		func(to *profileForm, from profileForm) { to.AgeBand = from.AgeBand }},
	{func() string { return lang.X("profile.job_role", "Role or job") },
		func(a, b profileForm) bool { return a.JobRole == b.JobRole },
		func(to *profileForm, from profileForm) { to.JobRole = from.JobRole }},
	{func() string { return lang.X("profile.themes", "Themes to talk about") },
		func(a, b profileForm) bool { return a.Themes == b.Themes },
		func(to *profileForm, from profileForm) { to.Themes = from.Themes }},
	{func() string { return lang.X("profile.interests", "Interests") },
		func(a, b profileForm) bool { return a.Interests == b.Interests },
		func(to *profileForm, from profileForm) { to.Interests = from.Interests }},
	{func() string { return lang.X("profile.intro", "About me") },
		func(a, b profileForm) bool { return a.Intro == b.Intro },
		func(to *profileForm, from profileForm) { to.Intro = from.Intro }},
	{func() string { return lang.X("profile.modes", "Ways to talk") },
		func(a, b profileForm) bool { return slices.Equal(a.Modes, b.Modes) },
		func(to *profileForm, from profileForm) { to.Modes = slices.Clone(from.Modes) }},
	{func() string { return lang.X("profile.free_times", "Good times to talk") },
		func(a, b profileForm) bool { return a.FreeTimes == b.FreeTimes && a.FreeWeek == b.FreeWeek },
		func(to *profileForm, from profileForm) { to.FreeTimes, to.FreeWeek = from.FreeTimes, from.FreeWeek }},
	{func() string {
		return lang.X("profile.visible", "Show my profile to the participants of other companies")
	},
		func(a, b profileForm) bool { return a.Visible == b.Visible },
		func(to *profileForm, from profileForm) { to.Visible = from.Visible }},
}

// profileMerge is the person's form (mine) merged with the profile as
// changed elsewhere (theirs), both edited from base.
type profileMerge struct {
	form      profileForm // mine in the fields the person changed, theirs in the others
	elsewhere []string    // the fields changed elsewhere, in the form's order
	taken     []string    // of those, the fields not changed here: theirs taken
	both      []string    // of those, the fields changed here too: mine kept
}

// mergeProfile merges mine and theirs, field by field, against base.
// A field changed elsewhere to what the person typed here is no change
// to tell of.
func mergeProfile(base, mine, theirs profileForm) profileMerge {
	m := profileMerge{form: mine}
	m.form.Modes = slices.Clone(mine.Modes)
	for _, f := range profileFields {
		switch {
		case f.same(theirs, base), f.same(theirs, mine):
		case f.same(mine, base):
			m.elsewhere = append(m.elsewhere, f.name())
			f.take(&m.form, theirs)
			m.taken = append(m.taken, f.name())
		default:
			m.elsewhere = append(m.elsewhere, f.name())
			m.both = append(m.both, f.name())
		}
	}
	return m
}

// changed reports whether a field was changed elsewhere to something
// other than what the person has here.
func (m profileMerge) changed() bool { return len(m.elsewhere) > 0 }

// notice is the text of the notice of the change elsewhere: which
// fields changed there, and what keeping the person's changes does.
func (m profileMerge) notice() string {
	lines := []string{lang.X("profile.conflict.fields", "{{.Fields}} was changed on another device. Your changes here are not saved yet.",
		map[string]any{"Fields": quoteFields(m.elsewhere)})}
	if len(m.both) == 0 {
		lines = append(lines, lang.X("profile.conflict.merge", "If you keep your changes, the changes of both devices are kept."))
		return strings.Join(lines, "\n")
	}
	lines = append(lines, lang.X("profile.conflict.both", "You changed {{.Fields}} here as well. If you keep your changes, what you wrote here is kept there.",
		map[string]any{"Fields": quoteFields(m.both)}))
	if len(m.taken) > 0 {
		lines = append(lines, lang.X("profile.conflict.taken", "{{.Fields}} takes the change of the other device.",
			map[string]any{"Fields": quoteFields(m.taken)}))
	}
	return strings.Join(lines, "\n")
}

// quoteFields names fields in a sentence: 「役職・職種」、「自己紹介」.
func quoteFields(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = lang.X("profile.conflict.field", "“{{.Name}}”", map[string]any{"Name": n})
	}
	return strings.Join(quoted, lang.X("profile.conflict.field_separator", ", "))
}
