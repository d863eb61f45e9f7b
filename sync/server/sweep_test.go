package server

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

func TestSweeperExpiresOffers(t *testing.T) {
	e := newEnv(t, func(c *envConfig) { c.opts.SweepEvery = 5 * time.Millisecond })
	a, b := e.login(pid("x1")), e.login(pid("y1"))
	m, offer := e.sendOffer(1, pid("y1"))
	e.push(a.Token, m)

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { e.srv.Run(ctx) })
	defer func() { cancel(); wg.Wait() }()

	seq := e.poke(b.Token, -1).Seq
	if o := e.pullAll(b.Token).offers(t)[offer]; o.State != app.OfferPending {
		t.Fatalf("offer is %s before its expiry", o.State)
	}
	// Eight days on, by the server's clock only.
	e.clock.Add(8 * 24 * time.Hour)
	if p := e.poke(b.Token, seq); !p.Poke {
		t.Fatalf("the sweep did not poke: %+v", p)
	}
	o := e.pullAll(b.Token).offers(t)[offer]
	if o.State != app.OfferExpired {
		t.Fatalf("offer is %s after the sweep, want expired", o.State)
	}
}

func TestSweepPrunesTombstones(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x1"))
	bookmark := func(id int64, on bool) wire.Mutation {
		return wire.Mutation{ID: id, Name: app.BookmarkSet, Args: app.Args(app.SetBookmarkArgs{ParticipantID: pid("y1"), On: on})}
	}
	if r := e.push(dev.Token, bookmark(1, true)); r.Results[0].Code != "" {
		t.Fatalf("bookmark: %+v", r)
	}
	var cursors []wire.Cursor
	r := e.pull(dev.Token)
	for _, b := range r.Buckets {
		cursors = append(cursors, wire.Cursor{Bucket: b.Bucket, Epoch: r.Epoch, Version: b.Cursor})
	}
	if r := e.push(dev.Token, bookmark(2, false)); r.Results[0].Code != "" {
		t.Fatalf("unbookmark: %+v", r)
	}
	// The device stays away longer than the retention.
	e.clock.Add(2 * DefaultTombstoneRetention)
	if err := e.srv.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, b := range e.pull(dev.Token, cursors...).Buckets {
		if b.Bucket == "user:"+pid("x1") && !b.Reset {
			t.Fatalf("a cursor from before the pruned tombstone was not reset: %+v", b)
		}
	}
}

// Issue 14, item 7: the results of processed mutations were kept for
// ever. The sweep drops those a device has moved past: at or below its
// lastMutationID and processed longer ago than the retention (30 days by
// default), and every result of a revoked device. An id whose result is
// gone is listed as forgotten when the device pushes it again.
func TestSweepPrunesMutationResults(t *testing.T) {
	e := newEnv(t)
	people := e.bookmarkers(3, 5)
	old, recent, revoked := e.login(people[0].id), e.login(people[1].id), e.login(people[2].id)
	ms := func(p bookmarker, from, to int64) []wire.Mutation {
		var out []wire.Mutation
		for id := from; id <= to; id++ {
			out = append(out, bookmark(id, p.targets[id-1], true))
		}
		return out
	}
	e.push(old.Token, ms(people[0], 1, 3)...)
	e.push(revoked.Token, ms(people[2], 1, 2)...)
	e.clock.Add(31 * 24 * time.Hour)
	e.push(old.Token, ms(people[0], 4, 4)...)
	e.push(recent.Token, ms(people[1], 1, 2)...)
	e.push(revoked.Token, ms(people[2], 3, 3)...)
	if err := e.st.RevokeDevice(context.Background(), revoked.DeviceID, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dev  wire.RedeemResponse
		last int64
		kept []int64
	}{
		{old, 4, []int64{4}},
		{recent, 2, []int64{1, 2}},
		{revoked, 3, nil},
	} {
		if last, _ := e.results(tc.dev.DeviceID); last != tc.last {
			t.Errorf("device %s: lastMutationID %d, want %d", tc.dev.DeviceID, last, tc.last)
		}
		if got := e.resultIDs(tc.dev.DeviceID); !slices.Equal(got, tc.kept) {
			t.Errorf("device %s: results %v kept, want %v", tc.dev.DeviceID, got, tc.kept)
		}
	}
	// A replay of a pruned id cannot be checked against its arguments:
	// it is neither processed nor reused, but forgotten, processed before
	// the sweep's cut-off.
	c := e.pushConflict(old.Token, ms(people[0], 3, 5)...)
	if c.ExpectedID != 5 || !slices.Equal(c.Forgotten, []int64{3}) ||
		!slices.Equal(c.Processed, []wire.MutationResult{{ID: 4}}) || len(c.Reused) != 0 {
		t.Fatalf("replay of a pruned id: %+v", c)
	}
	if cutoff := e.clock.Now().Add(-DefaultResultRetention); !c.ForgottenBefore.Equal(cutoff) {
		t.Errorf("forgotten before %v, want the cut-off %v", c.ForgottenBefore, cutoff)
	}
}

// resultIDs lists the ids of a device's stored results.
func (e *env) resultIDs(deviceID string) []int64 {
	e.t.Helper()
	return column[int64](e, `SELECT mutation_id FROM mutation_results WHERE device_id = ? ORDER BY mutation_id`, deviceID)
}
