package client_test

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

// A push's answer is lost after the server processed it, and the pull
// after it never happens; one of its mutations was refused. The next
// sync's push starts below the server's next id, so the server answers
// 409: the client takes what it lists as processed as done (recording
// the refusal), sends none of it again, goes on from the expected id,
// and its outbox drains.
func TestPushConflictAfterALostAnswer(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	target := recipient(t, a)
	to := recipient(t, a, target)
	const n = 2*wire.MaxPushBatch + 7
	const offerAt = wire.MaxPushBatch + 50
	var offerID int64
	for i := 1; i <= n; i++ {
		name, args := app.BookmarkSet, app.Args(app.SetBookmarkArgs{ParticipantID: target, On: i%2 == 1})
		if i == offerAt {
			_, args = e.offerArgs(to)
			name = app.OfferSend
		}
		id, err := a.c.Mutate(ctx, name, args)
		if err != nil {
			t.Fatal(err)
		}
		if i == offerAt {
			offerID = id
		}
	}
	// Meanwhile DemoUser, on another device, uses up their last free
	// offer: the server refuses the queued one.
	_, otherArgs := e.offerArgs(recipient(t, a, target, to))
	actor := app.Actor{ParticipantID: demo.DemoUser, CompanyID: e.ds.Participants[0].CompanyID, Role: app.RoleParticipant}
	if err := app.Run(ctx, e.store, app.OfferSend, actor, otherArgs, now); err != nil {
		t.Fatal(err)
	}
	// The second push (the offer's) is processed, and its answer lost.
	h := e.srv.Handler()
	var pushes atomic.Int64
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != wire.PathPush || pushes.Add(1) != 2 {
			return false
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			t.Errorf("the push whose answer is lost: %d %s", rec.Code, rec.Body)
		}
		w.WriteHeader(http.StatusBadGateway)
		return true
	})
	if err := a.c.SyncNow(ctx); err == nil {
		t.Fatal("SyncNow with a lost answer succeeded")
	}
	if last := e.lastMutationID(t, a); last != 2*wire.MaxPushBatch {
		t.Fatalf("the server's last mutation: %d, want %d", last, 2*wire.MaxPushBatch)
	}
	conflicts := e.conflicts.Load()
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if e.conflicts.Load() == conflicts {
		t.Error("no push was answered 409")
	}
	st := a.c.Status()
	if st.Pending != 0 {
		t.Errorf("Pending = %d, want 0", st.Pending)
	}
	if len(st.Rejections) != 1 || st.Rejections[0].MutationID != offerID || st.Rejections[0].Code != app.CodeSenderBusy {
		t.Errorf("rejections %+v, want mutation %d refused with %s", st.Rejections, offerID, app.CodeSenderBusy)
	}
	// Each ran once: a second run would have had another id.
	if last := e.lastMutationID(t, a); last != n {
		t.Errorf("the server's last mutation: %d, want %d", last, n)
	}
	if id, err := a.c.Mutate(ctx, app.BookmarkSet, app.Args(app.SetBookmarkArgs{ParticipantID: target, On: true})); err != nil || id != n+1 {
		t.Errorf("the next mutation: %d, %v; want %d", id, err, n+1)
	}
}

// Issue 14, item 7: a sync cancelled while another writer holds the
// replica's lock returns at once, instead of waiting out SQLite's busy
// timeout (5 s).
func TestSyncCancelledWhileTheReplicaIsBusy(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.c.Mutate(ctx, app.BookmarkSet, app.Args(app.SetBookmarkArgs{ParticipantID: recipient(t, a), On: true})); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite3", "file:"+a.r.Path()+"?_txlock=immediate&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lock, err := other.Begin() // takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback()
	if _, err := lock.Exec(`UPDATE sync_state SET value = value WHERE key = 'server'`); err != nil {
		t.Fatal(err)
	}

	sctx, cancel := context.WithCancel(ctx)
	timer := time.AfterFunc(100*time.Millisecond, cancel)
	defer timer.Stop()
	began := time.Now()
	err = a.c.SyncNow(sctx)
	took := time.Since(began)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("SyncNow cancelled while the replica is busy: %v, want context.Canceled", err)
	}
	// Generous for a loaded machine, and far below the 5 s busy timeout.
	if took > 500*time.Millisecond {
		t.Errorf("SyncNow took %v after being cancelled at 100ms", took)
	}
	lock.Rollback()
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatalf("SyncNow once the lock is gone: %v", err)
	}
	if st := a.c.Status(); st.Pending != 0 {
		t.Errorf("Pending = %d after the sync", st.Pending)
	}
}

// A push's answer is lost and the device stays away until the server has
// pruned the results: the next push's 409 lists the ids as forgotten,
// processed before a time after the device made them. They are taken as
// done, not run again.
func TestPushConflictWithForgottenResults(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	offer, args := e.offerArgs(recipient(t, a))
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	h := e.srv.Handler()
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != wire.PathPush {
			return false
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		w.WriteHeader(http.StatusBadGateway)
		return true
	})
	if err := a.c.SyncNow(ctx); err == nil {
		t.Fatal("SyncNow with a lost answer succeeded")
	}
	e.setFail(nil)
	if n, err := e.store.PruneResults(ctx, now.Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("pruned %d results, %v", n, err)
	}
	conflicts := e.conflicts.Load()
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if e.conflicts.Load() == conflicts {
		t.Error("no push was answered 409")
	}
	if st := a.c.Status(); st.Pending != 0 || len(st.Rejections) != 0 {
		t.Errorf("status %+v (the offer ran again and was refused as a duplicate?)", st)
	}
	if last := e.lastMutationID(t, a); last != 1 {
		t.Errorf("the server's last mutation: %d, want 1", last)
	}
	if _, ok := hasOffer(t, a.r, a.id, offer); !ok {
		t.Error("the replica lost the offer")
	}
}
