package serverstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"crosstalk/data/internal/codec"
)

// Invite codes are stored under a keyed hash whose secret is kept outside
// the database (crosstalk/sync/server's OpenCodeKey). The database keeps
// a check of that secret, so that a server started with another one is
// stopped with a clear message, and marks the codes an older server stored
// unkeyed (migration 007), which UseCodeKey rehashes.

// ErrOtherCodeKey is returned when the database's codes are hashed with a
// secret other than the one offered.
var ErrOtherCodeKey = errors.New("the invite codes are hashed with another secret")

// CodeKeyCheck returns the check of the secret the invite codes are
// hashed with, 0 when no server has recorded one.
func (s *Store) CodeKeyCheck(ctx context.Context) (int64, error) {
	var check int64
	err := s.r.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'code_key_check'`).Scan(&check)
	if err != nil {
		return 0, fmt.Errorf("code key check: %w", err)
	}
	return check, nil
}

// UseCodeKey records check as that of the secret the codes are hashed
// with, when none is recorded, and rehashes with rehash every code stored
// unkeyed, all in one transaction. It returns how many it rehashed. A
// database whose recorded check is another gives ErrOtherCodeKey and is
// left as it was.
func (s *Store) UseCodeKey(ctx context.Context, check int64, rehash func(unkeyed string) string) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *writeTx) error {
		var recorded int64
		if err := tx.tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'code_key_check'`).Scan(&recorded); err != nil {
			return fmt.Errorf("code key check: %w", err)
		}
		if recorded != 0 && recorded != check {
			return ErrOtherCodeKey
		}
		var old []string
		rows, err := tx.tx.QueryContext(ctx, `SELECT code_hash FROM invites WHERE keyed = 0`)
		if err != nil {
			return fmt.Errorf("unkeyed codes: %w", err)
		}
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return err
			}
			old = append(old, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, h := range old {
			if _, err := tx.tx.ExecContext(ctx, `UPDATE invites SET code_hash = ?, keyed = 1 WHERE code_hash = ?`,
				rehash(h), h); err != nil {
				return fmt.Errorf("rehash a code: %w", err)
			}
		}
		n = len(old)
		_, err = tx.tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'code_key_check'`, check)
		return err
	})
	return n, err
}

// ReplaceCodeKey records check as that of a new secret, in place of a
// lost one, and revokes the codes hashed with the lost one that are not
// used yet (no one could redeem them any more), in one transaction. It
// returns how many it revoked. Codes stored unkeyed stay for UseCodeKey.
func (s *Store) ReplaceCodeKey(ctx context.Context, check int64, now time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *writeTx) error {
		res, err := tx.tx.ExecContext(ctx, `UPDATE invites SET revoked_at = ?
			WHERE keyed = 1 AND used_at IS NULL AND revoked_at IS NULL`, codec.Millis(now))
		if n, err = codec.RowsAffected(res, err); err != nil {
			return fmt.Errorf("revoke the codes of the old secret: %w", err)
		}
		_, err = tx.tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'code_key_check'`, check)
		return err
	})
	return int(n), err
}
