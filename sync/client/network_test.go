package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/client"
	"crosstalk/sync/wire"
)

// hangUp drops the connection without an answer, as a network failure
// does.
func hangUp(w http.ResponseWriter, r *http.Request) bool {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
	return true
}

// While the network is down the client says it is offline and keeps the
// change; when the network returns, the loop delivers it by itself and
// long-polls again.
func TestNetworkReturns(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	a.run(t)
	eventually(t, 10*time.Second, "a sync", func() bool { return !a.c.Status().LastSync.IsZero() })
	eventually(t, 10*time.Second, "a long-poll", func() bool { return e.waitingPokes.Load() == 1 })

	e.setFail(hangUp)
	e.srv.Notify() // the waiting poke answers, and the next one fails
	eventually(t, 10*time.Second, "offline", func() bool { return !a.c.Status().Online })
	offer, args := e.offerArgs(recipient(t, a))
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	if err := a.c.SyncNow(ctx); !errors.Is(err, client.ErrUnreachable) {
		t.Errorf("SyncNow while the network is down: %v, want ErrUnreachable", err)
	}
	if st := a.c.Status(); st.Online || st.Pending != 1 || st.LastError == "" {
		t.Errorf("status while down: %+v", st)
	}

	e.setFail(nil)
	eventually(t, 10*time.Second, "the outbox to drain", func() bool { st := a.c.Status(); return st.Pending == 0 && !st.Syncing })
	if _, ok := serverHas(t, e.store, a.id, offer); !ok {
		t.Error("the server does not have the offer")
	}
	if st := a.c.Status(); !st.Online || st.LastError != "" {
		t.Errorf("status after the network returned: %+v", st)
	}
	eventually(t, 10*time.Second, "a long-poll again", func() bool { return e.waitingPokes.Load() == 1 })
}

// More mutations than one push may carry go out in several pushes.
func TestPushInBatches(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	target := recipient(t, a)
	const n = 2*wire.MaxPushBatch + 7
	for i := range n {
		args := app.Args(app.SetBookmarkArgs{ParticipantID: target, On: i%2 == 0})
		if _, err := a.c.Mutate(ctx, app.BookmarkSet, args); err != nil {
			t.Fatal(err)
		}
	}
	pushes := e.pushes.Load()
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.pushes.Load() - pushes; got != 3 {
		t.Errorf("%d mutations in %d pushes, want 3", n, got)
	}
	if st := a.c.Status(); st.Pending != 0 || len(st.Rejections) != 0 {
		t.Errorf("status %+v", st)
	}
	synced, err := a.r.DumpSynced(ctx)
	if err != nil {
		t.Fatal(err)
	}
	replica := synced
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _ := a.r.DumpSynced(ctx); again != replica {
		t.Error("a second sync changed the replica")
	}
}

// Run started before the first Connect waits for it, then syncs.
func TestRunBeforeConnect(t *testing.T) {
	e := newEnv(t)
	d := device{r: newReplica(t), id: demo.DemoUser}
	d.c = client.New(d.r, options(t))
	d.run(t)
	time.Sleep(50 * time.Millisecond)
	if n := e.requests.Load(); n != 0 {
		t.Fatalf("%d requests before Connect", n)
	}
	if err := d.c.Connect(context.Background(), e.ts.URL, e.invite(demo.DemoUser)); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "a sync", func() bool { return !d.c.Status().LastSync.IsZero() })
	items, err := d.r.Inbox(context.Background(), d.id, app.BoxNeedsMyAnswer, now)
	if err != nil || len(items) == 0 {
		t.Errorf("inbox after the first sync: %d items, %v", len(items), err)
	}
}

// A SyncNow that fails while the loop is idle hands the retrying over to
// the loop: when the network returns, the change goes out without waiting
// for a poke or a resync.
func TestSyncNowFailureWhileIdle(t *testing.T) {
	e := newEnvWait(t, time.Minute) // a long-poll that would hide the stall
	ctx := context.Background()
	opts := options(t)
	opts.PokeWait = time.Minute
	a := e.connect(demo.DemoUser, opts)
	a.run(t)
	eventually(t, 10*time.Second, "a sync", func() bool { return !a.c.Status().LastSync.IsZero() })
	eventually(t, 10*time.Second, "a long-poll", func() bool { return e.waitingPokes.Load() == 1 && !a.c.Status().Syncing })
	time.Sleep(200 * time.Millisecond)

	e.setFail(hangUp)
	// Queued behind the client's back, so that nothing wakes the loop.
	actor, err := a.c.Actor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	offer, args := e.offerArgs(recipient(t, a))
	if _, err := a.r.Enqueue(ctx, app.OfferSend, actor, args, now); err != nil {
		t.Fatal(err)
	}
	if err := a.c.SyncNow(ctx); !errors.Is(err, client.ErrUnreachable) {
		t.Fatalf("SyncNow while the network is down: %v", err)
	}
	e.setFail(nil)
	took := eventually(t, 10*time.Second, "the outbox to drain", func() bool {
		st := a.c.Status()
		return st.Pending == 0 && !st.Syncing
	})
	if took > 2*time.Second {
		t.Errorf("the change went out %v after the network returned", took)
	}
	if _, ok := serverHas(t, e.store, a.id, offer); !ok {
		t.Error("the server does not have the offer")
	}
}

// A server that is away for long is still seen again soon after it
// returns: while it cannot be reached, the loop's retries wait at most
// OfflineRetry, however long the backoff for a failing server has grown.
func TestServerReturnsAfterLongOutage(t *testing.T) {
	e := newEnv(t)
	opts := options(t)
	// Backing off by doubling from 10 ms, the 25th retry would wait up
	// to days: only the cap lets the outage below end in time.
	opts.MaxBackoff, opts.OfflineRetry = 1000*time.Hour, 50*time.Millisecond
	a := e.connect(demo.DemoUser, opts)
	a.run(t)
	eventually(t, 10*time.Second, "a sync", func() bool { return !a.c.Status().LastSync.IsZero() })

	e.setFail(hangUp)
	e.srv.Notify()
	eventually(t, 10*time.Second, "offline", func() bool { return !a.c.Status().Online })
	down := e.requests.Load()
	eventually(t, 20*time.Second, "25 retries while down", func() bool { return e.requests.Load()-down >= 25 })

	e.setFail(nil)
	eventually(t, 10*time.Second, "online again", func() bool { st := a.c.Status(); return st.Online && st.LastError == "" })
}
