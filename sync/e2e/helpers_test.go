package e2e

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
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
)

// start is the server's clock when a test begins: Wednesday 25 November
// 2026, 10:00 in Tokyo.
var start = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

// fakeClock is a clock the test sets.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// offset is a device clock that runs d ahead of c (behind when d < 0).
func (c *fakeClock) offset(d time.Duration) func() time.Time {
	return func() time.Time { return c.Now().Add(d) }
}

// pid is the participant id of a person added to the demo consortium,
// such as "x1".
func pid(name string) string { return testID("participant", name) }

func testID(kind, name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte("e2e/"+kind+"/"+name)).String()
}

// otherCohort is a second cohort, whose only member is x3.
var otherCohort = testID("cohort", "other")

// dataset is the demo consortium as of start, plus companies X and Y with
// three participants each (x1–x3, y1–y3) in the demo cohort, visible,
// taking every mode and with no offers yet; x3 is also the only member of
// otherCohort. The demo's own message threads are left out: the
// threads' tests start every thread themselves, and count every row of
// them that anyone holds.
func dataset() app.Dataset {
	ds := demo.Demo(start)
	ds.Messages, ds.MessageReads = nil, nil
	cohort := ds.Cohorts[0].ID
	other := ds.Cohorts[0]
	other.ID, other.Name = otherCohort, "別の期"
	ds.Cohorts = append(ds.Cohorts, other)
	for _, c := range []string{"X", "Y"} {
		ds.Companies = append(ds.Companies, app.Company{ID: testID("company", c), Name: "株式会社" + c, Industry: "製造"})
	}
	for _, name := range []string{"x1", "x2", "x3", "y1", "y2", "y3"} {
		cohorts := []string{cohort}
		if name == "x3" {
			cohorts = append(cohorts, otherCohort)
		}
		ds.Participants = append(ds.Participants, app.Participant{
			ID: pid(name), CompanyID: testID("company", strings.ToUpper(name[:1])), Name: "試験 " + name,
			Kana: "シケン", AgeBand: "55-59", JobRole: "部長", Themes: []string{"学び直し"},
			Intro: "よろしくお願いします。", Modes: app.Modes, Visible: true, Role: app.RoleParticipant, Cohorts: cohorts,
		})
	}
	return ds
}

// env is a real server over a real store on a temporary file, behind
// httptest on loopback.
type env struct {
	t     testing.TB
	ds    app.Dataset
	store *serverstore.Store
	srv   *server.Server
	ts    *httptest.Server
	clock *fakeClock

	mu     sync.Mutex
	served map[string]int   // requests that reached the server, by path
	ids    map[string]int64 // the last mutation id pushed with each token (call)
	db     *sql.DB          // a reader of the server's file, for checks
}

// newEnv starts a server over ds, as of start, where every person of ds
// has joined (signed in on a device once; see joinAll).
func newEnv(t testing.TB, ds app.Dataset) *env {
	t.Helper()
	e := newBareEnv(t, ds)
	joinAll(t, e.store, ds)
	return e
}

// joinAll signs a device in for every person of ds (storetest.Join).
func joinAll(t testing.TB, st *serverstore.Store, ds app.Dataset) {
	t.Helper()
	ids := make([]string, len(ds.Participants))
	for i, p := range ds.Participants {
		ids[i] = p.ID
	}
	storetest.Join(t, st, start, ids...)
}

// newBareEnv is newEnv where no one has joined yet.
func newBareEnv(t testing.TB, ds app.Dataset) *env {
	t.Helper()
	return newEnvOn(t, filepath.Join(t.TempDir(), "server.db"), ds, true)
}

// restored starts a second server on a copy of e's file, as a restore
// does: with a new epoch.
func (e *env) restored(copyPath string) *env {
	e.t.Helper()
	r := newEnvOn(e.t, copyPath, e.ds, false)
	if err := r.store.NewEpoch(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	return r
}

// newEnvOn starts a server on the file at path, importing ds into it
// first when fill is set.
func newEnvOn(t testing.TB, path string, ds app.Dataset, fill bool) *env {
	t.Helper()
	ctx := context.Background()
	st, err := serverstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if fill {
		if err := st.Import(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	e := &env{t: t, ds: ds, store: st, clock: &fakeClock{t: start}, served: map[string]int{}}
	e.srv = server.New(st, server.Options{Clock: e.clock.Now, Logger: serverLogger(t), PokeWait: 2 * time.Second})
	h := e.srv.Handler()
	e.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.served[r.URL.Path]++
		e.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	// Cleanups run last first: waiting pokes answer, then the listener
	// closes once every request has ended.
	t.Cleanup(e.ts.Close)
	t.Cleanup(e.srv.Close)
	e.db, err = sql.Open("sqlite3", "file:"+path+"?_query_only=true&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.db.Close() })
	return e
}

// serverLogger shows the server's warnings and errors in the test's log.
func serverLogger(t testing.TB) *slog.Logger {
	if _, ok := t.(*testing.B); ok {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// requests counts the requests to path that reached the server.
func (e *env) requests(path string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.served[path]
}

// invite makes an invite code for participant id.
func (e *env) invite(id string) string {
	e.t.Helper()
	code, err := e.srv.Invite(context.Background(), id, 24*time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	return code
}

// device is a client with its replica, acting as one participant.
type device struct {
	t    testing.TB
	who  string // the participant
	path string // the replica's file
	r    *replica.Store
	c    *client.Client
	net  *faultNet
	dead bool // the replica was closed by kill
}

// options are the client options of the tests: the clock given, quick
// retries, and no resync to speak of.
func options(clock func() time.Time, net *faultNet) client.Options {
	return client.Options{
		Clock:       clock,
		HTTPClient:  &http.Client{Transport: net},
		MinBackoff:  5 * time.Millisecond,
		MaxBackoff:  50 * time.Millisecond,
		PokeWait:    2 * time.Second,
		ResyncEvery: time.Hour,
	}
}

// connect returns a device for participant who with a fresh replica and
// a fault-free network, connected to the server but not yet synced.
func (e *env) connect(who string, clock func() time.Time) *device {
	e.t.Helper()
	d := e.open(filepath.Join(e.t.TempDir(), "replica.db"), who, clock)
	if err := d.c.Connect(context.Background(), e.ts.URL, e.invite(who)); err != nil {
		e.t.Fatalf("connect %s: %v", who, err)
	}
	return d
}

// open opens the replica at path and a client for it, with a fault-free
// network.
func (e *env) open(path, who string, clock func() time.Time) *device {
	e.t.Helper()
	r, err := replica.Open(context.Background(), path)
	if err != nil {
		e.t.Fatal(err)
	}
	d := &device{t: e.t, who: who, path: path, r: r, net: newFaultNet()}
	e.t.Cleanup(func() {
		if !d.dead {
			r.Close()
		}
	})
	d.c = client.New(r, options(clock, d.net))
	return d
}

// kill closes the replica's file and nothing else, as when the app dies.
func (d *device) kill() {
	d.t.Helper()
	d.dead = true
	if err := d.r.Close(); err != nil {
		d.t.Fatal(err)
	}
}

// run runs the device's sync loop until the returned stop is called or
// the test ends.
func (d *device) run() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.c.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					d.t.Errorf("Run of %s: %v", d.who, err)
				}
			case <-time.After(10 * time.Second):
				d.t.Errorf("Run of %s did not stop", d.who)
			}
		})
	}
	d.t.Cleanup(stop)
	return stop
}

// sync runs one cycle, failing the test on error.
func (d *device) sync() {
	d.t.Helper()
	if err := d.c.SyncNow(context.Background()); err != nil {
		d.t.Fatalf("sync of %s: %v", d.who, err)
	}
}

// deviceID is the id the server gave the device.
func (d *device) deviceID() string {
	d.t.Helper()
	id, err := d.r.State(context.Background(), "device_id")
	if err != nil || id == "" {
		d.t.Fatalf("device id of %s: %q, %v", d.who, id, err)
	}
	return id
}

// offer finds offer id in st, which me sent or received.
func offer(t testing.TB, st *replica.Store, me, id string) (app.Offer, bool) {
	t.Helper()
	for _, box := range []app.Box{app.BoxSent, app.BoxReceived} {
		items, err := st.Inbox(context.Background(), me, box, start)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.ID == id {
				return it.Offer, true
			}
		}
	}
	return app.Offer{}, false
}

// serverOffer finds offer id in the server's store, which me sent or
// received.
func serverOffer(t testing.TB, st *serverstore.Store, me, id string) (app.Offer, bool) {
	t.Helper()
	var o app.Offer
	err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		o, err = tx.Offer(context.Background(), id)
		return err
	})
	if errors.Is(err, app.ErrNotFound) || (err == nil && o.FromID != me && o.ToID != me) {
		return app.Offer{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return o, true
}

// eventually polls cond every few milliseconds until it holds, failing
// the test when within has passed.
func eventually(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// drained reports whether d's outbox is empty and it is not syncing.
// It reads the outbox from the replica: a client that has just started
// may not have counted it yet.
func drained(d *device) func() bool {
	return func() bool {
		n, err := d.r.Pending(context.Background())
		if err != nil {
			d.t.Fatal(err)
		}
		st := d.c.Status()
		return n == 0 && st.Pending == 0 && !st.Syncing
	}
}

// slot is a start time days after start at hour o'clock, Tokyo.
func slot(days, hour int) time.Time {
	d := start.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, app.Tokyo)
}

// sendArgs are the arguments of an online offer.send.v1 in the demo
// cohort to participant to, with a new offer id, proposing the given
// slots (one ten days ahead when none).
func (e *env) sendArgs(to string, slots ...time.Time) (string, json.RawMessage) {
	if len(slots) == 0 {
		slots = []time.Time{slot(10, 14)}
	}
	id := uuid.NewString()
	return id, app.Args(app.SendOfferArgs{
		ID: id, CohortID: e.ds.Cohorts[0].ID, ToID: to, Message: "はじめまして。お話を伺えますと幸いです。",
		Mode: app.ModeOnline, Slots: slots,
	})
}

// processed is what the server recorded of a device's mutations: its
// last mutation id and the code of each result ("" when applied).
func (e *env) processed(deviceID string) (last int64, results map[int64]app.Code) {
	e.t.Helper()
	if err := e.db.QueryRow(`SELECT last_mutation_id FROM devices WHERE id = ?`, deviceID).Scan(&last); err != nil {
		e.t.Fatal(err)
	}
	rows, err := e.db.Query(`SELECT mutation_id, code FROM mutation_results WHERE device_id = ?`, deviceID)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	results = map[int64]app.Code{}
	for rows.Next() {
		var id int64
		var code app.Code
		if err := rows.Scan(&id, &code); err != nil {
			e.t.Fatal(err)
		}
		results[id] = code
	}
	if err := rows.Err(); err != nil {
		e.t.Fatal(err)
	}
	return last, results
}

// count runs a SELECT count(*) on the server's file.
func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(query, args...).Scan(&n); err != nil {
		e.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// drain reads and closes a response body.
func drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// sameAsFresh checks that d's replica holds what a fresh pull of the same
// person holds.
func sameAsFresh(t testing.TB, e *env, d *device) {
	t.Helper()
	ctx := context.Background()
	fresh := e.connect(d.who, e.clock.Now)
	fresh.sync()
	got, err := d.r.DumpSynced(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := fresh.r.DumpSynced(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("%s's replica differs from a fresh pull:\n%s", d.who, diffLines(got, want))
	}
}
