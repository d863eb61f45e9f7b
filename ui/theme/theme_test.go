package theme_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/assets"
	"crosstalk/ui/theme"
)

// welcome is a small window content with Japanese text in the styles the
// start window uses: a bold heading, body text and a button.
func welcome() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewLabelWithStyle("クロストークへようこそ", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel("他社の方と、1対1で話しましょう。"),
		widget.NewButton("デモを始める", func() {}),
	)
}

func TestRendersJapaneseWithBundledFont(t *testing.T) {
	for _, tc := range []struct {
		size   theme.Size
		master string
		window fyne.Size
	}{
		{theme.Normal, "welcome_normal.png", fyne.NewSize(320, 150)},
		{theme.Large, "welcome_large.png", fyne.NewSize(380, 180)},
		{theme.ExtraLarge, "welcome_extra_large.png", fyne.NewSize(440, 210)},
	} {
		t.Run(tc.size.String(), func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Settings().SetTheme(theme.New(tc.size))

			content := welcome()
			w := test.NewTempWindow(t, content)
			w.Resize(tc.window)

			if min := content.MinSize(); min.Width > tc.window.Width || min.Height > tc.window.Height {
				t.Fatalf("content needs %v, more than the %v window", min, tc.window)
			}
			test.AssertRendersToImage(t, tc.master, w.Canvas())
		})
	}
}

func TestFonts(t *testing.T) {
	th := theme.New(theme.Normal)
	for _, tc := range []struct {
		name  string
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{"regular", fyne.TextStyle{}, assets.FontRegular},
		{"bold", fyne.TextStyle{Bold: true}, assets.FontBold},
		{"italic", fyne.TextStyle{Italic: true}, assets.FontRegular},
		{"bold italic", fyne.TextStyle{Bold: true, Italic: true}, assets.FontBold},
		{"monospace", fyne.TextStyle{Monospace: true}, fynetheme.DefaultTheme().Font(fyne.TextStyle{Monospace: true})},
		{"symbol", fyne.TextStyle{Symbol: true}, fynetheme.DefaultTheme().Font(fyne.TextStyle{Symbol: true})},
	} {
		if got := th.Font(tc.style); got != tc.want {
			t.Errorf("%s: Font = %s, want %s", tc.name, got.Name(), tc.want.Name())
		}
	}
	en := theme.NewFor(theme.Normal, "en")
	if got := en.Font(fyne.TextStyle{}); got != assets.FontJapaneseRegular {
		t.Errorf("English regular: Font = %s", got.Name())
	}
	if got := en.Font(fyne.TextStyle{Bold: true}); got != assets.FontJapaneseBold {
		t.Errorf("English bold: Font = %s", got.Name())
	}
	if got := theme.NewFor(theme.Normal, "ja").Font(fyne.TextStyle{}); got != assets.FontRegular {
		t.Errorf("Japanese regular: Font = %s", got.Name())
	}
}

func TestTextSizesGrow(t *testing.T) {
	textSizes := []fyne.ThemeSizeName{
		fynetheme.SizeNameText,
		fynetheme.SizeNameHeadingText,
		fynetheme.SizeNameSubHeadingText,
		fynetheme.SizeNameCaptionText,
		fynetheme.SizeNameInlineIcon,
		fynetheme.SizeNamePadding,
		fynetheme.SizeNameInnerPadding,
	}
	normal, large, extra := theme.New(theme.Normal), theme.New(theme.Large), theme.New(theme.ExtraLarge)
	def := fynetheme.DefaultTheme()
	for _, n := range textSizes {
		if got, want := normal.Size(n), def.Size(n); got != want {
			t.Errorf("Normal %s = %v, want the default %v", n, got, want)
		}
		if !(large.Size(n) > normal.Size(n)) {
			t.Errorf("Large %s = %v, not larger than Normal %v", n, large.Size(n), normal.Size(n))
		}
		if !(extra.Size(n) > large.Size(n)) {
			t.Errorf("ExtraLarge %s = %v, not larger than Large %v", n, extra.Size(n), large.Size(n))
		}
	}
	if got, want := large.Size(fynetheme.SizeNameText), def.Size(fynetheme.SizeNameText)*1.25; got != want {
		t.Errorf("Large text = %v, want %v", got, want)
	}
	// Borders and radii are not text: they keep the default size.
	for _, n := range []fyne.ThemeSizeName{fynetheme.SizeNameInputBorder, fynetheme.SizeNameInputRadius, fynetheme.SizeNameSeparatorThickness} {
		if got, want := extra.Size(n), def.Size(n); got != want {
			t.Errorf("ExtraLarge %s = %v, want the default %v", n, got, want)
		}
	}
}

func TestLargeTextMakesWidgetsBigger(t *testing.T) {
	test.NewTempApp(t)
	var prev fyne.Size
	for _, s := range theme.Sizes {
		test.ApplyTheme(t, theme.New(s))
		label := widget.NewLabel("クロストークへようこそ")
		min := label.MinSize()
		if s != theme.Normal && !(min.Width > prev.Width && min.Height > prev.Height) {
			t.Errorf("%s label is %v, not larger than %v", s, min, prev)
		}
		prev = min
	}
}

func TestSizeNames(t *testing.T) {
	for _, s := range theme.Sizes {
		got, ok := theme.ParseSize(s.String())
		if !ok || got != s {
			t.Errorf("ParseSize(%q) = %v, %v; want %v, true", s.String(), got, ok, s)
		}
	}
	if got, ok := theme.ParseSize("huge"); ok || got != theme.Normal {
		t.Errorf("ParseSize(huge) = %v, %v; want Normal, false", got, ok)
	}
	if got := theme.ExtraLarge.TranslationKey(); got != "settings.text_size.extra_large" {
		t.Errorf("TranslationKey = %q", got)
	}
}
