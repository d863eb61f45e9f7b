package replica

import (
	"context"
	"database/sql"
	"fmt"

	"crosstalk/app"
	"crosstalk/data"
)

// Store is a device's local file: what the server sent for the buckets
// the device reads, plus its own mutations not yet confirmed.
type Store struct {
	*data.Store
	r   *sql.DB // read-only pool
	dir dirCache
}

var (
	_ app.Store  = (*Store)(nil)
	_ app.Reader = (*Store)(nil)
)

// dropServerIndexes drops from a replica the indexes that serve only the
// server's pulls (migration 003): a replica never answers a pull, and
// every row it writes would update them. In interleaved runs a first
// sync of 20,031 rows was about 4 % quicker without them. Dropping them
// again is harmless: each start of a replica runs it after the
// migrations, which may have made them.
const dropServerIndexes = `DROP INDEX IF EXISTS participants_version;
	DROP INDEX IF EXISTS cohort_members_cohort_version;
	DROP INDEX IF EXISTS devices_participant_version`

// Open opens the replica file at path, creating it if needed, and brings
// its schema up to date (see data.OpenReplica).
func Open(ctx context.Context, path string) (*Store, error) {
	st, err := data.OpenReplica(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := st.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.SQL().ExecContext(ctx, dropServerIndexes)
		return err
	}); err != nil {
		st.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &Store{Store: st, r: st.DB()}, nil
}

// writeTx is a write transaction of the replica, with its *sql.Tx at
// hand.
type writeTx struct {
	*data.Tx
	tx *sql.Tx
}

// write runs fn in one write transaction (see data.Store.Write).
func (s *Store) write(ctx context.Context, fn func(*writeTx) error) error {
	return s.Write(ctx, func(t *data.Tx) error { return fn(&writeTx{Tx: t, tx: t.SQL()}) })
}
