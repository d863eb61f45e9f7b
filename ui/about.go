package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// AboutInfo is what the About dialog shows.
type AboutInfo struct {
	Version  string // from FyneApp.toml; "" in a development build
	Build    int
	Licences []Licence
}

// Licence is one component and its licence; Text is its full text, if
// the app carries it.
type Licence struct {
	Component, Name, Text string
}

// aboutVersion is the version line: "バージョン 0.1.0（ビルド 1）".
func aboutVersion(info AboutInfo) string {
	if info.Version == "" {
		return lang.X("about.version.dev", "Development build")
	}
	return lang.X("about.version", "Version {{.Version}} (build {{.Build}})",
		map[string]any{"Version": info.Version, "Build": info.Build})
}

// aboutContent is the About dialog's content: name, version, and the
// licences, each of which opens to its text.
func aboutContent(info AboutInfo) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(lang.X("app.title", "CrossTalk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	tagline := widgets.NewParagraph(lang.X("app.tagline", "Talk one to one about your career with someone from another company."))
	acc := widget.NewAccordion()
	for _, l := range info.Licences {
		var body fyne.CanvasObject
		if l.Text != "" {
			text := widget.NewLabel(l.Text)
			text.Wrapping = fyne.TextWrapWord
			text.Selectable = true
			scroll := container.NewVScroll(text)
			scroll.SetMinSize(fyne.NewSize(0, 220))
			body = scroll
		} else {
			body = widget.NewLabel(l.Name)
		}
		acc.Append(widget.NewAccordionItem(l.Component+" — "+l.Name, body))
	}
	intro := widgets.NewParagraph(lang.X("about.licences.intro", "This app uses the following fonts and software. Choose one to read its licence."))
	return container.NewBorder(
		container.NewVBox(name, widget.NewLabel(aboutVersion(info)), tagline, widget.NewSeparator(),
			widget.NewLabelWithStyle(lang.X("about.licences", "Licences"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), intro),
		nil, nil, nil, container.NewVScroll(acc))
}

// ShowAbout shows the About dialog over win.
func ShowAbout(info AboutInfo, win fyne.Window) dialog.Dialog {
	d := dialog.NewCustom(lang.X("about.title", "About CrossTalk"), lang.X("about.close", "Close"), aboutContent(info), win)
	widgets.ResizeDialog(d, win, fyne.NewSize(640, 600))
	d.Show()
	return d
}
