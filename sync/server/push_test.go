package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

func TestPushAppliesAndPullShowsIt(t *testing.T) {
	e := newEnv(t)
	a, b := e.login(pid("x1")), e.login(pid("y1"))
	m, offer := e.sendOffer(1, pid("y1"))
	r := e.push(a.Token, m)
	if r.LastMutationID != 1 || len(r.Results) != 1 || r.Results[0] != (wire.MutationResult{ID: 1}) {
		t.Fatalf("push answered %+v", r)
	}
	got, ok := e.pullAll(b.Token).offers(t)[offer]
	if !ok {
		t.Fatal("the recipient's pull has no offer")
	}
	now := e.clock.Now()
	if got.State != app.OfferPending || got.FromID != pid("x1") || got.Turn != pid("y1") {
		t.Fatalf("offer %+v", got)
	}
	if !got.CreatedAt.Equal(now) || !got.ExpiresAt.Equal(now.AddDate(0, 0, 7)) {
		t.Fatalf("offer made at %s expiring %s: want the server's clock %s, not the client's", got.CreatedAt, got.ExpiresAt, now)
	}
	if _, ok := e.pullAll(a.Token).offers(t)[offer]; !ok {
		t.Fatal("the sender's pull has no offer")
	}
	if p := e.pull(a.Token); p.LastMutationID != 1 || !p.ServerTime.Equal(now) {
		t.Fatalf("pull: lastMutationId %d, serverTime %s", p.LastMutationID, p.ServerTime)
	}
}

// sentBy counts the offers a participant has sent, as their pull shows.
func (e *env) sentBy(token, from string) int {
	e.t.Helper()
	n := 0
	for _, o := range e.pullAll(token).offers(e.t) {
		if o.FromID == from {
			n++
		}
	}
	return n
}

func TestPushRetried(t *testing.T) {
	e := newEnv(t)
	t.Run("twice", func(t *testing.T) {
		dev := e.login(pid("x1"))
		m1, _ := e.sendOffer(1, pid("y1"))
		m2, _ := e.sendOffer(2, pid("y2"))
		r := e.push(dev.Token, m1, m2)
		if r.LastMutationID != 2 || len(r.Results) != 2 || r.Results[0].Code != "" || r.Results[1].Code != "" {
			t.Fatalf("push answered %+v", r)
		}
		// The second push is a client that lost the first answer: it
		// does not start at the next id, so it is a 409 that gives the
		// stored results and runs nothing.
		c := e.pushConflict(dev.Token, m1, m2)
		if c.ExpectedID != 3 || !slices.Equal(c.Processed, []wire.MutationResult{{ID: 1}, {ID: 2}}) {
			t.Fatalf("the retry answered %+v", c)
		}
		if n := e.sentBy(dev.Token, pid("x1")); n != 2 {
			t.Fatalf("%d offers sent, want 2", n)
		}
	})
	t.Run("concurrently", func(t *testing.T) {
		dev := e.login(pid("x2"))
		m1, _ := e.sendOffer(1, pid("y1"))
		m2, _ := e.sendOffer(2, pid("y2"))
		var wg sync.WaitGroup
		answers := make([]wire.PushResponse, 4)
		conflicts := make([]*wire.PushConflict, 4)
		for i := range answers {
			wg.Go(func() {
				status, body := e.call(http.MethodPost, wire.PathPush, dev.Token, wire.PushRequest{Mutations: []wire.Mutation{m1, m2}})
				switch status {
				case http.StatusOK:
					decode(t, body, &answers[i])
				case http.StatusConflict:
					// Another of them got there before this one's start
					// was checked.
					conflicts[i] = new(wire.PushConflict)
					decode(t, body, conflicts[i])
				default:
					t.Errorf("push %d: %d %s", i, status, body)
				}
			})
		}
		wg.Wait()
		for i, r := range answers {
			if c := conflicts[i]; c != nil {
				// Everything below the expected id is listed as done,
				// and applied.
				want := []wire.MutationResult{{ID: 1}, {ID: 2}}[:max(0, min(2, c.ExpectedID-1))]
				if c.ExpectedID < 2 || c.ExpectedID > 3 || !slices.Equal(c.Processed, want) {
					t.Fatalf("push %d answered %+v", i, c)
				}
				continue
			}
			// Run twice, the second run would be a duplicate_id rejection.
			if r.LastMutationID != 2 || len(r.Results) != 2 || r.Results[0].Code != "" || r.Results[1].Code != "" {
				t.Fatalf("push %d answered %+v", i, r)
			}
		}
		if n := e.sentBy(dev.Token, pid("x2")); n != 2 {
			t.Fatalf("%d offers sent, want 2", n)
		}
	})
}

func TestPushRejectionConsumesID(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x3"))
	m1, o1 := e.sendOffer(1, pid("y1"))
	m2, _ := e.sendOffer(2, pid("x1")) // a colleague
	m3, o3 := e.sendOffer(3, pid("y2"))
	m4 := wire.Mutation{ID: 4, Name: "offer.teleport.v1", Args: json.RawMessage(`{}`)}
	m5, o5 := e.sendOffer(5, pid("y3"))
	r := e.push(dev.Token, m1, m2, m3, m4, m5)
	want := []app.Code{"", app.CodeSameCompany, "", app.CodeUnknownMutator, ""}
	if r.LastMutationID != 5 || len(r.Results) != len(want) {
		t.Fatalf("push answered %+v", r)
	}
	for i, res := range r.Results {
		if res.ID != int64(i+1) || res.Code != want[i] {
			t.Errorf("result %d: %+v, want code %q", i, res, want[i])
		}
	}
	offers := e.pullAll(dev.Token).offers(t)
	for _, id := range []string{o1, o3, o5} {
		if _, ok := offers[id]; !ok {
			t.Errorf("offer %s after the rejection was not applied", id)
		}
	}
	// A retry of the rejected one gets its stored answer, in the 409
	// that its start below the next id gets.
	c := e.pushConflict(dev.Token, m2)
	if c.ExpectedID != 6 || !slices.Equal(c.Processed, []wire.MutationResult{{ID: 2, Code: app.CodeSameCompany}}) {
		t.Fatalf("retry of the rejected mutation answered %+v", c)
	}
}

func TestPushArgsOverMutatorLimit(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x1"))
	big := json.RawMessage(`{"id":"` + strings.Repeat("a", app.MaxArgsBytes) + `"}`)
	r := e.push(dev.Token, wire.Mutation{ID: 1, Name: app.OfferSend, Args: big})
	if len(r.Results) != 1 || r.Results[0].Code != app.CodeTooLarge || r.LastMutationID != 1 {
		t.Fatalf("push answered %+v", r)
	}
}

func TestPushBadBatches(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x1"))
	m := func(id int64) wire.Mutation { mu, _ := e.sendOffer(id, pid("y1")); return mu }
	for _, tc := range []struct {
		name   string
		ms     []wire.Mutation
		status int
		code   string
	}{
		{"decreasing", []wire.Mutation{m(2), m(1)}, http.StatusConflict, wire.ErrOutOfOrder},
		{"repeated", []wire.Mutation{m(1), m(1)}, http.StatusConflict, wire.ErrOutOfOrder},
		{"zero id", []wire.Mutation{m(0)}, http.StatusBadRequest, wire.ErrBadRequest},
		{"negative id", []wire.Mutation{m(-1)}, http.StatusBadRequest, wire.ErrBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := e.call(http.MethodPost, wire.PathPush, dev.Token, wire.PushRequest{Mutations: tc.ms})
			wantError(t, status, body, tc.status, tc.code)
		})
	}
	t.Run("too many", func(t *testing.T) {
		ms := make([]wire.Mutation, wire.MaxPushBatch+1)
		for i := range ms {
			ms[i] = wire.Mutation{ID: int64(i + 1), Name: app.BookmarkSet, Args: json.RawMessage(`{}`)}
		}
		status, body := e.call(http.MethodPost, wire.PathPush, dev.Token, wire.PushRequest{Mutations: ms})
		wantError(t, status, body, http.StatusRequestEntityTooLarge, wire.ErrTooLarge)
	})
	t.Run("body too large", func(t *testing.T) {
		huge := json.RawMessage(`"` + strings.Repeat("a", wire.MaxBodyBytes) + `"`)
		status, body := e.call(http.MethodPost, wire.PathPush, dev.Token,
			wire.PushRequest{Mutations: []wire.Mutation{{ID: 1, Name: app.OfferSend, Args: huge}}})
		wantError(t, status, body, http.StatusRequestEntityTooLarge, wire.ErrTooLarge)
	})
	// None of them ran anything.
	if r := e.push(dev.Token); r.LastMutationID != 0 || len(r.Results) != 0 {
		t.Fatalf("after refused batches: %+v", r)
	}
}

func TestMalformedBodies(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x1"))
	for _, tc := range []struct{ path, token, body string }{
		{wire.PathPush, dev.Token, `{"mutations": [`},
		{wire.PathPush, dev.Token, `{"mutations": [], "extra": 1}`},
		{wire.PathPush, dev.Token, `{"mutations": []} {}`},
		{wire.PathPush, dev.Token, `{"mutations": [{"id": 1.5, "name": "x"}]}`},
		{wire.PathPush, dev.Token, ``},
		{wire.PathPull, dev.Token, `{"cursors": {"bucket": 1}}`},
		{wire.PathPull, dev.Token, `SELECT * FROM devices`},
		{wire.PathRedeem, "", `{"code": 12}`},
	} {
		status, body := e.call(http.MethodPost, tc.path, tc.token, tc.body)
		got := wantError(t, status, body, http.StatusBadRequest, wire.ErrBadRequest)
		if got.Message != errBadJSON.msg {
			t.Errorf("%s %q: message %q, want the generic one", tc.path, tc.body, got.Message)
		}
		for _, leak := range []string{"json", "sql", "SELECT", "goroutine", ".go:", "unmarshal"} {
			if strings.Contains(strings.ToLower(string(body)), strings.ToLower(leak)) {
				t.Errorf("%s %q: body %s has %q", tc.path, tc.body, body, leak)
			}
		}
	}
}

func TestPushStoreFailure(t *testing.T) {
	var failing sync.Mutex // held while Process should fail after the first mutation
	fail := true
	e := newEnv(t, func(c *envConfig) {
		c.wrap = func(st *serverstore.Store) Store {
			return &hookStore{Store: st, process: func(ctx context.Context, dev string, id int64, name string, args []byte, now time.Time) (serverstore.Outcome, error) {
				failing.Lock()
				f := fail
				failing.Unlock()
				if f && id == 2 {
					return serverstore.Outcome{}, fmt.Errorf("process mutation %d: %w", id, errors.New("database is locked (5) (SQLITE_BUSY)"))
				}
				return st.Process(ctx, dev, id, name, args, now)
			}}
		}
	})
	dev := e.login(pid("x1"))
	m1, o1 := e.sendOffer(1, pid("y1"))
	m2, o2 := e.sendOffer(2, pid("y2"))
	status, body := e.call(http.MethodPost, wire.PathPush, dev.Token, wire.PushRequest{Mutations: []wire.Mutation{m1, m2}})
	wantError(t, status, body, http.StatusServiceUnavailable, wire.ErrUnavailable)
	if strings.Contains(string(body), "SQLITE") || strings.Contains(string(body), "locked") {
		t.Fatalf("503 body leaks the cause: %s", body)
	}
	if !strings.Contains(e.logs.String(), "SQLITE_BUSY") {
		t.Error("the cause is not in the log")
	}
	offers := e.pullAll(dev.Token).offers(t)
	if _, ok := offers[o1]; !ok {
		t.Fatal("the mutation before the failure was not kept")
	}

	failing.Lock()
	fail = false
	failing.Unlock()
	// The client retries the batch: a 409 that says mutation 1 is done
	// and 2 is expected; it pushes from 2.
	c := e.pushConflict(dev.Token, m1, m2)
	if c.ExpectedID != 2 || !slices.Equal(c.Processed, []wire.MutationResult{{ID: 1}}) {
		t.Fatalf("retry answered %+v", c)
	}
	r := e.push(dev.Token, m2)
	if r.LastMutationID != 2 || len(r.Results) != 1 || r.Results[0] != (wire.MutationResult{ID: 2}) {
		t.Fatalf("push from the expected id answered %+v", r)
	}
	offers = e.pullAll(dev.Token).offers(t)
	if _, ok := offers[o2]; !ok || e.sentBy(dev.Token, pid("x1")) != 2 {
		t.Fatalf("after the retry: %d offers sent", e.sentBy(dev.Token, pid("x1")))
	}
}
