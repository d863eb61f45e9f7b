package serverstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Outcome is what became of one pushed mutation.
type Outcome struct {
	Code           app.Code // "" when applied
	AlreadyDone    bool     // processed by an earlier push; Code is the stored answer
	LastMutationID int64
}

// ErrRevoked is returned for a mutation of a revoked device.
var ErrRevoked = errors.New("device revoked")

// Process runs mutation id of a device exactly once, atomically with the
// device's lastMutationID and the stored result. An id at or below
// lastMutationID is not run again: its stored result is returned. A
// business rejection consumes the id: the mutation's writes are undone
// and the rejection is recorded. Any other error undoes everything of
// the mutation and is returned, so the client retries.
//
// Concurrent calls are committed together (group commit): each mutation
// runs inside its own savepoint of one SQLite transaction, so that a
// disk flush serves many devices. A device's own mutations keep their
// order, since a caller waits for each outcome before sending the next.
func (s *Store) Process(ctx context.Context, deviceID string, id int64, name string, args []byte, now time.Time) (Outcome, error) {
	s.commit.once.Do(func() {
		s.commit.start()
		go s.commitLoop()
	})
	req := &processReq{ctx: ctx, deviceID: deviceID, id: id, name: name, args: args, now: now, reply: make(chan processReply, 1)}
	select {
	case s.commit.reqs <- req:
	case <-ctx.Done():
		return Outcome{}, ctx.Err()
	case <-s.commit.stopped:
		return Outcome{}, errors.New("process: store closed")
	}
	r := <-req.reply
	if r.err != nil {
		return Outcome{}, fmt.Errorf("process mutation %d of %s: %w", id, deviceID, r.err)
	}
	return r.out, nil
}

// committer batches concurrent Process calls into one transaction.
type committer struct {
	once    sync.Once
	reqs    chan *processReq
	quit    chan struct{} // closed by Close
	stopped chan struct{} // closed when the loop has ended
}

func (c *committer) start() {
	c.reqs = make(chan *processReq)
	c.quit = make(chan struct{})
	c.stopped = make(chan struct{})
}

// stop ends the loop, if it ever started, and waits for it.
func (c *committer) stop() {
	c.once.Do(func() {
		c.start()
		close(c.stopped) // never started: nothing to wait for
	})
	select {
	case <-c.quit:
	default:
		close(c.quit)
	}
	<-c.stopped
}

type processReq struct {
	ctx      context.Context
	deviceID string
	id       int64
	name     string
	args     []byte
	now      time.Time
	reply    chan processReply
}

type processReply struct {
	out Outcome
	err error
}

// maxGroup bounds how many mutations share one commit.
const maxGroup = 128

func (s *Store) commitLoop() {
	defer close(s.commit.stopped)
	for {
		var batch []*processReq
		select {
		case r := <-s.commit.reqs:
			batch = append(batch, r)
		case <-s.commit.quit:
			return
		}
	drain:
		for len(batch) < maxGroup {
			select {
			case r := <-s.commit.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.runGroup(batch)
	}
}

// runGroup processes a batch in one transaction and answers each caller.
func (s *Store) runGroup(batch []*processReq) {
	replies := make([]processReply, len(batch))
	err := s.write(context.Background(), func(tx *writeTx) error {
		for i, r := range batch {
			if err := r.ctx.Err(); err != nil {
				replies[i].err = err
				continue
			}
			var out Outcome
			failed, err := tx.Savepoint(r.ctx, "mutation", func() (err error) {
				out, err = tx.processOne(r)
				return err
			})
			if err != nil {
				return err
			}
			replies[i] = processReply{out, failed}
		}
		return nil
	})
	for i, r := range batch {
		if err != nil && replies[i].err == nil {
			replies[i] = processReply{err: err} // the commit failed: nothing of the group happened
		}
		r.reply <- replies[i]
	}
}

// processOne runs one mutation inside the group's transaction.
func (t *writeTx) processOne(r *processReq) (Outcome, error) {
	ctx := r.ctx
	var out Outcome
	var last int64
	var pid string
	var revoked sql.NullInt64
	err := t.tx.QueryRowContext(ctx, `SELECT last_mutation_id, participant_id, revoked_at FROM devices WHERE id = ?`,
		r.deviceID).Scan(&last, &pid, &revoked)
	if err != nil {
		return out, codec.NotFound(err, "device "+r.deviceID)
	}
	if revoked.Valid {
		return out, ErrRevoked
	}
	out.LastMutationID = last
	if r.id <= last {
		out.AlreadyDone = true
		err := t.tx.QueryRowContext(ctx, `SELECT code FROM mutation_results WHERE device_id = ? AND mutation_id = ?`,
			r.deviceID, r.id).Scan(&out.Code)
		if errors.Is(err, sql.ErrNoRows) {
			return out, nil // its result was pruned: it was processed, and that is all the client needs
		}
		return out, err
	}
	p, err := codec.Participant(ctx, t.tx, pid)
	if err != nil {
		return out, err
	}
	actor := app.Actor{ParticipantID: p.ID, CompanyID: p.CompanyID, Role: p.Role}
	failed, err := t.Savepoint(ctx, "apply", func() error { return app.Apply(ctx, t, r.name, actor, r.args, r.now) })
	if err != nil {
		return out, err
	}
	if failed != nil && !app.IsRejection(failed) {
		return out, failed // the caller rolls back the whole mutation
	}
	out.Code = app.CodeOf(failed)
	if _, err := t.tx.ExecContext(ctx, `UPDATE devices SET last_mutation_id = ?, last_seen_at = ? WHERE id = ?`,
		r.id, codec.Millis(r.now), r.deviceID); err != nil {
		return out, err
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO mutation_results (device_id, mutation_id, code, processed_at)
		VALUES (?, ?, ?, ?)`, r.deviceID, r.id, out.Code, codec.Millis(r.now)); err != nil {
		return out, err
	}
	out.LastMutationID = r.id
	return out, nil
}
