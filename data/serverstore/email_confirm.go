package serverstore

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// A person's address changes only once they give back the code mailed to
// it (migration 013's email_confirmations): the new address must be
// theirs, and a typing mistake must not send their mails to a stranger.

// Limits of the confirmation of an address.
const (
	EmailCodeTTL      = 30 * time.Minute // how long a mailed code works
	EmailCodeAttempts = 5                // wrong codes before the confirmation is locked
	EmailCodesPerHour = 5                // codes mailed to a person in any hour
)

// KindEmailConfirm is the kind of the mail of a code ("email.confirm").
const KindEmailConfirm = "email.confirm"

// KindEmailReplaced is the kind of the notice mailed to a person's old
// address when HR's import changed it (roster.go), and of its MailEvent:
// To is the person, Data an AddressReplaced.
const KindEmailReplaced = "email.replaced"

// AddressReplaced is the data of a KindEmailReplaced event: the address
// the import replaced, to which the notice goes. It is kept only until
// the notice is composed.
type AddressReplaced struct {
	Old string `json:"old"`
}

// EmailRecipient is what the mail of a code needs of its person.
type EmailRecipient struct {
	ParticipantID string
	Name          string
	Language      string // the person's mail language, "ja" or "en"
	Address       string // the new address, the mail's To
}

// StartEmailConfirmation records that participantID wants their mail at
// address, until a code whose keyed hash is codeHash is given back (a
// pending one is replaced), and queues, in the same transaction, the
// mail that compose makes of the code for the new address. More than
// EmailCodesPerHour codes in the hour before now (the mails of kind
// KindEmailConfirm in the outbox) are refused with
// app.CodeEmailTooMany, and nothing changes.
func (s *Store) StartEmailConfirmation(ctx context.Context, participantID, address string, codeHash []byte, now time.Time,
	compose func(EmailRecipient) (OutgoingMail, error)) error {
	queued := false
	err := s.write(ctx, func(tx *writeTx) error {
		r := EmailRecipient{ParticipantID: participantID, Address: address}
		var sent int
		err := tx.tx.QueryRowContext(ctx, `SELECT p.name, p.mail_language,
				(SELECT count(*) FROM mail_outbox o WHERE o.participant_id = p.id AND o.kind = ? AND o.created_at > ?)
			FROM participants p WHERE p.id = ?`,
			KindEmailConfirm, codec.Millis(now.Add(-time.Hour)), participantID).Scan(&r.Name, &r.Language, &sent)
		if err != nil {
			return codec.NotFound(err, "confirm an address: participant "+participantID)
		}
		if sent >= EmailCodesPerHour {
			return app.Reject(app.CodeEmailTooMany, "%d codes in the last hour", sent)
		}
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO email_confirmations
			(participant_id, address, code_hash, created_at, expires_at, attempts) VALUES (?, ?, ?, ?, ?, 0)
			ON CONFLICT (participant_id) DO UPDATE SET address = excluded.address, code_hash = excluded.code_hash,
				created_at = excluded.created_at, expires_at = excluded.expires_at, attempts = 0`,
			participantID, address, codeHash, codec.Millis(now), codec.Millis(now.Add(EmailCodeTTL))); err != nil {
			return fmt.Errorf("confirm an address: %w", err)
		}
		m, err := compose(r)
		if err != nil {
			return fmt.Errorf("confirm an address: %w", err)
		}
		// Composed here rather than by the Mailer after the commit: the
		// code is never kept in mail_events, and the mail goes whatever
		// the person's choices, to the new address only.
		m.Kind = KindEmailConfirm
		queued, err = queueMail(ctx, tx.tx, m, now)
		return err
	})
	if err == nil && queued {
		s.MailQueued(1)
	}
	return err
}

// ConfirmEmail takes the code a person typed: hashFor(address) is the
// keyed hash of that code for the address waiting. The right code, in
// time and within EmailCodeAttempts, makes the address theirs
// (participants.email, marked email_own: HR's import never overwrites
// it), clears any failure of mail (email_failed_at, email_error), and
// raises their version so that their devices learn it;
// it returns the address. Otherwise nothing changes but the count of
// attempts, and the answer is a rejection: no address waiting, or its
// code past its time (app.CodeEmailCodeExpired), too many wrong codes
// (app.CodeEmailCodeLocked, also for the last wrong one), a wrong code
// (app.CodeEmailCodeWrong).
func (s *Store) ConfirmEmail(ctx context.Context, participantID string, hashFor func(address string) []byte, now time.Time) (string, error) {
	var address string
	var refused error
	err := s.write(ctx, func(tx *writeTx) error {
		var stored []byte
		var expires int64
		var attempts int
		err := tx.tx.QueryRowContext(ctx, `SELECT address, code_hash, expires_at, attempts FROM email_confirmations
			WHERE participant_id = ?`, participantID).Scan(&address, &stored, &expires, &attempts)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			refused = app.Reject(app.CodeEmailCodeExpired, "no address waiting")
			return nil
		case err != nil:
			return fmt.Errorf("confirm an address: %w", err)
		case attempts >= EmailCodeAttempts:
			refused = app.Reject(app.CodeEmailCodeLocked, "%d wrong codes", attempts)
			return nil
		case codec.Millis(now) >= expires:
			refused = app.Reject(app.CodeEmailCodeExpired, "the code expired")
			return nil
		}
		if !hmac.Equal(hashFor(address), stored) {
			attempts++
			if _, err := tx.tx.ExecContext(ctx, `UPDATE email_confirmations SET attempts = ? WHERE participant_id = ?`,
				attempts, participantID); err != nil {
				return fmt.Errorf("confirm an address: %w", err)
			}
			refused = app.Reject(app.CodeEmailCodeWrong, "wrong code, attempt %d", attempts)
			if attempts >= EmailCodeAttempts {
				refused = app.Reject(app.CodeEmailCodeLocked, "wrong code, attempt %d", attempts)
			}
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE participants SET email = ?, email_own = 1, email_failed_at = 0,
			email_error = '', version = :v WHERE id = ?`, address, participantID); err != nil {
			return fmt.Errorf("confirm an address: %w", err)
		}
		if _, err := tx.tx.ExecContext(ctx, `DELETE FROM email_confirmations WHERE participant_id = ?`, participantID); err != nil {
			return fmt.Errorf("confirm an address: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if refused != nil {
		return "", refused
	}
	return address, nil
}
