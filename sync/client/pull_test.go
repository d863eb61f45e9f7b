package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/client"
	"crosstalk/sync/wire"
)

// smallPages makes a pull request ask for pages of about limit rows.
func smallPages(t *testing.T, r *http.Request, limit int) {
	var req wire.PullRequest
	b, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(b, &req); err != nil {
		t.Error(err)
	}
	req.Limit = limit
	b, _ = json.Marshal(req)
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
}

// An initial sync of many pages, each asked for while the one before is
// applied, ends with what the server holds, even when the server changes
// between pages; the next sync then adds the change.
func TestPullInManyPages(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	// The profiles again, in transactions of their own: a page never
	// splits one. Their people sign in with them, so that the demo
	// user's cohort bucket lists them (migration 009).
	for ps := range slices.Chunk(e.ds.Participants, 8) {
		if err := e.store.Import(ctx, app.Dataset{Participants: ps}); err != nil {
			t.Fatal(err)
		}
		joinAll(t, e.store, app.Dataset{Participants: ps})
	}
	var pulls atomic.Int64
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == wire.PathPull {
			pulls.Add(1)
			smallPages(t, r, 7)
		}
		return false
	})
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if pulls.Load() < 5 {
		t.Fatalf("%d pulls: the pages are not small", pulls.Load())
	}
	b := e.connect(demo.DemoUser, options(t))
	var changed atomic.Bool
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != wire.PathPull {
			return false
		}
		smallPages(t, r, 7)
		if changed.CompareAndSwap(false, true) {
			// Another device of the demo user changes the server while
			// b's pull is under way.
			_, args := e.offerArgs(recipient(t, a))
			if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
				t.Error(err)
			}
			if err := a.c.SyncNow(ctx); err != nil {
				t.Error(err)
			}
		}
		return false
	})
	if err := b.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	e.setFail(nil)
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	want, err := a.r.DumpSynced(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := b.r.DumpSynced(ctx); got != want {
		t.Errorf("the replica pulled in pages differs from the other:\n%s\nwant\n%s", got, want)
	}
}

// A server that announces more rows without moving any cursor gets an
// error, not an endless pull.
func TestPullThatDoesNotMove(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	pulls := 0
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != wire.PathPull {
			return false
		}
		pulls++
		var req wire.PullRequest
		json.NewDecoder(r.Body).Decode(&req)
		res := wire.PullResponse{Epoch: "1"}
		for _, c := range req.Cursors {
			res.Buckets = append(res.Buckets, wire.BucketPage{Bucket: c.Bucket, Cursor: c.Version, More: true})
		}
		if len(res.Buckets) == 0 {
			res.Buckets = []wire.BucketPage{{Bucket: "user:" + demo.DemoUser, More: true}}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
		return true
	})
	err := a.c.SyncNow(ctx)
	if !errors.Is(err, client.ErrServer) {
		t.Fatalf("SyncNow: %v, want ErrServer", err)
	}
	if pulls > 4 {
		t.Errorf("%d pulls before giving up", pulls)
	}
}

// A pull answer that breaks the protocol's JSON (a name twice in one
// object, text that is not UTF-8, a value of the wrong type, an answer
// cut short, a value nested a million deep) is a server error, and the
// replica keeps what it held.
func TestMalformedPullAnswer(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	before, err := a.r.DumpSynced(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A profile the demo user sees changes on the server: the next pull
	// brings it.
	other := slices.IndexFunc(e.ds.Participants, func(p app.Participant) bool {
		return p.ID != demo.DemoUser && p.Visible && p.Role == app.RoleParticipant && strings.Contains(before, p.ID)
	})
	if other < 0 {
		t.Fatal("the demo user sees no one")
	}
	p := e.ds.Participants[other]
	p.Name = "改名 花子"
	if err := e.store.Import(ctx, app.Dataset{Participants: []app.Participant{p}}); err != nil {
		t.Fatal(err)
	}
	h := e.srv.Handler()
	for _, tc := range []struct {
		name  string
		spoil func(answer string) string
	}{
		{"a name twice", func(s string) string { return strings.Replace(s, `"name":`, `"name":"別名","name":`, 1) }},
		{"not UTF-8", func(s string) string { return strings.Replace(s, "改名", "\xff\xfe", 1) }},
		{"wrong type", func(s string) string { return strings.Replace(s, `"visible":true`, `"visible":"yes"`, 1) }},
		{"cut short", func(s string) string { return s[:len(s)/2] }},
		{"deeply nested", func(s string) string {
			return strings.Replace(s, `"d":{`, `"d":`+strings.Repeat("[", 1<<20)+strings.Repeat("]", 1<<20)+`,"e":{`, 1)
		}},
		{"deeply nested, unclosed", func(s string) string {
			return strings.Replace(s, `"d":{`, `"d":`+strings.Repeat(`{"a":[`, 1<<18), 1)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spoiled := false
			e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path != wire.PathPull {
					return false
				}
				r.Header.Del("Accept-Encoding")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, r)
				answer := rec.Body.String()
				if strings.Contains(answer, "改名") {
					answer, spoiled = tc.spoil(answer), true
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(rec.Code)
				io.WriteString(w, answer)
				return true
			})
			err := a.c.SyncNow(ctx)
			if !spoiled {
				t.Fatal("no answer held the changed profile")
			}
			if !errors.Is(err, client.ErrServer) {
				t.Errorf("SyncNow: %v, want ErrServer", err)
			}
			if got, _ := a.r.DumpSynced(ctx); got != before {
				t.Errorf("the replica changed:\n%s\nwant\n%s", got, before)
			}
		})
	}
	e.setFail(nil)
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.r.DumpSynced(ctx); !strings.Contains(got, "改名 花子") {
		t.Error("the sound answer did not bring the changed profile")
	}
}
