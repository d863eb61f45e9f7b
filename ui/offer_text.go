package ui

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// An offer's state is told in words, from the user's side: whose turn it
// is, who accepted, declined or withdrew it, why it ended, and the stock
// reasons that save face when declining.

// shownState is the state offer o is shown in at now. An offer still
// pending in the local file but past its expiry is shown as expired: only
// the server makes that final, but nobody can answer it any more.
func shownState(o app.Offer, now time.Time) app.OfferState {
	if o.State == app.OfferPending && !now.Before(o.ExpiresAt) {
		return app.OfferExpired
	}
	return o.State
}

// isPending reports whether o can still be answered at now.
func isPending(o app.Offer, now time.Time) bool { return shownState(o, now) == app.OfferPending }

// acceptedBy is who accepted o: the side whose turn it was. The turn
// starts with the recipient and passes with every counter-proposal.
func acceptedBy(o app.Offer) string {
	if o.Rounds%2 == 0 {
		return o.ToID
	}
	return o.FromID
}

// personText names the person on the other side of an offer: 山田 太郎さん
// （株式会社さくら商事）.
func personText(name, company string) string {
	return lang.X("offer.person", "{{.Name}} ({{.Company}})", map[string]any{"Name": name, "Company": company})
}

// directionText says who sent the offer.
func directionText(it app.InboxItem, me string) string {
	if it.FromID == me {
		return lang.X("offer.sent_by_me", "You sent this offer.")
	}
	return lang.X("offer.sent_to_me", "{{.Name}} sent you this offer.", map[string]any{"Name": it.OtherName})
}

// chosenSlot is the slot of o that was accepted, or false.
func chosenSlot(o app.Offer) (app.Slot, bool) {
	if o.ChosenStart == nil {
		return app.Slot{}, false
	}
	for _, s := range o.Slots {
		if s.Start.Equal(*o.ChosenStart) {
			return s, true
		}
	}
	return app.Slot{}, false
}

// stateText says where offer o stands for me at now, and how strongly it
// asks for attention: a pending offer waiting for me is a warning, an
// accepted one a success.
func stateText(o app.Offer, me string, now time.Time) (string, widget.Importance) {
	switch shownState(o, now) {
	case app.OfferPending:
		switch {
		case o.Turn != me:
			return lang.X("offer.state.their_turn", "Waiting for the other person's answer."), widget.MediumImportance
		case o.Rounds > 0:
			return lang.X("offer.state.countered", "The other person proposed other times. Please answer."), widget.WarningImportance
		default:
			return lang.X("offer.state.my_turn", "Please answer this offer."), widget.WarningImportance
		}
	case app.OfferAccepted:
		when := ""
		if s, ok := chosenSlot(o); ok {
			when = FormatSlot(s)
		} else if o.ChosenStart != nil {
			when = FormatDateTime(*o.ChosenStart)
		}
		data := map[string]any{"Slot": when}
		if acceptedBy(o) == me {
			return lang.X("offer.state.accepted_by_me", "You accepted. The talk is on {{.Slot}}.", data), widget.SuccessImportance
		}
		return lang.X("offer.state.accepted_by_them", "The other person accepted. The talk is on {{.Slot}}.", data), widget.SuccessImportance
	case app.OfferDeclined:
		if o.ToID == me {
			return lang.X("offer.state.declined_by_me", "You declined this offer."), widget.MediumImportance
		}
		return lang.X("offer.state.declined_by_them", "The other person declined this offer."), widget.MediumImportance
	case app.OfferWithdrawn:
		if o.FromID == me {
			return lang.X("offer.state.withdrawn_by_me", "You withdrew this offer."), widget.MediumImportance
		}
		return lang.X("offer.state.withdrawn_by_them", "The other person withdrew this offer."), widget.MediumImportance
	case app.OfferExpired:
		return lang.X("offer.state.expired", "There was no answer by the deadline."), widget.MediumImportance
	}
	return string(o.State), widget.MediumImportance
}

// deadlineText says until when offer o, pending at now, can be answered:
// as a request when the answer is mine, as a fact when it is not.
func deadlineText(o app.Offer, me string) string {
	data := map[string]any{"Date": FormatDateTime(o.ExpiresAt)}
	if o.Turn == me {
		return lang.X("offer.deadline.mine", "Please answer by {{.Date}}.", data)
	}
	return lang.X("offer.deadline.theirs", "The answer is due by {{.Date}}.", data)
}

// endedText explains why a finished offer ended, beyond its state line:
// the reason and note of a decline, or the deadline that passed. It is ""
// when there is nothing to add.
func endedText(o app.Offer, now time.Time) string {
	switch shownState(o, now) {
	case app.OfferDeclined:
		text := lang.X("offer.reason_line", "Reason: {{.Reason}}", map[string]any{"Reason": declineReasonText(o.Reason)})
		if o.Note != "" {
			text += "\n" + lang.X("offer.note_line", "Note: {{.Note}}", map[string]any{"Note": o.Note})
		}
		return text
	case app.OfferExpired:
		return lang.X("offer.expired_on", "The deadline was {{.Date}}.", map[string]any{"Date": FormatDateTime(o.ExpiresAt)})
	}
	return ""
}

// declineReasonText is why an offer was declined, as the sender reads it.
func declineReasonText(reason string) string {
	switch reason {
	case "schedule":
		return lang.X("offer.reason.schedule", "The dates did not suit.")
	case "workload":
		return lang.X("offer.reason.workload", "Work is very busy at the moment.")
	case "theme":
		return lang.X("offer.reason.theme", "The themes did not match.")
	case "other":
		return lang.X("offer.reason.other", "Another reason.")
	}
	return lang.X("offer.reason.none", "No reason was given.")
}

// declineChoiceText is a stock reason as the recipient chooses it.
func declineChoiceText(reason string) string {
	switch reason {
	case "schedule":
		return lang.X("decline.choice.schedule", "The dates do not suit me")
	case "workload":
		return lang.X("decline.choice.workload", "Work is very busy at the moment")
	case "theme":
		return lang.X("decline.choice.theme", "The themes do not match")
	case "other":
		return lang.X("decline.choice.other", "Other")
	}
	return reason
}

// paragraph shows text wrapped to its width the way Japanese is set:
// lines break between any two Japanese characters, between words
// elsewhere, and never put closing punctuation such as 。、）at the start
// of a line nor opening punctuation such as （「 at its end (kinsoku).
// Fyne's own wrapping knows only spaces or any character, which starts
// lines with 。 and breaks names at their space.
type paragraph struct {
	widget.BaseWidget
	// Text is the text shown, before it is broken into lines.
	Text  string
	label *widget.Label // shows the broken lines; style it through here
	width float32       // the width the lines were broken for
}

func newParagraph(text string) *paragraph {
	p := &paragraph{Text: text, label: widget.NewLabel(text)}
	p.ExtendBaseWidget(p)
	return p
}

// SetText shows text.
func (p *paragraph) SetText(text string) {
	p.Text = text
	p.Refresh()
}

// Refresh breaks the lines again, for a new text, style or theme.
func (p *paragraph) Refresh() {
	p.rewrap()
	p.BaseWidget.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (p *paragraph) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.label)
}

// MinSize is a few characters wide, and as tall as the lines at the
// current width.
func (p *paragraph) MinSize() fyne.Size {
	p.ExtendBaseWidget(p)
	size, pad, _ := p.metrics()
	return fyne.NewSize(4*size+2*pad, p.label.MinSize().Height)
}

// Resize breaks the lines again when the width changes.
func (p *paragraph) Resize(s fyne.Size) {
	if s.Width != p.width {
		p.width = s.Width
		p.rewrap()
	}
	p.BaseWidget.Resize(s)
}

func (p *paragraph) metrics() (size, pad float32, measure func(string) float32) {
	th := p.label.Theme()
	name := p.label.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	size, pad = th.Size(name), th.Size(theme.SizeNameInnerPadding)
	style := p.label.TextStyle
	return size, pad, func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
}

func (p *paragraph) rewrap() {
	text := p.Text
	if p.width > 0 {
		_, pad, measure := p.metrics()
		text = strings.Join(breakLines(p.Text, p.width-2*pad-1, measure), "\n")
	}
	if text != p.label.Text {
		p.label.Text = text
		p.label.Refresh()
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
		case isWide(r):
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

// isWide reports whether r is a Japanese character, which a line may
// break before or after.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK symbols and punctuation
		(r >= 0xff00 && r <= 0xffef) // full-width forms
}
