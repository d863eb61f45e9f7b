package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"

	"crosstalk/app"
)

// Store is one SQLite file, opened with one writer connection and a pool
// of readers. WAL mode lets the readers run while the writer commits.
type Store struct {
	path string
	w    *sql.DB // one connection: SQLite has one writer at a time
	r    *sql.DB // read-only pool
	// replica is set for a client's file, which holds what the server
	// sent plus the device's own pending mutations.
	replica bool
	// directory is bumped by every commit that changed the rows a
	// replica's directory index holds (Tx.MarkDirectoryChanged).
	directory atomic.Int64
}

var _ app.Store = (*Store)(nil)

// Open opens the SQLite file at path, creating it if needed, and brings
// its schema and its search texts up to date. It is the server's kind of
// file, with foreign keys enforced; serverstore.Open serves it.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, false)
}

// OpenReplica opens a client's local file; replica.Open serves it.
// Foreign keys are not enforced there: a replica receives rows bucket by
// bucket and page by page, and may hold an offer before the profile it
// names has arrived. Its readers keep a smaller page cache.
func OpenReplica(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, true)
}

func open(ctx context.Context, path string, replica bool) (*Store, error) {
	fk := "on"
	if replica {
		fk = "off"
	}
	w, err := sql.Open("sqlite3", dsn(path, url.Values{
		"_txlock":       {"immediate"}, // take the write lock at BEGIN: no upgrade deadlocks
		"_foreign_keys": {fk},
		// SQLite's own wait for another writer cannot be stopped: it
		// waits a step at a time, and begin waits the rest, watching its
		// context.
		"_busy_timeout": {strconv.Itoa(int(busyStep / time.Millisecond))},
	}))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := migrate(ctx, w, path); err != nil {
		w.Close()
		if cerr := ctx.Err(); cerr != nil {
			// SQLite says "interrupted": say why, so that a caller
			// that stopped it knows its own cancellation.
			return nil, fmt.Errorf("migrate %s: %w: %w", path, cerr, err)
		}
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	if err := refoldSearchTexts(ctx, w, replica); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read := url.Values{"_query_only": {"true"}, "_foreign_keys": {fk}}
	if replica {
		// A desktop's readers answer one person's small queries: a page
		// cache of 2 MB each keeps the app's memory down (10 MB less
		// resident after the start) at no cost measured to the
		// directory's search.
		read.Set("_cache_size", "-2000")
	}
	r, err := sql.Open("sqlite3", dsn(path, read))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	n := max(4, runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &Store{path: path, w: w, r: r, replica: replica}, nil
}

// dsn is the connection string for path with the pragmas every connection
// needs, plus extra.
func dsn(path string, extra url.Values) string {
	q := url.Values{
		"_journal_mode":    {"WAL"},
		"_synchronous":     {"FULL"}, // an acknowledged change survives power loss
		"_foreign_keys":    {"on"},
		"_busy_timeout":    {"5000"},
		"_cache_size":      {"-16000"}, // 16 MB
		"_stmt_cache_size": {"128"},    // reuse prepared statements: the same queries run again and again
	}
	for k, v := range extra {
		q[k] = v
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path is the file the store was opened on.
func (s *Store) Path() string { return s.path }

// DB is the pool of read-only connections, for the queries of the
// server's store and of the replica.
func (s *Store) DB() *sql.DB { return s.r }

// DirectoryGeneration is a number that every commit which changed the
// participants, companies or memberships a directory lists raises.
func (s *Store) DirectoryGeneration() int64 { return s.directory.Load() }

// Close closes both pools.
func (s *Store) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// Update runs fn in one write transaction: committed when fn returns nil,
// rolled back when it returns an error or panics.
func (s *Store) Update(ctx context.Context, fn func(app.Tx) error) error {
	return s.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

// Write is Update with the store's own transaction type, for callers in
// this module that write more than the mutators do (imports, the sync
// outbox and cursors).
func (s *Store) Write(ctx context.Context, fn func(*Tx) error) (err error) {
	stx, err := begin(ctx, s.w)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: stx, replica: s.replica}
	defer func() {
		if p := recover(); p != nil {
			stx.Rollback()
			panic(p)
		}
		if err != nil {
			stx.Rollback()
			return
		}
		if cerr := stx.Commit(); cerr != nil {
			err = fmt.Errorf("commit: %w", cerr)
			return
		}
		if tx.directoryChanged {
			s.directory.Add(1)
		}
	}()
	return fn(tx)
}

// How long a write waits for another writer (another process, or a
// connection of its own such as a backup tool's) to let go of the file's
// lock: busyTimeout in all, in steps of busyStep during which SQLite
// waits by itself and the caller's context is not looked at.
const (
	busyTimeout = 5 * time.Second
	busyStep    = 20 * time.Millisecond
)

// begin starts a write transaction on db (whose connections take the
// write lock at BEGIN, with a busy timeout of busyStep). While another
// writer holds the lock, it tries again until busyTimeout has passed, and
// returns as soon as ctx ends, with ctx's error: a sync cancelled while
// the file is busy does not wait out the timeout.
func begin(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	deadline := time.Now().Add(busyTimeout)
	for {
		tx, err := db.BeginTx(ctx, nil)
		if err == nil || !IsBusy(err) {
			return tx, err
		}
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("%w: %w", cerr, err)
		}
		if time.Now().After(deadline) {
			return nil, err
		}
	}
}

// IsBusy reports whether err is SQLite's "database is locked": a
// moment's contention, worth trying again.
func IsBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrBusy
}

// Backup writes a consistent copy of the database to path with VACUUM
// INTO. Readers go on meanwhile; writers wait for it.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := s.w.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}
