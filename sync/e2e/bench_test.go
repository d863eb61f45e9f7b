package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data"
	"crosstalk/data/replica"
	"crosstalk/data/serverstore"
	"crosstalk/sync/client"
	"crosstalk/sync/server"
	"crosstalk/sync/wire"
)

// scale is the consortium of the benchmarks: 10,000 participants, 20,000
// offers and 10,000 talks, as of start.
var scale = sync.OnceValue(func() app.Dataset { return demo.Scale(10000, start) })

// importChunks imports ds into st in transactions of about chunk rows:
// companies and cohorts, then participants with their memberships (two
// rows each), offers, talks, surveys and bookmarks, the order the
// foreign keys ask for. Rows written in one transaction share a version
// and a pull never splits them, so a single import would make the whole
// consortium one page; chunks let pulls be cut near wire.DefaultPullLimit,
// as pages of a live server are.
func importChunks(ctx context.Context, st *serverstore.Store, ds app.Dataset, chunk int) error {
	parts := []app.Dataset{{Companies: ds.Companies, Cohorts: ds.Cohorts}}
	for ps := range slices.Chunk(ds.Participants, chunk/2) {
		parts = append(parts, app.Dataset{Participants: ps})
	}
	for os := range slices.Chunk(ds.Offers, chunk) {
		parts = append(parts, app.Dataset{Offers: os})
	}
	for ts := range slices.Chunk(ds.Talks, chunk) {
		parts = append(parts, app.Dataset{Talks: ts})
	}
	for ss := range slices.Chunk(ds.Surveys, chunk) {
		parts = append(parts, app.Dataset{Surveys: ss})
	}
	for bs := range slices.Chunk(ds.Bookmarks, chunk) {
		parts = append(parts, app.Dataset{Bookmarks: bs})
	}
	for _, p := range parts {
		if err := st.Import(ctx, p); err != nil {
			return err
		}
		if len(p.Participants) > 0 {
			// Everyone has joined, each chunk in a transaction of its
			// own, as people sign in one by one: a cohort bucket lists
			// the visible participants who have (migration 009).
			if err := joinChunk(ctx, st, p.Participants); err != nil {
				return err
			}
		}
	}
	return nil
}

// joinChunk signs a device in for each of ps, in one transaction, as
// Redeem does for one: a device row, then data.Tx.ListingsChanged.
func joinChunk(ctx context.Context, st *serverstore.Store, ps []app.Participant) error {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return st.Write(ctx, func(tx *data.Tx) error {
		for _, id := range ids {
			if _, err := tx.SQL().ExecContext(ctx, `INSERT INTO devices (id, participant_id, token_hash, created_at)
				VALUES (?, ?, ?, ?)`, uuid.NewString(), id, "joined-"+uuid.NewString(), start.UnixMilli()); err != nil {
				return err
			}
		}
		return tx.ListingsChanged(ctx, ids, start)
	})
}

// openScale opens a server store in a temporary directory with ds
// imported in chunks of about a thousand rows.
func openScale(b *testing.B, ds app.Dataset) *serverstore.Store {
	b.Helper()
	ctx := context.Background()
	st, err := serverstore.Open(ctx, filepath.Join(b.TempDir(), "server.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := importChunks(ctx, st, ds, 1000); err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkInitialSync measures the initial sync of a real device into an
// empty client, end to end: the client of sync/client pulling over HTTP
// from the server of sync/server, on loopback, with gzip, page by page of
// wire.DefaultPullLimit rows, every answer applied to the replica in one
// transaction (the client asks for the next page while it applies one). The server holds the scale consortium (10,000 people,
// 20,000 offers, 10,000 talks, imported in transactions of about a
// thousand rows, as pages of a live server are cut).
//
// A device reads only the buckets its token allows (sync/server's
// buckets): the secretariat every cohort and its own user bucket, a
// participant their cohorts and their own user bucket. No device reads
// all 20,000 offers: a participant's offers and talks are the few of
// their own user bucket. The sub-benchmarks are the secretariat, which
// pulls the most, and the busiest participant.
//
// It reports rows/s, the rows the replica holds afterwards per second of
// SyncNow; and, measured in the same run, raw-rows/s, the rate of
// replica.Import of exactly those rows (the same count is checked) into a
// fresh replica of the same schema, indexes and search text, in
// one transaction, from rows already in memory; with raw-ratio, rows/s
// over raw-rows/s. Targets: at least 50,000 rows/s and half the raw rate.
// The log adds the CPU time of both (the sync's counts the server's too),
// steadier than wall time on a machine others load.
func BenchmarkInitialSync(b *testing.B) {
	ds := scale()
	st := openScale(b, ds)
	srv := server.New(st, server.Options{Clock: func() time.Time { return start }, Logger: serverLogger(b)})
	ts := httpTestServer(b, srv)
	busy := map[string]int{}
	for _, o := range ds.Offers {
		busy[o.FromID]++
		busy[o.ToID]++
	}
	for _, k := range ds.Talks {
		busy[k.AID]++
		busy[k.BID]++
	}
	var secretariat, participant string
	for _, p := range ds.Participants {
		switch {
		case p.Role == app.RoleSecretariat && secretariat == "":
			secretariat = p.ID
		case p.Role == app.RoleParticipant && (participant == "" || busy[p.ID] > busy[participant]):
			participant = p.ID
		}
	}
	for _, who := range []struct{ name, id string }{{"secretariat", secretariat}, {"participant", participant}} {
		b.Run(who.name, func(b *testing.B) { benchInitialSync(b, srv, ts, ds, who.id) })
	}
}

func benchInitialSync(b *testing.B, srv *server.Server, ts string, ds app.Dataset, me string) {
	ctx := context.Background()
	rawSet := deviceRows(ds, me)
	dir := b.TempDir()
	var held, rawHeld int
	var syncTime, rawTime, syncCPU, rawCPU time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		rep, err := replica.Open(ctx, filepath.Join(dir, fmt.Sprintf("sync-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		c := client.New(rep, client.Options{Clock: func() time.Time { return start }})
		code, err := srv.Invite(ctx, me, time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Connect(ctx, ts, code); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		if err := c.SyncNow(ctx); err != nil {
			b.Fatal(err)
		}
		syncTime, syncCPU = syncTime+time.Since(t0), syncCPU+cpuTime()-c0
		b.StopTimer()
		n := countRows(b, rep)
		held += n
		rep.Close()

		raw, err := replica.Open(ctx, filepath.Join(dir, fmt.Sprintf("raw-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cpuTime()
		if err := raw.Import(ctx, rawSet); err != nil {
			b.Fatal(err)
		}
		rawTime, rawCPU = rawTime+time.Since(t1), rawCPU+cpuTime()-c1
		m := countRows(b, raw)
		rawHeld += m
		raw.Close()
		if n != m {
			b.Fatalf("the synced replica holds %d rows, the raw import %d", n, m)
		}
		b.StartTimer()
	}
	b.StopTimer()
	rate := float64(held) / syncTime.Seconds()
	rawRate := float64(rawHeld) / rawTime.Seconds()
	b.ReportMetric(rate, "rows/s")
	b.ReportMetric(rawRate, "raw-rows/s")
	b.ReportMetric(rate/rawRate, "raw-ratio")
	per := func(d time.Duration) time.Duration { return (d / time.Duration(b.N)).Round(time.Millisecond) }
	b.Logf("%d rows synced in %v (CPU %v, server and client), imported raw in %v (CPU %v)",
		held/b.N, per(syncTime), per(syncCPU), per(rawTime), per(rawCPU))
}

// cpuTime is the CPU time the process has used, user and system: on a
// machine that others load, a steadier measure of work than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// deviceRows is what the device of participant me may read of ds, as the
// server's buckets hold it, every person of ds having joined: the cohorts
// of me (every cohort for the secretariat), their listed members (the
// visible participants), their memberships and companies; me's own
// profile, company, memberships, offers, talks, surveys and bookmarks;
// and the people of me's offers and talks, hidden ones redacted, with
// their companies and their memberships in me's cohorts.
func deviceRows(ds app.Dataset, me string) app.Dataset {
	var self app.Participant
	for _, p := range ds.Participants {
		if p.ID == me {
			self = p
		}
	}
	cohorts := map[string]bool{}
	for _, c := range ds.Cohorts {
		if self.Role == app.RoleSecretariat || slices.Contains(self.Cohorts, c.ID) {
			cohorts[c.ID] = true
		}
	}
	var out app.Dataset
	for _, c := range ds.Cohorts {
		if cohorts[c.ID] {
			out.Cohorts = append(out.Cohorts, c)
		}
	}
	counterpart := map[string]bool{}
	for _, o := range ds.Offers {
		if o.FromID == me || o.ToID == me {
			out.Offers = append(out.Offers, o)
			counterpart[o.FromID], counterpart[o.ToID] = true, true
		}
	}
	for _, k := range ds.Talks {
		if k.AID == me || k.BID == me {
			out.Talks = append(out.Talks, k)
			counterpart[k.AID], counterpart[k.BID] = true, true
		}
	}
	delete(counterpart, me)
	companies := map[string]bool{self.CompanyID: true}
	for _, p := range ds.Participants {
		listed := p.Visible && p.Role == app.RoleParticipant
		in := false
		for _, c := range p.Cohorts {
			// me's own memberships (user bucket), the listed members' of
			// the cohorts me reads (cohort bucket), and the people's of
			// me's offers and talks in me's cohorts (user bucket).
			if p.ID == me || cohorts[c] && listed || counterpart[p.ID] && slices.Contains(self.Cohorts, c) {
				out.Members = append(out.Members, app.Membership{CohortID: c, ParticipantID: p.ID})
			}
			in = in || cohorts[c] && listed
		}
		switch {
		case p.ID == me:
			p.Cohorts = nil
			out.Participants = append(out.Participants, p)
		case in || counterpart[p.ID]:
			if !p.Visible {
				p = app.Participant{ID: p.ID, CompanyID: p.CompanyID, Name: p.Name, Kana: p.Kana, AgeBand: p.AgeBand,
					Themes: []string{}, Modes: []app.Mode{}, Role: p.Role}
			}
			p.Cohorts = nil
			out.Participants = append(out.Participants, p)
			companies[p.CompanyID] = true
		}
	}
	for _, c := range ds.Companies {
		if companies[c.ID] {
			out.Companies = append(out.Companies, c)
		}
	}
	for _, sv := range ds.Surveys {
		if sv.AuthorID == me {
			out.Surveys = append(out.Surveys, sv)
		}
	}
	for _, bm := range ds.Bookmarks {
		if bm.OwnerID == me {
			out.Bookmarks = append(out.Bookmarks, bm)
		}
	}
	return out
}

// BenchmarkPropagation measures how long an offer takes from A's Mutate
// to B's replica, both online on loopback with their sync loops running
// (ResyncEvery an hour, so only the poke can bring it in time). Each
// round A then withdraws the offer, and waits for B to see that, so as to
// stay under the cohort's caps. It reports the median and the 95th
// percentile in milliseconds. Target: p95 under 50 ms.
func BenchmarkPropagation(b *testing.B) {
	e := newEnv(b, dataset())
	ctx := context.Background()
	a := e.connect(pid("x1"), e.clock.Now)
	r := e.connect(pid("y1"), e.clock.Now)
	a.sync()
	r.sync()
	changed := make(chan struct{}, 1)
	defer r.c.Subscribe(func(client.Status) {
		select {
		case changed <- struct{}{}:
		default:
		}
	})()
	a.run()
	r.run()
	// waitFor waits until B's replica holds the offer in state.
	waitFor := func(id string, state app.OfferState) {
		deadline := time.Now().Add(10 * time.Second)
		for {
			if s, ok := received(b, r, id); ok && s == state {
				return
			}
			if time.Now().After(deadline) {
				b.Fatalf("offer %s did not reach B as %s", id, state)
			}
			select {
			case <-changed:
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		id, args := e.sendArgs(r.who)
		t0 := time.Now()
		if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
			b.Fatal(err)
		}
		waitFor(id, app.OfferPending)
		lat = append(lat, time.Since(t0))
		b.StopTimer()
		if _, err := a.c.Mutate(ctx, app.OfferWithdraw, app.Args(app.WithdrawOfferArgs{OfferID: id})); err != nil {
			b.Fatal(err)
		}
		waitFor(id, app.OfferWithdrawn)
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*95/100]), "p95-ms")
}

// received finds offer id among those d received, in d's replica.
func received(t testing.TB, d *device, id string) (app.OfferState, bool) {
	items, err := d.r.Inbox(context.Background(), d.who, app.BoxReceived, start)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.ID == id {
			return it.State, true
		}
	}
	return "", false
}

// BenchmarkPullPayload measures the bytes of pull answers on the wire
// per row pulled, for an initial sync of a participant of the scale
// consortium by the real client over HTTP: once accepting gzip, once
// asking for the identity encoding. It reports gzip-B/row and
// identity-B/row.
func BenchmarkPullPayload(b *testing.B) {
	ds := scale()
	st := openScale(b, ds)
	srv := server.New(st, server.Options{Clock: func() time.Time { return start }, Logger: serverLogger(b)})
	ts := httpTestServer(b, srv)
	var me string
	for _, p := range ds.Participants {
		if p.Role == app.RoleParticipant && p.Visible {
			me = p.ID
			break
		}
	}
	ctx := context.Background()
	var totals [2]countingNet // gzip, identity
	b.ResetTimer()
	for i := range b.N {
		for k, encoding := range []string{"gzip", "identity"} {
			net := &totals[k]
			net.encoding = encoding
			rep, err := replica.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("%s-%d.db", encoding, i)))
			if err != nil {
				b.Fatal(err)
			}
			c := client.New(rep, client.Options{Clock: func() time.Time { return start }, HTTPClient: &http.Client{Transport: net}})
			code, err := srv.Invite(ctx, me, time.Hour)
			if err != nil {
				b.Fatal(err)
			}
			if err := c.Connect(ctx, ts, code); err != nil {
				b.Fatal(err)
			}
			if err := c.SyncNow(ctx); err != nil {
				b.Fatal(err)
			}
			rep.Close()
		}
	}
	b.StopTimer()
	for k, name := range []string{"gzip-B/row", "identity-B/row"} {
		b.ReportMetric(float64(totals[k].bytes)/float64(totals[k].rows), name)
	}
	b.Logf("%d rows pulled per sync, %d answers", totals[0].rows/int64(b.N), totals[0].answers/int64(b.N))
}

// httpTestServer serves srv on loopback until the benchmark ends and
// returns its URL.
func httpTestServer(b *testing.B, srv *server.Server) string {
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(func() {
		srv.Close()
		ts.Close()
	})
	return ts.URL
}

// countingNet is an http.RoundTripper that asks for one content encoding
// and counts the bytes of pull answers as they come off the wire, and the
// rows in them. It inflates gzip itself, since asking for an encoding
// turns off the transport's own.
type countingNet struct {
	encoding string
	next     http.Transport
	mu       sync.Mutex
	bytes    int64
	rows     int64
	answers  int64
}

func (n *countingNet) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept-Encoding", n.encoding)
	resp, err := n.next.RoundTrip(r)
	if err != nil || r.URL.Path != wire.PathPull || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	body := raw
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		if body, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
		resp.Header.Del("Content-Encoding")
		resp.Uncompressed = true
	}
	var res wire.PullResponse
	if err := json.Unmarshal(body, &res); err != nil {
		return nil, err
	}
	n.mu.Lock()
	n.bytes += int64(len(raw))
	n.answers++
	for _, p := range res.Buckets {
		n.rows += int64(len(p.Rows) + len(p.Deletes))
	}
	n.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// countRows counts the rows a replica holds for the server.
func countRows(b *testing.B, r *replica.Store) int {
	dump, err := r.DumpTables(context.Background(), "companies", "cohorts", "participants", "cohort_members",
		"offers", "talks", "surveys", "bookmarks")
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for l := range strings.Lines(dump) {
		if !strings.HasPrefix(l, "== ") {
			n++
		}
	}
	return n
}
