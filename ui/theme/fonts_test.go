package theme_test

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"crosstalk/assets"
	"crosstalk/ui/theme"
)

// nameChars are characters of Japanese family and given names that a
// subset font could lose: JIS X 0213 kanji (髙, 﨑, 塚, 德, 濵, 邉, 𡈽,
// 𩸽), 𠮷 (not in BIZ UD Gothic: added from Noto Sans CJK JP), circled
// numbers, small and long-vowel kana, and the punctuation of a name line.
const nameChars = "髙﨑𠮷①②⑳塚德濵邊邉齋齊斎國彌瀨曻昻琇隆祐禎𡈽𩸽剝叱増寬" +
	"あいうえおぁぃぅぇぉっゃゅょゎアイウエオァィゥェォッャュョヴヵヶー々〆" +
	"、。「」『』（）・〜！？　：％＆０１２３ＡＢＣａｂｃ※〒"

func parse(t *testing.T, r fyne.Resource) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(r.Content()))
	if err != nil {
		t.Fatalf("%s: %v", r.Name(), err)
	}
	return f
}

// Every bundled font, the full and the Japanese-only, has a glyph for each
// character that names need, and the full ones for Latin too; the
// Japanese-only ones leave Latin to Fyne's face.
func TestFontsHaveNameGlyphs(t *testing.T) {
	for _, tc := range []struct {
		res   fyne.Resource
		latin bool
	}{
		{assets.FontRegular, true},
		{assets.FontBold, true},
		{assets.FontJapaneseRegular, false},
		{assets.FontJapaneseBold, false},
	} {
		f := parse(t, tc.res)
		for _, r := range nameChars {
			if _, ok := f.NominalGlyph(r); !ok {
				t.Errorf("%s has no glyph for %c (U+%04X)", tc.res.Name(), r, r)
			}
		}
		// 﨑's variation sequence (IVS) for the form in family registers.
		if _, ok := f.VariationGlyph('﨑', 0xE0101); !ok {
			t.Errorf("%s lost the variation sequence 﨑+U+E0101", tc.res.Name())
		}
		// go-text never changes the face for a space, taking every font
		// to have one: a font without it draws the space between a family
		// and a given name as a missing glyph.
		for _, r := range " \u00a0\u3000" {
			if _, ok := f.NominalGlyph(r); !ok {
				t.Errorf("%s has no glyph for the space U+%04X", tc.res.Name(), r)
			}
		}
		for _, r := range "Aaz09.,'-" {
			if _, ok := f.NominalGlyph(r); ok != tc.latin {
				t.Errorf("%s: glyph for %q is %v, want %v", tc.res.Name(), r, ok, tc.latin)
			}
		}
	}
}

// Fyne draws every name character with the theme's font, in a Japanese
// and an English UI alike: each is as wide as a kanji of BIZ UD Gothic
// (one em), where another font's glyph or a missing one would not be. In
// English, Latin comes from Fyne's Latin face: as wide as in Fyne's own
// theme, where the Japanese UI's is not.
func TestNamesRenderInBundledFont(t *testing.T) {
	const size = 20
	for _, code := range []string{"ja", "en"} {
		t.Run(code, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Settings().SetTheme(theme.NewFor(theme.Normal, code))
			for _, r := range "髙﨑𠮷①塚𡈽あョー" {
				if w := fyne.MeasureText(string(r), size, fyne.TextStyle{}).Width; w != size {
					t.Errorf("%c is %v wide, want %v (one em of BIZ UD Gothic)", r, w, float32(size))
				}
				if w := fyne.MeasureText(string(r), size, fyne.TextStyle{Bold: true}).Width; w != size {
					t.Errorf("bold %c is %v wide, want %v", r, w, float32(size))
				}
			}
		})
	}
	width := func(th fyne.Theme) float32 {
		test.NewTempApp(t).Settings().SetTheme(th)
		return fyne.MeasureText("Hello, world", size, fyne.TextStyle{}).Width
	}
	fyneLatin := width(fynetheme.DefaultTheme())
	if en := width(theme.NewFor(theme.Normal, "en")); en != fyneLatin {
		t.Errorf("English Latin text is %v wide, in Fyne's face %v", en, fyneLatin)
	}
	if ja := width(theme.NewFor(theme.Normal, "ja")); ja == fyneLatin {
		t.Errorf("Japanese UI's Latin text is %v wide, as in Fyne's face: not BIZ UD Gothic", ja)
	}
}

// In English, a line of text is as tall as in Fyne's own theme, so that
// the descenders of Latin letters (g, p, y) are not cut off: Fyne sizes a
// line by the face of its space, which is the Japanese-only font's.
func TestEnglishLineFitsLatin(t *testing.T) {
	const size = 20
	height := func(th fyne.Theme, s string) float32 {
		test.NewTempApp(t).Settings().SetTheme(th)
		return fyne.MeasureText(s, size, fyne.TextStyle{}).Height
	}
	for _, s := range []string{"Changes to your talks", "石井 京子 (ソラリンク株式会社)", "gypsy"} {
		if en, def := height(theme.NewFor(theme.Normal, "en"), s), height(fynetheme.DefaultTheme(), "Changes"); en < def {
			t.Errorf("%q is %v tall in English, a line of Fyne's Latin face %v", s, en, def)
		}
	}
}
