package serverstore_test

import (
	"context"
	"encoding/json"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// Process runs id lastMutationID+1; a replay of a processed id is
// answered from its stored result when it is the same mutation (name and
// arguments), and refused with mutation_reused when it is another; an id
// beyond lastMutationID+1 or above app.MaxMutationID runs nothing.
func TestProcessReplays(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	dev := fixture.Device(t, st, fixture.PID("a1"), "a1")
	mark := func(who string) json.RawMessage {
		return app.Args(app.SetBookmarkArgs{ParticipantID: fixture.PID(who), On: true})
	}
	colleague := app.Args(app.SetBookmarkArgs{ParticipantID: fixture.PID("a2"), On: true})
	process := func(id int64, name string, args json.RawMessage) (code app.Code, done bool, err error) {
		t.Helper()
		out, err := st.Process(ctx, dev, id, name, args, fixture.Now)
		return out.Code, out.AlreadyDone, err
	}
	if code, done, err := process(1, app.BookmarkSet, mark("b1")); code != "" || done || err != nil {
		t.Fatalf("mutation 1: %q, done %v, %v", code, done, err)
	}
	if code, done, err := process(2, app.BookmarkSet, colleague); code != app.CodeSameCompany || done || err != nil {
		t.Fatalf("mutation 2: %q, done %v, %v", code, done, err)
	}
	before := fixture.Snapshot(t, st)
	for _, tc := range []struct {
		what string
		id   int64
		name string
		args json.RawMessage
		code app.Code
	}{
		{"the same mutation", 1, app.BookmarkSet, mark("b1"), ""},
		{"the same rejected mutation", 2, app.BookmarkSet, colleague, app.CodeSameCompany},
		{"the same arguments laid out otherwise", 1, app.BookmarkSet, json.RawMessage(" " + string(mark("b1")) + "\n"), ""},
		{"other arguments", 1, app.BookmarkSet, mark("c1"), app.CodeMutationReused},
		{"another mutator", 2, app.ProfileUpdate, colleague, app.CodeMutationReused},
	} {
		code, done, err := process(tc.id, tc.name, tc.args)
		if err != nil || code != tc.code || !done {
			t.Errorf("replay of %d with %s: %q, done %v, %v; want %q", tc.id, tc.what, code, done, err, tc.code)
		}
	}
	for _, id := range []int64{4, app.MaxMutationID + 1} {
		if code, _, err := process(id, app.BookmarkSet, mark("d1")); err == nil {
			t.Errorf("mutation %d after 2: %q, want an error", id, code)
		}
	}
	if after := fixture.Snapshot(t, st); after != before {
		t.Fatal("a replay or a refused id wrote to the file")
	}
	if code, done, err := process(3, app.BookmarkSet, mark("d1")); code != "" || done || err != nil {
		t.Fatalf("mutation 3: %q, done %v, %v", code, done, err)
	}
}
