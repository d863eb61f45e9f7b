package e2e

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"crosstalk/app"
)

// Issue 14, item 4: a device whose replica is restored from an older copy
// of its file numbers its next mutations from where the copy left off,
// with ids the server has already processed as other mutations. The
// server took them as done, and they never ran. Now the server's 409
// tells the client which of its queued ids it processed as the same
// mutation (the copy's queued one, not run again) and which as another
// (the ones queued after the restore): those are numbered after the
// server's last id and run; the device's counter moves past it, so its
// next mutations are accepted too.
func TestReplicaRestoredFromAnOlderCopy(t *testing.T) {
	t.Run("results kept", func(t *testing.T) { replicaRestored(t, false) })
	// A month later, the server has pruned the results of the ids the
	// device reuses: it can only say when it processed them. The copy's
	// queued offer was made before that, so it is taken as done; the
	// mutations made after the restore cannot be the ones processed, so
	// they run.
	t.Run("results pruned", func(t *testing.T) { replicaRestored(t, true) })
}

func replicaRestored(t *testing.T, pruned bool) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	a := e.connect(pid("x1"), e.clock.Now)
	a.sync()
	mutate := func(d *device, name string, args json.RawMessage) int64 {
		t.Helper()
		id, err := d.c.Mutate(ctx, name, args)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return id
	}
	mark := func(who string, on bool) json.RawMessage {
		return app.Args(app.SetBookmarkArgs{ParticipantID: pid(who), On: on})
	}
	mutate(a, app.BookmarkSet, mark("y1", true))
	mutate(a, app.BookmarkSet, mark("y2", true))
	a.sync()
	// Mutation 3 waits in the outbox (offline) when the copy is made.
	a.net.set(func(*http.Request) fault { return dropRequest })
	toY1, args := e.sendArgs(pid("y1"))
	if id := mutate(a, app.OfferSend, args); id != 3 {
		t.Fatalf("the offer is mutation %d, want 3", id)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := a.r.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	// The device goes on: 3 is pushed, then 4 and 5.
	a.net.set(nil)
	a.sync()
	mutate(a, app.BookmarkSet, mark("y3", true))
	mutate(a, app.BookmarkSet, mark("y1", false))
	a.sync()
	device := a.deviceID()
	if last, _ := e.processed(device); last != 5 {
		t.Fatalf("the server's last mutation of the device: %d, want 5", last)
	}
	a.kill()
	if pruned {
		e.clock.Add(31 * 24 * time.Hour)
		if err := e.srv.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		if _, results := e.processed(device); len(results) != 0 {
			t.Fatalf("results %v left after the sweep", results)
		}
	}

	// The file is restored from the copy; the app starts on it offline,
	// and its person goes on: mutations numbered 4 and 5 again.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(a.path + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(a.path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	d := e.open(a.path, a.who, e.clock.Now)
	d.net.set(func(*http.Request) fault { return dropRequest })
	toY2, args := e.sendArgs(pid("y2"), slot(35, 14))
	if id := mutate(d, app.OfferSend, args); id != 4 {
		t.Fatalf("after the restore, the first new mutation is %d, want 4 (the copy's counter)", id)
	}
	mutate(d, app.BookmarkSet, mark("y1", true))
	d.net.set(nil)
	d.sync()

	if n, err := d.r.Pending(ctx); err != nil || n != 0 {
		t.Fatalf("outbox after the sync: %d, %v", n, err)
	}
	if st := d.c.Status(); len(st.Rejections) != 0 || st.LastError != "" {
		t.Errorf("status after the sync: %+v (the copy's offer ran twice?)", st)
	}
	for _, o := range []string{toY1, toY2} {
		if n := e.count(`SELECT count(*) FROM offers WHERE id = ?`, o); n != 1 {
			t.Errorf("%d offers %s on the server, want 1", n, o)
		}
	}
	for who, want := range map[string]int{"y1": 1, "y2": 1, "y3": 1} {
		if n := e.count(`SELECT count(*) FROM bookmarks WHERE owner_id = ? AND target_id = ?`, pid("x1"), pid(who)); n != want {
			t.Errorf("%d bookmarks of %s on the server, want %d", n, who, want)
		}
	}
	last, results := e.processed(d.deviceID())
	want := map[int64]app.Code{1: "", 2: "", 3: "", 4: "", 5: "", 6: "", 7: ""}
	if pruned {
		want = map[int64]app.Code{6: "", 7: ""} // 1 to 5 pruned
	}
	if last != 7 || !maps.Equal(results, want) {
		t.Errorf("server: last mutation %d, results %v; want 7 and %v", last, results, want)
	}

	// Its next mutations are not refused either.
	if id := mutate(d, app.BookmarkSet, mark("y3", false)); id != 8 {
		t.Errorf("the next mutation is %d, want 8", id)
	}
	d.sync()
	if n := e.count(`SELECT count(*) FROM bookmarks WHERE owner_id = ? AND target_id = ?`, pid("x1"), pid("y3")); n != 0 {
		t.Errorf("the mutation after the recovery did not run")
	}
	if last, _ := e.processed(d.deviceID()); last != 8 {
		t.Errorf("the server's last mutation %d, want 8", last)
	}
	sameAsFresh(t, e, d)
}

// The server is restored from a backup made before the device's last
// mutations: it expects an id below the device's queue. The client numbers
// its queued mutations from the expected id, they run, and so do the next
// ones.
func TestServerRestoredBelowTheQueue(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	a := e.connect(pid("x1"), e.clock.Now)
	a.sync()
	mark := func(who string, on bool) json.RawMessage {
		return app.Args(app.SetBookmarkArgs{ParticipantID: pid(who), On: on})
	}
	mutate := func(name string, args json.RawMessage) int64 {
		t.Helper()
		id, err := a.c.Mutate(ctx, name, args)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return id
	}
	mutate(app.BookmarkSet, mark("y1", true))
	a.sync()
	copyPath := filepath.Join(t.TempDir(), "server-copy.db")
	if err := e.store.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	mutate(app.BookmarkSet, mark("y2", true))
	mutate(app.BookmarkSet, mark("y3", true))
	a.sync()
	// Queued while the server is down.
	a.net.set(func(*http.Request) fault { return dropRequest })
	toY1, args := e.sendArgs(pid("y1"))
	if id := mutate(app.OfferSend, args); id != 4 {
		t.Fatalf("the offer is mutation %d, want 4", id)
	}
	mutate(app.BookmarkSet, mark("y2", false))

	// The server comes back from the copy, with a new epoch.
	restored := e.restored(copyPath)
	if err := a.r.SetState(ctx, map[string]string{"server": restored.ts.URL}); err != nil {
		t.Fatal(err)
	}
	a.net.set(nil)
	a.sync()
	if n, err := a.r.Pending(ctx); err != nil || n != 0 {
		t.Fatalf("outbox after the sync: %d, %v", n, err)
	}
	if st := a.c.Status(); len(st.Rejections) != 0 {
		t.Errorf("rejections %+v", st.Rejections)
	}
	last, results := restored.processed(a.deviceID())
	if want := map[int64]app.Code{1: "", 2: "", 3: ""}; last != 3 || !maps.Equal(results, want) {
		t.Fatalf("restored server: last %d, results %v; want 3 and %v", last, results, want)
	}
	if _, ok := serverOffer(t, restored.store, pid("x1"), toY1); !ok {
		t.Error("the queued offer did not reach the restored server")
	}
	if id := mutate(app.BookmarkSet, mark("y3", true)); id != 4 {
		t.Errorf("the next mutation is %d, want 4", id)
	}
	a.sync()
	if n := restored.count(`SELECT count(*) FROM bookmarks WHERE owner_id = ? AND target_id IN (?, ?, ?)`,
		pid("x1"), pid("y1"), pid("y2"), pid("y3")); n != 2 {
		t.Errorf("%d of x1's bookmarks on the restored server, want 2 (y1 and y3)", n)
	}
	sameAsFresh(t, restored, a)
}
