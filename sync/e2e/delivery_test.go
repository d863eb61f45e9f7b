package e2e

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/client"
	"crosstalk/sync/wire"
)

// A push reaches the server and commits, but its answer is lost on the
// way back. The client's loop pushes the same batch again; the server
// answers it from its stored results, so each mutation takes effect
// exactly once, and the outbox drains.
func TestLostResponse(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	a := e.connect(pid("x1"), e.clock.Now)
	a.sync()

	lost := false
	a.net.set(func(r *http.Request) fault {
		if r.URL.Path == wire.PathPush && !lost {
			lost = true
			return dropResponse
		}
		return pass
	})
	offerID, args := e.sendArgs(pid("y1"))
	send, err := a.c.Mutate(ctx, app.OfferSend, args)
	if err != nil {
		t.Fatal(err)
	}
	mark, err := a.c.Mutate(ctx, app.BookmarkSet, app.Args(app.SetBookmarkArgs{ParticipantID: pid("y2"), On: true}))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.c.SyncNow(ctx); !errors.Is(err, client.ErrUnreachable) {
		t.Fatalf("SyncNow whose answer is lost: %v, want ErrUnreachable", err)
	}
	if e.requests(wire.PathPush) != 1 || a.net.count(dropResponse, wire.PathPush) != 1 {
		t.Fatalf("%d pushes reached the server, %d answers lost; want 1 and 1",
			e.requests(wire.PathPush), a.net.count(dropResponse, wire.PathPush))
	}
	if st := a.c.Status(); st.Pending != 2 {
		t.Fatalf("Pending = %d after the lost answer, want 2", st.Pending)
	}

	a.run()
	eventually(t, 10*time.Second, "the outbox to drain", drained(a))

	if n := e.requests(wire.PathPush); n != 2 {
		t.Errorf("%d pushes reached the server, want 2 (the lost one and its retry)", n)
	}
	if n := e.count(`SELECT count(*) FROM offers WHERE id = ?`, offerID); n != 1 {
		t.Errorf("%d offers with id %s on the server, want 1", n, offerID)
	}
	if n := e.count(`SELECT count(*) FROM bookmarks WHERE owner_id = ? AND target_id = ?`, pid("x1"), pid("y2")); n != 1 {
		t.Errorf("%d bookmarks on the server, want 1", n)
	}
	last, results := e.processed(a.deviceID())
	if want := map[int64]app.Code{send: "", mark: ""}; last != mark || !maps.Equal(results, want) {
		t.Errorf("server: last mutation %d, results %v; want %d and %v", last, results, mark, want)
	}
	if o, ok := offer(t, a.r, a.who, offerID); !ok || o.State != app.OfferPending {
		t.Errorf("the replica's offer: %+v, %v", o, ok)
	}
	if n, err := a.r.Pending(ctx); err != nil || n != 0 {
		t.Errorf("replica outbox: %d, %v", n, err)
	}
	if st := a.c.Status(); len(st.Rejections) != 0 || st.LastError != "" {
		t.Errorf("status after the retry: %+v", st)
	}
}

// A change made while the network is down survives the app dying: the
// replica's file is all that is left, and the app started again on it
// with the network back pushes the change.
func TestOfflineWriteSurvivesRestart(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	a := e.connect(pid("x1"), e.clock.Now)
	a.sync()

	a.net.set(func(*http.Request) fault { return dropRequest })
	a.run()
	offerID, args := e.sendArgs(pid("y1"))
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "failed pushes", func() bool { return a.net.count(dropRequest, wire.PathPush) >= 2 })
	if st := a.c.Status(); st.Online || st.Pending != 1 {
		t.Fatalf("status while offline: %+v", st)
	}
	a.kill() // its loop goes on failing, with no file and no network

	b := e.open(a.path, a.who, e.clock.Now)
	if n, err := b.r.Pending(ctx); err != nil || n != 1 {
		t.Fatalf("outbox after the restart: %d, %v; want 1", n, err)
	}
	if e.requests(wire.PathPush) != 0 {
		t.Fatal("a push reached the server before the restart")
	}
	b.run()
	eventually(t, 10*time.Second, "the outbox to drain", drained(b))

	o, ok := serverOffer(t, e.store, b.who, offerID)
	if !ok || o.State != app.OfferPending || o.FromID != pid("x1") || o.ToID != pid("y1") {
		t.Fatalf("the server's offer: %+v, %v", o, ok)
	}
	if _, results := e.processed(b.deviceID()); !maps.Equal(results, map[int64]app.Code{1: ""}) {
		t.Errorf("server results %v, want mutation 1 applied", results)
	}
	if o, ok := offer(t, b.r, b.who, offerID); !ok || o.State != app.OfferPending {
		t.Errorf("the replica's offer after the restart: %+v, %v", o, ok)
	}
}
