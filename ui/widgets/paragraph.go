package widgets

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Paragraph shows text wrapped to its width the way Japanese is set:
// lines break between any two Japanese characters, between words
// elsewhere, and never put closing punctuation, small kana or the long
// vowel mark such as 。、）ょー at the start of a line nor opening
// punctuation such as （「 at its end (kinsoku); the character before such
// a mark moves down with it (oidashi). Fyne's own wrapping knows only
// spaces or any character, which starts lines with 。 and breaks names at
// their space.
//
// Lines are LinePitch apart, one and a half times the text size, where a
// Fyne label sets Japanese lines with no space between them.
type Paragraph struct {
	widget.BaseWidget
	// Text is the text shown, before it is broken into lines.
	Text string
	// Label holds the style of the text (TextStyle, SizeName, Importance,
	// Alignment) and, in Text, the lines as broken for the current
	// width. It is not drawn itself: the paragraph draws the lines.
	Label *widget.Label
	width float32 // the width the lines were broken for
}

// LinePitch is the distance from one line of a paragraph to the next, as
// a multiple of the text size.
const LinePitch = 1.5

// NewParagraph shows text.
func NewParagraph(text string) *Paragraph {
	p := &Paragraph{Text: text, Label: widget.NewLabel(text)}
	p.ExtendBaseWidget(p)
	return p
}

// SetText shows text.
func (p *Paragraph) SetText(text string) {
	p.Text = text
	p.Refresh()
}

// Refresh breaks the lines again, for a new text, style or theme.
func (p *Paragraph) Refresh() {
	p.rewrap()
	p.BaseWidget.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (p *Paragraph) CreateRenderer() fyne.WidgetRenderer {
	p.ExtendBaseWidget(p)
	r := &paragraphRenderer{p: p}
	r.Refresh()
	return r
}

// MinSize is a few characters wide (less for a shorter one-line text),
// and as tall as the lines at the current width.
func (p *Paragraph) MinSize() fyne.Size {
	p.ExtendBaseWidget(p)
	size, pad, measure := p.metrics()
	w := 4 * size
	if utf8.RuneCountInString(p.Text) < 4 && !strings.Contains(p.Text, "\n") {
		w = min(w, measure(p.Text)+1) // rewrap keeps a pixel to spare
	}
	lines := strings.Count(p.Label.Text, "\n") + 1
	return fyne.NewSize(w+2*pad, 2*pad+p.lineHeight()+float32(lines-1)*p.pitch())
}

// Resize breaks the lines again when the width changes, and draws them
// anew: laying the old texts out again would show the lines as they were
// broken for the old width.
func (p *Paragraph) Resize(s fyne.Size) {
	if s.Width == p.width {
		p.BaseWidget.Resize(s)
		return
	}
	p.width = s.Width
	p.BaseWidget.Resize(s)
	p.Refresh()
}

func (p *Paragraph) sizeName() fyne.ThemeSizeName {
	if p.Label.SizeName == "" {
		return theme.SizeNameText
	}
	return p.Label.SizeName
}

func (p *Paragraph) metrics() (size, pad float32, measure func(string) float32) {
	th := p.Theme()
	size, pad = th.Size(p.sizeName()), th.Size(theme.SizeNameInnerPadding)
	style := p.Label.TextStyle
	return size, pad, func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
}

// lineHeight is the height of one line of text.
func (p *Paragraph) lineHeight() float32 {
	size, _, _ := p.metrics()
	return fyne.MeasureText("あ", size, p.Label.TextStyle).Height
}

// pitch is the distance from the top of one line to the next's.
func (p *Paragraph) pitch() float32 {
	size, _, _ := p.metrics()
	return max(p.lineHeight(), float32(math.Round(float64(size*LinePitch))))
}

func (p *Paragraph) rewrap() {
	text := p.Text
	if p.width > 0 {
		_, pad, measure := p.metrics()
		text = strings.Join(breakLines(p.Text, p.width-2*pad-1, measure), "\n")
	}
	p.Label.Text = text
}

// colorName is the theme colour of text of importance i, as a label
// colours it.
func colorName(i widget.Importance) fyne.ThemeColorName {
	switch i {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	default:
		return theme.ColorNameForeground
	}
}

// paragraphRenderer draws a paragraph's lines, one text each.
type paragraphRenderer struct {
	p     *Paragraph
	lines []*canvas.Text
	objs  []fyne.CanvasObject
}

func (r *paragraphRenderer) Destroy() {}

func (r *paragraphRenderer) MinSize() fyne.Size { return r.p.MinSize() }

func (r *paragraphRenderer) Objects() []fyne.CanvasObject { return r.objs }

// Refresh makes one text for each line, styled as the paragraph's label.
func (r *paragraphRenderer) Refresh() {
	p := r.p
	th := p.Theme()
	size, _, _ := p.metrics()
	c := th.Color(colorName(p.Label.Importance), fyne.CurrentApp().Settings().ThemeVariant())
	lines := strings.Split(p.Label.Text, "\n")
	if p.Label.Text == "" {
		lines = nil
	}
	for len(r.lines) < len(lines) {
		r.lines = append(r.lines, canvas.NewText("", c))
	}
	r.lines = r.lines[:len(lines)]
	r.objs = r.objs[:0]
	for i, l := range lines {
		t := r.lines[i]
		t.Text, t.Color, t.TextSize, t.TextStyle = l, c, size, p.Label.TextStyle
		r.objs = append(r.objs, t)
	}
	r.Layout(p.Size())
	for _, t := range r.lines {
		t.Refresh()
	}
}

// Layout places the lines LinePitch apart, inside the inner padding, as
// the label aligns them.
func (r *paragraphRenderer) Layout(s fyne.Size) {
	p := r.p
	_, pad, measure := p.metrics()
	h, pitch := p.lineHeight(), p.pitch()
	inner := s.Width - 2*pad
	for i, t := range r.lines {
		x := pad
		switch p.Label.Alignment {
		case fyne.TextAlignCenter:
			x += (inner - measure(t.Text)) / 2
		case fyne.TextAlignTrailing:
			x += inner - measure(t.Text)
		}
		t.Move(fyne.NewPos(x, pad+float32(i)*pitch))
		t.Resize(fyne.NewSize(measure(t.Text), h))
	}
}

// breakLines breaks text into lines no wider than max as measure
// measures them; a word wider than max is broken between characters. A
// line's width is taken as the sum of its pieces' widths, so that each
// distinct piece is measured once.
func breakLines(text string, max float32, measure func(string) float32) []string {
	widths := map[string]float32{}
	width := func(s string) float32 {
		w, ok := widths[s]
		if !ok {
			w = measure(s)
			widths[s] = w
		}
		return w
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, lineW := "", float32(0)
		for _, tok := range lineTokens(para) {
			if line == "" && tok == " " {
				continue
			}
			w := width(tok)
			if line != "" && lineW+w > max {
				out = append(out, strings.TrimRight(line, " "))
				line, lineW = "", 0
				if tok == " " {
					continue
				}
			}
			line, lineW = line+tok, lineW+w
			// A single word wider than the line is cut between
			// characters.
			for lineW > max && utf8.RuneCountInString(line) > 1 {
				r := []rune(line)
				n := 1
				for n < len(r) && sumWidth(r[:n+1], width) <= max {
					n++
				}
				n = kinsokuCut(r, n)
				if n == len(r) {
					break // nothing may start a line here: it overhangs
				}
				out = append(out, string(r[:n]))
				line, lineW = string(r[n:]), sumWidth(r[n:], width)
			}
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}

// sumWidth is the width of the characters rs, each measured alone.
func sumWidth(rs []rune, width func(string) float32) float32 {
	w := float32(0)
	for _, r := range rs {
		w += width(string(r))
	}
	return w
}

// kinsokuCut moves a cut of rs before index n so that the next line does
// not start with a character that may not start one, nor the line end
// with one that may not end it: back, taking the character before the
// mark down with it (oidashi), or, when the line would be left empty,
// forward, letting the marks overhang (burasage).
func kinsokuCut(rs []rune, n int) int {
	bad := func(n int) bool {
		return n < len(rs) && (strings.ContainsRune(noLineStart, rs[n]) ||
			strings.ContainsRune(noLineEnd, rs[n-1]))
	}
	for m := n; m > 0; m-- {
		if !bad(m) {
			return m
		}
	}
	for n < len(rs) && bad(n) {
		n++
	}
	return n
}

// lineTokens splits one line of text into the pieces a line may break
// between: single Japanese characters, words, and spaces. Closing
// punctuation is glued to the piece before it and opening punctuation to
// the piece after it.
func lineTokens(text string) []string {
	var toks []string
	word := ""
	flush := func() {
		if word != "" {
			toks = append(toks, word)
			word = ""
		}
	}
	for _, r := range text {
		switch {
		case r == ' ' || r == '\t':
			flush()
			toks = append(toks, " ")
		case IsWide(r):
			flush()
			toks = append(toks, string(r))
		default:
			word += string(r)
		}
	}
	flush()
	var out []string
	glueNext := false
	for _, t := range toks {
		first, _ := utf8.DecodeRuneInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		switch {
		case glueNext && len(out) > 0:
			out[len(out)-1] += t
		case strings.ContainsRune(noLineStart, first) && len(out) > 0 && out[len(out)-1] != " ":
			out[len(out)-1] += t
		default:
			out = append(out, t)
		}
		glueNext = t != " " && strings.ContainsRune(noLineEnd, last)
	}
	return out
}

// Kinsoku: characters that may not start a line, and that may not end
// one.
const (
	noLineStart = "、。，．・：；？！‼⁇⁈⁉ー」』）】〕］｝〉》〙〗〟’”ゝゞヽヾ〻" +
		"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〜～…‥" +
		"｡､｣･ｰｧｨｩｪｫｯｬｭｮ),.:;!?]}"
	noLineEnd = "「『（【〔［｛〈《〘〖〝‘“｢([{"
)

// IsWide reports whether r is a Japanese character, which a line may
// break before or after.
func IsWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK symbols and punctuation
		(r >= 0xff00 && r <= 0xffef) // full-width forms
}
