package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"crosstalk/data"
)

// State reads one connection setting of the replica ("" when unset).
func (s *Store) State(ctx context.Context, key string) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM sync_state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("state %s: %w", key, err)
	}
	return v, nil
}

// SetState writes connection settings of the replica, all together.
func (s *Store) SetState(ctx context.Context, kv map[string]string) error {
	return s.write(ctx, func(tx *writeTx) error {
		for k, v := range kv {
			if err := tx.setState(ctx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *writeTx) setState(ctx context.Context, key, value string) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO sync_state (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set state %s: %w", key, err)
	}
	return nil
}

// Cursors returns how far each bucket has been pulled, with the epoch of
// the server they were pulled from.
func (s *Store) Cursors(ctx context.Context) (map[string]data.BucketCursor, error) {
	epoch, err := s.State(ctx, "epoch")
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT bucket, version FROM cursors`)
	if err != nil {
		return nil, fmt.Errorf("cursors: %w", err)
	}
	defer rows.Close()
	out := map[string]data.BucketCursor{}
	for rows.Next() {
		var b string
		var v int64
		if err := rows.Scan(&b, &v); err != nil {
			return nil, fmt.Errorf("cursors: %w", err)
		}
		out[b] = data.BucketCursor{Epoch: epoch, Version: v}
	}
	return out, rows.Err()
}

// SwitchAccount empties the replica — rows, cursors, queue, refusals,
// drafts, what was seen of the talks' changes, and settings — and stores
// the new connection settings, in one transaction.
// It is for a replica that is to serve another person or another server:
// the old person's queued mutations must never be sent as the new one's.
func (s *Store) SwitchAccount(ctx context.Context, state map[string]string) error {
	return s.write(ctx, func(tx *writeTx) error {
		for _, tbl := range append(syncedTables, "outbox", "rejections", "drafts", "sync_state", "talk_seen") {
			if _, err := tx.tx.ExecContext(ctx, `DELETE FROM `+tbl); err != nil {
				return fmt.Errorf("switch account: %s: %w", tbl, err)
			}
		}
		tx.MarkDirectoryChanged()
		for k, v := range state {
			if err := tx.setState(ctx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}
