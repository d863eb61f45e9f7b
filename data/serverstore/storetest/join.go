// Package storetest helps the tests of the server's store and of what
// runs on it (sync's client, server and end-to-end tests): it is test
// support, as net/http/httptest is, and the app does not import it.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/data"
	"crosstalk/data/serverstore"
)

// Join signs a device in for each of the participants ids at time at, in
// one transaction, as Redeem does for one: a device row, then
// data.Tx.ListingsChanged. Cohort buckets list only the visible
// participants who have joined (migration 009); most tests want a
// consortium whose people all use the app. No one holds the devices'
// tokens.
func Join(t testing.TB, st *serverstore.Store, at time.Time, ids ...string) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, func(tx *data.Tx) error {
		for _, id := range ids {
			if _, err := tx.SQL().ExecContext(ctx, `INSERT INTO devices (id, participant_id, token_hash, created_at)
				VALUES (?, ?, ?, ?)`, uuid.NewString(), id, "joined-"+uuid.NewString(), at.UnixMilli()); err != nil {
				return err
			}
		}
		return tx.ListingsChanged(ctx, ids, at)
	})
	if err != nil {
		t.Fatal(err)
	}
}
