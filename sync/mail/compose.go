package mail

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// The composer writes what the server's mails say: for each committed
// change or scheduled event (serverstore.MailEvent), the mails of the
// people it concerns, in their language (participants.mail_language),
// each a plain text part and a simple HTML part. It is the store's
// serverstore.Mailer.
//
// Whom a mail may go to: a person with an address that has not failed,
// whose mail_mode is not 'none'. A person of mail_mode 'digest' gets the
// events in their daily digest instead (reminders of a talk still come
// on their own: a reminder an hour before is no use the next morning).
// An offer's message goes only to that offer's recipient, in the mail of
// the new offer.

//go:embed templates/*.tmpl
var templates embed.FS

// ComposerConfig is what the composer needs to know.
type ComposerConfig struct {
	From      Sender // who the mails come from
	PublicURL string // where people open CrossTalk; "" for no link
}

// Composer composes the server's mails. Make it with NewComposer.
type Composer struct {
	cfg  ComposerConfig
	text *texttemplate.Template
	html *htmltemplate.Template
}

var (
	_ serverstore.Mailer       = (*Composer)(nil)
	_ serverstore.MailConcerns = (*Composer)(nil)
)

// NewComposer makes a Composer of cfg.
func NewComposer(cfg ComposerConfig) (*Composer, error) {
	funcs := texttemplate.FuncMap{"quote": quoteText}
	text, err := texttemplate.New("letter.txt.tmpl").Funcs(funcs).ParseFS(templates, "templates/letter.txt.tmpl")
	if err != nil {
		return nil, fmt.Errorf("mail templates: %w", err)
	}
	html, err := htmltemplate.New("letter.html.tmpl").ParseFS(templates, "templates/letter.html.tmpl")
	if err != nil {
		return nil, fmt.Errorf("mail templates: %w", err)
	}
	return &Composer{cfg: cfg, text: text, html: html}, nil
}

// Concerns reports whether an event of kind may cause a mail (see
// serverstore.MailConcerns): the store keeps no other.
func (c *Composer) Concerns(kind string) bool {
	switch kind {
	case app.MessageSend:
		return true
	case app.OfferSend, app.OfferAccept, app.OfferCounter, app.OfferDecline,
		app.TalkProposeTime, app.TalkReschedule, app.TalkAcceptTime, app.TalkDeclineTime, app.TalkCancel,
		serverstore.MailRemindDay, serverstore.MailRemindHour, serverstore.MailExpiring,
		serverstore.MailDigest, serverstore.MailWeekly, serverstore.KindEmailReplaced,
		serverstore.MailSurveyOpens, serverstore.MailSurveyReminder:
		return true
	}
	return false
}

// Mails returns the mails that ev causes (see serverstore.Mailer).
func (c *Composer) Mails(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]serverstore.OutgoingMail, error) {
	var ls []addressed
	var err error
	switch ev.Kind {
	case app.OfferSend, app.OfferAccept, app.OfferCounter, app.OfferDecline:
		ls, err = offerLetters(ctx, q, ev)
	case app.TalkProposeTime, app.TalkReschedule, app.TalkAcceptTime, app.TalkDeclineTime, app.TalkCancel:
		ls, err = talkLetters(ctx, q, ev)
	case app.MessageSend:
		ls, err = messageLetters(ctx, q, ev)
	case serverstore.MailRemindDay, serverstore.MailRemindHour:
		ls, err = reminderLetters(ctx, q, ev)
	case serverstore.MailExpiring:
		ls, err = expiringLetters(ctx, q, ev)
	case serverstore.MailDigest:
		ls, err = digestLetters(ctx, q, ev)
	case serverstore.MailWeekly:
		ls, err = weeklyLetters(ctx, q, ev)
	case serverstore.MailSurveyOpens, serverstore.MailSurveyReminder:
		ls, err = programmeLetters(ctx, q, ev)
	case serverstore.KindEmailReplaced:
		return c.replacedMails(ctx, q, ev) // to the old address, not the person's
	default:
		return nil, nil // nothing to tell
	}
	if err != nil {
		return nil, fmt.Errorf("compose %s: %w", ev.Kind, err)
	}
	var out []serverstore.OutgoingMail
	for _, a := range ls {
		m, err := c.deliver(ctx, q, ev, a)
		if err != nil {
			return nil, fmt.Errorf("compose %s: %w", ev.Kind, err)
		}
		if m != nil {
			out = append(out, *m)
		}
	}
	return out, nil
}

// addressed is a letter for one person: write makes it in their language.
type addressed struct {
	to    serverstore.MailPerson
	write func(lang string) letter
	// digest keeps the letter for the daily digest of a person who chose
	// it; reminders always come on their own.
	digest bool
	// key is the outbox's dedupe key; "" for none.
	key string
}

// letter is what a mail says, before it is written out as text and HTML.
type letter struct {
	Kind    string
	Subject string
	Blocks  []block
	Attach  []Attachment
	Open    string // the words by the link to CrossTalk; "" for the usual ones
}

// block is one part of a letter: an optional heading, paragraphs, a
// list, and a quoted text (an offer's message).
type block struct {
	Heading string
	Paras   []string
	List    []string
	Quote   string
	Pre     string // text kept as it is, line by line (a digest's entry)
}

// page is what the layout templates read.
type page struct {
	Lang, Subject, Greeting, Open, URL string
	Blocks                             []block
}

// deliver writes a for its person: nil when they get no mail (no
// address, a failing one, mail_mode none, or a digest row instead).
func (c *Composer) deliver(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent, a addressed) (*serverstore.OutgoingMail, error) {
	p := a.to
	if !p.Reachable() || p.MailMode == "none" {
		return nil, nil
	}
	address := p.Email
	lang := langOf(p)
	l := a.write(lang)
	if a.digest && p.MailMode == "digest" {
		text, err := c.renderText(page{Lang: lang, Blocks: l.Blocks}, "body")
		if err != nil {
			return nil, err
		}
		return nil, q.Digest(ctx, p.ID, l.Kind, digestData{Subject: l.Subject, Text: strings.TrimSpace(text)})
	}
	m, err := c.encode(p, address, lang, l, a.key, ev.At)
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// encode writes l in lang as a mail to p at address, dated at, with the
// outbox's dedupe key key ("" for none).
func (c *Composer) encode(p serverstore.MailPerson, address, lang string, l letter, key string, at time.Time) (serverstore.OutgoingMail, error) {
	pg := page{Lang: lang, Subject: l.Subject, Greeting: greeting(lang, p.Name), Blocks: l.Blocks,
		Open: l.Open, URL: c.cfg.PublicURL}
	if pg.Open == "" {
		pg.Open = pick(lang, [2]string{"CrossTalk のアプリを開いて、ご確認ください。", "Please open CrossTalk to see it."})
	}
	text, err := c.renderText(pg, "letter.txt.tmpl")
	if err != nil {
		return serverstore.OutgoingMail{}, err
	}
	var html bytes.Buffer
	if err := c.html.Execute(&html, pg); err != nil {
		return serverstore.OutgoingMail{}, fmt.Errorf("html of %s: %w", l.Kind, err)
	}
	return Encode(Message{
		To:      Recipient{ParticipantID: p.ID, Name: p.Name, Address: address},
		Subject: l.Subject, Text: text, HTML: html.String(), Attachments: l.Attach,
		Kind: l.Kind, DedupeKey: key,
	}, c.cfg.From, at)
}

func (c *Composer) renderText(pg page, name string) (string, error) {
	var b strings.Builder
	if err := c.text.ExecuteTemplate(&b, name, pg); err != nil {
		return "", fmt.Errorf("text %s: %w", name, err)
	}
	return b.String(), nil
}

// digestData is what a digest row keeps of a letter: its subject and its
// text without the greeting and the signature.
type digestData struct {
	Subject string `json:"subject"`
	Text    string `json:"text"`
}

// langOf is the language of p's mails: English when they chose it,
// Japanese otherwise.
func langOf(p serverstore.MailPerson) string {
	if p.MailLanguage == langEN {
		return langEN
	}
	return langJA
}

func greeting(lang, name string) string {
	if lang == langEN {
		return "Dear " + name + ","
	}
	return name + " 様"
}

// quoteText marks each line of s as quoted, for the plain text part.
func quoteText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}
