package replica_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/replica"
)

// Who a cohort bucket lists (DESIGN.md §4, issue 14): its members who are
// visible participants and have joined (signed in on a device once). A
// person who joins, shows their profile or becomes a participant arrives
// at a replica that had pulled before, with their company; one who hides
// or becomes HR leaves it, company and all. After each step, pulled in
// pages of three rows, the replica equals a fresh pull. A person who
// leaves the cohort while not listed sends no deletion with their id to
// the cohort's readers, and a fresh device is sent nothing of anyone no
// longer listed.
func TestListingFollowsJoiningVisibilityAndRole(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, fixture.Dataset())
	z := app.Company{ID: fixture.CompanyID("Z"), Name: "株式会社Z物産", Industry: "商社"}
	z1 := app.Participant{ID: fixture.PID("z1"), CompanyID: z.ID, Name: "全 一子", Kana: "ゼン イチコ", AgeBand: "50-54",
		Modes: app.Modes, Visible: true, Role: app.RoleParticipant, Cohorts: []string{fixture.CoOpen}}
	if err := srv.Import(ctx, app.Dataset{Companies: []app.Company{z}, Participants: []app.Participant{z1},
		EmployeeNos: map[string]string{z1.ID: "Z-1"}}); err != nil {
		t.Fatal(err)
	}
	a := newPeer(t, srv, "a1")
	step := func(what string, held bool) {
		t.Helper()
		a.pull(t, srv, 3)
		got := synced(t, a.rep)
		if want := fresh(t, srv, "a1"); got != want {
			t.Fatalf("after %s the replica holds\n%s\nwant\n%s", what, got, want)
		}
		for _, s := range []string{z1.ID, z.Name} {
			if strings.Contains(got, s) != held {
				t.Fatalf("after %s, %q in the replica: %v, want %v", what, s, !held, held)
			}
		}
	}
	step("z1, of a company new to the cohort, has not joined", false)
	if strings.Contains(synced(t, a.rep), fixture.PID("e1")) {
		t.Fatal("a1 holds e1, an HR account")
	}
	fixture.Device(t, srv, z1.ID, "z1")
	step("z1 signs in", true)
	profile := func(visible bool) {
		fixture.Must(t, srv, "z1", app.ProfileUpdate, app.UpdateProfileArgs{Name: z1.Name, Kana: z1.Kana, AgeBand: z1.AgeBand,
			Modes: app.Modes, Visible: visible}, fixture.Now)
	}
	profile(false)
	step("z1 hides", false)
	profile(true)
	step("z1 shows again", true)
	role := func(r app.Role) {
		t.Helper()
		if _, err := srv.ImportRoster(ctx, z.ID, []app.RosterEntry{{EmployeeNo: "Z-1", Name: z1.Name, Kana: z1.Kana,
			AgeBand: z1.AgeBand, Role: r, Cohorts: []string{fixture.CoOpen}}}, fixture.NewID, fixture.Now); err != nil {
			t.Fatal(err)
		}
	}
	role(app.RoleHR)
	step("z1 becomes HR", false)
	role(app.RoleParticipant)
	step("z1 is a participant again", true)

	// z1 hides, then leaves: the leaving is no news to a1's device, and
	// tells it nothing of z1.
	profile(false)
	step("z1 hides again", false)
	if _, err := srv.SetMembers(ctx, fixture.CoOpen, []string{z1.ID}, false, fixture.Now); err != nil {
		t.Fatal(err)
	}
	mentions := func(p *peer, what string) {
		t.Helper()
		cur, err := p.rep.Cursors(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := srv.Pull(ctx, p.device, p.buckets, cur, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, pg := range res.Pages {
			for _, r := range pg.Rows {
				if strings.Contains(string(r.Data), z1.ID) {
					t.Errorf("%s: %s sends the row %s", what, pg.Bucket, r.Data)
				}
			}
			for _, d := range pg.Deletes {
				if strings.Contains(d.Key, z1.ID) {
					t.Errorf("%s: %s sends the deletion %s %s", what, pg.Bucket, d.Table, d.Key)
				}
			}
		}
	}
	mentions(a, "z1, hidden, leaves the cohort")
	step("z1 leaves the cohort", false)
	mentions(newPeer(t, srv, "b1"), "a new device")
}

// A hidden participant's device holds its own memberships, from its user
// bucket: it can send an offer from the device itself.
func TestHiddenParticipantKeepsOwnMemberships(t *testing.T) {
	srv := openServer(t, fixture.Dataset())
	b3 := newPeer(t, srv, "b3")
	b3.pull(t, srv, 1000)
	if !strings.Contains(synced(t, b3.rep), fixture.CoOpen+"|"+fixture.PID("b3")) {
		t.Fatal("b3's device lacks b3's own membership")
	}
	if err := b3.mutate(t, app.OfferSend, fixture.SendArgs("a1"), fixture.Now); err != nil {
		t.Fatalf("b3's device refuses b3's offer: %v", err)
	}
	if refused := b3.push(t, srv, fixture.Now); len(refused) != 0 {
		t.Fatalf("refused %v", refused)
	}
	b3.pull(t, srv, 1000)
	if got, want := synced(t, b3.rep), fresh(t, srv, "b3"); got != want {
		t.Fatalf("b3's replica differs from a fresh pull:\n%s\nwant\n%s", got, want)
	}
}

// The user bucket carries the memberships of its user and of the people
// of their offers and talks in the user's cohorts, whether the cohort
// buckets list them or not, and their removals: b3, hidden, sends a1 an
// offer; both join the draft cohort, b3 first; b3 leaves the open
// cohort; and e1 (HR, never listed) leaves it while a device of theirs
// still reads it. Each replica equals a fresh pull of the same buckets
// after each step.
func TestUserBucketCarriesMemberships(t *testing.T) {
	ctx := context.Background()
	srv := openServer(t, fixture.Dataset())
	a := newPeer(t, srv, "a1")
	e1 := newPeer(t, srv, "e1")
	// check pulls and compares, and returns the memberships p holds.
	check := func(what string, p *peer) string {
		t.Helper()
		p.pull(t, srv, 2)
		q := newPeer(t, srv, p.who)
		q.buckets = p.buckets
		q.pull(t, srv, 1<<20)
		got := synced(t, p.rep)
		if want := synced(t, q.rep); got != want {
			t.Fatalf("after %s %s's replica holds\n%s\nwant\n%s", what, p.who, got, want)
		}
		members, err := p.rep.DumpTables(ctx, "cohort_members")
		if err != nil {
			t.Fatal(err)
		}
		return members
	}
	check("the first pull", a)
	check("the first pull", e1)
	fixture.Send(t, srv, "b3", "a1")
	if got := check("b3's offer", a); !strings.Contains(got, fixture.CoOpen+"|"+fixture.PID("b3")) {
		t.Fatal("a1 lacks the membership of b3, who sent them an offer")
	}
	set := func(cohort, who string, in bool) {
		t.Helper()
		if _, err := srv.SetMembers(ctx, cohort, []string{fixture.PID(who)}, in, fixture.Now); err != nil {
			t.Fatal(err)
		}
	}
	set(fixture.CoDraft, "b3", true)
	check("b3 joins the draft cohort", a)
	set(fixture.CoDraft, "a1", true)
	a.buckets = append(a.buckets, "cohort:"+fixture.CoDraft)
	if got := check("a1 joins it too", a); !strings.Contains(got, fixture.CoDraft+"|"+fixture.PID("b3")) {
		t.Fatal("a1 lacks b3's membership of the cohort a1 has joined")
	}
	set(fixture.CoOpen, "b3", false)
	if got := check("b3 leaves the open cohort", a); strings.Contains(got, fixture.CoOpen+"|"+fixture.PID("b3")) {
		t.Fatalf("after b3 left the open cohort a1 holds\n%s", got)
	}
	if !holdsPerson(t, a.rep, "b3") {
		t.Fatal("a1 lost b3, who sent them an offer")
	}
	e1.buckets = append(e1.buckets, "cohort:"+fixture.CoOpen) // as the secretariat reads every cohort
	check("e1 reads the open cohort", e1)
	set(fixture.CoOpen, "e1", false)
	if got := check("e1 leaves it", e1); strings.Contains(got, fixture.CoOpen+"|"+fixture.PID("e1")) {
		t.Fatal("e1's device keeps e1's membership of the cohort e1 left")
	}
}

// holdsPerson reports whether rep holds the fixture person who's profile.
func holdsPerson(t testing.TB, rep *replica.Store, who string) bool {
	t.Helper()
	_, err := fixture.ParticipantOf(rep, fixture.PID(who))
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}
