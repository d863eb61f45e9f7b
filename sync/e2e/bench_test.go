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
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data"
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
func importChunks(ctx context.Context, st *data.Store, ds app.Dataset, chunk int) error {
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
	}
	return nil
}

// openScale opens a server store in a temporary directory with ds
// imported in chunks of about a thousand rows.
func openScale(b *testing.B, ds app.Dataset) *data.Store {
	b.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(b.TempDir(), "server.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := importChunks(ctx, st, ds, 1000); err != nil {
		b.Fatal(err)
	}
	return st
}

// userCover picks participants whose user buckets together hold every
// offer and talk of ds: a greedy vertex cover of the graph whose edges
// are offers and talks, busiest people first.
func userCover(ds app.Dataset) []string {
	type edge struct{ a, b string }
	var edges []edge
	for _, o := range ds.Offers {
		edges = append(edges, edge{o.FromID, o.ToID})
	}
	for _, k := range ds.Talks {
		edges = append(edges, edge{k.AID, k.BID})
	}
	incident := map[string][]int{}
	for i, e := range edges {
		incident[e.a] = append(incident[e.a], i)
		incident[e.b] = append(incident[e.b], i)
	}
	people := make([]string, 0, len(incident))
	for p := range incident {
		people = append(people, p)
	}
	slices.SortFunc(people, func(x, y string) int {
		if d := len(incident[y]) - len(incident[x]); d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	covered := make([]bool, len(edges))
	var cover []string
	for _, p := range people {
		picked := false
		for _, i := range incident[p] {
			if !covered[i] {
				covered[i], picked = true, true
			}
		}
		if picked {
			cover = append(cover, p)
		}
	}
	return cover
}

// BenchmarkInitialSync measures an initial sync of the scale consortium
// into an empty replica: the cohort bucket (every participant, their
// memberships and companies) and the user buckets that together hold
// every offer and talk. A device reads only its own buckets, so this
// drives the path below HTTP: store.Pull, the answer encoded as JSON and
// gzipped as the server sends it, then inflated, decoded and applied with
// replica.ApplyPull, page by page of wire.DefaultPullLimit rows, at most
// wire.MaxBuckets buckets a request.
//
// It reports rows/s, the distinct rows the replica holds afterwards per
// second of sync; cohort-rows/s, the same for the cohort bucket alone,
// which is most of what a real device pulls; wire-rows/s, every row
// received, counting the offers and profiles that two user buckets both
// carry; and, measured in the same run, raw-rows/s, the rate of
// replica.Import of the whole dataset into a fresh replica, with
// raw-ratio, rows/s over raw-rows/s. Targets: at least 50,000 rows/s and
// half the raw rate.
func BenchmarkInitialSync(b *testing.B) {
	ctx := context.Background()
	ds := scale()
	srv := openScale(b, ds)
	cohort := []string{"cohort:" + ds.Cohorts[0].ID}
	var users []string
	for _, p := range userCover(ds) {
		users = append(users, "user:"+p)
	}
	rawRows := ds.Rows()
	for _, p := range ds.Participants {
		rawRows += len(p.Cohorts)
	}
	dir := b.TempDir()

	var p puller
	var held, cohortHeld int
	var cohortTime, userTime, rawTime time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		rep, err := data.OpenReplica(ctx, filepath.Join(dir, fmt.Sprintf("sync-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		p.pull(b, srv, rep, cohort)
		cohortTime += time.Since(t0)
		b.StopTimer()
		cohortHeld += countRows(b, rep)
		b.StartTimer()
		t1 := time.Now()
		for group := range slices.Chunk(users, wire.MaxBuckets) {
			p.pull(b, srv, rep, group)
		}
		userTime += time.Since(t1)
		b.StopTimer()
		held += countRows(b, rep)
		rep.Close()

		raw, err := data.OpenReplica(ctx, filepath.Join(dir, fmt.Sprintf("raw-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if err := raw.Import(ctx, ds); err != nil {
			b.Fatal(err)
		}
		rawTime += time.Since(t2)
		raw.Close()
		b.StartTimer()
	}
	b.StopTimer()
	syncTime := cohortTime + userTime
	rate := float64(held) / syncTime.Seconds()
	rawRate := float64(rawRows*b.N) / rawTime.Seconds()
	b.ReportMetric(rate, "rows/s")
	b.ReportMetric(float64(cohortHeld)/cohortTime.Seconds(), "cohort-rows/s")
	b.ReportMetric(float64(p.received)/syncTime.Seconds(), "wire-rows/s")
	b.ReportMetric(rawRate, "raw-rows/s")
	b.ReportMetric(rate/rawRate, "raw-ratio")
	per := func(d time.Duration) time.Duration { return (d / time.Duration(b.N)).Round(time.Millisecond) }
	b.Logf("1 cohort bucket: %d rows in %v; %d user buckets: %d more rows in %v", cohortHeld/b.N, per(cohortTime),
		len(users), (held-cohortHeld)/b.N, per(userTime))
	b.Logf("%d pages, %d rows received; time in store.Pull %v, JSON and gzip %v, ApplyPull %v; dataset %d rows, imported raw in %v",
		p.pages/b.N, p.received/b.N, per(p.store), per(p.wire), per(p.replica), rawRows, per(rawTime))
}

// puller pulls buckets from a store into a replica the way the server
// and the client do, without HTTP, and counts what it moved and where
// the time went.
type puller struct {
	zw                   *gzip.Writer
	pages, received      int
	store, wire, replica time.Duration // in store.Pull, encoding and decoding, replica.ApplyPull
}

// pull pulls buckets page by page until none has more.
func (p *puller) pull(b *testing.B, srv, rep *data.Store, buckets []string) {
	ctx := context.Background()
	for {
		t0 := time.Now()
		cursors, err := rep.Cursors(ctx)
		if err != nil {
			b.Fatal(err)
		}
		res, err := srv.Pull(ctx, "", buckets, cursors, wire.DefaultPullLimit)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		var body bytes.Buffer
		p.zw = gzipJSON(&body, p.zw, wireAnswer(res))
		got, err := readAnswer(&body)
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if err := rep.ApplyPull(ctx, got); err != nil {
			b.Fatal(err)
		}
		p.store, p.wire, p.replica = p.store+t1.Sub(t0), p.wire+t2.Sub(t1), p.replica+time.Since(t2)
		p.pages++
		more := false
		for _, pg := range got.Pages {
			p.received += len(pg.Rows) + len(pg.Deletes)
			more = more || pg.More
		}
		if !more {
			return
		}
	}
}

// wireAnswer is a store's pull result as the server answers it.
func wireAnswer(res data.PullResult) wire.PullResponse {
	out := wire.PullResponse{Epoch: res.Epoch, LastMutationID: res.LastMutationID, ServerTime: start,
		Buckets: make([]wire.BucketPage, len(res.Pages))}
	for i, p := range res.Pages {
		wp := wire.BucketPage{Bucket: p.Bucket, Reset: p.Reset, Cursor: p.Cursor, More: p.More}
		for _, c := range p.Rows {
			wp.Rows = append(wp.Rows, wire.Row(c))
		}
		for _, d := range p.Deletes {
			wp.Deletes = append(wp.Deletes, wire.Delete(d))
		}
		out.Buckets[i] = wp
	}
	return out
}

// gzipJSON writes v to w as JSON through gzip at the default level, as
// the server does, reusing zw when it is not nil, and returns the
// writer for the next call.
func gzipJSON(w io.Writer, zw *gzip.Writer, v any) *gzip.Writer {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	if zw == nil {
		zw, _ = gzip.NewWriterLevel(w, gzip.DefaultCompression)
	} else {
		zw.Reset(w)
	}
	zw.Write(append(b, '\n'))
	zw.Close()
	return zw
}

// readAnswer inflates and decodes a gzipped pull answer into what the
// replica applies, as the client does.
func readAnswer(r io.Reader) (data.PullResult, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return data.PullResult{}, err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return data.PullResult{}, err
	}
	var res wire.PullResponse
	if err := json.Unmarshal(b, &res); err != nil {
		return data.PullResult{}, err
	}
	out := data.PullResult{Epoch: res.Epoch, LastMutationID: res.LastMutationID}
	for _, p := range res.Buckets {
		page := data.BucketPage{Bucket: p.Bucket, Reset: p.Reset, Cursor: p.Cursor, More: p.More}
		for _, r := range p.Rows {
			page.Rows = append(page.Rows, data.Change(r))
		}
		for _, d := range p.Deletes {
			page.Deletes = append(page.Deletes, data.Deletion(d))
		}
		out.Pages = append(out.Pages, page)
	}
	return out, nil
}

// countRows counts the rows a replica holds for the server.
func countRows(b *testing.B, r *data.Store) int {
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
			rep, err := data.OpenReplica(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("%s-%d.db", encoding, i)))
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
