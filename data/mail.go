package data

import (
	"context"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// SetMailSettings writes the mail choices of participantID. The row takes
// the transaction's version, so that the person's own user bucket brings
// them to their other devices (no other bucket carries them).
func (t *Tx) SetMailSettings(ctx context.Context, participantID string, s app.MailSettings, _ time.Time) error {
	if err := t.remember(ctx, "participants", participantID); err != nil {
		return err
	}
	res, err := t.Exec(ctx, `UPDATE participants SET mail_mode = ?, mail_language = ?, mail_weekly = ?,
		version = :v WHERE id = ?`, string(s.Mode), s.Language, codec.Bool(s.Weekly), participantID)
	if err != nil {
		return fmt.Errorf("mail settings of %s: %w", participantID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("mail settings of %s: %w", participantID, app.ErrNotFound)
	}
	return nil
}

// writeMailAccounts writes the mail accounts that rows of ps carry: the
// person's own row of their user bucket, on a replica, or the demo's
// addresses. A failing address keeps the time it was first seen failing
// here (the server's time does not travel), or 1 when unknown.
func (t *Tx) writeMailAccounts(ctx context.Context, ps []app.Participant) error {
	for _, p := range ps {
		m := p.Mail
		if m == nil {
			continue
		}
		mode, lang := m.Mode, m.Language
		if !mode.Valid() {
			mode = app.MailSingle
		}
		if lang != "en" {
			lang = "ja"
		}
		if _, err := t.tx.ExecContext(ctx, `UPDATE participants SET email = ?, email_error = ?,
			email_failed_at = CASE WHEN ? THEN max(email_failed_at, 1) ELSE 0 END,
			mail_mode = ?, mail_language = ?, mail_weekly = ? WHERE id = ?`,
			m.Email, m.Reason, codec.Bool(m.Failing), string(mode), lang, codec.Bool(m.Weekly), p.ID); err != nil {
			return fmt.Errorf("import mail of %s: %w", p.ID, err)
		}
	}
	return nil
}

// mailAccountCols are the columns of a mail account, of participants as
// p.
const mailAccountCols = `p.email, p.email_failed_at > 0, p.email_error, p.mail_mode, p.mail_language, p.mail_weekly`

// MailAccount reads the mail account of participantID.
func (s *Store) MailAccount(ctx context.Context, participantID string) (app.MailAccount, error) {
	var a app.MailAccount
	var failing, weekly int
	err := s.r.QueryRowContext(ctx, `SELECT `+mailAccountCols+` FROM participants p WHERE p.id = ?`, participantID).
		Scan(&a.Email, &failing, &a.Reason, &a.Mode, &a.Language, &weekly)
	if err != nil {
		return a, codec.NotFound(err, "mail of "+participantID)
	}
	a.Failing, a.Weekly = failing == 1, weekly == 1
	return a, nil
}
