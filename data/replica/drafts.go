package replica

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// A draft is what a person typed into a form and has not sent yet, kept
// under a key per form and target ("offer:<recipient>", "profile"…) so
// that closing the form, or the app, loses nothing. Drafts live in this
// file only: no mutation, bucket or pull carries them.

// Draft reads the draft under key: its JSON value, or nil when there is
// none.
func (s *Store) Draft(ctx context.Context, key string) ([]byte, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM drafts WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("draft %s: %w", key, err)
	}
	return []byte(v), nil
}

// SaveDraft keeps value, a JSON value, as the draft under key, in one
// transaction. A value that is not JSON is refused and changes nothing.
func (s *Store) SaveDraft(ctx context.Context, key string, value []byte) error {
	if key == "" || !json.Valid(value) {
		return fmt.Errorf("save draft %q: not a key and a JSON value", key)
	}
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO drafts (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			key, string(value), time.Now().UnixMilli())
		if err != nil {
			return fmt.Errorf("save draft %s: %w", key, err)
		}
		return nil
	})
}

// DeleteDraft forgets the draft under key, if any, in one transaction.
func (s *Store) DeleteDraft(ctx context.Context, key string) error {
	return s.write(ctx, func(tx *writeTx) error {
		if _, err := tx.tx.ExecContext(ctx, `DELETE FROM drafts WHERE key = ?`, key); err != nil {
			return fmt.Errorf("delete draft %s: %w", key, err)
		}
		return nil
	})
}
