package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data"
	"crosstalk/sync/wire"
)

// A push's answers are lost, and the server later prunes the results of
// the first batch's ids but not of the second's: the 409s name the first
// batch's ids forgotten and the last round names none. Every one of them
// was made before the server processed it, so none runs again (the cut-off
// of an earlier round counts, not only the last round's).
func TestPushConflictForgottenInAnEarlierRound(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	target := recipient(t, a)
	const n = wire.MaxPushBatch + 10
	for i := 1; i <= n; i++ {
		if _, err := a.c.Mutate(ctx, app.BookmarkSet, app.Args(app.SetBookmarkArgs{ParticipantID: target, On: i%2 == 1})); err != nil {
			t.Fatal(err)
		}
	}
	h := e.srv.Handler()
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != wire.PathPush {
			return false
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code == http.StatusOK {
			w.WriteHeader(http.StatusBadGateway)
			return true
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
		return true
	})
	for i := 0; i < 4 && e.lastMutationID(t, a) < n; i++ {
		a.c.SyncNow(ctx) // fails: every answer is lost
	}
	e.setFail(nil)
	if last := e.lastMutationID(t, a); last != n {
		t.Fatalf("the server processed up to %d of %d", last, n)
	}
	// ids above 100 processed later (server clock), so a prune splits the range.
	if err := e.store.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`UPDATE mutation_results SET processed_at = processed_at + 7200000 WHERE mutation_id > ?`, wire.MaxPushBatch)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if k, err := e.store.PruneResults(ctx, now.Add(time.Hour)); err != nil || k == 0 {
		t.Fatalf("pruned %d: %v", k, err)
	}
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if last := e.lastMutationID(t, a); last != n {
		t.Errorf("the server's last mutation: %d, want %d (forgotten ids ran again)", last, n)
	}
}
