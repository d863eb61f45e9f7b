package serverstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// E-mail for what happens (issue 17). A change that commits may cause
// mails: a new offer tells its recipient, an answer tells the sender, a
// change of a talk's time tells the other person. The store does not know
// what a mail says: a Mailer, set with SetMailer, composes them, inside
// the change's transaction, and the store queues them in mail_outbox
// there, so that a mail goes out if and only if its change commits.
// Without a Mailer nothing is composed nor queued.

// Mail event kinds that are not mutator names: the scheduler's
// (mail_schedule.go) and the confirmation of an address.
const (
	MailRemindDay    = "talk.remindDay"  // a talk starts within a day
	MailRemindHour   = "talk.remindHour" // a talk starts within the hour
	MailExpiring     = "offer.expiring"  // an offer waiting for an answer expires within a day
	MailDigest       = "digest"          // a person's daily digest
	MailWeekly       = "weekly"          // HR's or the secretariat's weekly summary
	MailEmailConfirm = "email.confirm"   // the code that confirms an address
)

// MailEvent is what a mail is about: a committed mutation (Kind is its
// name, such as app.OfferSend), or one of the Mail… kinds above.
type MailEvent struct {
	Kind    string
	ActorID string    // who made the change; "" for the scheduler's
	OfferID string    // the offer it touched, if any
	TalkID  string    // the talk it touched, if any
	At      time.Time // when, by the server's clock
	// Data is the event's own data (the address and code of
	// email.confirm); nil for most.
	Data json.RawMessage
	// To is whom a scheduled mail is for (digest, weekly); "" for events
	// whose people the offer or talk tells.
	To string
	// Digest is what a person's daily digest lists, oldest first.
	Digest []DigestEntry
	// Weekly is the figures of a weekly summary, one per cohort.
	Weekly []WeeklyFigures
}

// DigestEntry is one event kept for a person's daily digest: what a
// single mail would have said (Data, as the Mailer wrote it).
type DigestEntry struct {
	Kind string
	Data json.RawMessage
	At   time.Time
}

// WeeklyFigures are the counts of one scope for a weekly summary: never a
// person's survey answer or message. Shown is false, and the counts zero,
// when the scope has fewer than app.MinGroup participants.
type WeeklyFigures struct {
	CohortName   string
	CompanyName  string // "" for the whole cohort (the secretariat's)
	Shown        bool
	Participants int
	OffersSent   int
	TalksAgreed  int // offers accepted
	TalksHeld    int
}

// MailPerson is what a mail needs of a person.
type MailPerson struct {
	ID            string
	Name          string
	CompanyID     string
	CompanyName   string
	Role          app.Role
	Email         string
	EmailFailedAt time.Time // zero when no permanent failure was seen
	MailMode      string    // single, digest or none
	MailLanguage  string    // ja or en
	MailWeekly    bool
}

// Reachable reports whether mail may go to p at all: p has an address
// that has not failed.
func (p MailPerson) Reachable() bool { return p.Email != "" && p.EmailFailedAt.IsZero() }

// MailReader reads, inside the change's transaction, what the mails of an
// event need; Digest keeps an event for a person's daily digest instead
// of a mail.
type MailReader interface {
	Person(ctx context.Context, id string) (MailPerson, error)
	Offer(ctx context.Context, id string) (app.Offer, error)
	Talk(ctx context.Context, id string) (app.Talk, error)
	Cohort(ctx context.Context, id string) (app.Cohort, error)
	// Digest keeps data, what a single mail of kind would have said, for
	// the daily digest of participantID, in mail_digest.
	Digest(ctx context.Context, participantID, kind string, data any) error
}

// Mailer composes the mails of an event.
type Mailer interface {
	// Mails returns the mails that a committed change causes. It runs in the change's
	// transaction; q reads what the mails need (people, offers, talks) in that transaction.
	Mails(ctx context.Context, q MailReader, ev MailEvent) ([]OutgoingMail, error)
}

// mailerBox holds the Store's Mailer; it may be set while pushes run.
type mailerBox struct{ p atomic.Pointer[Mailer] }

// SetMailer sets what composes the mails of every change from now on; nil
// for none, the default: then nothing is composed nor queued.
func (s *Store) SetMailer(m Mailer) {
	if m == nil {
		s.mailer.p.Store(nil)
		return
	}
	s.mailer.p.Store(&m)
}

// currentMailer is the Mailer set, or nil.
func (s *Store) currentMailer() Mailer {
	if p := s.mailer.p.Load(); p != nil {
		return *p
	}
	return nil
}

// mutationIDs are the ids a mutation's arguments name: an offer's (id for
// offer.send, offerId for the answers) and a talk's.
type mutationIDs struct {
	ID      string `json:"id"`
	OfferID string `json:"offerId"`
	TalkID  string `json:"talkId"`
}

// mutationEvent is the mail event of mutation name, applied for actor at
// now with args.
func mutationEvent(name, actor string, args []byte, now time.Time) MailEvent {
	var ids mutationIDs
	_ = json.Unmarshal(args, &ids) // the mutator decoded them strictly already
	ev := MailEvent{Kind: name, ActorID: actor, OfferID: ids.OfferID, TalkID: ids.TalkID, At: now}
	switch name {
	case app.OfferSend:
		ev.OfferID = ids.ID
	case app.OfferAccept:
		ev.TalkID = app.TalkIDFor(ids.OfferID)
	}
	return ev
}

// queueEventMail has m compose the mails of ev and queues them, in t's
// transaction, and reports how many were queued.
func (t *writeTx) queueEventMail(ctx context.Context, m Mailer, ev MailEvent) (int, error) {
	mails, err := m.Mails(ctx, mailReader{t, ev.At}, ev)
	if err != nil {
		return 0, fmt.Errorf("mails of %s: %w", ev.Kind, err)
	}
	n := 0
	for _, ml := range mails {
		queued, err := queueMail(ctx, t.tx, ml, ev.At)
		if err != nil {
			return n, err
		}
		if queued {
			n++
		}
	}
	return n, nil
}

// mailReader is MailReader in a write transaction.
type mailReader struct {
	t   *writeTx
	now time.Time // when digest entries are kept
}

func (r mailReader) Person(ctx context.Context, id string) (MailPerson, error) {
	var p MailPerson
	var failed int64
	var weekly int
	err := r.t.tx.QueryRowContext(ctx, `SELECT p.id, p.name, p.company_id, coalesce(c.name, ''), p.role,
		p.email, p.email_failed_at, p.mail_mode, p.mail_language, p.mail_weekly
		FROM participants p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id = ?`, id).
		Scan(&p.ID, &p.Name, &p.CompanyID, &p.CompanyName, &p.Role, &p.Email, &failed, &p.MailMode, &p.MailLanguage, &weekly)
	if err != nil {
		return p, codec.NotFound(err, "participant "+id)
	}
	if failed != 0 {
		p.EmailFailedAt = codec.FromMillis(failed)
	}
	p.MailWeekly = weekly == 1
	return p, nil
}

func (r mailReader) Offer(ctx context.Context, id string) (app.Offer, error) {
	return r.t.Offer(ctx, id)
}

func (r mailReader) Talk(ctx context.Context, id string) (app.Talk, error) { return r.t.Talk(ctx, id) }

func (r mailReader) Cohort(ctx context.Context, id string) (app.Cohort, error) {
	return r.t.Cohort(ctx, id)
}

func (r mailReader) Digest(ctx context.Context, participantID, kind string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("digest %s for %s: %w", kind, participantID, err)
	}
	if _, err := r.t.tx.ExecContext(ctx, `INSERT INTO mail_digest (participant_id, kind, data, created_at)
		VALUES (?, ?, ?, ?)`, participantID, kind, string(b), codec.Millis(r.now)); err != nil {
		return fmt.Errorf("digest %s for %s: %w", kind, participantID, err)
	}
	return nil
}
