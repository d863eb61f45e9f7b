package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// holdLock takes the write lock of the file at path on a connection of
// its own, as another process would, until the returned func is called.
func holdLock(t *testing.T, path string) (release func()) {
	t.Helper()
	other, err := sql.Open("sqlite3", dsn(path, map[string][]string{"_txlock": {"immediate"}}))
	if err != nil {
		t.Fatal(err)
	}
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			tx.Rollback()
			other.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// A write waits for another writer's lock, as SQLite's busy timeout did,
// and goes through once it is let go; a write whose context ends while it
// waits returns at once with the context's error.
func TestWriteWaitsForTheLockUntilCancelled(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	st, err := OpenReplica(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	write := func(ctx context.Context) error {
		return st.Write(ctx, func(tx *Tx) error {
			_, err := tx.SQL().ExecContext(ctx, `INSERT INTO sync_state (key, value) VALUES ('k', 'v')
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
			return err
		})
	}

	release := holdLock(t, path)
	time.AfterFunc(300*time.Millisecond, release)
	began := time.Now()
	if err := write(ctx); err != nil {
		t.Fatalf("a write while another held the lock for 300ms: %v", err)
	}
	if took := time.Since(began); took < 250*time.Millisecond {
		t.Errorf("the write went through in %v, while the lock was held", took)
	}

	holdLock(t, path)
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(100*time.Millisecond, cancel)
	began = time.Now()
	err = write(cctx)
	if took := time.Since(began); took > 500*time.Millisecond {
		t.Errorf("a write cancelled at 100ms returned after %v", took)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("a write cancelled while waiting: %v, want context.Canceled", err)
	}
}
