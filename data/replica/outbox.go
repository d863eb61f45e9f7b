package replica

import (
	"context"
	"encoding/json"
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

// nextMutationID takes the device's next mutation id: one above every id
// it has used, whether still queued or confirmed.
func (t *writeTx) nextMutationID(ctx context.Context) (int64, error) {
	var next int64
	err := t.tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT max(id) FROM outbox), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'last_mutation_id'), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'used_mutation_id'), 0)) + 1`).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("next mutation id: %w", err)
	}
	return next, t.setState(ctx, "used_mutation_id", strconv.FormatInt(next, 10))
}

// Outbox lists up to limit queued mutations, oldest first.
func (s *Store) Outbox(ctx context.Context, limit int) ([]OutboxEntry, error) {
	return readOutbox(ctx, s.r, limit)
}

// readOutbox reads up to limit queued mutations (all when limit < 0),
// oldest first, through q: the read pool or a transaction.
func readOutbox(ctx context.Context, q codec.Querier, limit int) ([]OutboxEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, args, actor, client_time FROM outbox ORDER BY id LIMIT ?`, limit)
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
	entries, err := readOutbox(ctx, t.tx, -1)
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
