package ui

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/jtext"
	"crosstalk/ui/widgets"
)

// ProfileEditor is the "my profile" tab: every field a participant may
// change of their own profile, visibility included.
type ProfileEditor struct {
	svc Services
	win fyne.Window

	name, kana, jobRole, themes, interests, intro, freeTimes *widget.Entry
	freeWeek                                                 *freeWeekGrid
	freeBox                                                  fyne.CanvasObject // the free times' hint, grid and note
	scroll                                                   *container.Scroll
	ageBand                                                  *widget.Select
	modes                                                    *widget.CheckGroup
	visible                                                  *widget.Check
	save                                                     *widget.Button
	message                                                  *widgets.Paragraph
	company                                                  *widget.Label
	limits                                                   []*widgets.TextLimit // in the form's order
	content                                                  fyne.CanvasObject

	unsaved  *widget.Label      // 「保存していない変更があります」, while there are
	restored *widgets.Paragraph // the draft of last time is shown
	conflict *profileConflict   // the profile changed elsewhere while edited
	edit     profileEdit        // what is edited, against what

	// OnLoaded, if set, is called on the UI goroutine after a Refresh
	// has shown the profile.
	OnLoaded func()
}

// NewProfileEditor makes the tab; Refresh loads the profile.
func NewProfileEditor(svc Services, win fyne.Window) *ProfileEditor {
	e := &ProfileEditor{svc: svc, win: win}
	e.buildUI()
	return e
}

// Content is the tab's canvas object.
func (e *ProfileEditor) Content() fyne.CanvasObject { return e.content }

func multiline(rows int) *widget.Entry {
	en := widget.NewMultiLineEntry()
	en.Wrapping = fyne.TextWrapWord
	en.SetMinRowsVisible(rows)
	return en
}

func (e *ProfileEditor) buildUI() {
	e.name, e.kana, e.jobRole = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	e.kana.PlaceHolder = lang.X("profile.kana.hint", "e.g. やまだ たろう")
	e.themes = widget.NewEntry()
	e.themes.PlaceHolder = lang.X("profile.themes.hint", "Separate with 、 e.g. セカンドキャリア、学び直し")
	e.interests, e.intro, e.freeTimes = multiline(2), multiline(5), widget.NewEntry()
	e.freeWeek = newFreeWeekGrid()
	e.freeTimes.PlaceHolder = lang.X("profile.free_times.note", "A note, if you like (e.g. not at the end of the month)")
	bands := make([]string, len(app.AgeChoices)) // a decade, for who would say no more
	for i, b := range app.AgeChoices {
		bands[i] = widgets.FormatAgeBand(b)
	}
	e.ageBand = widget.NewSelect(bands, nil)
	modeNames := make([]string, len(app.Modes))
	for i, m := range app.Modes {
		modeNames[i] = ModeName(m)
	}
	e.modes = widget.NewCheckGroup(modeNames, nil)
	e.modes.Horizontal = true
	e.visible = widget.NewCheck(lang.X("profile.visible", "Show my profile to the participants of other companies"), nil)
	e.company = widget.NewLabel("")
	e.message = widgets.NewParagraph("")
	e.save = widget.NewButton(lang.X("profile.save", "Save"), e.submit)
	e.save.Importance = widget.HighImportance
	e.buildDraftUI()
	// A text field is shown with its limit under it.
	limited := func(name string, en *widget.Entry, l *widgets.TextLimit) *widget.FormItem {
		e.limits = append(e.limits, l)
		return widget.NewFormItem(name, container.New(layout.NewCustomPaddedVBoxLayout(0), en, l.Note))
	}
	text := func(key, fallback string, en *widget.Entry, max int) *widget.FormItem {
		name := lang.X(key, fallback)
		return limited(name, en, widgets.LimitText(en, name, max))
	}
	raw := func(key, fallback string, en *widget.Entry, max int) *widget.FormItem {
		name := lang.X(key, fallback)
		return limited(name, en, widgets.LimitRawText(en, name, max))
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.X("profile.company", "Company"), e.company),
		text("profile.name", "Name", e.name, app.MaxNameRunes),
		text("profile.kana", "Reading (kana)", e.kana, app.MaxNameRunes),
		widget.NewFormItem(lang.X("profile.age_band", "Age"), e.ageBand),
		text("profile.job_role", "Role or job", e.jobRole, app.MaxJobRoleRunes),
		limited(lang.X("profile.themes", "Themes to talk about"), e.themes, limitThemes(e.themes)),
		raw("profile.interests", "Interests", e.interests, app.MaxIntroRunes),
		raw("profile.intro", "About me", e.intro, app.MaxIntroRunes),
		widget.NewFormItem(lang.X("profile.modes", "Ways to talk"), e.modes),
		e.freeTimesItem(limited),
		widget.NewFormItem("", e.visible),
	)
	e.watchChanges()
	// The form scrolls; Save, and what saving said, stay at the bottom,
	// in sight on the smallest screen.
	bar := container.NewPadded(container.NewBorder(nil, nil, widgets.Tall(e.save, widgets.TallButton), nil, e.message))
	e.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(
		container.NewHBox(widget.NewLabelWithStyle(lang.X("profile.title", "My profile"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.unsaved),
		e.restored, e.conflict.box, form)))
	e.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, e.scroll)
}

// freeTimesItem is the form's 「話しやすい時間帯」: the weekly grid, and
// under it the note in words, with its limit.
func (e *ProfileEditor) freeTimesItem(limited func(string, *widget.Entry, *widgets.TextLimit) *widget.FormItem) *widget.FormItem {
	name := lang.X("profile.free_times", "Good times to talk")
	extra := lang.X("profile.free_times.extra", "Note (optional)")
	item := limited(name, e.freeTimes, widgets.LimitText(e.freeTimes, name, app.MaxFreeTimesRunes))
	// The note is its own field, not a copy of the grid: it says so.
	label := widget.NewLabelWithStyle(extra, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.freeBox = container.NewVBox(
		widgets.NewParagraph(lang.X("profile.free_times.hint", "Press the times that usually suit you; press again to take one off.")),
		e.freeWeek,
		widgets.NewSpacedVBox(-2, label, widgets.NewParagraph(lang.X("profile.free_times.extra_hint",
			"Shown to others beside the times above, as you write it."))),
		item.Widget)
	item.Widget = e.freeBox
	return item
}

// scrollToFreeTimes scrolls the form to the free times, as far as it
// scrolls (the smoke walk's picture of the grid).
func (e *ProfileEditor) scrollToFreeTimes() {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(e.freeBox).Y - d.AbsolutePositionForObject(e.scroll).Y + e.scroll.Offset.Y
	e.scroll.ScrollToOffset(fyne.NewPos(0, y-theme.Padding()))
}

// Refresh loads the profile off the UI goroutine, and at the first
// load the draft of last time. Unsaved changes are kept: see
// profileEdit.
func (e *ProfileEditor) Refresh() {
	me := e.svc.Me().ParticipantID
	first := !e.edit.loaded
	var d profileDraft
	found := false
	widgets.Background(func() (app.DirectoryEntry, error) {
		if first {
			found = e.edit.draft.Read(&d)
		}
		return e.svc.Person(context.Background(), me, e.svc.Now())
	}, func(p app.DirectoryEntry, err error) {
		if err != nil {
			e.message.SetText(ErrorText(err))
			return
		}
		e.company.SetText(p.CompanyName)
		if first && found {
			e.resume(d)
		}
		e.arrived(formOf(p))
		if e.OnLoaded != nil {
			e.OnLoaded()
		}
	})
}

// splitThemes reads the themes entry: separated by 、, commas or spaces
// of either width, blanks and repeats dropped.
func splitThemes(s string) []string {
	out := []string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ' ' || r == '　' || r == '\n'
	}) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// limitThemes limits the themes entry: at most app.MaxThemes themes, each
// of at most app.MaxThemeRunes characters, as splitThemes reads them.
func limitThemes(entry *widget.Entry) *widgets.TextLimit {
	return widgets.NewTextLimit(entry, func(text string) (string, string) {
		themes := splitThemes(text)
		data := map[string]any{"Max": app.MaxThemes, "Runes": app.MaxThemeRunes, "Count": len(themes)}
		if len(themes) > app.MaxThemes {
			return "", lang.X("profile.error.themes", "Please choose at most {{.Max}} themes.", data)
		}
		for _, t := range themes {
			if utf8.RuneCountInString(t) > app.MaxThemeRunes {
				data["Theme"] = t
				return "", lang.X("limit.theme_over", "The theme “{{.Theme}}” is too long. A theme can have up to {{.Runes}} characters.", data)
			}
		}
		return lang.X("limit.themes", "Up to {{.Max}} themes of up to {{.Runes}} characters each ({{.Count}} now)", data), ""
	})
}

// selectedAgeBand is the band chosen, or "" when none is. It goes by
// the choice's place, not its words: after a change of language the old
// form, read to keep its edits, still shows the old language's words.
func (e *ProfileEditor) selectedAgeBand() app.AgeBand {
	if i := e.ageBand.SelectedIndex(); i >= 0 && i < len(app.AgeChoices) {
		return app.AgeChoices[i]
	}
	return ""
}

// selectedModes are the ways to talk ticked, by their place among the
// choices, as selectedAgeBand.
func (e *ProfileEditor) selectedModes() []app.Mode {
	var out []app.Mode
	for i, opt := range e.modes.Options {
		if i < len(app.Modes) && slices.Contains(e.modes.Selected, opt) {
			out = append(out, app.Modes[i])
		}
	}
	return out
}

// args reads the form, or says in words what is missing.
func (e *ProfileEditor) args() (app.UpdateProfileArgs, string) {
	a := app.UpdateProfileArgs{
		Name: strings.TrimSpace(e.name.Text), Kana: strings.TrimSpace(e.kana.Text), AgeBand: e.selectedAgeBand(),
		JobRole: strings.TrimSpace(e.jobRole.Text), Themes: splitThemes(e.themes.Text), Interests: e.interests.Text,
		Intro: e.intro.Text, FreeTimes: strings.TrimSpace(e.freeTimes.Text), Visible: e.visible.Checked,
	}
	week := e.freeWeek.Week()
	a.FreeWeek = &week
	a.Modes = e.selectedModes()
	switch {
	case a.Name == "":
		return a, lang.X("profile.error.name", "Please enter your name.")
	case !jtext.IsKana(a.Kana):
		return a, lang.X("profile.error.kana", "Please write the reading of your name in kana.")
	case !a.AgeBand.Valid():
		return a, lang.X("profile.error.age_band", "Please choose your age.")
	case len(a.Modes) == 0:
		return a, lang.X("profile.error.modes", "Please choose at least one way to talk.")
	}
	return a, widgets.FirstProblem(e.limits...)
}

// submit saves the profile by the button only: Enter may belong to the
// input method's conversion. Saving while the notice of a change made
// elsewhere shows keeps the person's changes, merged with it.
func (e *ProfileEditor) submit() {
	if e.edit.theirs != nil {
		e.keepMine()
	}
	a, problem := e.args()
	if problem != "" {
		e.message.SetText(problem)
		return
	}
	sent := e.read()
	e.save.Disable()
	widgets.Background(func() (struct{}, error) {
		return struct{}{}, e.svc.Mutate(context.Background(), app.ProfileUpdate, a)
	}, func(_ struct{}, err error) {
		e.save.Enable()
		if err != nil {
			e.message.SetText(ErrorText(err))
			return
		}
		e.saved(a, sent)
		e.message.SetText(lang.X("profile.saved", "Saved."))
	})
}
