package replica

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Rejection is a queued mutation the server refused.
type Rejection struct {
	MutationID int64
	Name       string
	Args       json.RawMessage
	Code       app.Code
	At         time.Time
}

// RecordRejections keeps the server's refusals of queued mutations, for
// the user to read. The entries leave the outbox at the next pull. A
// refusal already recorded for the same mutation is kept as it is; one
// recorded under the same id for another mutation (ids are numbered
// again after a server is restored: Renumber) is replaced.
func (s *Store) RecordRejections(ctx context.Context, refused map[int64]app.Code, now time.Time) error {
	if len(refused) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *writeTx) error {
		for id, code := range refused {
			if _, err := tx.tx.ExecContext(ctx, `INSERT INTO rejections (mutation_id, name, args, code, at)
				SELECT id, name, args, ?, ? FROM outbox WHERE id = ?
				ON CONFLICT (mutation_id) DO UPDATE SET name = excluded.name, args = excluded.args,
					code = excluded.code, at = excluded.at, seen = 0
				WHERE rejections.name != excluded.name OR rejections.args != excluded.args`,
				string(code), codec.Millis(now), id); err != nil {
				return fmt.Errorf("record rejection %d: %w", id, err)
			}
		}
		return nil
	})
}

// Rejections lists the refusals not yet marked seen, oldest first.
func (s *Store) Rejections(ctx context.Context) ([]Rejection, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT mutation_id, name, args, code, at FROM rejections WHERE seen = 0 ORDER BY mutation_id`)
	if err != nil {
		return nil, fmt.Errorf("rejections: %w", err)
	}
	defer rows.Close()
	var out []Rejection
	for rows.Next() {
		var r Rejection
		var args string
		var at int64
		if err := rows.Scan(&r.MutationID, &r.Name, &args, &r.Code, &at); err != nil {
			return nil, fmt.Errorf("rejections: %w", err)
		}
		r.Args, r.At = json.RawMessage(args), codec.FromMillis(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// MarkRejectionsSeen marks refusals up to mutation id as read.
func (s *Store) MarkRejectionsSeen(ctx context.Context, upTo int64) error {
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE rejections SET seen = 1 WHERE mutation_id <= ?`, upTo)
		return err
	})
}
