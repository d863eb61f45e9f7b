package serverstore

import (
	"context"
	"database/sql"
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
// what a mail says: a Mailer, set with SetMailer, composes them.
//
// Composing (reading the people, writing the text and the HTML, encoding
// the message) costs more than the change itself, and pushes are
// committed by one goroutine: composed inside the commit, it took about
// 40 % of that goroutine's time for an offer (BenchmarkPushMail). So the
// commit keeps only a small row per event, in mail_events, in the
// change's own transaction (savepoint): an event exists if and only if
// its change committed. A renderer (mail_render.go) then composes the
// events from a read snapshot, outside the write lock, and queues their
// mails in mail_outbox in the same transaction that deletes the events:
// each event's mails are queued exactly once. Without a Mailer nothing
// is kept, composed nor queued.

// Mail event kinds that are not mutator names: the scheduler's
// (mail_schedule.go).
const (
	MailRemindDay  = "talk.remindDay"  // a talk starts within a day
	MailRemindHour = "talk.remindHour" // a talk starts within the hour
	MailExpiring   = "offer.expiring"  // an offer waiting for an answer expires within a day
	MailDigest     = "digest"          // a person's daily digest
	MailWeekly     = "weekly"          // HR's or the secretariat's weekly summary
)

// MailEvent is what a mail is about: a committed mutation (Kind is its
// name, such as app.OfferSend), or one of the Mail… kinds above.
type MailEvent struct {
	Kind    string
	ActorID string    // who made the change; "" for the scheduler's
	OfferID string    // the offer it touched, if any
	TalkID  string    // the talk it touched, if any
	At      time.Time // when, by the server's clock
	// Start and Place are the time and place a change of time
	// (talk.proposeTime) asked for, as the mutation had them: the mail
	// tells them even if the proposal was answered before it was composed.
	Start time.Time `json:",omitzero"`
	Place *string   `json:",omitempty"`
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
	// ProgrammeSurveyDue is how the programme survey of a cohort stands
	// for a participant at now (app.ProgrammeSurveyDue).
	ProgrammeSurveyDue(ctx context.Context, cohortID, participantID string, now time.Time) (app.SurveyDue, error)
	// Digest keeps data, what a single mail of kind would have said, for
	// the daily digest of participantID, in mail_digest.
	Digest(ctx context.Context, participantID, kind string, data any) error
}

// Mailer composes the mails of an event.
type Mailer interface {
	// Mails returns the mails that a committed change causes. It runs
	// after the change committed, in a read snapshot that has it; q reads
	// what the mails need (people, offers, talks) in that snapshot, and
	// its Digest rows are written with the mails.
	Mails(ctx context.Context, q MailReader, ev MailEvent) ([]OutgoingMail, error)
}

// MailConcerns may be implemented by a Mailer to say which kinds of event
// it ever mails about: the store keeps no event of another kind (a
// bookmark, say), which then costs nothing.
type MailConcerns interface {
	Concerns(kind string) bool
}

// concerns reports whether m may mail about kind.
func concerns(m Mailer, kind string) bool {
	c, ok := m.(MailConcerns)
	return !ok || c.Concerns(kind)
}

// mailerBox holds the Store's Mailer; it may be set while pushes run.
type mailerBox struct{ p atomic.Pointer[Mailer] }

// SetMailer sets what composes the mails of every change from now on, and
// starts the renderer that composes them; nil for none, the default: then
// nothing is kept, composed nor queued.
func (s *Store) SetMailer(m Mailer) {
	if m == nil {
		s.mailer.p.Store(nil)
		return
	}
	s.render.start(s) // before the commits can see m and wake it
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
	ID      string    `json:"id"`
	OfferID string    `json:"offerId"`
	TalkID  string    `json:"talkId"`
	Start   time.Time `json:"start"`
	Place   *string   `json:"place"`
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
	case app.TalkProposeTime, app.TalkReschedule:
		ev.Start, ev.Place = ids.Start, ids.Place
	}
	return ev
}

// keepMailEvent keeps ev in mail_events, in t's transaction, for the
// renderer to compose once t commits.
func (t *writeTx) keepMailEvent(ctx context.Context, ev MailEvent) error {
	b, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("mail event %s: %w", ev.Kind, err)
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO mail_events (event, created_at) VALUES (?, ?)`,
		b, codec.Millis(ev.At)); err != nil {
		return fmt.Errorf("mail event %s: %w", ev.Kind, err)
	}
	t.mailKept = true
	return nil
}

// snapshotReader is MailReader in a read-only snapshot; the digest rows
// it is given are written with the mails.
type snapshotReader struct {
	tx      *sql.Tx
	now     time.Time // when digest entries are kept
	digests []digestRow
}

// digestRow is a row of mail_digest to write.
type digestRow struct {
	participantID, kind, data string
	at                        time.Time
}

func (r *snapshotReader) Person(ctx context.Context, id string) (MailPerson, error) {
	var p MailPerson
	var failed int64
	var weekly int
	err := r.tx.QueryRowContext(ctx, `SELECT p.id, p.name, p.company_id, coalesce(c.name, ''), p.role,
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

func (r *snapshotReader) Offer(ctx context.Context, id string) (app.Offer, error) {
	o, err := codec.ScanOffer(r.tx.QueryRowContext(ctx, `SELECT `+codec.OfferCols+` FROM offers o WHERE o.id = ?`, id))
	return o, codec.NotFound(err, "offer "+id)
}

func (r *snapshotReader) Talk(ctx context.Context, id string) (app.Talk, error) {
	t, err := codec.ScanTalk(r.tx.QueryRowContext(ctx, `SELECT `+codec.TalkCols+` FROM talks t WHERE t.id = ?`, id))
	return t, codec.NotFound(err, "talk "+id)
}

func (r *snapshotReader) Cohort(ctx context.Context, id string) (app.Cohort, error) {
	c, err := codec.ScanCohort(r.tx.QueryRowContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts WHERE id = ?`, id))
	return c, codec.NotFound(err, "cohort "+id)
}

func (r *snapshotReader) Digest(ctx context.Context, participantID, kind string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("digest %s for %s: %w", kind, participantID, err)
	}
	r.digests = append(r.digests, digestRow{participantID, kind, string(b), r.now})
	return nil
}
