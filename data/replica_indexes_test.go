package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"crosstalk/data"
	"crosstalk/data/replica"
	"crosstalk/data/serverstore"
)

// A replica has none of the indexes that serve only the server's pulls,
// at its first start and at the next; the server keeps them.
func TestReplicaDropsServerIndexes(t *testing.T) {
	ctx := context.Background()
	indexes := func(st *data.Store) string {
		t.Helper()
		var names string
		if err := st.DB().QueryRow(`SELECT coalesce(group_concat(name, ' '), '') FROM (SELECT name FROM sqlite_schema
			WHERE type = 'index' AND name IN ('participants_version', 'cohort_members_cohort_version') ORDER BY name)`).Scan(&names); err != nil {
			t.Fatal(err)
		}
		return names
	}
	dir := t.TempDir()
	for range 2 {
		rep, err := replica.Open(ctx, filepath.Join(dir, "replica.db"))
		if err != nil {
			t.Fatal(err)
		}
		if got := indexes(rep.Store); got != "" {
			t.Errorf("the replica has %q", got)
		}
		rep.Close()
	}
	srv, err := serverstore.Open(ctx, filepath.Join(dir, "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if got := indexes(srv.Store); got != "cohort_members_cohort_version participants_version" {
		t.Errorf("the server has %q", got)
	}
}
