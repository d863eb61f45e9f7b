package replica

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// OutboxEntry is a mutation the server has not confirmed yet.
type OutboxEntry struct {
	ID         int64
	Name       string
	Args       json.RawMessage
	Actor      app.Actor
	ClientTime time.Time
}

// Enqueue applies a mutation to the replica at once and queues it for the
// server, in one transaction: the local change and its outbox entry are
// saved together or not at all. A mutation the replica already refuses is
// not queued; its rejection is returned.
func (s *Store) Enqueue(ctx context.Context, name string, actor app.Actor, args json.RawMessage, now time.Time) (int64, error) {
	if _, ok := app.Lookup(name); !ok {
		return 0, app.Reject(app.CodeUnknownMutator, "%q", name)
	}
	var id int64
	err := s.write(ctx, func(tx *writeTx) error {
		tx.BeforeWrite(tx.remember)
		if err := app.Apply(ctx, tx, name, actor, args, now); err != nil {
			return err
		}
		next, err := tx.nextMutationID(ctx)
		if err != nil {
			return err
		}
		actorJSON, _ := json.Marshal(actor)
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO outbox (id, name, args, actor, client_time) VALUES (?, ?, ?, ?, ?)`,
			next, name, string(args), string(actorJSON), codec.Millis(now)); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		id = next
		return nil
	})
	if err != nil && !app.IsRejection(err) {
		return 0, fmt.Errorf("enqueue %s: %w", name, err)
	}
	return id, err
}

// ErrMutationIDs is Enqueue's error when the device has used every
// mutation id up to app.MaxMutationID (no device gets near it: it would
// take billions of mutations a second for years).
var ErrMutationIDs = errors.New("the device has used every mutation id")

// nextMutationID takes the device's next mutation id: one above every id
// it has used, whether still queued or confirmed, and above the server's
// last as the replica knows it. It is never above app.MaxMutationID.
func (t *writeTx) nextMutationID(ctx context.Context) (int64, error) {
	var used int64
	err := t.tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT max(id) FROM outbox), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'last_mutation_id'), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'used_mutation_id'), 0))`).Scan(&used)
	if err != nil {
		return 0, fmt.Errorf("next mutation id: %w", err)
	}
	if used >= app.MaxMutationID {
		return 0, fmt.Errorf("next mutation id after %d: %w", used, ErrMutationIDs)
	}
	next := max(used, 0) + 1
	return next, t.setState(ctx, "used_mutation_id", strconv.FormatInt(next, 10))
}

// Renumber is for a push the server refused because the device's queued
// ids are not the ones it expects (a 409 answer): it gives the queued
// mutations, but those keep reports, the ids from, from+1, … in their
// order, and records from-1 as the server's last processed id, so that
// the next mutation is numbered after them all. keep reports the ids, all
// below from, that the server has processed as those very mutations:
// they stay until a pull confirms them. It returns the ids it changed,
// old to new. It changes nothing and returns an error when keep reports
// an id that is not below from, or when the ids would pass
// app.MaxMutationID.
//
// It serves three cases: the server processed the first queued ids
// (their answer was lost: they are kept, the rest is already numbered
// from from); the server was restored from a backup (from is below the
// queue: everything moves down); the replica was restored from an older
// copy, and its counter went back (from is above ids it used again:
// those move up, past the server's last).
func (s *Store) Renumber(ctx context.Context, from int64, keep func(id int64) bool) (map[int64]int64, error) {
	if from < 1 || from > app.MaxMutationID {
		return nil, fmt.Errorf("renumber from %d: not a mutation id", from)
	}
	var moved map[int64]int64
	err := s.write(ctx, func(tx *writeTx) error {
		moved = map[int64]int64{}
		rows, err := tx.tx.QueryContext(ctx, `SELECT id FROM outbox ORDER BY id`)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var move []int64
		for _, id := range ids {
			switch {
			case !keep(id):
				move = append(move, id)
			case id >= from:
				return fmt.Errorf("mutation %d is kept but not below %d", id, from)
			}
		}
		if int64(len(move)) > app.MaxMutationID-from+1 {
			return fmt.Errorf("%d mutations from %d: %w", len(move), from, ErrMutationIDs)
		}
		// Through negative ids, so that no two rows ever share one.
		for i, id := range move {
			if _, err := tx.tx.ExecContext(ctx, `UPDATE outbox SET id = ? WHERE id = ?`, -(from + int64(i)), id); err != nil {
				return err
			}
			if id != from+int64(i) {
				moved[id] = from + int64(i)
			}
		}
		if _, err := tx.tx.ExecContext(ctx, `UPDATE outbox SET id = -id WHERE id < 0`); err != nil {
			return err
		}
		if err := tx.setState(ctx, "last_mutation_id", strconv.FormatInt(from-1, 10)); err != nil {
			return err
		}
		return tx.setState(ctx, "used_mutation_id", strconv.FormatInt(from-1+int64(len(move)), 10))
	})
	if err != nil {
		return nil, fmt.Errorf("renumber the outbox from %d: %w", from, err)
	}
	return moved, nil
}

// Outbox lists up to limit queued mutations, oldest first.
func (s *Store) Outbox(ctx context.Context, limit int) ([]OutboxEntry, error) {
	return readOutbox(ctx, s.r, 0, limit)
}

// OutboxAfter lists up to limit queued mutations with ids above after,
// oldest first.
func (s *Store) OutboxAfter(ctx context.Context, after int64, limit int) ([]OutboxEntry, error) {
	return readOutbox(ctx, s.r, after, limit)
}

// readOutbox reads up to limit queued mutations (all when limit < 0) with
// ids above after, oldest first, through q: the read pool or a
// transaction.
func readOutbox(ctx context.Context, q codec.Querier, after int64, limit int) ([]OutboxEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, args, actor, client_time FROM outbox WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var args, actor string
		var at int64
		if err := rows.Scan(&e.ID, &e.Name, &args, &actor, &at); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		e.Args, e.ClientTime = json.RawMessage(args), codec.FromMillis(at)
		if err := json.Unmarshal([]byte(actor), &e.Actor); err != nil {
			return nil, fmt.Errorf("outbox %d: %w", e.ID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Queued reports whether mutation id is still in the outbox: the server
// has not confirmed it yet.
func (s *Store) Queued(ctx context.Context, id int64) (bool, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("outbox %d: %w", id, err)
	}
	return n > 0, nil
}

// Pending counts the queued mutations.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n); err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	return n, nil
}

// reapply runs the queued mutations again, in order, on the replica as
// it now is. One that the replica now refuses stays queued without
// effect: the server has the last word, and its answer will come.
func (t *writeTx) reapply(ctx context.Context) error {
	entries, err := readOutbox(ctx, t.tx, 0, -1)
	if err != nil {
		return fmt.Errorf("reapply: %w", err)
	}
	t.BeforeWrite(t.remember)
	defer t.BeforeWrite(nil)
	for _, e := range entries {
		failed, err := t.Savepoint(ctx, "reapply", func() error { return app.Apply(ctx, t, e.Name, e.Actor, e.Args, e.ClientTime) })
		if err != nil {
			return fmt.Errorf("reapply %d: %w", e.ID, err)
		}
		if failed != nil && !app.IsRejection(failed) {
			return fmt.Errorf("reapply %d: %w", e.ID, failed)
		}
	}
	return nil
}
