package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/replica"
)

// open makes a store filled with d, as a server's file is opened.
func open(t testing.TB, d app.Dataset) *data.Store { return fixture.Open(t, data.Open, d) }

// copyToReplica opens a copy of st as a device's replica, for the queries
// the views ask of the rows st holds.
func copyToReplica(t testing.TB, st *data.Store) *replica.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "replica.db")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	rep, err := replica.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rep.Close() })
	return rep
}
