package serverstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Outcome is what became of one pushed mutation.
type Outcome struct {
	Code        app.Code // "" when applied
	AlreadyDone bool     // processed by an earlier push: Code is the stored answer, or CodeMutationReused
	// Forgotten is set, with AlreadyDone, when the id was processed but
	// its stored result is gone (pruned, or stored before results had a
	// hash): whether it was this mutation cannot be told, and Code is "".
	Forgotten      bool
	LastMutationID int64
}

// ErrRevoked is returned for a mutation of a revoked device.
var ErrRevoked = errors.New("device revoked")

// OutOfOrderError is returned for a mutation id above the device's
// lastMutationID+1: the ids in between have not been processed, so it
// must not run. Nothing was written.
type OutOfOrderError struct {
	ID, Expected int64
}

func (e *OutOfOrderError) Error() string {
	return fmt.Sprintf("mutation %d out of order: expected %d", e.ID, e.Expected)
}

// ErrIDLimit is returned for a mutation id above app.MaxMutationID.
var ErrIDLimit = fmt.Errorf("mutation id above %d", app.MaxMutationID)

// Process runs mutation id of a device exactly once, atomically with the
// device's lastMutationID and the stored result, which keeps the SHA-256
// of the mutation's name and arguments.
//
//   - id = lastMutationID+1 runs. A business rejection consumes the id:
//     the mutation's writes are undone and the rejection is recorded. Any
//     other error undoes everything of the mutation and is returned, so
//     the client retries.
//   - id ≤ lastMutationID is a replay and runs nothing: the same name and
//     arguments (JSON whitespace aside) get the stored result; another
//     mutation under a used id is refused with app.CodeMutationReused. A
//     replay whose result is gone is Forgotten (see PruneResults).
//   - id > lastMutationID+1 gives an *OutOfOrderError, and id above
//     app.MaxMutationID ErrIDLimit; neither writes anything.
//
// Concurrent calls are committed together (group commit): each mutation
// runs inside its own savepoint of one SQLite transaction, so that a
// disk flush serves many devices. A device's own mutations keep their
// order, since a caller waits for each outcome before sending the next.
func (s *Store) Process(ctx context.Context, deviceID string, id int64, name string, args []byte, now time.Time) (Outcome, error) {
	if id > app.MaxMutationID {
		return Outcome{}, fmt.Errorf("process mutation %d of %s: %w", id, deviceID, ErrIDLimit)
	}
	s.commit.once.Do(func() {
		s.commit.start()
		go s.commitLoop()
	})
	req := &processReq{ctx: ctx, deviceID: deviceID, id: id, name: name, args: args, hash: mutationHash(name, args),
		now: now, reply: make(chan processReply, 1)}
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

// mutationHash is the SHA-256 of a mutation's name and arguments, the
// arguments' JSON without its insignificant whitespace: a client that
// sends a mutation again sends the same hash.
func mutationHash(name string, args []byte) []byte {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{0})
	var compact bytes.Buffer
	if json.Compact(&compact, args) == nil {
		args = compact.Bytes()
	}
	h.Write(args)
	return h.Sum(nil)
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
	hash     []byte // mutationHash(name, args)
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
	mailer := s.currentMailer()
	kept := false
	err := s.write(context.Background(), func(tx *writeTx) error {
		tx.mailer = mailer
		defer func() { kept = tx.mailKept }()
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
	if err == nil && kept {
		s.render.nudge()
	}
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
		rp, err := replayOf(ctx, t.tx, r.deviceID, r.id, r.hash)
		if err != nil {
			return out, err
		}
		out.AlreadyDone, out.Forgotten, out.Code = true, rp.Forgotten, rp.Code
		if !rp.Same && !rp.Forgotten {
			out.Code = app.CodeMutationReused
		}
		return out, nil
	}
	if r.id > last+1 {
		return out, &OutOfOrderError{ID: r.id, Expected: last + 1}
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
	if failed == nil && t.mailer != nil && concerns(t.mailer, r.name) {
		// The change's mail event, kept with it for the renderer: a
		// rejected mutation changed nothing and tells no one.
		if err := t.keepMailEvent(ctx, mutationEvent(r.name, p.ID, r.args, r.now)); err != nil {
			return out, err
		}
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE devices SET last_mutation_id = ?, last_seen_at = ? WHERE id = ?`,
		r.id, codec.Millis(r.now), r.deviceID); err != nil {
		return out, err
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO mutation_results (device_id, mutation_id, code, processed_at, args_hash)
		VALUES (?, ?, ?, ?, ?)`, r.deviceID, r.id, out.Code, codec.Millis(r.now), r.hash); err != nil {
		return out, err
	}
	out.LastMutationID = r.id
	return out, nil
}
