package serverstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Sent is one mutation as a device pushed it.
type Sent struct {
	ID   int64
	Name string
	Args []byte
}

// Replay is what the server knows of a pushed id at or below the
// device's lastMutationID: it processed that id as the same mutation
// (Same, with its stored result Code), as another one (neither flag), or
// it no longer knows (Forgotten: the result was pruned, or stored before
// results had a hash), only that it processed the id before Before.
type Replay struct {
	ID        int64
	Same      bool
	Forgotten bool
	Code      app.Code
	Before    time.Time // when Forgotten
}

// Replays reads, in one snapshot, the device's lastMutationID and what it
// knows of each id of sent at or below it, in the order of sent: what a
// push the server refuses is answered with (409, sync/server). It writes
// nothing. A revoked device gives ErrRevoked, an unknown one an error
// wrapping app.ErrNotFound.
func (s *Store) Replays(ctx context.Context, deviceID string, sent []Sent) (last int64, out []Replay, err error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, nil, fmt.Errorf("replays: %w", err)
	}
	defer tx.Rollback()
	var revoked sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT last_mutation_id, revoked_at FROM devices WHERE id = ?`, deviceID).
		Scan(&last, &revoked); err != nil {
		return 0, nil, codec.NotFound(err, "replays: device "+deviceID)
	}
	if revoked.Valid {
		return 0, nil, ErrRevoked
	}
	for _, m := range sent {
		if m.ID > last || m.ID <= 0 {
			continue
		}
		r, err := replayOf(ctx, tx, deviceID, m.ID, mutationHash(m.Name, m.Args))
		if err != nil {
			return 0, nil, fmt.Errorf("replays: %w", err)
		}
		out = append(out, r)
	}
	return last, out, nil
}

// replayOf compares a replay of a device's processed id, whose name and
// arguments hash to hash, with the stored result.
func replayOf(ctx context.Context, q codec.Querier, deviceID string, id int64, hash []byte) (Replay, error) {
	r := Replay{ID: id}
	var stored []byte
	var at int64
	err := q.QueryRowContext(ctx, `SELECT code, args_hash, processed_at FROM mutation_results WHERE device_id = ? AND mutation_id = ?`,
		deviceID, id).Scan(&r.Code, &stored, &at)
	switch {
	case err == nil && stored == nil:
		// Stored without a hash (before the migration _mutation_hash):
		// the id was processed then, but as which mutation cannot be
		// told.
		return Replay{ID: id, Forgotten: true, Before: codec.FromMillis(at + 1)}, nil
	case errors.Is(err, sql.ErrNoRows):
		// Pruned: processed before the latest cut-off of PruneResults.
		err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'results_pruned_before'`).Scan(&at)
		if err != nil {
			return r, err
		}
		return Replay{ID: id, Forgotten: true, Before: codec.FromMillis(at)}, nil
	case err != nil:
		return r, err
	case bytes.Equal(stored, hash):
		r.Same = true
		return r, nil
	default:
		return Replay{ID: id}, nil
	}
}

// PruneResults drops the stored results of processed mutations that no
// device can need any more, and says how many went: those of a revoked
// device (its token is refused, so it never pushes again), and those at
// or below their device's lastMutationID processed before t.
//
// A device needs a result while it may push the id again: when the
// answer to a push was lost, until it has learnt the result (from the
// push's 409, see Replays). A result older than the retention is one the
// device has had every chance to learn. Should it push the id after all,
// the id is Forgotten: the server knows it processed the id before the
// cut-off (kept in meta as results_pruned_before), but not whether as
// that mutation, nor its result. The client takes it as processed when
// it made the mutation before that time, and runs it again under a new
// id when it made it after (it cannot be the one processed: a device
// whose counter went back, see sync/client).
//
// It goes device by device along the primary key, with no index on the
// time: a device's ids are processed in order, so its results older than
// t come first, and its first result not older than t ends the ones to
// drop (one that the clock put out of order waits for a later sweep).
func (s *Store) PruneResults(ctx context.Context, before time.Time) (int, error) {
	var n int64
	cut := codec.Millis(before)
	err := s.write(ctx, func(tx *writeTx) error {
		res, err := tx.tx.ExecContext(ctx, `DELETE FROM mutation_results
			WHERE device_id IN (SELECT id FROM devices WHERE revoked_at IS NOT NULL)`)
		if n, err = codec.RowsAffected(res, err); err != nil {
			return err
		}
		type device struct {
			id   string
			last int64
		}
		var devices []device
		rows, err := tx.tx.QueryContext(ctx, `SELECT id, last_mutation_id FROM devices WHERE revoked_at IS NULL`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var d device
			if err := rows.Scan(&d.id, &d.last); err != nil {
				rows.Close()
				return err
			}
			devices = append(devices, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		old := int64(0)
		for _, d := range devices {
			// The first id to keep: the first not older than the cut-off,
			// or the next one when every result is older.
			res, err := tx.tx.ExecContext(ctx, `DELETE FROM mutation_results
				WHERE device_id = ?1 AND mutation_id < coalesce(
					(SELECT mutation_id FROM mutation_results
						WHERE device_id = ?1 AND processed_at >= ?2 ORDER BY mutation_id LIMIT 1),
					?3)`, d.id, cut, d.last+1)
			k, err := codec.RowsAffected(res, err)
			if err != nil {
				return err
			}
			old += k
		}
		n += old
		if old == 0 {
			return nil
		}
		_, err = tx.tx.ExecContext(ctx, `UPDATE meta SET value = max(value, ?) WHERE key = 'results_pruned_before'`, cut)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune mutation results: %w", err)
	}
	return int(n), nil
}
