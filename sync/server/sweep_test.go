package server

import (
	"context"
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
