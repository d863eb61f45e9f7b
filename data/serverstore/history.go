package serverstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"crosstalk/data/internal/codec"
)

// PruneTombstones drops the tombstones of deletions made before t and
// raises the horizon above them: a client whose cursor is below the
// horizon may have missed one, so it gets a reset.
func (s *Store) PruneTombstones(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *writeTx) error {
		var top sql.NullInt64
		if err := tx.tx.QueryRowContext(ctx, `SELECT max(version) FROM tombstones WHERE deleted_at < ?`, codec.Millis(before)).
			Scan(&top); err != nil || !top.Valid {
			return err
		}
		res, err := tx.tx.ExecContext(ctx, `DELETE FROM tombstones WHERE version <= ?`, top.Int64)
		if n, err = codec.RowsAffected(res, err); err != nil {
			return err
		}
		// A cursor at top has seen every pruned tombstone; one below may
		// have missed some.
		_, err = tx.tx.ExecContext(ctx, `UPDATE meta SET value = max(value, ?) WHERE key = 'tombstone_horizon'`, top.Int64)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune tombstones: %w", err)
	}
	return int(n), nil
}

// NewEpoch gives the server's history a new name, as after restoring a
// backup: every client's cursors become unusable, and they pull afresh.
func (s *Store) NewEpoch(ctx context.Context) error {
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE meta SET value = (value + 1 + abs(random()) % 1000000) % 1000000000000
			WHERE key = 'epoch'`)
		return err
	})
}
