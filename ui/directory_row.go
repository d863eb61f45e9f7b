package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// directoryRowHeight keeps rows tall enough to read and to tap.
const directoryRowHeight = 84

// directoryRow is one person in the directory list.
type directoryRow struct {
	widget.BaseWidget
	name    *widget.Label
	kana    *widget.Label
	mark    *widget.Label
	company *widget.Label
	themes  *widget.Label
	texts   [5]string // what the labels show, in the order above
	look    rowLook   // the theme the labels were last drawn in
	top     *fyne.Container
}

func newDirectoryRow() *directoryRow {
	r := &directoryRow{
		name:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		kana:    widget.NewLabel(""),
		mark:    widget.NewLabel(""),
		company: widget.NewLabel(""),
		themes:  widget.NewLabel(""),
	}
	r.mark.Importance = widget.WarningImportance
	for _, l := range []*widget.Label{r.kana, r.company, r.themes} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	r.top = container.NewBorder(nil, nil, r.name, r.mark, r.kana)
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is part of fyne.Widget.
func (r *directoryRow) CreateRenderer() fyne.WidgetRenderer {
	// The lines sit closer than labels do, by the theme's padding as it
	// is when they are laid out: rows made before a change of text size
	// measure as rows made after it, as the list expects of its rows.
	lines := widgets.NewSpacedVBox(-2, r.top, r.company, r.themes)
	return widget.NewSimpleRenderer(lines)
}

// MinSize keeps rows tall enough to tap.
func (r *directoryRow) MinSize() fyne.Size {
	s := r.BaseWidget.MinSize()
	return fyne.NewSize(s.Width, max(s.Height, directoryRowHeight))
}

func (r *directoryRow) set(e app.DirectoryEntry) {
	mark := ""
	if e.Bookmarked {
		mark = lang.X("directory.bookmarked", "★ Bookmarked")
	}
	texts := [5]string{e.Name, e.Kana, mark,
		lang.X("directory.row.company", "{{.Company}} ({{.Industry}})  {{.Age}}",
			map[string]any{"Company": e.CompanyName, "Industry": e.Industry, "Age": widgets.FormatAgeBand(e.AgeBand)}),
		lang.X("directory.row.themes", "Themes: {{.Themes}}",
			map[string]any{"Themes": directoryThemes(e.Themes)}),
	}
	look := currentRowLook(r)
	if texts == r.texts && look == r.look {
		return // shaping text is the costly part of a keystroke: skip it when nothing changed
	}
	for i, l := range []*widget.Label{r.name, r.kana, r.mark, r.company, r.themes} {
		// A row out of sight when the text size changed (the list keeps
		// such rows for later) is drawn again in the new size.
		if texts[i] != r.texts[i] || look != r.look {
			l.SetText(texts[i])
		}
	}
	r.texts, r.look = texts, look
	// The name's and the mark's widths changed: lay their line out again.
	r.top.Layout.Layout(r.top.Objects, r.top.Size())
}

// rowLook is what of the theme a row's labels were drawn in: a row drawn
// in another look is drawn again, even with the same texts.
type rowLook struct {
	textSize float32
	variant  fyne.ThemeVariant
}

func currentRowLook(r *directoryRow) rowLook {
	return rowLook{r.Theme().Size(theme.SizeNameText), fyne.CurrentApp().Settings().ThemeVariant()}
}
