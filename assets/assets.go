// Package assets holds the files bundled into the CrossTalk binary: the app
// icon, the Japanese font (BIZ UD Gothic, SIL Open Font License 1.1, see
// fonts/OFL.txt, subset by internal/fontmake) and the translations for fyne.io/fyne/v2/lang.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

//go:generate go run ./internal/iconmake/main.go -o icon.png

var (
	//go:embed icon.png
	iconPNG []byte

	//go:embed fonts/BIZUDGothic-Regular.otf
	fontRegular []byte

	//go:embed fonts/BIZUDGothic-Bold.otf
	fontBold []byte

	//go:embed fonts/BIZUDGothicJ-Regular.otf
	fontJapaneseRegular []byte

	//go:embed fonts/BIZUDGothicJ-Bold.otf
	fontJapaneseBold []byte

	//go:embed fonts/OFL.txt
	fontLicence []byte

	//go:embed translations/*.json
	translationsFS embed.FS
)

var (
	// Icon is the 512x512 app icon: two speech bubbles on a blue rounded square.
	Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

	// FontRegular is BIZ UD Gothic Regular, used for all regular text.
	FontRegular fyne.Resource = fyne.NewStaticResource("BIZUDGothic-Regular.otf", fontRegular)

	// FontBold is BIZ UD Gothic Bold, used for bold text.
	FontBold fyne.Resource = fyne.NewStaticResource("BIZUDGothic-Bold.otf", fontBold)

	// FontJapaneseRegular is BIZ UD Gothic Regular without Latin letters,
	// digits and Western punctuation, for an English UI: the theme leaves
	// those to Fyne's Latin face, which Fyne tries next for a character
	// the theme's font lacks.
	FontJapaneseRegular fyne.Resource = fyne.NewStaticResource("BIZUDGothicJ-Regular.otf", fontJapaneseRegular)

	// FontJapaneseBold is FontJapaneseRegular's bold.
	FontJapaneseBold fyne.Resource = fyne.NewStaticResource("BIZUDGothicJ-Bold.otf", fontJapaneseBold)

	// FontLicence is the SIL Open Font License 1.1 text with the copyright
	// notice of BIZ UD Gothic, for an "about" or licences screen.
	FontLicence fyne.Resource = fyne.NewStaticResource("OFL.txt", fontLicence)
)

// TranslationsDir is the directory inside TranslationsFS that holds one
// <language>.json file per language.
const TranslationsDir = "translations"

// TranslationsFS returns the embedded translation files (ja.json, en.json).
func TranslationsFS() embed.FS { return translationsFS }

// LoadTranslations registers the bundled Japanese and English translations
// with fyne.io/fyne/v2/lang. Call it once at start-up, before building any
// UI text.
func LoadTranslations() error {
	return lang.AddTranslationsFS(translationsFS, TranslationsDir)
}
