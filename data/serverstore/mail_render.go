package serverstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"crosstalk/data"
	"crosstalk/data/internal/codec"
)

// The renderer composes the events kept in mail_events (mail_events.go)
// and queues their mails. It runs in a goroutine of its own, woken after
// a commit that kept an event (and then composing renderDelay later what
// has been kept by then), and whenever ComposeMail is called (by the
// sweep, and by tests that want the mails at once). One composition runs
// at a time.

// renderBatch is how many events one composition reads at most.
const renderBatch = 256

// renderDelay is how long the renderer waits, once woken, for more
// events: its own write transaction competes with the commits of pushes
// for the file's one writer and a disk flush, so it gathers the events of
// many commits into one (woken after every commit, it halved the pushes'
// throughput: BenchmarkProcessMail/every).
const renderDelay = 200 * time.Millisecond

// renderer is the Store's composition of kept events.
type renderer struct {
	once     sync.Once // starts it
	stopOnce sync.Once
	mu       sync.Mutex    // one composition at a time
	wake     chan struct{} // a commit kept events
	quit     chan struct{} // closed by Close
	done     chan struct{} // closed when the goroutine has ended
	lastErr  atomic.Pointer[error]
}

// start starts the renderer's goroutine, once.
func (r *renderer) start(s *Store) {
	r.once.Do(func() {
		r.wake = make(chan struct{}, 1)
		r.quit = make(chan struct{})
		r.done = make(chan struct{})
		go func() {
			defer close(r.done)
			for {
				select {
				case <-r.quit:
					return
				case <-r.wake:
				}
				select {
				case <-r.quit:
					return
				case <-time.After(renderDelay):
				}
				if _, err := s.ComposeMail(context.Background()); err != nil {
					r.lastErr.Store(&err)
				}
			}
		}()
	})
}

// nudge wakes the renderer, if it runs.
func (r *renderer) nudge() {
	if r.wake == nil {
		return
	}
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// stop ends the renderer's goroutine, if it ever started, and waits for
// it.
func (r *renderer) stop() {
	r.once.Do(func() {}) // none starts after this
	r.stopOnce.Do(func() {
		if r.quit != nil {
			close(r.quit)
			<-r.done
		}
	})
}

// takeErr returns, and forgets, the last error of the renderer's
// goroutine.
func (r *renderer) takeErr() error {
	if p := r.lastErr.Swap(nil); p != nil {
		return *p
	}
	return nil
}

// ComposeMail composes every event kept so far and queues its mails, and
// reports how many mails it queued. Without a Mailer it does nothing. An
// event the Mailer fails on is dropped, so that it does not hold up the
// others, and the error returned.
func (s *Store) ComposeMail(ctx context.Context) (int, error) {
	m := s.currentMailer()
	if m == nil {
		return 0, nil
	}
	s.render.mu.Lock()
	defer s.render.mu.Unlock()
	total := 0
	var errs []error
	for {
		n, more, err := s.composeBatch(ctx, m, &errs)
		total += n
		if err != nil {
			return total, errors.Join(append(errs, err)...)
		}
		if !more {
			return total, errors.Join(errs...)
		}
	}
}

// composedEvent is what one kept event came to.
type composedEvent struct {
	id      int64
	at      time.Time // the event's time: its mails are due from it
	mails   []OutgoingMail
	digests []digestRow
}

// composeBatch composes up to renderBatch events from a read snapshot,
// then, in one short write transaction, deletes them and queues their
// mails and digest rows. more reports whether there may be more events.
func (s *Store) composeBatch(ctx context.Context, m Mailer, errs *[]error) (queued int, more bool, err error) {
	rtx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, false, fmt.Errorf("compose mail: %w", err)
	}
	defer rtx.Rollback()
	rows, err := rtx.QueryContext(ctx, `SELECT id, event FROM mail_events ORDER BY id LIMIT ?`, renderBatch)
	if err != nil {
		return 0, false, fmt.Errorf("compose mail: %w", err)
	}
	type kept struct {
		id    int64
		event []byte
	}
	var evs []kept
	for rows.Next() {
		var k kept
		if err := rows.Scan(&k.id, &k.event); err != nil {
			rows.Close()
			return 0, false, fmt.Errorf("compose mail: %w", err)
		}
		evs = append(evs, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("compose mail: %w", err)
	}
	if len(evs) == 0 {
		return 0, false, nil
	}
	out := make([]composedEvent, 0, len(evs))
	more = len(evs) == renderBatch
	for _, k := range evs {
		var ev MailEvent
		c := composedEvent{id: k.id}
		if err := json.Unmarshal(k.event, &ev); err != nil {
			*errs = append(*errs, fmt.Errorf("mail event %d: %w", k.id, err))
			out = append(out, c)
			continue
		}
		q := &snapshotReader{tx: rtx, now: ev.At}
		mails, err := m.Mails(ctx, q, ev)
		if err != nil && (data.IsBusy(err) || ctx.Err() != nil) {
			// A moment's contention, or the server stopping: this event
			// and those after it stay kept, for the next round.
			*errs = append(*errs, fmt.Errorf("mails of %s (event %d), tried again later: %w", ev.Kind, k.id, err))
			more = false
			break
		}
		if err != nil {
			*errs = append(*errs, fmt.Errorf("mails of %s (event %d): %w", ev.Kind, k.id, err))
			out = append(out, c) // dropped
			continue
		}
		c.at, c.mails, c.digests = ev.At, mails, q.digests
		out = append(out, c)
	}
	rtx.Rollback()
	if len(out) == 0 {
		return 0, false, nil
	}
	err = s.write(ctx, func(t *writeTx) error {
		queued = 0
		// The events read are those up to the last one: one kept since
		// has a higher id, since these were still there when it was.
		n, err := codec.RowsAffected(t.tx.ExecContext(ctx, `DELETE FROM mail_events WHERE id <= ?`, out[len(out)-1].id))
		if err != nil {
			return fmt.Errorf("compose mail: %w", err)
		}
		if n != int64(len(out)) {
			return fmt.Errorf("compose mail: %d events deleted, %d composed", n, len(out))
		}
		for _, c := range out {
			for _, ml := range c.mails {
				ok, err := queueMail(ctx, t.tx, ml, c.at)
				if err != nil {
					return err
				}
				if ok {
					queued++
				}
			}
			for _, d := range c.digests {
				if _, err := t.tx.ExecContext(ctx, `INSERT INTO mail_digest (participant_id, kind, data, created_at)
					VALUES (?, ?, ?, ?)`, d.participantID, d.kind, d.data, codec.Millis(d.at)); err != nil {
					return fmt.Errorf("digest %s for %s: %w", d.kind, d.participantID, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, false, err
	}
	s.MailQueued(queued)
	return queued, more, nil
}
