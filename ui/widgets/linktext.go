package widgets

import (
	"net/url"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// A text someone else wrote may hold web addresses, such as a meeting's
// link. LinkText shows each http or https address in it as a link that
// opens the browser when tapped, and nothing else: an address of any
// other scheme (javascript:, file:, data:, …) is plain text, never a
// link, and so is an address without a host. The link shows the address
// itself, so that what it opens is what it says.

// LinkPart is one piece of a text: plain text, or a web link (URL set,
// Text being the address as written).
type LinkPart struct {
	Text string
	URL  *url.URL
}

// linkPattern finds what may be a web address: http:// or https:// and
// the characters an address is made of. Japanese text right after it is
// not part of it.
var linkPattern = regexp.MustCompile(`(?i)https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+`)

// SplitLinks cuts text into plain pieces and web links, in order. Only
// an http or https address with a host is a link.
func SplitLinks(text string) []LinkPart {
	var parts []LinkPart
	plain := func(s string) {
		if s == "" {
			return
		}
		if n := len(parts); n > 0 && parts[n-1].URL == nil {
			parts[n-1].Text += s
			return
		}
		parts = append(parts, LinkPart{Text: s})
	}
	at := 0
	for _, m := range linkPattern.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if start < at {
			continue
		}
		addr := trimLinkEnd(text[start:end])
		end = start + len(addr)
		u, ok := webURL(addr)
		if !ok {
			continue // stays in the plain text around it
		}
		plain(text[at:start])
		parts = append(parts, LinkPart{Text: addr, URL: u})
		at = end
	}
	plain(text[at:])
	return parts
}

// trimLinkEnd takes off the punctuation that ends a sentence after an
// address rather than the address: a full stop, a comma, quotes, and a
// closing bracket that opens nowhere in it.
func trimLinkEnd(s string) string {
	for s != "" {
		last := s[len(s)-1]
		switch {
		case strings.IndexByte(".,;:!?'\"", last) >= 0:
			s = s[:len(s)-1]
		case last == ')' && strings.Count(s, "(") < strings.Count(s, ")"),
			last == ']' && strings.Count(s, "[") < strings.Count(s, "]"):
			s = s[:len(s)-1]
		default:
			return s
		}
	}
	return s
}

// webURL parses s as an http or https address with a host.
func webURL(s string) (*url.URL, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return nil, false
	}
	return u, true
}

// LinkText shows a text as paragraphs set the Japanese way, each web
// link in it on a line of its own as a link that opens the browser.
type LinkText struct {
	widget.BaseWidget
	// Text is the text shown.
	Text string

	box   *fyne.Container
	links []*widget.Hyperlink
	paras []*Paragraph
}

// NewLinkText shows text.
func NewLinkText(text string) *LinkText {
	t := &LinkText{Text: text, box: container.NewVBox()}
	t.build()
	t.ExtendBaseWidget(t)
	return t
}

// build makes the paragraphs and links of the text.
func (t *LinkText) build() {
	t.links, t.paras = nil, nil
	var objs []fyne.CanvasObject
	parts := SplitLinks(t.Text)
	for i, p := range parts {
		if p.URL != nil {
			l := widget.NewHyperlink(p.Text, p.URL)
			l.Wrapping = fyne.TextWrapBreak
			t.links = append(t.links, l)
			objs = append(objs, l)
			continue
		}
		s := p.Text
		// A link stands on a line of its own: the line break beside it
		// would be an empty line.
		if i > 0 {
			s = strings.TrimPrefix(strings.TrimPrefix(s, "\r"), "\n")
		}
		if i < len(parts)-1 {
			s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		para := NewParagraph(s)
		t.paras = append(t.paras, para)
		objs = append(objs, para)
	}
	t.box.Objects = objs
}

// SetText shows text.
func (t *LinkText) SetText(text string) {
	t.Text = text
	t.build()
	t.box.Refresh()
	t.Refresh()
}

// Links are the text's web links, in order.
func (t *LinkText) Links() []*widget.Hyperlink { return t.links }

// Paragraphs are the text's plain pieces, in order.
func (t *LinkText) Paragraphs() []*Paragraph { return t.paras }

// CreateRenderer is part of fyne.Widget.
func (t *LinkText) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.box)
}
