package replica_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/replica"
)

// draft reads the draft under key, failing the test on an error.
func draft(t *testing.T, st *replica.Store, key string) string {
	t.Helper()
	v, err := st.Draft(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return string(v)
}

// A draft is kept in the file: the last value saved under a key is what
// a new opening of the file reads, and a deleted one is gone.
func TestDraftsOutliveTheProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "replica.db")
	st, err := replica.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{`{"message":"はじめまして"}`, `{"message":"はじめまして。田中です。"}`} {
		if err := st.SaveDraft(ctx, "offer:p-1", []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveDraft(ctx, "profile", []byte(`{"name":"田中 誠"}`)); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteDraft(ctx, "profile"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = replica.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := draft(t, st, "offer:p-1"); got != `{"message":"はじめまして。田中です。"}` {
		t.Errorf("after reopening: %q", got)
	}
	if got := draft(t, st, "profile"); got != "" {
		t.Errorf("a deleted draft came back: %q", got)
	}
	if got := draft(t, st, "offer:p-2"); got != "" {
		t.Errorf("a draft never saved: %q", got)
	}
}

// A value that is not JSON, or no key, is refused and changes nothing.
func TestBadDraftChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := openReplica(t)
	if err := st.SaveDraft(ctx, "offer:p-1", []byte(`{"message":"a"}`)); err != nil {
		t.Fatal(err)
	}
	before, err := st.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ key, value string }{{"offer:p-1", `{"message":`}, {"", `{}`}} {
		if err := st.SaveDraft(ctx, c.key, []byte(c.value)); err == nil {
			t.Errorf("%q = %q was saved", c.key, c.value)
		}
	}
	if after, err := st.Dump(ctx); err != nil || after != before {
		t.Fatalf("a refused draft changed the file (%v)", err)
	}
}

// Pulls, a reset among them, leave the drafts alone; switching the file
// to another person empties them, as it empties everything of the
// person before.
func TestDraftsStayWithTheirPerson(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, fixture.Dataset())
	p := newPeer(t, srv, "a1")
	if err := p.rep.SaveDraft(ctx, "profile", []byte(`{"intro":"下書き"}`)); err != nil {
		t.Fatal(err)
	}
	fixture.Must(t, srv, "a1", app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID("b1"), On: true}, fixture.Now)
	p.pull(t, srv, 1000)
	if got := draft(t, p.rep, "profile"); !strings.Contains(got, "下書き") {
		t.Fatalf("a pull lost the draft: %q", got)
	}
	if err := p.rep.SwitchAccount(ctx, map[string]string{"participant_id": "someone-else"}); err != nil {
		t.Fatal(err)
	}
	if got := draft(t, p.rep, "profile"); got != "" {
		t.Fatalf("the person before's draft is still there: %q", got)
	}
}
