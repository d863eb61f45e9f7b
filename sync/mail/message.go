package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	netmail "net/mail"
	"strings"
	"time"
	"unicode"

	gomail "github.com/wneessen/go-mail"

	"crosstalk/data/serverstore"
)

// A Message is one mail's content before it is encoded: plain text and a
// simple HTML part, in UTF-8, and any files attached.
type Message struct {
	To          Recipient
	Subject     string
	Text        string // the plain text part
	HTML        string // the HTML part; "" for none
	Attachments []Attachment
	Kind        string // what it tells, such as "offer.new"
	DedupeKey   string // queued at most once per key; "" for none
}

// Recipient is whom a message goes to.
type Recipient struct {
	ParticipantID string
	Name          string // shown beside the address, MIME-encoded when not ASCII
	Address       string
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string // the file's name, such as "talk.ics"
	ContentType string // such as "text/calendar; charset=UTF-8; method=PUBLISH"
	Data        []byte
}

// Sender is who the server's mails come from.
type Sender struct {
	Name    string // such as "CrossTalk"
	Address string // the -mail-from address
}

// Encode makes m into a mail for the outbox, from from, dated now: a
// multipart/alternative message in UTF-8 (quoted-printable, subject and
// names MIME-encoded), with a new Message-ID on from's domain.
func Encode(m Message, from Sender, now time.Time) (serverstore.OutgoingMail, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.From(formatAddress(from.Name, from.Address)); err != nil {
		return serverstore.OutgoingMail{}, fmt.Errorf("mail from %q: %w", from.Address, err)
	}
	if err := msg.AddTo(formatAddress(m.To.Name, m.To.Address)); err != nil {
		return serverstore.OutgoingMail{}, fmt.Errorf("mail to %q: %w", m.To.Address, err)
	}
	id, err := newMessageID(from.Address)
	if err != nil {
		return serverstore.OutgoingMail{}, err
	}
	msg.SetMessageIDWithValue(id)
	msg.SetDateWithValue(now)
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data),
			gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return serverstore.OutgoingMail{}, fmt.Errorf("mail attachment %s: %w", a.Name, err)
		}
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return serverstore.OutgoingMail{}, fmt.Errorf("mail %s to %s: %w", m.Kind, m.To.ParticipantID, err)
	}
	return serverstore.OutgoingMail{
		ParticipantID: m.To.ParticipantID,
		Address:       m.To.Address,
		Kind:          m.Kind,
		DedupeKey:     m.DedupeKey,
		MessageID:     id,
		Message:       buf.Bytes(),
	}, nil
}

// formatAddress is a name and an address as a header's address, the name
// quoted and escaped as RFC 5322 wants (MIME-encoded when not ASCII): a
// name with a quote, a backslash or a line break in it is a name like any
// other, never a broken header nor a mail that cannot be written. Control
// characters in a name become spaces.
func formatAddress(name, address string) string {
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return unicode.IsControl(r) }), " ")
	return (&netmail.Address{Name: strings.TrimSpace(name), Address: address}).String()
}

// newMessageID is a random Message-ID on the domain of from.
func newMessageID(from string) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("message id: %w", err)
	}
	domain := "crosstalk.invalid"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		domain = d
	}
	return hex.EncodeToString(b[:]) + "@" + domain, nil
}
