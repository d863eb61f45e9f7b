// Package theme is CrossTalk's Fyne theme: Fyne's default look, with the
// bundled BIZ UD Gothic for Japanese (so that it looks the same on every
// machine) and a text size setting for people who prefer large text. In a
// Japanese UI all text is BIZ UD Gothic, so that a line never mixes two
// fonts; in an English UI Latin text is Fyne's own Latin face.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"crosstalk/assets"
)

// Size is the user's text size setting.
type Size int

// Text sizes. Normal is Fyne's default size; the others scale text, the
// icons that sit in a line of text, line spacing and paddings together so
// that layouts keep their proportions.
const (
	Normal Size = iota
	Large
	ExtraLarge
)

// Sizes lists every Size, smallest first, for a settings choice.
var Sizes = []Size{Normal, Large, ExtraLarge}

// Scale is the factor Size applies to Fyne's default sizes: 1, 1.25 or 1.5.
// An unknown Size scales like Normal.
func (s Size) Scale() float32 {
	switch s {
	case Large:
		return 1.25
	case ExtraLarge:
		return 1.5
	default:
		return 1
	}
}

// String returns the stable name of s ("normal", "large", "extra_large"),
// suitable for storing in preferences.
func (s Size) String() string {
	switch s {
	case Normal:
		return "normal"
	case Large:
		return "large"
	case ExtraLarge:
		return "extra_large"
	default:
		return "normal"
	}
}

// TranslationKey returns the key of s's label in the assets translations,
// e.g. "settings.text_size.large".
func (s Size) TranslationKey() string { return "settings.text_size." + s.String() }

// ParseSize is the inverse of String. An unknown name gives Normal and false.
func ParseSize(name string) (Size, bool) {
	for _, s := range Sizes {
		if s.String() == name {
			return s, true
		}
	}
	return Normal, false
}

// scaled lists the sizes that grow with the text size setting: the text
// sizes themselves, the icons shown inline with text, the spacing between
// lines and the paddings around and inside widgets. Borders, radii, scroll
// bars and window decorations keep their default size.
var scaled = map[fyne.ThemeSizeName]bool{
	fynetheme.SizeNameText:           true,
	fynetheme.SizeNameHeadingText:    true,
	fynetheme.SizeNameSubHeadingText: true,
	fynetheme.SizeNameCaptionText:    true,
	fynetheme.SizeNameInlineIcon:     true,
	fynetheme.SizeNameLineSpacing:    true,
	fynetheme.SizeNamePadding:        true,
	fynetheme.SizeNameInnerPadding:   true,
}

// Theme is CrossTalk's fyne.Theme. Make one with New or NewFor.
type Theme struct {
	base  fyne.Theme
	size  Size
	latin bool // Latin text in Fyne's Latin face
}

var _ fyne.Theme = (*Theme)(nil)

// New returns the CrossTalk theme for a Japanese UI with the given text
// size. It follows the system's light or dark variant like Fyne's default
// theme.
func New(size Size) fyne.Theme { return NewFor(size, "ja") }

// NewFor returns the CrossTalk theme for a UI in language (a code such as
// "ja" or "en"). In a UI in another language than Japanese, Latin
// letters, digits and Western punctuation are set in Fyne's Latin face,
// which suits them better, and Japanese, such as a name, in BIZ UD
// Gothic.
func NewFor(size Size, language string) fyne.Theme {
	return &Theme{base: fynetheme.DefaultTheme(), size: size, latin: language != "ja"}
}

// TextSize returns the theme's text size setting.
func (t *Theme) TextSize() Size { return t.size }

// Latin reports whether Latin text is set in Fyne's Latin face (a UI not
// in Japanese).
func (t *Theme) Latin() bool { return t.latin }

// Color returns the default theme's colour.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}

// Font returns BIZ UD Gothic (bold for bold text) for all text, or in a
// UI not in Japanese, BIZ UD Gothic without its Latin characters, which
// Fyne then takes from the next face it tries, its own Latin one.
// Monospace and symbol text keep Fyne's default fonts. BIZ UD Gothic has
// no italic, and Japanese text is not set in italics, so italic text is
// upright.
//
// Fyne v2.8.1 parses the font again for each text style (regular, bold,
// italic...) it meets, whatever resource the theme returns: the app keeps
// to regular and bold, and the fonts have CFF outlines, which go-text
// reads glyph by glyph as it draws them (under 1 MB a parse, where the
// TrueType original took 8 MB: go-text reads all its glyphs up front).
func (t *Theme) Font(style fyne.TextStyle) fyne.Resource {
	switch {
	case style.Monospace, style.Symbol:
		return t.base.Font(style)
	case style.Bold && t.latin:
		return assets.FontJapaneseBold
	case style.Bold:
		return assets.FontBold
	case t.latin:
		return assets.FontJapaneseRegular
	default:
		return assets.FontRegular
	}
}

// Icon returns the default theme's icon.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return t.base.Icon(n)
}

// Size returns the default theme's size, scaled by the text size setting
// for text, inline icons, line spacing and paddings.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	s := t.base.Size(n)
	if scaled[n] {
		s *= t.size.Scale()
	}
	return s
}
