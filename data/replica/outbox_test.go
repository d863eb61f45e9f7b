package replica_test

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// Issue 14, item 7: a replica never numbers a mutation above
// app.MaxMutationID (the server would refuse it, and last+1 could
// overflow): the id before it is the last it makes, and the next Enqueue
// is an error that queues and changes nothing.
func TestEnqueueStopsAtTheMaximumID(t *testing.T) {
	ctx := context.Background()
	rep := open(t, fixture.Dataset())
	if err := rep.SetState(ctx, map[string]string{"used_mutation_id": strconv.FormatInt(app.MaxMutationID-1, 10)}); err != nil {
		t.Fatal(err)
	}
	mark := func(who string) error {
		id, err := rep.Enqueue(ctx, app.BookmarkSet, fixture.Actor("a1"),
			app.Args(app.SetBookmarkArgs{ParticipantID: fixture.PID(who), On: true}), fixture.Now)
		if err == nil && id != app.MaxMutationID {
			t.Errorf("mutation numbered %d, want %d", id, app.MaxMutationID)
		}
		return err
	}
	if err := mark("b1"); err != nil {
		t.Fatal(err)
	}
	before := fixture.Snapshot(t, rep)
	if err := mark("c1"); err == nil || app.IsRejection(err) {
		t.Fatalf("a mutation past the last id: %v, want an error", err)
	}
	if after := fixture.Snapshot(t, rep); after != before {
		t.Error("the refused mutation changed the replica")
	}
	if out, err := rep.Outbox(ctx, 10); err != nil || len(out) != 1 || out[0].ID != app.MaxMutationID {
		t.Errorf("outbox %+v, %v", out, err)
	}
}

// Renumber keeps what the server processed and numbers the rest from the
// id it expects, in order, with the counter after them: the three cases
// of a 409 (answers lost, the replica restored from an older copy, the
// server restored from a backup).
func TestRenumber(t *testing.T) {
	ctx := context.Background()
	rep := open(t, fixture.Dataset())
	targets := []string{"b1", "c1", "d1", "c2", "d2"}
	enqueue := func(i int) int64 {
		t.Helper()
		id, err := rep.Enqueue(ctx, app.BookmarkSet, fixture.Actor("a1"),
			app.Args(app.SetBookmarkArgs{ParticipantID: fixture.PID(targets[i%len(targets)]), On: true}), fixture.Now)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	for i := range 5 {
		enqueue(i)
	}
	queue := func() (ids []int64, who []string) {
		t.Helper()
		out, err := rep.Outbox(ctx, -1)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range out {
			var a app.SetBookmarkArgs
			if err := json.Unmarshal(e.Args, &a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
			for _, n := range targets {
				if fixture.PID(n) == a.ParticipantID {
					who = append(who, n)
				}
			}
		}
		return ids, who
	}
	below := func(n int64) func(int64) bool { return func(id int64) bool { return id <= n } }
	for _, tc := range []struct {
		what  string
		from  int64
		keep  func(int64) bool
		ids   []int64
		next  int64
		moved map[int64]int64
	}{
		{"1 and 2 processed, their answer lost", 3, below(2), []int64{1, 2, 3, 4, 5}, 6, map[int64]int64{}},
		{"the counter went back: 3 to 5 reused", 10, below(2), []int64{1, 2, 10, 11, 12}, 13, map[int64]int64{3: 10, 4: 11, 5: 12}},
		{"the server restored: it expects 2", 2, below(0), []int64{2, 3, 4, 5, 6}, 7, map[int64]int64{1: 2, 2: 3, 10: 4, 11: 5, 12: 6}},
	} {
		moved, err := rep.Renumber(ctx, tc.from, tc.keep)
		if err != nil {
			t.Fatalf("%s: %v", tc.what, err)
		}
		if !maps.Equal(moved, tc.moved) {
			t.Fatalf("%s: moved %v, want %v", tc.what, moved, tc.moved)
		}
		ids, who := queue()
		if !slices.Equal(ids, tc.ids) || !slices.Equal(who, targets) {
			t.Fatalf("%s: queue %v of %v, want %v of %v", tc.what, ids, who, tc.ids, targets)
		}
		if id := enqueue(0); id != tc.next {
			t.Fatalf("%s: next mutation %d, want %d", tc.what, id, tc.next)
		}
		if _, err := rep.Renumber(ctx, tc.from, func(id int64) bool { return id == tc.next }); err == nil {
			t.Fatalf("%s: kept an id above the expected one", tc.what)
		}
		// The next case starts from the five again.
		if err := rep.Write(ctx, func(tx *data.Tx) error {
			_, err := tx.SQL().Exec(`DELETE FROM outbox WHERE id = ?`, tc.next)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}

	// A refusal of id 2 recorded before the server was restored, and one
	// of the mutation numbered 2 now: the user is told of both.
	if err := rep.RecordRejections(ctx, map[int64]app.Code{2: app.CodeNotFound}, fixture.Now); err != nil {
		t.Fatal(err)
	}
	if _, err := rep.Renumber(ctx, 1, below(0)); err != nil {
		t.Fatal(err)
	}
	if err := rep.RecordRejections(ctx, map[int64]app.Code{2: app.CodeSameCompany}, fixture.Now); err != nil {
		t.Fatal(err)
	}
	rs, err := rep.Rejections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].MutationID != 2 || rs[0].Code != app.CodeSameCompany || !strings.Contains(string(rs[0].Args), fixture.PID("c1")) {
		t.Fatalf("rejections %+v, want mutation 2 (c1's bookmark now) refused with same_company", rs)
	}
	// The same refusal again changes nothing, even once seen.
	if err := rep.MarkRejectionsSeen(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if err := rep.RecordRejections(ctx, map[int64]app.Code{2: app.CodeSameCompany}, fixture.Now); err != nil {
		t.Fatal(err)
	}
	if rs, err := rep.Rejections(ctx); err != nil || len(rs) != 0 {
		t.Fatalf("a refusal recorded twice shows again: %+v, %v", rs, err)
	}
}
