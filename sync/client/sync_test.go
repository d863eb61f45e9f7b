package client_test

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/client"
	"crosstalk/sync/wire"
)

// A sent offer shows in the replica at once, SyncNow delivers it, and
// nothing is left waiting.
func TestMutateThenSyncNow(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if e.plainAccept.Load() != 0 || e.gzipped.Load() == 0 {
		t.Errorf("%d requests did not accept gzip; %d answers were gzipped", e.plainAccept.Load(), e.gzipped.Load())
	}
	st := a.c.Status()
	if !st.Online || st.LastSync.IsZero() || st.Pending != 0 || st.Syncing || st.LastError != "" || !st.FromEmpty {
		t.Fatalf("status after the first sync: %+v", st)
	}
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if a.c.Status().FromEmpty {
		t.Error("the second sync is said to fill an empty replica")
	}
	to := recipient(t, a)
	offer, args := e.offerArgs(to)
	pushes := e.pushes.Load()
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	if state, ok := hasOffer(t, a.r, a.id, offer); !ok || state != app.OfferPending {
		t.Fatalf("the offer is not in the replica at once: %v %v", state, ok)
	}
	if got := a.c.Status().Pending; got != 1 {
		t.Errorf("Pending = %d before the sync, want 1", got)
	}
	if _, ok := serverHas(t, e.store, a.id, offer); ok {
		t.Fatal("the server has the offer before any push")
	}
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if e.pushes.Load() != pushes+1 {
		t.Errorf("%d pushes, want 1", e.pushes.Load()-pushes)
	}
	if state, ok := serverHas(t, e.store, a.id, offer); !ok || state != app.OfferPending {
		t.Fatalf("the server does not have the offer: %v %v", state, ok)
	}
	if state, ok := hasOffer(t, a.r, a.id, offer); !ok || state != app.OfferPending {
		t.Fatalf("the offer left the replica: %v %v", state, ok)
	}
	if st := a.c.Status(); st.Pending != 0 || len(st.Rejections) != 0 {
		t.Errorf("status after the sync: %+v", st)
	}
	if n, _ := a.r.Pending(ctx); n != 0 {
		t.Errorf("%d mutations left in the outbox", n)
	}
	// A mutation the replica refuses is not queued: the same offer again.
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); app.CodeOf(err) == "" {
		t.Errorf("a duplicate offer gave %v, want a rejection", err)
	} else if n, _ := a.r.Pending(ctx); n != 0 {
		t.Errorf("a refused mutation was queued")
	}
}

// B's loop receives A's offer through a poke, long before any resync.
func TestPokeDeliversAtOnce(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	b := e.connect(recipient(t, a), options(t)) // ResyncEvery is an hour
	var mu sync.Mutex
	var seen []client.Status
	defer b.c.Subscribe(func(s client.Status) {
		mu.Lock()
		seen = append(seen, s)
		mu.Unlock()
	})()
	b.run(t)
	eventually(t, 10*time.Second, "B's first sync", func() bool { return !b.c.Status().LastSync.IsZero() })
	// B waits in a long-poll; nothing else would wake it for an hour.
	eventually(t, 10*time.Second, "B's long-poll", func() bool { return e.waitingPokes.Load() == 1 && !b.c.Status().Syncing })
	time.Sleep(200 * time.Millisecond) // let the cycles that follow B's first poke answer end
	if e.waitingPokes.Load() != 1 || b.c.Status().Syncing {
		t.Fatal("B is not waiting in a long-poll")
	}

	offer, args := e.offerArgs(b.id)
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	took := eventually(t, 10*time.Second, "the offer in B's replica", func() bool {
		_, ok := hasOffer(t, b.r, b.id, offer)
		return ok
	})
	t.Logf("the offer reached B %v after A's push began", time.Since(start))
	if took > 2*time.Second {
		t.Errorf("the offer took %v to reach B", took)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 || !seen[len(seen)-1].Online || seen[len(seen)-1].LastSync.IsZero() {
		t.Errorf("B's subscriber saw %+v", seen)
	}
}

// The server refuses a queued offer: the user is told why, the queue
// drains, and the optimistic offer goes away.
func TestServerRejection(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	to := recipient(t, a)
	offer, args := e.offerArgs(to)
	id, err := a.c.Mutate(ctx, app.OfferSend, args)
	if err != nil {
		t.Fatal(err)
	}
	// Meanwhile DemoUser, on another device, sends an offer that uses up
	// their last free slot.
	other, otherArgs := e.offerArgs(recipient(t, a, to))
	actor := app.Actor{ParticipantID: demo.DemoUser, CompanyID: e.ds.Participants[0].CompanyID, Role: app.RoleParticipant}
	if err := app.Run(ctx, e.store, app.OfferSend, actor, otherArgs, now); err != nil {
		t.Fatal(err)
	}
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	st := a.c.Status()
	if len(st.Rejections) != 1 || st.Rejections[0].MutationID != id || st.Rejections[0].Code != app.CodeSenderBusy ||
		st.Rejections[0].Name != app.OfferSend {
		t.Fatalf("rejections %+v, want mutation %d refused with %s", st.Rejections, id, app.CodeSenderBusy)
	}
	if st.Pending != 0 {
		t.Errorf("Pending = %d, want 0", st.Pending)
	}
	if _, ok := hasOffer(t, a.r, a.id, offer); ok {
		t.Error("the refused offer is still in the replica")
	}
	if _, ok := hasOffer(t, a.r, a.id, other); !ok {
		t.Error("the offer made on the other device did not arrive")
	}
	if _, ok := serverHas(t, e.store, a.id, offer); ok {
		t.Error("the server has the refused offer")
	}
	if err := a.c.MarkRejectionsSeen(ctx, id); err != nil {
		t.Fatal(err)
	}
	if st := a.c.Status(); len(st.Rejections) != 0 {
		t.Errorf("rejections after marking them seen: %+v", st.Rejections)
	}
}

// The server answers 503 to the first pushes, then recovers: the outbox
// drains by itself, with no new local write to wake the loop.
func TestRetryAfterUnavailable(t *testing.T) {
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
	const failures = 4
	var mu sync.Mutex
	failed := 0
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path != wire.PathPush || failed == failures {
			return false
		}
		failed++
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"code":"unavailable"}`))
		return true
	})
	if err := a.c.SyncNow(ctx); !errors.Is(err, client.ErrServer) {
		t.Fatalf("SyncNow against a 503: %v, want ErrServer", err)
	}
	if st := a.c.Status(); st.Pending != 1 || st.LastError == "" || !st.Online {
		t.Errorf("status after a 503: %+v", st)
	}
	a.run(t)
	eventually(t, 10*time.Second, "the outbox to drain", func() bool { st := a.c.Status(); return st.Pending == 0 && !st.Syncing })
	if _, ok := serverHas(t, e.store, a.id, offer); !ok {
		t.Error("the server does not have the offer")
	}
	mu.Lock()
	defer mu.Unlock()
	if failed != failures {
		t.Errorf("%d pushes failed, want %d", failed, failures)
	}
	if st := a.c.Status(); st.LastError != "" || st.LastSync.IsZero() {
		t.Errorf("status after recovering: %+v", st)
	}
}

// A push the server finds malformed (400, 413) is our bug: it is logged,
// retried with backoff, and never dropped.
func TestBadRequestKeepsTheMutation(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			opts := options(t)
			opts.MinBackoff, opts.MaxBackoff = 50*time.Millisecond, 50*time.Millisecond
			a := e.connect(demo.DemoUser, opts)
			if err := a.c.SyncNow(ctx); err != nil {
				t.Fatal(err)
			}
			_, args := e.offerArgs(recipient(t, a))
			if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
				t.Fatal(err)
			}
			e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path != wire.PathPush {
					return false
				}
				w.WriteHeader(status)
				return true
			})
			a.run(t)
			eventually(t, 5*time.Second, "a failed push", func() bool { return e.pushes.Load() >= 2 })
			pushes := e.pushes.Load()
			time.Sleep(500 * time.Millisecond)
			if n := e.pushes.Load() - pushes; n > 12 {
				t.Errorf("%d pushes in half a second with a 50ms backoff", n)
			}
			st := a.c.Status()
			if st.Pending != 1 || !strings.Contains(st.LastError, "push") || st.AuthFailed {
				t.Errorf("status %+v", st)
			}
			e.setFail(nil)
			eventually(t, 5*time.Second, "the outbox to drain", func() bool { st := a.c.Status(); return st.Pending == 0 && !st.Syncing })
		})
	}
}

// A revoked device stops syncing, says so, and does not hammer the
// server; a new invite code brings it back, with its queued change.
func TestUnauthorized(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t)) // retries after 10–100ms
	a.run(t)
	eventually(t, 10*time.Second, "the first sync", func() bool { return !a.c.Status().LastSync.IsZero() })
	device, _ := a.r.State(ctx, "device_id")
	if err := e.store.RevokeDevice(ctx, device, now); err != nil {
		t.Fatal(err)
	}
	offer, args := e.offerArgs(recipient(t, a))
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "AuthFailed", func() bool { return a.c.Status().AuthFailed })
	before := e.requests.Load()
	time.Sleep(time.Second)
	if n := e.requests.Load() - before; n > 3 {
		t.Errorf("%d requests in a second after the token was refused", n)
	}
	if err := a.c.SyncNow(ctx); !errors.Is(err, client.ErrUnauthorized) {
		t.Errorf("SyncNow with a revoked token: %v", err)
	}
	st := a.c.Status()
	if st.Pending != 1 || !st.AuthFailed {
		t.Errorf("status %+v", st)
	}
	// Connecting again resumes the loop, and the queued offer goes out.
	if err := a.c.Connect(ctx, e.ts.URL, e.invite(demo.DemoUser)); err != nil {
		t.Fatal(err)
	}
	if a.c.Status().AuthFailed {
		t.Error("AuthFailed after Connect")
	}
	eventually(t, 10*time.Second, "the outbox to drain", func() bool { st := a.c.Status(); return st.Pending == 0 && !st.Syncing })
	if _, ok := serverHas(t, e.store, a.id, offer); !ok {
		t.Error("the server does not have the offer")
	}
}

// Run stops when its context ends, leaving no goroutine behind, and can
// run again.
func TestRunStops(t *testing.T) {
	e := newEnv(t)
	a := e.connect(demo.DemoUser, options(t))
	for round := range 2 {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- a.c.Run(ctx) }()
		eventually(t, 10*time.Second, "a sync", func() bool { return !a.c.Status().LastSync.IsZero() })
		eventually(t, 10*time.Second, "a long-poll", func() bool { return e.waitingPokes.Load() == 1 })
		if err := a.c.Run(ctx); !errors.Is(err, client.ErrRunning) {
			t.Errorf("a second Run: %v, want ErrRunning", err)
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("round %d: Run: %v", round, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("round %d: Run did not stop", round)
		}
		eventually(t, 5*time.Second, "the client's goroutines to end", func() bool {
			return !strings.Contains(allStacks(), "crosstalk/sync/client.")
		})
		eventually(t, 5*time.Second, "the long-poll to end", func() bool { return e.waitingPokes.Load() == 0 })
	}
	// Unconnected, Run waits for Connect and still stops.
	u := client.New(newReplica(t), options(t))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- u.Run(ctx) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
	eventually(t, 5*time.Second, "the client's goroutines to end", func() bool {
		return !strings.Contains(allStacks(), "crosstalk/sync/client.")
	})
}

func allStacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}
