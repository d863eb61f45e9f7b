package replica_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/replica"
	"crosstalk/data/serverstore"
)

// The server and replica halves of sync, driven directly (the HTTP layer
// has tests of its own in sync/server and sync/client).

// peer is one device: its replica and what the server knows of it.
type peer struct {
	who     string
	device  string
	rep     *replica.Store
	buckets []string
}

func newPeer(t testing.TB, srv *serverstore.Store, who string) *peer {
	t.Helper()
	dev := fixture.Device(t, srv, fixture.PID(who), who)
	return &peer{who: who, device: dev, rep: openReplica(t), buckets: []string{"user:" + fixture.PID(who), "cohort:" + fixture.CoOpen}}
}

func openReplica(t testing.TB) *replica.Store {
	t.Helper()
	rep, err := replica.Open(context.Background(), filepath.Join(t.TempDir(), "replica.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rep.Close() })
	return rep
}

// mutate runs a mutation on the peer's replica and queues it.
func (p *peer) mutate(t testing.TB, name string, args any, clock time.Time) error {
	t.Helper()
	_, err := p.rep.Enqueue(context.Background(), name, fixture.Actor(p.who), app.Args(args), clock)
	if err != nil && !app.IsRejection(err) {
		t.Fatal(err)
	}
	return err
}

// push sends the outbox to the server, as the client does, and records
// refusals.
func (p *peer) push(t testing.TB, srv *serverstore.Store, clock time.Time) map[int64]app.Code {
	t.Helper()
	ctx := context.Background()
	out, err := p.rep.Outbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	refused := map[int64]app.Code{}
	for _, m := range out {
		o, err := srv.Process(ctx, p.device, m.ID, m.Name, m.Args, clock)
		if err != nil {
			t.Fatal(err)
		}
		if o.Code != "" {
			refused[m.ID] = o.Code
		}
	}
	if err := p.rep.RecordRejections(ctx, refused, clock); err != nil {
		t.Fatal(err)
	}
	return refused
}

// pull applies pages of at most limit rows until every bucket is done,
// and counts them.
func (p *peer) pull(t testing.TB, srv *serverstore.Store, limit int) int {
	t.Helper()
	ctx := context.Background()
	for n := 1; ; n++ {
		res := pullOnce(t, srv, p, limit)
		if err := p.rep.ApplyPull(ctx, res); err != nil {
			t.Fatal(err)
		}
		if done(res) {
			return n
		}
		if n > 100000 {
			t.Fatal("pull does not end")
		}
	}
}

func pullOnce(t testing.TB, srv *serverstore.Store, p *peer, limit int) data.PullResult {
	t.Helper()
	cur, err := p.rep.Cursors(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := srv.Pull(context.Background(), p.device, p.buckets, cur, limit)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func done(res data.PullResult) bool {
	for _, pg := range res.Pages {
		if pg.More || pg.Reset {
			return false
		}
	}
	return true
}

func synced(t testing.TB, st *replica.Store) string {
	t.Helper()
	s, err := st.DumpSynced(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fresh is what a new device of who holds after pulling everything.
func fresh(t testing.TB, srv *serverstore.Store, who string) string {
	t.Helper()
	p := newPeer(t, srv, who)
	p.pull(t, srv, 1<<20)
	return synced(t, p.rep)
}

func TestReplicaRoundTrip(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	a, b := newPeer(t, srv, "a1"), newPeer(t, srv, "b1")
	a.pull(t, srv, 1000)
	b.pull(t, srv, 1000)

	id := fixture.NewID()
	args := fixture.SendArgs("b1")
	args.ID = id
	if err := a.mutate(t, app.OfferSend, args, fixture.Now); err != nil {
		t.Fatal(err)
	}
	if o := fixture.OfferOf(t, a.rep, id); o.State != app.OfferPending {
		t.Fatalf("optimistic offer %+v", o)
	}
	if n, _ := a.rep.Pending(context.Background()); n != 1 {
		t.Fatalf("%d queued", n)
	}
	if refused := a.push(t, srv, fixture.Now.Add(time.Second)); len(refused) != 0 {
		t.Fatalf("refused %v", refused)
	}
	a.pull(t, srv, 1000)
	b.pull(t, srv, 1000)
	if n, _ := a.rep.Pending(context.Background()); n != 0 {
		t.Fatalf("%d still queued after the pull", n)
	}
	if o := fixture.OfferOf(t, b.rep, id); o.State != app.OfferPending || o.Turn != fixture.PID("b1") {
		t.Fatalf("b's copy %+v", o)
	}
	// b accepts; a sees the talk.
	if err := b.mutate(t, app.OfferAccept, app.AcceptOfferArgs{OfferID: id, Start: args.Slots[0]}, fixture.Now); err != nil {
		t.Fatal(err)
	}
	b.push(t, srv, fixture.Now.Add(time.Minute))
	a.pull(t, srv, 1000)
	if k := fixture.TalkOf(t, a.rep, app.TalkIDFor(id)); k.State != app.TalkScheduled {
		t.Fatalf("a's talk %+v", k)
	}
	for _, p := range []*peer{a, b} {
		p.pull(t, srv, 1000)
		if got, want := synced(t, p.rep), fresh(t, srv, p.who); got != want {
			t.Fatalf("%s's replica differs from a fresh pull:\n%s\nwant\n%s", p.who, got, want)
		}
	}
}

// A mutation the server refuses leaves no trace in the replica once the
// answer is pulled, and the rest of the queue drains.
func TestRefusedMutationIsUndone(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	a := newPeer(t, srv, "a1")
	a.pull(t, srv, 1000)
	// Meanwhile, on the server, b1 reaches the cap of offers received.
	fixture.Must(t, srv, "c1", app.OfferSend, app.SendOfferArgs{ID: fixture.NewID(), CohortID: fixture.CoOpen, ToID: fixture.PID("b1"),
		Message: "よろしくお願いします。", Mode: app.ModePhone, Slots: fixture.SendArgs("b1").Slots}, fixture.Now)

	fixture.Must(t, srv, "d1", app.OfferSend, app.SendOfferArgs{ID: fixture.NewID(), CohortID: fixture.CoOpen, ToID: fixture.PID("b1"),
		Message: "よろしくお願いします。", Mode: app.ModePhone, Slots: fixture.SendArgs("b1").Slots}, fixture.Now)

	var ids []string
	for i, to := range []string{"c1", "b1", "c2"} { // the second is refused by the server
		args := fixture.SendArgs(to)
		ids = append(ids, args.ID)
		if err := a.mutate(t, app.OfferSend, args, fixture.Now.Add(time.Duration(i)*time.Second)); err != nil {
			t.Fatalf("offer %d to %s: %v", i, to, err)
		}
	}
	// A fourth is over a1's own cap: the replica refuses it at once and
	// queues nothing.
	if err := a.mutate(t, app.OfferSend, fixture.SendArgs("d2"), fixture.Now); app.CodeOf(err) != app.CodeSenderBusy {
		t.Fatalf("a fourth offer: %v", err)
	}
	if n, _ := a.rep.Pending(context.Background()); n != 3 {
		t.Fatalf("%d queued, want 3", n)
	}
	refused := a.push(t, srv, fixture.Now.Add(time.Minute))
	if len(refused) != 1 || refused[2] != app.CodeRecipientBusy {
		t.Fatalf("refused %v, want mutation 2 recipient_busy", refused)
	}
	a.pull(t, srv, 1000)
	if n, _ := a.rep.Pending(context.Background()); n != 0 {
		t.Fatalf("%d queued after the pull", n)
	}
	err := a.rep.Update(context.Background(), func(tx app.Tx) error {
		_, err := tx.Offer(context.Background(), ids[1])
		return err
	})
	if err == nil {
		t.Fatal("the refused offer is still in the replica")
	}
	rj, _ := a.rep.Rejections(context.Background())
	if len(rj) != 1 || rj[0].Code != app.CodeRecipientBusy || rj[0].Name != app.OfferSend {
		t.Fatalf("rejections %+v", rj)
	}
	if got, want := synced(t, a.rep), fresh(t, srv, "a1"); got != want {
		t.Fatalf("replica differs from a fresh pull")
	}
}

// A page never splits the rows of one transaction, and the pages of a
// cut-up pull add up to one whole pull.
func TestPagesKeepTransactionsWhole(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	for range 5 {
		for _, pair := range [][2]string{{"a1", "b1"}, {"c1", "d1"}, {"c2", "b2"}} {
			k := fixture.Accepted(t, srv, pair[0], pair[1]) // two rows (offer and talk) in one transaction
			fixture.Must(t, srv, pair[0], app.TalkCancel, app.CancelTalkArgs{TalkID: k, Reason: "other"}, fixture.Now)
		}
	}
	p := newPeer(t, srv, "a1")
	p.buckets = []string{"cohort:" + fixture.CoOpen, "user:" + fixture.PID("a1")}
	seen := map[int64]bool{}
	ctx := context.Background()
	for {
		res := pullOnce(t, srv, p, 1)
		for _, pg := range res.Pages {
			versions := map[int64]int{}
			for _, r := range pg.Rows {
				if seen[r.Version] && strings.HasPrefix(pg.Bucket, "user:") {
					t.Fatalf("version %d came on two pages of %s", r.Version, pg.Bucket)
				}
				versions[r.Version]++
				if r.Version > pg.Cursor {
					t.Fatalf("row of version %d above the page's cursor %d", r.Version, pg.Cursor)
				}
			}
			if strings.HasPrefix(pg.Bucket, "user:") {
				for v := range versions {
					seen[v] = true
				}
				if len(versions) > 1 {
					t.Fatalf("a page of limit 1 holds %d transactions", len(versions))
				}
			}
		}
		if err := p.rep.ApplyPull(ctx, res); err != nil {
			t.Fatal(err)
		}
		if done(res) {
			break
		}
	}
	// The accepted offers came with their talks: same version, same page.
	if got, want := synced(t, p.rep), fresh(t, srv, "a1"); got != want {
		t.Fatal("a pull in pages of one transaction differs from a whole pull")
	}
}

// An initial sync cut on a random page, with the client process gone,
// resumes from that page.
func TestInitialSyncResumes(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	for range 10 {
		k := fixture.Accepted(t, srv, "a1", "b1")
		fixture.Must(t, srv, "b1", app.TalkCancel, app.CancelTalkArgs{TalkID: k, Reason: "work"}, fixture.Now)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 5 {
		p := newPeer(t, srv, "a1")
		path := p.rep.Path()
		stop := 1 + rng.IntN(8)
		for range stop {
			if err := p.rep.ApplyPull(context.Background(), pullOnce(t, srv, p, 2)); err != nil {
				t.Fatal(err)
			}
		}
		p.rep.Close() // the process dies here
		rep, err := replica.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		p.rep = rep
		pages := p.pull(t, srv, 2)
		if got, want := synced(t, rep), fresh(t, srv, "a1"); got != want {
			t.Fatalf("trial %d: resumed after %d pages (%d more) but differs from a fresh pull", trial, stop, pages)
		}
		rep.Close()
	}
}

// An answer decoded ahead (PullResult.Decode, as the client does while
// the replica writes the answer before) is applied as one that is not.
func TestDecodedPullAppliesTheSame(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	fixture.Accepted(t, srv, "a1", "b1")
	plain, decoded := newPeer(t, srv, "a1"), newPeer(t, srv, "a1")
	ctx := context.Background()
	for {
		// Each answer holds a page of several buckets, merged into one
		// import.
		a, b := pullOnce(t, srv, plain, 7), pullOnce(t, srv, decoded, 7)
		if err := replica.Decode(&b); err != nil {
			t.Fatal(err)
		}
		if err := plain.rep.ApplyPull(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := decoded.rep.ApplyPull(ctx, b); err != nil {
			t.Fatal(err)
		}
		if done(a) && done(b) {
			break
		}
	}
	if a, b := synced(t, plain.rep), synced(t, decoded.rep); a != b || a != fresh(t, srv, "a1") {
		t.Errorf("applied decoded:\n%s\nnot decoded:\n%s", b, a)
	}
}

// A page that cannot be applied — a broken row at its end, or the file
// busy — changes nothing: not the rows, not the cursor.
func TestFailedApplyChangesNothing(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	fixture.Accepted(t, srv, "a1", "b1")
	p := newPeer(t, srv, "a1")
	ctx := context.Background()

	res := pullOnce(t, srv, p, 1000)
	bad := res
	bad.Pages = append([]data.BucketPage(nil), res.Pages...)
	last := &bad.Pages[len(bad.Pages)-1]
	last.Rows = append(append([]data.Change(nil), last.Rows...), data.Change{Table: "offers", Version: last.Cursor, Data: []byte(`{"id":`)})
	before := fixture.Snapshot(t, p.rep)
	if err := p.rep.ApplyPull(ctx, bad); err == nil {
		t.Fatal("a broken row was applied")
	}
	if after := fixture.Snapshot(t, p.rep); after != before {
		t.Fatal("a failed page changed the replica")
	}
	for _, hostile := range []data.Change{
		{Table: "devices", Data: []byte(`{}`)},
		{Table: "offers", Data: []byte(`{"id":"x","state":"stolen"}`)},
		{Table: "surveys", Data: []byte(`{"talkId":"x","authorId":"y","satisfaction":99}`)},
		{Table: "participants", Data: []byte(`{"id":"x","role":"king"}`)},
		{Table: "participants", Data: []byte(`{"id":"x","companyId":"c","name":"n","kana":"か","ageBand":"50-54",
			"jobRole":"","themes":5,"interests":"","intro":"","modes":[],"freeTimes":"","visible":true,"role":"participant"}`)},
		{Table: "participants", Data: []byte(`{"id":"x","companyId":"c","name":"n","kana":"か","ageBand":"50-54",
			"jobRole":"","themes":[],"interests":"","intro":"","modes":[],"freeTimes":"","visible":"yes","role":"participant"}`)},
		{Table: "participants", Data: []byte(`["x"]`)},
		{Table: "companies", Data: []byte(`{"id":"x","name":7}`)},
	} {
		h := res
		h.Pages = []data.BucketPage{{Bucket: "user:" + fixture.PID("a1"), Cursor: 999, Rows: []data.Change{hostile}}}
		if err := p.rep.ApplyPull(ctx, h); err == nil {
			t.Errorf("hostile row %s %s was applied", hostile.Table, hostile.Data)
		}
		if after := fixture.Snapshot(t, p.rep); after != before {
			t.Fatalf("hostile row %s changed the replica", hostile.Table)
		}
		// Decoded ahead, as the client does: the decoding or the writing
		// refuses it.
		if replica.Decode(&h) == nil && p.rep.ApplyPull(ctx, h) == nil {
			t.Errorf("hostile row %s %s, decoded ahead, was applied", hostile.Table, hostile.Data)
		}
		if after := fixture.Snapshot(t, p.rep); after != before {
			t.Fatalf("hostile row %s, decoded ahead, changed the replica", hostile.Table)
		}
	}

	// Another connection holds the write lock: SQLITE_BUSY.
	db, err := sql.Open("sqlite3", "file:"+p.rep.Path()+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lock, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if err := p.rep.ApplyPull(short, res); err == nil {
		t.Fatal("applied while the file was locked")
	}
	lock.Rollback()
	if after := fixture.Snapshot(t, p.rep); after != before {
		t.Fatal("a busy apply changed the replica")
	}
	if err := p.rep.ApplyPull(ctx, res); err != nil {
		t.Fatal(err)
	}
	p.pull(t, srv, 1000)
	if got, want := synced(t, p.rep), fresh(t, srv, "a1"); got != want {
		t.Fatal("after the failures, the replica differs from a fresh pull")
	}
}

// A device that was away longer than the tombstones are kept gets a
// reset, and what was deleted meanwhile does not come back.
func TestResetAfterTombstonesPruned(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	fixture.Must(t, srv, "a1", app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID("b1"), On: true}, fixture.Now)
	fixture.Must(t, srv, "a1", app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID("c1"), On: true}, fixture.Now)
	p := newPeer(t, srv, "a1")
	p.pull(t, srv, 1000)
	if !strings.Contains(synced(t, p.rep), fixture.PID("a1")+"|"+fixture.PID("b1")) {
		t.Fatal("bookmarks not pulled")
	}
	// Offline: the bookmark goes, and its tombstone is pruned.
	fixture.Must(t, srv, "a1", app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID("b1"), On: false}, fixture.Now)
	if n, err := srv.PruneTombstones(context.Background(), fixture.Now.Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("pruned %d: %v", n, err)
	}
	res := pullOnce(t, srv, p, 1000)
	// The horizon is the server's, not a bucket's: every bucket whose
	// cursor is below it resets.
	for _, pg := range res.Pages {
		if !pg.Reset {
			t.Fatalf("%s did not reset", pg.Bucket)
		}
	}
	if err := p.rep.ApplyPull(context.Background(), res); err != nil {
		t.Fatal(err)
	}
	p.pull(t, srv, 1000)
	got := synced(t, p.rep)
	if strings.Contains(got, fixture.PID("a1")+"|"+fixture.PID("b1")) {
		t.Fatal("the deleted bookmark came back")
	}
	if !strings.Contains(got, fixture.PID("a1")+"|"+fixture.PID("c1")) {
		t.Fatal("the kept bookmark is gone")
	}
	if want := fresh(t, srv, "a1"); got != want {
		t.Fatal("after the reset, the replica differs from a fresh pull")
	}
	// And no loop: the next pull is no reset.
	for _, pg := range pullOnce(t, srv, p, 1000).Pages {
		if pg.Reset {
			t.Fatalf("%s reset again", pg.Bucket)
		}
	}
}

// The server is restored from an older snapshot: clients reset once and
// converge, and their queued mutations still go through.
func TestServerRestoredFromOlderSnapshot(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, fixture.Dataset())
	a, b := newPeer(t, srv, "a1"), newPeer(t, srv, "b1")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := srv.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	// After the backup: a's offer is confirmed, b pulls it.
	a.mutate(t, app.OfferSend, fixture.SendArgs("b1"), fixture.Now)
	a.push(t, srv, fixture.Now)
	a.pull(t, srv, 1000)
	b.pull(t, srv, 1000)
	// The server is restored from the backup; a queues another offer.
	srv.Close()
	restored, err := serverstore.Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	for _, tc := range []struct {
		name  string
		epoch bool
	}{{"cursors ahead of the restored server", false}, {"a new epoch", true}} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.epoch {
				if err := restored.NewEpoch(ctx); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range []*peer{a, b} {
				p.pull(t, restored, 1000)
				if got, want := synced(t, p.rep), fresh(t, restored, p.who); got != want {
					t.Fatalf("%s does not converge on the restored server", p.who)
				}
				for _, pg := range pullOnce(t, restored, p, 1000).Pages {
					if pg.Reset {
						t.Fatalf("%s: %s resets again", p.who, pg.Bucket)
					}
				}
			}
		})
	}
	// a's device is unknown to the backup: it signs in again and its next
	// offer goes through with a higher mutation id.
	a2 := newPeer(t, restored, "a1")
	a2.rep = a.rep
	a2.mutate(t, app.OfferSend, fixture.SendArgs("c1"), fixture.Now)
	if refused := a2.push(t, restored, fixture.Now); len(refused) != 0 {
		t.Fatalf("refused %v", refused)
	}
	a2.pull(t, restored, 1000)
	if got, want := synced(t, a.rep), fresh(t, restored, "a1"); got != want {
		t.Fatal("a does not converge after new offers on the restored server")
	}
}

// A writer that has taken its version but commits late is not skipped:
// no reader sees a later version before it commits.
func TestLateCommitIsNotSkipped(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	p := newPeer(t, srv, "a1")
	p.pull(t, srv, 1000)
	ctx := context.Background()
	took := make(chan int64)
	release := make(chan struct{})
	slow := make(chan error)
	go func() {
		slow <- srv.Write(ctx, func(tx *data.Tx) error {
			v, err := tx.Version(ctx)
			if err != nil {
				return err
			}
			if err := app.Apply(ctx, tx, app.BookmarkSet, fixture.Actor("a1"), app.Args(app.SetBookmarkArgs{ParticipantID: fixture.PID("b1"), On: true}), fixture.Now); err != nil {
				return err
			}
			took <- v
			<-release
			return nil
		})
	}()
	v := <-took
	// A second writer starts meanwhile; it must wait, not commit a higher version first.
	fast := make(chan error)
	go func() {
		fast <- app.Run(ctx, srv, app.BookmarkSet, fixture.Actor("a1"), app.Args(app.SetBookmarkArgs{ParticipantID: fixture.PID("c1"), On: true}), fixture.Now)
	}()
	res := pullOnce(t, srv, p, 1000)
	for _, pg := range res.Pages {
		if pg.Cursor >= v {
			t.Fatalf("a pull moved %s to %d past the uncommitted version %d", pg.Bucket, pg.Cursor, v)
		}
	}
	if err := p.rep.ApplyPull(ctx, res); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-slow; err != nil {
		t.Fatal(err)
	}
	if err := <-fast; err != nil {
		t.Fatal(err)
	}
	p.pull(t, srv, 1000)
	got := synced(t, p.rep)
	for _, target := range []string{"b1", "c1"} {
		if !strings.Contains(got, fixture.PID("a1")+"|"+fixture.PID(target)) {
			t.Fatalf("the bookmark on %s was skipped", target)
		}
	}
}

// Fifty writers at once, with pullers running all along: every replica
// ends equal to a fresh pull from the server.
func TestConcurrentWritersConverge(t *testing.T) {
	d := fixture.World(60)
	srv := openServer(t, d)
	peers := make([]*peer, 6)
	for i := range peers {
		peers[i] = newWorldPeer(t, srv, i)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var pullers sync.WaitGroup
	for _, p := range peers {
		pullers.Add(1)
		go func() {
			defer pullers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := srv.Pull(context.Background(), p.device, p.buckets, mustCursors(t, p.rep), 7)
				if err != nil {
					t.Error(err)
					return
				}
				if err := p.rep.ApplyPull(context.Background(), res); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for w := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := w % 60
			for k := 1; k <= 4; k++ {
				to := (from + k*11) % 60
				err := app.Run(context.Background(), srv, app.OfferSend, app.Actor{ParticipantID: d.Participants[from].ID, Role: app.RoleParticipant},
					app.Args(app.SendOfferArgs{ID: fixture.NewID(), CohortID: fixture.CoOpen, ToID: d.Participants[to].ID,
						Message: "よろしくお願いします。", Mode: app.ModeOnline, Slots: []time.Time{fixture.At(3+k, 10)}}), fixture.Now)
				if err != nil && !app.IsRejection(err) {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	pullers.Wait()
	for i, p := range peers {
		p.pull(t, srv, 7)
		if got, want := synced(t, p.rep), freshWorld(t, srv, i); got != want {
			t.Fatalf("replica %d differs from a fresh pull", i)
		}
	}
}

func newWorldPeer(t testing.TB, srv *serverstore.Store, i int) *peer {
	t.Helper()
	id := fixture.PID(fmt.Sprint("p", i))
	return &peer{device: fixture.Device(t, srv, id, ""), rep: openReplica(t), buckets: []string{"user:" + id, "cohort:" + fixture.CoOpen}}
}

func freshWorld(t testing.TB, srv *serverstore.Store, i int) string {
	p := newWorldPeer(t, srv, i)
	p.pull(t, srv, 1<<20)
	return synced(t, p.rep)
}

func mustCursors(t testing.TB, rep *replica.Store) map[string]data.BucketCursor {
	c, err := rep.Cursors(context.Background())
	if err != nil {
		t.Error(err)
	}
	return c
}

// A hidden profile reaches no one of its cohort but the people who have
// an offer or talk with its owner (DESIGN.md §4), and those with its name
// only; its owner keeps the whole of it.
func TestHiddenProfilesAreRedacted(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	a, b3 := newPeer(t, srv, "a1"), newPeer(t, srv, "b3")
	a.pull(t, srv, 1000)
	b3.pull(t, srv, 1000)
	get := func(rep *replica.Store, who string) app.Participant {
		t.Helper()
		p, err := fixture.ParticipantOf(rep, fixture.PID(who))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if _, err := fixture.ParticipantOf(a.rep, fixture.PID("b3")); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("a1, who has no offer with b3, holds b3's hidden profile: %v", err)
	}
	fixture.Send(t, srv, "b3", "a1")
	a.pull(t, srv, 1000)
	if p := get(a.rep, "b3"); p.Name != "田中 美咲" || p.Intro != "" || p.JobRole != "" || len(p.Themes) != 0 || p.Visible {
		t.Errorf("a1 sees b3's hidden profile: %+v", p)
	}
	if p := get(b3.rep, "b3"); p.Intro != "よろしくお願いします。" || p.JobRole != "営業部長" {
		t.Errorf("b3's own profile is redacted in b3's replica: %+v", p)
	}
	if p := get(a.rep, "b1"); p.Intro != "よろしくお願いします。" {
		t.Errorf("a visible profile is redacted: %+v", p)
	}
}

// A cohort bucket reads its members' profiles and companies by their own
// version (migration 003): a person who joins later, with a company no
// member had, and a member who moves to another company, reach a replica
// that had pulled before, as they reach a fresh replica.
func TestCohortBucketFollowsMembershipsAndCompanies(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, fixture.Dataset())
	a := newPeer(t, srv, "a1")
	a.pull(t, srv, 3)
	x := app.Company{ID: fixture.CompanyID("X"), Name: "株式会社X商事", Industry: "商社"}
	step := func(what string, d app.Dataset) {
		t.Helper()
		if err := srv.Import(ctx, d); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		a.pull(t, srv, 3)
		want := fresh(t, srv, "a1")
		if got := synced(t, a.rep); got != want {
			t.Fatalf("after %s the replica holds\n%s\nwant\n%s", what, got, want)
		}
	}
	newcomer := app.Participant{ID: fixture.PID("x1"), CompanyID: x.ID, Name: "新井 一", Kana: "あらい はじめ", AgeBand: "50-54",
		Modes: app.Modes, Visible: true, Role: app.RoleParticipant}
	step("a person of a new company, in no cohort", app.Dataset{Companies: []app.Company{x}, Participants: []app.Participant{newcomer}})
	step("their joining the cohort", app.Dataset{Members: []app.Membership{{CohortID: fixture.CoOpen, ParticipantID: newcomer.ID}}})
	if !strings.Contains(synced(t, a.rep), "株式会社X商事") {
		t.Fatal("the newcomer's company did not reach the replica")
	}
	second := newcomer
	second.ID, second.Name, second.Cohorts = fixture.PID("x2"), "新井 二郎", []string{fixture.CoOpen}
	step("a second member of that company", app.Dataset{Participants: []app.Participant{second}})
	// x2, new to the fixture, signs in: listed from here on (x1 has
	// joined with the fixture's people, see openServer).
	fixture.Joined(t, srv, second.ID)
	step("the second's signing in", app.Dataset{})
	// Who leaves a cohort keeps their profile in the replica (only the
	// membership has a tombstone): from here on, look at what changed.
	has := func(what, text string) {
		t.Helper()
		a.pull(t, srv, 3)
		if !strings.Contains(synced(t, a.rep), text) {
			t.Fatalf("after %s the replica lacks %q", what, text)
		}
	}
	if err := srv.Write(ctx, func(tx *data.Tx) error { return tx.RemoveMember(ctx, fixture.CoOpen, newcomer.ID, fixture.Now) }); err != nil {
		t.Fatal(err)
	}
	x.Name = "株式会社X商事ホールディングス"
	if err := srv.Import(ctx, app.Dataset{Companies: []app.Company{x}}); err != nil {
		t.Fatal(err)
	}
	has("a new name of the company of the one member left", x.Name)
	if err := srv.Write(ctx, func(tx *data.Tx) error { return tx.RemoveMember(ctx, fixture.CoOpen, second.ID, fixture.Now) }); err != nil {
		t.Fatal(err)
	}
	// A device that first pulls when the company has no member gets it
	// when one joins again.
	b := newPeer(t, srv, "a2")
	b.pull(t, srv, 3)
	if strings.Contains(synced(t, b.rep), x.Name) {
		t.Fatal("a company with no member in the cohort reached a new replica")
	}
	if err := srv.Import(ctx, app.Dataset{Members: []app.Membership{{CohortID: fixture.CoOpen, ParticipantID: newcomer.ID}}}); err != nil {
		t.Fatal(err)
	}
	has("the first's joining again", fixture.CoOpen+"|"+newcomer.ID)
	b.pull(t, srv, 3)
	if !strings.Contains(synced(t, b.rep), x.Name) {
		t.Fatal("the company of a member who joined again did not reach a replica that lacked it")
	}
	y := app.Company{ID: fixture.CompanyID("Y"), Name: "株式会社Y商事", Industry: "金融"}
	if err := srv.Import(ctx, app.Dataset{Companies: []app.Company{y}}); err != nil {
		t.Fatal(err)
	}
	a.pull(t, srv, 3)
	if strings.Contains(synced(t, a.rep), y.Name) {
		t.Fatal("a company with no member in the cohort reached the replica")
	}
	moved := newcomer
	moved.CompanyID = y.ID
	if err := srv.Import(ctx, app.Dataset{Participants: []app.Participant{moved}}); err != nil {
		t.Fatal(err)
	}
	has("a member's move to a company with no member yet", y.Name)
}

// A replica in the middle of its first sync may hold a company that came
// with its members' memberships before their profiles did. Someone of
// that company leaving a cohort then must not take the company away: no
// later page sends it again. (a1 reads two cohorts; c1, the only one of
// company C in the open cohort, leaves it while a1 pulls page by page;
// x1, of C, is in the draft cohort, with a profile newer than the
// membership.)
func TestLeavingMidSyncKeepsCompanies(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, fixture.Dataset())
	set := func(cohort, who string, in bool) {
		t.Helper()
		if _, err := srv.SetMembers(ctx, cohort, []string{fixture.PID(who)}, in, fixture.Now); err != nil {
			t.Fatal(err)
		}
	}
	set(fixture.CoDraft, "a1", true)
	set(fixture.CoOpen, "c2", false)
	set(fixture.CoDraft, "x1", true)
	set(fixture.CoDraft, "c2", false)
	n := fixture.Names["x1"]
	fixture.Must(t, srv, "x1", app.ProfileUpdate, app.UpdateProfileArgs{Name: n[0], Kana: n[1], AgeBand: "55-59",
		JobRole: "営業部長", Themes: []string{"学び直し"}, Intro: "書き直しました。", Modes: app.Modes, Visible: true}, fixture.Now)

	p := newPeer(t, srv, "a1")
	p.buckets = []string{"user:" + fixture.PID("a1"), "cohort:" + fixture.CoOpen, "cohort:" + fixture.CoDraft}
	step := func() {
		t.Helper()
		if err := p.rep.ApplyPull(ctx, pullOnce(t, srv, p, 1)); err != nil {
			t.Fatal(err)
		}
	}
	step()
	set(fixture.CoOpen, "c1", false) // during the sync
	for range 6 {
		step()
	}
	p.pull(t, srv, 1000)
	q := newPeer(t, srv, "a1")
	q.buckets = p.buckets
	q.pull(t, srv, 1<<20)
	if got, want := synced(t, p.rep), synced(t, q.rep); got != want {
		t.Errorf("the replica differs from a fresh pull:\n%s\nfresh:\n%s", got, want)
	}
}

// A replica drops a withdrawn cohort by itself, and anything else with
// everything it holds.
func TestWithdrawalResets(t *testing.T) {
	for _, c := range []struct {
		withdrawn []string
		want      bool
	}{
		{nil, false},
		{[]string{"cohort:a"}, false},
		{[]string{"cohort:a", "cohort:b"}, false},
		{[]string{"cohort:a", "company:c"}, true},
		{[]string{"user:p"}, true},
		{[]string{"nonsense"}, true},
	} {
		if got := replica.WithdrawalResets(c.withdrawn); got != c.want {
			t.Errorf("WithdrawalResets(%q) = %v, want %v", c.withdrawn, got, c.want)
		}
	}
}

// A table this app does not know — a newer server's, for screens a newer
// app has — is skipped, rows and deletions, and the rest of the page is
// applied: an app not yet updated goes on syncing.
func TestUnknownTableIsSkipped(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	fixture.Accepted(t, srv, "a1", "b1")
	plain, withNew := newPeer(t, srv, "a1"), newPeer(t, srv, "a1")
	ctx := context.Background()
	for {
		a, b := pullOnce(t, srv, plain, 1000), pullOnce(t, srv, withNew, 1000)
		for i := range b.Pages {
			p := &b.Pages[i]
			p.Rows = append(append([]data.Change(nil), p.Rows...), data.Change{Table: "future_table", Version: p.Cursor, Data: []byte(`{"id":"x","what":1}`)})
			p.Deletes = append(append([]data.Deletion(nil), p.Deletes...), data.Deletion{Table: "future_table", Key: "x", Version: p.Cursor})
		}
		if err := plain.rep.ApplyPull(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := withNew.rep.ApplyPull(ctx, b); err != nil {
			t.Fatalf("a page with a newer server's table: %v", err)
		}
		if done(a) && done(b) {
			break
		}
	}
	if a, b := synced(t, plain.rep), synced(t, withNew.rep); a != b {
		t.Errorf("with a newer table:\n%s\nwithout:\n%s", b, a)
	}
}
