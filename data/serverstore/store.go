package serverstore

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"

	"crosstalk/app"
	"crosstalk/data"
)

// Store is the server's file: every company, cohort, person, offer and
// talk, the devices and their processed mutations, and the
// administration's rows.
type Store struct {
	*data.Store
	r      *sql.DB   // read-only pool
	commit committer // groups concurrent pushes into one commit (process.go)
	// mailQueued is the mail sender's wake-up (mail_outbox.go).
	mailQueued atomic.Pointer[func(n int)]
	mailer     mailerBox // composes the mails of each change; empty for none (mail_events.go)
	render     renderer  // composes the kept mail events (mail_render.go)
}

var _ app.Store = (*Store)(nil)

// Open opens the server's file at path, creating it if needed, and brings
// its schema up to date (see data.Open).
func Open(ctx context.Context, path string) (*Store, error) {
	st, err := data.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return &Store{Store: st, r: st.DB()}, nil
}

// Close stops the group committer and the mail renderer, and closes the
// file.
func (s *Store) Close() error {
	s.commit.stop()
	s.render.stop()
	return errors.Join(s.Store.Close())
}

// writeTx is a write transaction of the server's store, with its *sql.Tx
// at hand.
type writeTx struct {
	*data.Tx
	tx       *sql.Tx
	mailer   Mailer // composes the mails of what Process applies; nil for none
	mailKept bool   // a mail event was kept: wake the renderer after the commit
}

// write runs fn in one write transaction (see data.Store.Write).
func (s *Store) write(ctx context.Context, fn func(*writeTx) error) error {
	return s.Write(ctx, func(t *data.Tx) error { return fn(wrap(t)) })
}

func wrap(t *data.Tx) *writeTx { return &writeTx{Tx: t, tx: t.SQL()} }
