package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data/replica"
	"crosstalk/data/serverstore"
	"crosstalk/data/serverstore/storetest"
	"crosstalk/sync/client"
	"crosstalk/sync/server"
	"crosstalk/sync/wire"
)

// now is the clock of the server and of every client: Wednesday 25
// November 2026, 10:00 in Tokyo.
var now = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

func clock() time.Time { return now }

// testLogger writes to the test's log, so that it shows only on failure.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// env is a real server over the demo consortium, behind a handler that
// counts requests and can fail them.
type env struct {
	t     *testing.T
	store *serverstore.Store
	srv   *server.Server
	ts    *httptest.Server
	ds    app.Dataset

	// fail, when set, answers a request instead of the server when it
	// returns true.
	mu   sync.Mutex
	fail func(w http.ResponseWriter, r *http.Request) bool

	requests     atomic.Int64 // every request
	pushes       atomic.Int64
	conflicts    atomic.Int64 // pushes answered 409
	waitingPokes atomic.Int64 // pokes with a seq, in flight
	gzipped      atomic.Int64 // answers sent gzip-encoded
	plainAccept  atomic.Int64 // requests that did not accept gzip
}

// joinAll signs a device in for every person of ds (storetest.Join).
func joinAll(t testing.TB, st *serverstore.Store, ds app.Dataset) {
	t.Helper()
	ids := make([]string, len(ds.Participants))
	for i, p := range ds.Participants {
		ids[i] = p.ID
	}
	storetest.Join(t, st, now, ids...)
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWait(t, 3*time.Second)
}

// newEnvWait is newEnv with the server's PokeWait.
func newEnvWait(t *testing.T, pokeWait time.Duration) *env {
	t.Helper()
	ctx := context.Background()
	store, err := serverstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	e := &env{t: t, store: store, ds: demo.Demo(now)}
	if err := store.Import(ctx, e.ds); err != nil {
		t.Fatal(err)
	}
	e.srv = server.New(store, server.Options{Clock: clock, Logger: testLogger(t), PokeWait: pokeWait})
	h := e.srv.Handler()
	e.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.requests.Add(1)
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			e.plainAccept.Add(1)
		}
		if r.URL.Path == wire.PathPush {
			e.pushes.Add(1)
		}
		e.mu.Lock()
		fail := e.fail
		e.mu.Unlock()
		if fail != nil && fail(w, r) {
			return
		}
		if r.URL.Path == wire.PathPoke && r.URL.Query().Has(wire.PokeSeq) {
			e.waitingPokes.Add(1)
			defer e.waitingPokes.Add(-1)
		}
		h.ServeHTTP(encodingSpy{w, e}, r)
	}))
	// Cleanups run last first: waiting pokes are answered, then the
	// listener closes.
	t.Cleanup(e.ts.Close)
	t.Cleanup(e.srv.Close)
	return e
}

// encodingSpy counts the answers sent with gzip.
type encodingSpy struct {
	http.ResponseWriter
	e *env
}

func (s encodingSpy) WriteHeader(code int) {
	if s.Header().Get("Content-Encoding") == "gzip" {
		s.e.gzipped.Add(1)
	}
	if code == http.StatusConflict {
		s.e.conflicts.Add(1)
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s encodingSpy) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (e *env) setFail(f func(w http.ResponseWriter, r *http.Request) bool) {
	e.mu.Lock()
	e.fail = f
	e.mu.Unlock()
}

// invite makes an invite code for participant id.
func (e *env) invite(id string) string {
	e.t.Helper()
	code, err := e.srv.Invite(context.Background(), id, time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	return code
}

// options are the client options of the tests: quick retries, and no
// resync to speak of.
func options(t *testing.T) client.Options {
	return client.Options{
		Clock:       clock,
		Logger:      testLogger(t),
		MinBackoff:  10 * time.Millisecond,
		MaxBackoff:  100 * time.Millisecond,
		PokeWait:    3 * time.Second,
		ResyncEvery: time.Hour,
	}
}

// newReplica opens an empty replica in a temporary directory.
func newReplica(t *testing.T) *replica.Store {
	t.Helper()
	r, err := replica.Open(context.Background(), filepath.Join(t.TempDir(), "replica.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// device is a client with its replica, connected as a participant.
type device struct {
	c  *client.Client
	r  *replica.Store
	id string // the participant
}

// connect returns a client for participant id, connected to e.
func (e *env) connect(id string, opts client.Options) device {
	e.t.Helper()
	r := newReplica(e.t)
	c := client.New(r, opts)
	if err := c.Connect(context.Background(), e.ts.URL, e.invite(id)); err != nil {
		e.t.Fatalf("connect %s: %v", id, err)
	}
	return device{c, r, id}
}

// run runs d's loop until the test ends, and checks that it stops.
func (d device) run(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.c.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not stop")
		}
	})
}

// eventually polls cond every few milliseconds until it holds or the
// deadline passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}

// cohort is the demo's open cohort.
func (e *env) cohort() app.Cohort { return e.ds.Cohorts[0] }

// recipient finds, in what from's replica holds, someone from can send
// an online offer to: another company, visible, taking online talks,
// under the cap of offers received, with no pending offer between them,
// and not in skip.
func recipient(t *testing.T, from device, skip ...string) string {
	t.Helper()
	ctx := context.Background()
	people, err := from.r.SearchDirectory(ctx, app.DirectoryQuery{ViewerID: from.id, Now: now, Mode: app.ModeOnline, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	busy := map[string]bool{}
	for _, box := range []app.Box{app.BoxSent, app.BoxReceived} {
		items, err := from.r.Inbox(ctx, from.id, box, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.State == app.OfferPending {
				busy[it.FromID], busy[it.ToID] = true, true
			}
		}
	}
	for _, p := range people {
		if p.Role == app.RoleParticipant && p.Visible && p.Accepts(app.ModeOnline) && !busy[p.ID] &&
			p.PendingReceived < app.DefaultRules.MaxPendingReceived && !slices.Contains(skip, p.ID) {
			return p.ID
		}
	}
	t.Fatalf("no one for %s to send an offer to among %d people", from.id, len(people))
	return ""
}

// offerArgs are valid arguments of offer.send.v1 to someone, with a slot
// three days ahead.
func (e *env) offerArgs(to string) (string, json.RawMessage) {
	id := uuid.NewString()
	slot := time.Date(now.Year(), now.Month(), now.Day()+3, 14, 0, 0, 0, app.Tokyo)
	if c := e.cohort(); slot.Before(c.Begins()) || !slot.Add(time.Hour).Before(c.Ends()) {
		e.t.Fatalf("slot %v is outside the demo cohort %v–%v", slot, c.Begins(), c.Ends())
	}
	return id, app.Args(app.SendOfferArgs{
		ID: id, CohortID: e.cohort().ID, ToID: to, Message: "はじめまして。キャリアについてお話を伺えますか。",
		Mode: app.ModeOnline, Slots: []time.Time{slot},
	})
}

// hasOffer reports whether st holds offer id, and in which state.
func hasOffer(t *testing.T, st *replica.Store, me, id string) (app.OfferState, bool) {
	t.Helper()
	for _, box := range []app.Box{app.BoxSent, app.BoxReceived} {
		items, err := st.Inbox(context.Background(), me, box, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.ID == id {
				return it.State, true
			}
		}
	}
	return "", false
}

// serverHas reports whether the server's store holds offer id that me
// sent or received, and in which state.
func serverHas(t *testing.T, st *serverstore.Store, me, id string) (app.OfferState, bool) {
	t.Helper()
	var o app.Offer
	err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		o, err = tx.Offer(context.Background(), id)
		return err
	})
	if errors.Is(err, app.ErrNotFound) || (err == nil && o.FromID != me && o.ToID != me) {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return o.State, true
}

// lastMutationID is the server's last processed mutation of d's device.
func (e *env) lastMutationID(t *testing.T, d device) int64 {
	t.Helper()
	id, err := d.r.State(context.Background(), "device_id")
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	if err := e.store.DB().QueryRow(`SELECT last_mutation_id FROM devices WHERE id = ?`, id).Scan(&last); err != nil {
		t.Fatal(err)
	}
	return last
}
