package replica_test

import (
	"context"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// Adding and removing members reaches a participant's replica through
// the cohort bucket, and HR's through the company bucket.
func TestMembersReachReplicas(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	ctx := context.Background()
	a := newPeer(t, srv, "a1")
	hr := newPeer(t, srv, "e1")
	hr.buckets = []string{"user:" + fixture.PID("e1"), "company:" + fixture.CompanyID("C")} // x1's company
	a.pull(t, srv, 1000)
	hr.pull(t, srv, 1000)
	members := func(p *peer) string {
		t.Helper()
		s, err := p.rep.DumpTables(ctx, "cohort_members")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	x1 := fixture.PID("x1")
	if n, err := srv.SetMembers(ctx, fixture.CoOpen, []string{x1}, true, fixture.Now); err != nil || n != 1 {
		t.Fatalf("add: %d, %v", n, err)
	}
	a.pull(t, srv, 1000)
	hr.pull(t, srv, 1000)
	for _, p := range []*peer{a, hr} {
		if !strings.Contains(members(p), fixture.CoOpen+"|"+x1) {
			t.Fatalf("%s's replica lacks the new membership:\n%s", p.who, members(p))
		}
	}
	if got, want := synced(t, a.rep), fresh(t, srv, "a1"); got != want {
		t.Fatalf("a1's replica differs from a fresh pull:\n%s\nwant\n%s", got, want)
	}
	if _, err := fixture.ParticipantOf(a.rep, x1); err != nil {
		t.Fatalf("a1's replica lacks the new member's profile: %v", err)
	}
	// Adding again changes nothing.
	if n, err := srv.SetMembers(ctx, fixture.CoOpen, []string{x1}, true, fixture.Now); err != nil || n != 0 {
		t.Fatalf("add again: %d, %v", n, err)
	}
	// x1 has an offer waiting from a1 when leaving: it expires.
	offer := fixture.Send(t, srv, "a1", "x1")
	if n, err := srv.SetMembers(ctx, fixture.CoOpen, []string{x1}, false, fixture.Now); err != nil || n != 1 {
		t.Fatalf("remove: %d, %v", n, err)
	}
	if o := fixture.OfferOf(t, srv, offer); o.State != app.OfferExpired {
		t.Fatalf("the leaving member's pending offer is %s", o.State)
	}
	a.pull(t, srv, 1000)
	hr.pull(t, srv, 1000)
	for _, p := range []*peer{a, hr} {
		if strings.Contains(members(p), x1) {
			t.Fatalf("%s's replica keeps the removed membership:\n%s", p.who, members(p))
		}
	}
	// Unknown people change nothing.
	before := fixture.Snapshot(t, srv)
	if _, err := srv.SetMembers(ctx, fixture.CoOpen, []string{fixture.PID("a2"), "nobody"}, true, fixture.Now); app.CodeOf(err) != app.CodeNotFound {
		t.Fatalf("unknown person: %v", err)
	}
	if fixture.Snapshot(t, srv) != before {
		t.Fatal("a refused change wrote something")
	}
}
