package data

import (
	"context"
	"path/filepath"
	"testing"

	"crosstalk/app"
)

// Migration 012 gives every talk made before it no proposal, an empty
// history and Sequence 0, and reads back as it was.
func TestMigration012TalksKeepTheirTime(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v11.db")
	oldFile(t, path, 11,
		`PRAGMA foreign_keys = OFF`,
		`INSERT INTO talks (id, offer_id, cohort_id, a_id, b_id, start_at, end_at, mode, place, state, created_at, updated_at, version)
			VALUES ('k', 'o', 'c', 'a', 'b', 1000, 2000, 'online', '会議室', 'scheduled', 10, 20, 3)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var k app.Talk
	if err := st.Update(ctx, func(tx app.Tx) (err error) {
		k, err = tx.Talk(ctx, "k")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if k.Proposal != nil || k.History != nil || k.Sequence != 0 || k.Place != "会議室" || k.Start.UnixMilli() != 1000 || k.State != app.TalkScheduled {
		t.Errorf("talk after the migration: %+v", k)
	}
}
