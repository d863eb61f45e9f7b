package serverstore

import (
	"context"
	"fmt"
	"time"

	"crosstalk/data/internal/codec"
)

// PruneMail drops what the server no longer needs of its mail, as of
// before: the mails of mail_outbox that ended (sent, failed, uncertain)
// and were queued before it, with their attempts — each holds a whole
// message, an offer's message or a code among them —, and the address
// confirmations that expired before it. Mails still to send stay, however
// old. It returns how many rows it dropped.
func (s *Store) PruneMail(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(t *writeTx) error {
		at := codec.Millis(before)
		if _, err := t.tx.ExecContext(ctx, `DELETE FROM mail_attempts WHERE outbox_id IN
			(SELECT id FROM mail_outbox WHERE state IN ('sent', 'failed', 'uncertain') AND created_at < ?)`, at); err != nil {
			return err
		}
		mails, err := codec.RowsAffected(t.tx.ExecContext(ctx,
			`DELETE FROM mail_outbox WHERE state IN ('sent', 'failed', 'uncertain') AND created_at < ?`, at))
		if err != nil {
			return err
		}
		codes, err := codec.RowsAffected(t.tx.ExecContext(ctx, `DELETE FROM email_confirmations WHERE expires_at < ?`, at))
		if err != nil {
			return err
		}
		n = mails + codes
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("prune mail: %w", err)
	}
	return int(n), nil
}
