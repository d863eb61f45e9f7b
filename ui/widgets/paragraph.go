package widgets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Paragraph shows text wrapped to its width the way Japanese is set:
// lines break between any two Japanese characters, between words
// elsewhere, and never put closing punctuation such as 。、）at the start
// of a line nor opening punctuation such as （「 at its end (kinsoku).
// Fyne's own wrapping knows only spaces or any character, which starts
// lines with 。 and breaks names at their space.
type Paragraph struct {
	widget.BaseWidget
	// Text is the text shown, before it is broken into lines.
	Text string
	// Label shows the broken lines; style the paragraph through it.
	Label *widget.Label
	width float32 // the width the lines were broken for
}

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
	return widget.NewSimpleRenderer(p.Label)
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
	return fyne.NewSize(w+2*pad, p.Label.MinSize().Height)
}

// Resize breaks the lines again when the width changes.
func (p *Paragraph) Resize(s fyne.Size) {
	if s.Width != p.width {
		p.width = s.Width
		p.rewrap()
	}
	p.BaseWidget.Resize(s)
}

func (p *Paragraph) metrics() (size, pad float32, measure func(string) float32) {
	th := p.Label.Theme()
	name := p.Label.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	size, pad = th.Size(name), th.Size(theme.SizeNameInnerPadding)
	style := p.Label.TextStyle
	return size, pad, func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
}

func (p *Paragraph) rewrap() {
	text := p.Text
	if p.width > 0 {
		_, pad, measure := p.metrics()
		text = strings.Join(breakLines(p.Text, p.width-2*pad-1, measure), "\n")
	}
	if text != p.Label.Text {
		p.Label.Text = text
		p.Label.Refresh()
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
				n, nw := 1, width(string(r[0]))
				for n < len(r) && nw+width(string(r[n])) <= max {
					nw += width(string(r[n]))
					n++
				}
				out = append(out, string(r[:n]))
				line, lineW = string(r[n:]), lineW-nw
			}
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
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
	noLineStart = "、。，．・：；？！ー」』）】〕］｝〉》〙〗〟’”ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜…‥),.:;!?]}"
	noLineEnd   = "「『（【〔［｛〈《〘〖〝‘“([{"
)

// IsWide reports whether r is a Japanese character, which a line may
// break before or after.
func IsWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK symbols and punctuation
		(r >= 0xff00 && r <= 0xffef) // full-width forms
}
