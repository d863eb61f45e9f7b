package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"crosstalk/app"
)

// Tx is one write transaction. It implements app.Tx for the mutators and
// adds what imports and sync need.
type Tx struct {
	tx      *sql.Tx
	version int64 // this transaction's version, taken at its first write
	// directoryChanged is set by writes to the rows the directory index
	// holds, so that the commit invalidates it.
	directoryChanged bool
	// beforeWrite, when set, is called before a mutator writes a row: a
	// replica keeps the undo log of its optimistic mutations with it.
	beforeWrite WriteHook
	// replica is set in a replica's transactions: no pull reads a
	// replica, so the versions that keep pull sources right
	// (MembersWritten, CompaniesChanged) need not be raised there.
	replica bool
}

// WriteHook is called with the table and the key columns' values of a row
// that a mutator is about to write.
type WriteHook func(ctx context.Context, table string, key ...any) error

var _ app.Tx = (*Tx)(nil)

// Version returns the version that every row written in this transaction
// carries, taking it at the first call: versions are bumped inside the
// writing transaction, so they commit, or vanish, with its rows.
func (t *Tx) Version(ctx context.Context) (int64, error) {
	if t.version != 0 {
		return t.version, nil
	}
	err := t.tx.QueryRowContext(ctx,
		`UPDATE meta SET value = value + 1 WHERE key = 'version' RETURNING value`).Scan(&t.version)
	if err != nil {
		return 0, fmt.Errorf("take version: %w", err)
	}
	return t.version, nil
}

// SQL is the transaction's own *sql.Tx, for the statements of the
// server's store and the replica.
func (t *Tx) SQL() *sql.Tx { return t.tx }

// MarkDirectoryChanged records that t wrote rows a directory lists, so
// that the commit raises the store's DirectoryGeneration.
func (t *Tx) MarkDirectoryChanged() { t.directoryChanged = true }

// BeforeWrite sets the function every mutator write of t calls first, with
// the table and key of the row about to be written; nil removes it. While
// it is set, the mutators' writes are tracked: a deletion then leaves no
// tombstone, since a replica's deletions travel as mutations.
func (t *Tx) BeforeWrite(fn WriteHook) { t.beforeWrite = fn }

// tracked reports whether a BeforeWrite function is set.
func (t *Tx) tracked() bool { return t.beforeWrite != nil }

// remember calls the BeforeWrite function, if any, for the row of tbl
// with the given key.
func (t *Tx) remember(ctx context.Context, tbl string, key ...any) error {
	if t.beforeWrite == nil {
		return nil
	}
	return t.beforeWrite(ctx, tbl, key...)
}

// Savepoint runs fn inside a savepoint named name. When fn fails, what it
// wrote is rolled back, and t's version and directory mark are as they
// were before; fn's error is returned as failed. err is set when the
// savepoint itself could not be made, rolled back or released: the
// transaction must then be given up.
func (t *Tx) Savepoint(ctx context.Context, name string, fn func() error) (failed, err error) {
	version, changed := t.version, t.directoryChanged
	if _, err := t.tx.ExecContext(ctx, `SAVEPOINT `+name); err != nil {
		return nil, fmt.Errorf("savepoint %s: %w", name, err)
	}
	// Rolling back and releasing run even when ctx is done.
	after := context.WithoutCancel(ctx)
	if failed = fn(); failed != nil {
		if _, err := t.tx.ExecContext(after, `ROLLBACK TO `+name); err != nil {
			return failed, fmt.Errorf("roll back to %s: %w", name, err)
		}
		t.version, t.directoryChanged = version, changed
	}
	if _, err := t.tx.ExecContext(after, `RELEASE `+name); err != nil {
		return failed, fmt.Errorf("release %s: %w", name, err)
	}
	return failed, nil
}

// Exec runs a write statement in which :v stands for this transaction's
// version. The version is an integer this package made, written into the
// text: SQLite would number a named parameter among the positional ones.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if strings.Contains(query, ":v") {
		v, err := t.Version(ctx)
		if err != nil {
			return nil, err
		}
		query = strings.ReplaceAll(query, ":v", strconv.FormatInt(v, 10))
	}
	return t.tx.ExecContext(ctx, query, args...)
}
