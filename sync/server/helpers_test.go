package server

import (
	"bytes"
	"context"
	"encoding/json"
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
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// start is the clock of every test: Wednesday 25 November 2026, 10:00 in
// Tokyo.
var start = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

// testClock is a clock the test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// People added to the demo consortium for the tests, with no offers yet:
// companies X and Y, in the demo cohort; y4 is also the only member of a
// second cohort.
var extraPeople = []struct{ name, company string }{
	{"x1", "X"}, {"x2", "X"}, {"x3", "X"},
	{"y1", "Y"}, {"y2", "Y"}, {"y3", "Y"}, {"y4", "Y"},
}

func testID(kind, name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte("server-test/"+kind+"/"+name)).String()
}

// pid is the participant id of an extra person such as "x1".
func pid(name string) string { return testID("participant", name) }

func companyID(name string) string { return testID("company", name) }

// otherCohort is the cohort only y4 belongs to.
var otherCohort = testID("cohort", "other")

// dataset is the demo consortium as of start, plus extraPeople.
func dataset() app.Dataset {
	ds := demo.Demo(start)
	cohort := ds.Cohorts[0].ID
	other := ds.Cohorts[0]
	other.ID, other.Name = otherCohort, "別の期"
	ds.Cohorts = append(ds.Cohorts, other)
	for _, c := range []string{"X", "Y"} {
		ds.Companies = append(ds.Companies, app.Company{ID: companyID(c), Name: "株式会社" + c, Industry: "製造"})
	}
	for _, p := range extraPeople {
		cohorts := []string{cohort}
		if p.name == "y4" {
			cohorts = append(cohorts, otherCohort)
		}
		ds.Participants = append(ds.Participants, app.Participant{
			ID: pid(p.name), CompanyID: companyID(p.company), Name: "試験 " + p.name, Kana: "シケン",
			AgeBand: "55-59", JobRole: "部長", Themes: []string{"学び直し"}, Intro: "よろしくお願いします。",
			Modes: app.Modes, Visible: true, Role: app.RoleParticipant, Cohorts: cohorts,
		})
	}
	return ds
}

// lockedBuffer is a bytes.Buffer safe for the logger's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// env is a server over a real store on a temporary file, behind
// httptest.
type env struct {
	t     testing.TB
	ds    app.Dataset
	st    *serverstore.Store
	srv   *Server
	ts    *httptest.Server
	clock *testClock
	logs  *lockedBuffer
}

// envConfig adjusts newEnv.
type envConfig struct {
	ds      app.Dataset // the server's rows; dataset() when empty
	opts    Options
	wrap    func(*serverstore.Store) Store
	noStart bool
}

func newEnv(t testing.TB, adjust ...func(*envConfig)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := serverstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := envConfig{opts: Options{PokeWait: time.Minute}}
	for _, a := range adjust {
		a(&cfg)
	}
	if cfg.ds.Companies == nil {
		cfg.ds = dataset()
	}
	e := &env{t: t, ds: cfg.ds, st: st, clock: &testClock{t: start}, logs: &lockedBuffer{}}
	if err := st.Import(ctx, e.ds); err != nil {
		t.Fatal(err)
	}
	cfg.opts.Clock = e.clock.Now
	cfg.opts.Logger = slog.New(slog.NewJSONHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var store Store = st
	if cfg.wrap != nil {
		store = cfg.wrap(st)
	}
	e.srv = New(store, cfg.opts)
	e.ts = httptest.NewUnstartedServer(e.srv.Handler())
	if !cfg.noStart {
		e.ts.Start()
		t.Cleanup(func() {
			e.srv.Close() // release waiting pokes
			e.ts.Close()
		})
	}
	return e
}

// call sends a request with an optional bearer token and body (raw bytes
// or a value to encode) and returns the status and the body.
func (e *env) call(method, path, token string, body any) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read: %v", method, path, err)
	}
	return resp.StatusCode, b
}

// decode decodes b into v strictly, failing the test otherwise.
func decode(t testing.TB, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decode %T from %s: %v", v, b, err)
	}
}

// wantError checks that an answer is status with a wire.Error of code.
func wantError(t testing.TB, status int, body []byte, wantStatus int, code string) wire.Error {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("status %d, want %d; body %s", status, wantStatus, body)
	}
	// A 409 to a push is a wire.PushConflict, a wire.Error with more.
	var e wire.PushConflict
	decode(t, body, &e)
	if e.Code != code {
		t.Fatalf("error code %q, want %q; body %s", e.Code, code, body)
	}
	if wantStatus != http.StatusConflict && (e.ExpectedID != 0 || e.Processed != nil || e.Reused != nil || e.Forgotten != nil) {
		t.Fatalf("a %d answer with a push conflict's fields: %s", wantStatus, body)
	}
	return e.Error
}

// invite makes an invite code for a participant, valid for a day.
func (e *env) invite(participantID string) string {
	e.t.Helper()
	code, err := e.srv.Invite(context.Background(), participantID, 24*time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	return code
}

// login redeems a fresh invite for a participant and returns the device.
func (e *env) login(participantID string) wire.RedeemResponse {
	e.t.Helper()
	status, body := e.call(http.MethodPost, wire.PathRedeem, "",
		wire.RedeemRequest{Code: e.invite(participantID), DeviceName: "テスト端末"})
	if status != http.StatusOK {
		e.t.Fatalf("redeem: %d %s", status, body)
	}
	var r wire.RedeemResponse
	decode(e.t, body, &r)
	return r
}

// push pushes mutations and decodes a 200 answer.
func (e *env) push(token string, ms ...wire.Mutation) wire.PushResponse {
	e.t.Helper()
	status, body := e.call(http.MethodPost, wire.PathPush, token, wire.PushRequest{Mutations: ms})
	if status != http.StatusOK {
		e.t.Fatalf("push: %d %s", status, body)
	}
	var r wire.PushResponse
	decode(e.t, body, &r)
	return r
}

// pull pulls once with cursors and decodes a 200 answer.
func (e *env) pull(token string, cursors ...wire.Cursor) wire.PullResponse {
	e.t.Helper()
	status, body := e.call(http.MethodPost, wire.PathPull, token, wire.PullRequest{Cursors: cursors})
	if status != http.StatusOK {
		e.t.Fatalf("pull: %d %s", status, body)
	}
	var r wire.PullResponse
	decode(e.t, body, &r)
	return r
}

// pulled is everything a device pulled from the start: the buckets it
// was answered, and its rows by table.
type pulled struct {
	buckets map[string]bool
	rows    map[string][]json.RawMessage
}

// pullAll pulls every bucket from the start to its end.
func (e *env) pullAll(token string) pulled {
	e.t.Helper()
	return e.pullAllWith(token, "")
}

// pullAllWith is pullAll with a query, such as "?with=devices".
func (e *env) pullAllWith(token, query string) pulled {
	e.t.Helper()
	p := pulled{buckets: map[string]bool{}, rows: map[string][]json.RawMessage{}}
	var cursors []wire.Cursor
	for range 100 {
		status, body := e.call(http.MethodPost, wire.PathPull+query, token, wire.PullRequest{Cursors: cursors})
		if status != http.StatusOK {
			e.t.Fatalf("pull: %d %s", status, body)
		}
		var r wire.PullResponse
		decode(e.t, body, &r)
		cursors = cursors[:0]
		for _, b := range r.Buckets {
			p.buckets[b.Bucket] = true
			for _, row := range b.Rows {
				p.rows[row.Table] = append(p.rows[row.Table], row.Data)
			}
			cursors = append(cursors, wire.Cursor{Bucket: b.Bucket, Epoch: r.Epoch, Version: b.Cursor})
		}
		if r.Done() {
			return p
		}
	}
	e.t.Fatal("pull did not finish in 100 pages")
	return p
}

// offers decodes the pulled offers by id.
func (p pulled) offers(t testing.TB) map[string]app.Offer {
	t.Helper()
	m := map[string]app.Offer{}
	for _, raw := range p.rows["offers"] {
		var o app.Offer
		decode(t, raw, &o)
		m[o.ID] = o
	}
	return m
}

// slot is a start time for an offer, days from start at hour, Tokyo.
func slot(days, hour int) time.Time {
	d := start.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, app.Tokyo)
}

// sendOffer is an offer.send.v1 mutation with a new offer id to a
// participant.
func (e *env) sendOffer(id int64, to string) (wire.Mutation, string) {
	offer := uuid.NewString()
	return wire.Mutation{
		ID:   id,
		Name: app.OfferSend,
		Args: app.Args(app.SendOfferArgs{
			ID: offer, CohortID: e.ds.Cohorts[0].ID, ToID: to, Message: "はじめまして。お話を伺えますと幸いです。",
			Mode: app.ModeOnline, Slots: []time.Time{slot(2, 14), slot(3, 15)},
		}),
		// A client clock a day off: the server must not use it.
		ClientTime: e.clock.Now().AddDate(0, 0, -1),
	}, offer
}

// byRole returns the first demo participant of a role.
func (e *env) byRole(role app.Role) app.Participant {
	for _, p := range e.ds.Participants {
		if p.Role == role {
			return p
		}
	}
	e.t.Fatalf("no %s in the dataset", role)
	return app.Participant{}
}

// hookStore is a store whose Process and Pull the test may replace.
type hookStore struct {
	*serverstore.Store
	process func(ctx context.Context, deviceID string, id int64, name string, args []byte, now time.Time) (serverstore.Outcome, error)
	pull    func(ctx context.Context, deviceID string, buckets []string, cursors map[string]data.BucketCursor, limit int) (data.PullResult, error)
}

func (h *hookStore) Process(ctx context.Context, deviceID string, id int64, name string, args []byte, now time.Time) (serverstore.Outcome, error) {
	if h.process != nil {
		return h.process(ctx, deviceID, id, name, args, now)
	}
	return h.Store.Process(ctx, deviceID, id, name, args, now)
}

func (h *hookStore) Pull(ctx context.Context, deviceID string, buckets []string, cursors map[string]data.BucketCursor, limit int) (data.PullResult, error) {
	if h.pull != nil {
		return h.pull(ctx, deviceID, buckets, cursors, limit)
	}
	return h.Store.Pull(ctx, deviceID, buckets, cursors, limit)
}
