package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// Issue 14, protocol item 4: the server took any id at or below the
// device's lastMutationID as done. Two pushes of one device in flight at
// once, the second's ids above the first's, let the second run first and
// the first be answered "applied" without running. Each trial pipelines
// two pushes of one device, each pushed as the protocol says (on 409,
// again from the expected id; what the conflict lists as processed is
// done), and checks that every mutation ran exactly once.
func TestPushPipelinedLosesNothing(t *testing.T) {
	e := newEnv(t)
	const trials, half = 50, 5
	// Each of 25 people bookmarks ten others in one trial and takes the
	// bookmarks off again in another, from a new device each time.
	owners := e.bookmarkers(trials/2, 2*half)
	for trial := range trials {
		o, on := owners[trial%len(owners)], trial < len(owners)
		dev := e.login(o.id)
		ms := make([]wire.Mutation, 2*half)
		for i := range ms {
			ms[i] = bookmark(int64(i+1), o.targets[i], on)
		}
		var wg sync.WaitGroup
		results := make([]map[int64]app.Code, 2)
		errs := make([]error, 2)
		ready := make(chan struct{})
		for p := range 2 {
			wg.Go(func() {
				<-ready
				results[p], errs[p] = e.pushAsClient(dev.Token, ms[p*half:(p+1)*half])
			})
		}
		close(ready)
		wg.Wait()
		for p, err := range errs {
			if err != nil {
				t.Fatalf("trial %d, pusher %d: %v", trial, p, err)
			}
		}
		for p, res := range results {
			for _, m := range ms[p*half : (p+1)*half] {
				if code, ok := res[m.ID]; !ok || code != "" {
					t.Fatalf("trial %d: mutation %d answered %q (answered: %v)", trial, m.ID, code, ok)
				}
			}
		}
		// Answered applied is not enough: each must have run, once.
		want := sortedCopy(o.targets)
		if !on {
			want = nil
		}
		if got := e.bookmarksOf(o.id); !slices.Equal(got, want) {
			t.Fatalf("trial %d: the server holds %d bookmarks after %d mutations setting them %v: a mutation answered applied never ran",
				trial, len(got), 2*half, on)
		}
		if last, n := e.results(dev.DeviceID); last != 2*half || n != 2*half {
			t.Fatalf("trial %d: lastMutationID %d with %d results, want %d of each", trial, last, n, 2*half)
		}
	}
}

// A push that does not start at lastMutationID+1, or whose ids are not
// consecutive, is answered 409 with the expected id, and nothing of it
// runs.
func TestPushMustStartAtTheNextID(t *testing.T) {
	e := newEnv(t)
	o := e.bookmarkers(1, 8)[0]
	dev := e.login(o.id)
	m := func(id int64) wire.Mutation { return bookmark(id, o.targets[id-1], true) }

	// last+2 on a new device: 409, expecting 1.
	c := e.pushConflict(dev.Token, m(2))
	if c.ExpectedID != 1 || len(c.Processed)+len(c.Reused)+len(c.Forgotten) != 0 {
		t.Fatalf("push of 2 on a new device: %+v", c)
	}
	if got := e.bookmarksOf(o.id); len(got) != 0 {
		t.Fatalf("the refused push ran: bookmarks %v", got)
	}

	if r := e.push(dev.Token, m(1), m(2), m(3)); r.LastMutationID != 3 || len(r.Results) != 3 {
		t.Fatalf("push of 1 to 3: %+v", r)
	}
	// last+2.
	if c := e.pushConflict(dev.Token, m(5)); c.ExpectedID != 4 {
		t.Fatalf("push of 5 after 3: %+v", c)
	}
	// A gap inside a push that starts right.
	if c := e.pushConflict(dev.Token, m(4), m(6)); c.ExpectedID != 4 {
		t.Fatalf("push of 4 and 6 after 3: %+v", c)
	}
	// Starting below: what was processed is listed with its result.
	c = e.pushConflict(dev.Token, m(2), m(3), m(4))
	want := []wire.MutationResult{{ID: 2}, {ID: 3}}
	if c.ExpectedID != 4 || !slices.Equal(c.Processed, want) || len(c.Reused)+len(c.Forgotten) != 0 {
		t.Fatalf("push of 2 to 4 after 3: %+v, want expected 4 and %v processed", c, want)
	}
	if got := e.bookmarksOf(o.id); !slices.Equal(got, sortedCopy(o.targets[:3])) {
		t.Fatalf("refused pushes ran something: bookmarks %v", got)
	}
	if last, n := e.results(dev.DeviceID); last != 3 || n != 3 {
		t.Fatalf("after refused pushes: lastMutationID %d, %d results", last, n)
	}
	// And from the expected id, it runs.
	if r := e.push(dev.Token, m(4), m(5)); r.LastMutationID != 5 || len(r.Results) != 2 || r.Results[1] != (wire.MutationResult{ID: 5}) {
		t.Fatalf("push of 4 and 5: %+v", r)
	}
}

// An id pushed again with other arguments (or another mutator) is not
// answered with the old result: the conflict lists it as reused, and the
// new mutation does not run.
func TestPushReplayWithOtherArgumentsRefused(t *testing.T) {
	e := newEnv(t)
	o := e.bookmarkers(1, 3)[0]
	dev := e.login(o.id)
	if r := e.push(dev.Token, bookmark(1, o.targets[0], true), bookmark(2, o.targets[1], true)); r.LastMutationID != 2 {
		t.Fatalf("push: %+v", r)
	}
	other := bookmark(1, o.targets[2], true)
	renamed := wire.Mutation{ID: 2, Name: app.ProfileUpdate, Args: bookmark(2, o.targets[1], true).Args}
	c := e.pushConflict(dev.Token, other, renamed)
	if c.ExpectedID != 3 || !slices.Equal(c.Reused, []int64{1, 2}) || len(c.Processed)+len(c.Forgotten) != 0 {
		t.Fatalf("replay of 1 and 2 with other arguments: %+v, want both reused", c)
	}
	if got := e.bookmarksOf(o.id); !slices.Equal(got, sortedCopy(o.targets[:2])) {
		t.Fatalf("the replay ran: bookmarks %v", got)
	}
	// The same arguments again (whitespace aside) are the same mutation.
	same := bookmark(1, o.targets[0], true)
	same.Args = append(json.RawMessage(" "), same.Args...)
	c = e.pushConflict(dev.Token, same)
	if c.ExpectedID != 3 || !slices.Equal(c.Processed, []wire.MutationResult{{ID: 1}}) {
		t.Fatalf("replay of 1 with the same arguments: %+v", c)
	}
}

// Two pushes of one device race with the same id and different
// arguments (two copies of one replica): the one that comes second gets
// a refusal for it, mutation_reused, and not the first one's result.
func TestPushRaceWithOtherArgumentsRefused(t *testing.T) {
	var (
		e     *env
		o     bookmarker
		dev   wire.RedeemResponse
		raced sync.Once
	)
	e = newEnv(t, func(c *envConfig) {
		c.wrap = func(st *serverstore.Store) Store {
			return &hookStore{Store: st, process: func(ctx context.Context, device string, id int64, name string, args []byte, now time.Time) (serverstore.Outcome, error) {
				// The other copy's push gets there first, after this
				// push's start was checked.
				raced.Do(func() {
					m := bookmark(id, o.targets[1], true)
					if out, err := st.Process(ctx, device, id, m.Name, m.Args, now); err != nil || out.Code != "" {
						t.Errorf("the other copy's mutation: %+v, %v", out, err)
					}
				})
				return st.Process(ctx, device, id, name, args, now)
			}}
		}
	})
	o = e.bookmarkers(1, 3)[0]
	dev = e.login(o.id)
	r := e.push(dev.Token, bookmark(1, o.targets[0], true), bookmark(2, o.targets[2], true))
	want := []wire.MutationResult{{ID: 1, Code: app.CodeMutationReused}, {ID: 2}}
	if !slices.Equal(r.Results, want) || r.LastMutationID != 2 {
		t.Fatalf("push that lost the race: %+v, want %v", r, want)
	}
	if got := e.bookmarksOf(o.id); !slices.Equal(got, sortedCopy([]string{o.targets[1], o.targets[2]})) {
		t.Fatalf("bookmarks %v: the refused mutation ran, or the other did not", got)
	}
}

// Issue 14, item 7: an id near the int64 maximum was processed, and the
// device's next id (last+1) could no longer be made: every later
// mutation was taken as done. Now it is refused, and the device goes on.
func TestPushIDNearTheMaximum(t *testing.T) {
	e := newEnv(t)
	o := e.bookmarkers(1, 3)[0]
	dev := e.login(o.id)
	for _, ms := range [][]wire.Mutation{
		{bookmark(math.MaxInt64, o.targets[0], true)},
		{bookmark(math.MaxInt64-1, o.targets[0], true), bookmark(math.MaxInt64, o.targets[1], true)},
		{bookmark(wire.MaxMutationID+1, o.targets[0], true)},
	} {
		status, body := e.call(http.MethodPost, wire.PathPush, dev.Token, wire.PushRequest{Mutations: ms})
		if status < 400 || status > 499 {
			t.Fatalf("push of ids %d…: %d %s, want a 4xx", ms[0].ID, status, body)
		}
	}
	if last, n := e.results(dev.DeviceID); last != 0 || n != 0 {
		t.Fatalf("after the refusals: lastMutationID %d, %d results", last, n)
	}
	if r := e.push(dev.Token, bookmark(1, o.targets[2], true)); r.LastMutationID != 1 || r.Results[0] != (wire.MutationResult{ID: 1}) {
		t.Fatalf("the device's next push: %+v", r)
	}

	// A device at the limit (or beyond it, as the old rule allowed) has
	// no next id: a clear refusal, not an overflow.
	for _, last := range []int64{wire.MaxMutationID, math.MaxInt64} {
		e.setLast(dev.DeviceID, last)
		status, body := e.call(http.MethodPost, wire.PathPush, dev.Token,
			wire.PushRequest{Mutations: []wire.Mutation{bookmark(wire.MaxMutationID+1, o.targets[1], true)}})
		wantError(t, status, body, http.StatusBadRequest, wire.ErrIDLimit)
	}
}

// bookmark is a bookmark.set.v1 mutation.
func bookmark(id int64, target string, on bool) wire.Mutation {
	return wire.Mutation{ID: id, Name: app.BookmarkSet, Args: app.Args(app.SetBookmarkArgs{ParticipantID: target, On: on})}
}

// bookmarker is a participant with targets they may bookmark.
type bookmarker struct {
	id      string
	targets []string
}

// bookmarkers finds n participants with no bookmarks yet and k people
// each may bookmark: visible participants of other companies.
func (e *env) bookmarkers(n, k int) []bookmarker {
	e.t.Helper()
	var out []bookmarker
	for _, p := range e.ds.Participants {
		if p.Role != app.RoleParticipant || len(e.bookmarksOf(p.ID)) > 0 {
			continue
		}
		b := bookmarker{id: p.ID}
		for _, q := range e.ds.Participants {
			if q.CompanyID != p.CompanyID && q.Visible && q.Role == app.RoleParticipant && len(b.targets) < k {
				b.targets = append(b.targets, q.ID)
			}
		}
		if len(b.targets) == k {
			out = append(out, b)
		}
		if len(out) == n {
			return out
		}
	}
	e.t.Fatalf("only %d participants with %d people to bookmark", len(out), k)
	return nil
}

// bookmarksOf lists whom a participant has bookmarked on the server.
func (e *env) bookmarksOf(owner string) []string {
	e.t.Helper()
	return column[string](e, `SELECT target_id FROM bookmarks WHERE owner_id = ? ORDER BY target_id`, owner)
}

// column reads the one column of a query of the server's file.
func column[T any](e *env, query string, args ...any) []T {
	e.t.Helper()
	rows, err := e.st.DB().Query(query, args...)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// results is a device's lastMutationID and how many results it has
// stored.
func (e *env) results(deviceID string) (last int64, n int) {
	e.t.Helper()
	err := e.st.DB().QueryRow(`SELECT last_mutation_id, (SELECT count(*) FROM mutation_results WHERE device_id = d.id)
		FROM devices d WHERE id = ?`, deviceID).Scan(&last, &n)
	if err != nil {
		e.t.Fatal(err)
	}
	return last, n
}

// setLast sets a device's lastMutationID in the server's file.
func (e *env) setLast(deviceID string, last int64) {
	e.t.Helper()
	err := e.st.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`UPDATE devices SET last_mutation_id = ? WHERE id = ?`, last, deviceID)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

func sortedCopy(s []string) []string { return slices.Sorted(slices.Values(s)) }

// pushConflict pushes ms and decodes the 409 answer it must get.
func (e *env) pushConflict(token string, ms ...wire.Mutation) wire.PushConflict {
	e.t.Helper()
	status, body := e.call(http.MethodPost, wire.PathPush, token, wire.PushRequest{Mutations: ms})
	if status != http.StatusConflict {
		e.t.Fatalf("push of %d mutations from %d: %d %s, want 409", len(ms), ms[0].ID, status, body)
	}
	var c wire.PushConflict
	decode(e.t, body, &c)
	if c.Code != wire.ErrOutOfOrder {
		e.t.Fatalf("409 with code %q: %s", c.Code, body)
	}
	return c
}

// pushAsClient pushes ms, whose ids are consecutive, as a client does:
// on 409 it goes on from the expected id, taking what the conflict lists
// as processed as done; when the expected id is below ms (another push
// of the device has not got there yet) it tries again. It returns each
// mutation's result. It is safe to call from any goroutine.
func (e *env) pushAsClient(token string, ms []wire.Mutation) (map[int64]app.Code, error) {
	results := map[int64]app.Code{}
	first := ms[0].ID
	next := first // the first id not yet answered
	end := first + int64(len(ms))
	for tries := 0; next < end; tries++ {
		if tries > 2000 {
			return results, fmt.Errorf("mutations %d… not answered after %d pushes", next, tries)
		}
		b, _ := json.Marshal(wire.PushRequest{Mutations: ms[next-first:]})
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+wire.PathPush, bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := e.ts.Client().Do(req)
		if err != nil {
			return results, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return results, err
		}
		switch resp.StatusCode {
		case http.StatusOK:
			var r wire.PushResponse
			if err := json.Unmarshal(body, &r); err != nil {
				return results, err
			}
			for _, res := range r.Results {
				if res.ID != next {
					return results, fmt.Errorf("result for %d, want %d: %s", res.ID, next, body)
				}
				results[res.ID] = res.Code
				next++
			}
			if len(r.Results) == 0 {
				time.Sleep(time.Millisecond)
			}
		case http.StatusConflict:
			var c wire.PushConflict
			if err := json.Unmarshal(body, &c); err != nil {
				return results, err
			}
			if len(c.Reused)+len(c.Forgotten) > 0 {
				return results, fmt.Errorf("conflict lists mutations as reused or forgotten: %s", body)
			}
			for _, p := range c.Processed {
				if p.ID >= next && p.ID < end {
					results[p.ID] = p.Code
				}
			}
			switch {
			case c.ExpectedID > next:
				for ; next < min(c.ExpectedID, end); next++ {
					if _, ok := results[next]; !ok {
						return results, fmt.Errorf("expected %d, but %d is not listed as processed: %s", c.ExpectedID, next, body)
					}
				}
			default:
				// Below: the other push has not got there yet. Equal:
				// it got there after the server last read the device.
				time.Sleep(time.Millisecond)
			}
		default:
			return results, fmt.Errorf("push: %d %s", resp.StatusCode, body)
		}
	}
	return results, nil
}
