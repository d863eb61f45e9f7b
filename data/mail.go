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

// mailCols are the values of a participant's mail columns.
type mailCols struct {
	email, reason, mode, language string
	failedAt                      int64
	weekly                        int
}

// mailColumns are the columns of m, or the defaults of migration 013 for
// none. A failing address is stored as failing since 1 (the time the
// server saw it fail does not travel).
func mailColumns(m *app.MailAccount) mailCols {
	c := mailCols{mode: string(app.MailSingle), language: "ja"}
	if m == nil {
		return c
	}
	c.email, c.reason, c.weekly = m.Email, m.Reason, codec.Bool(m.Weekly)
	if m.Failing {
		c.failedAt = 1
	}
	if m.Mode.Valid() {
		c.mode = string(m.Mode)
	}
	if m.Language == "en" {
		c.language = "en"
	}
	return c
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
