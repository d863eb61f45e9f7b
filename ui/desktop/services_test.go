package desktop

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/replica"
	"crosstalk/sync/client"
	"crosstalk/sync/server"
)

// Send against a real server: true once the server has the change;
// false, with no error, when the server cannot be reached (the change is
// saved and queued).
func TestSendSaysWhetherTheServerHasIt(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	clock := func() time.Time { return now }
	dir := t.TempDir()
	demo, err := server.StartDemo(ctx, dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { demo.Close() })
	r, err := replica.Open(ctx, filepath.Join(dir, "client.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	c := client.New(r, client.Options{Clock: clock, MinBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond})
	if err := c.Connect(ctx, demo.URL, demo.Code); err != nil {
		t.Fatal(err)
	}
	if err := c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	actor, err := c.Actor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	loop, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { c.Run(loop); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	svc := &services{Store: r, client: c, me: actor, log: slog.New(slog.DiscardHandler)}

	people, err := r.SearchDirectory(ctx, app.DirectoryQuery{ViewerID: actor.ParticipantID, Now: now, Limit: 1})
	if err != nil || len(people) == 0 {
		t.Fatalf("no one to bookmark: %v", err)
	}
	mark := func(on bool) (bool, error) {
		return svc.Send(ctx, app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: people[0].ID, On: on})
	}
	if sent, err := mark(true); err != nil || !sent {
		t.Fatalf("online: sent %v, %v; want true", sent, err)
	}
	if n, err := r.Pending(ctx); err != nil || n != 0 {
		t.Errorf("sent, and %d changes wait (%v)", n, err)
	}

	if err := demo.Close(); err != nil {
		t.Fatal(err)
	}
	if sent, err := mark(false); err != nil || sent {
		t.Fatalf("the server gone: sent %v, %v; want false and no error", sent, err)
	}
	if n, err := r.Pending(ctx); err != nil || n != 1 {
		t.Errorf("saved while offline: %d changes wait (%v), want 1", n, err)
	}
}
