package server

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

// checkPrivacy checks what a participant's device pulled: only its own
// user bucket, surveys only of its own, offers and talks only its own.
func checkPrivacy(t *testing.T, me app.Participant, p pulled) {
	t.Helper()
	for b := range p.buckets {
		if strings.HasPrefix(b, "user:") && b != "user:"+me.ID {
			t.Errorf("%s got another's bucket %s", me.Role, b)
		}
	}
	for _, raw := range p.rows["surveys"] {
		var s app.Survey
		decode(t, raw, &s)
		if s.AuthorID != me.ID {
			t.Errorf("%s got a survey by %s", me.Role, s.AuthorID)
		}
	}
	for _, raw := range p.rows["talks"] {
		var k app.Talk
		decode(t, raw, &k)
		if !k.Has(me.ID) {
			t.Errorf("%s got talk %s of others", me.Role, k.ID)
		}
	}
	for _, o := range p.offers(t) {
		if o.FromID != me.ID && o.ToID != me.ID {
			t.Errorf("%s got offer %s of others", me.Role, o.ID)
		}
	}
}

// bucketList is a pull's buckets, sorted.
func bucketList(p pulled) []string {
	var bs []string
	for b := range p.buckets {
		bs = append(bs, b)
	}
	slices.Sort(bs)
	return bs
}

func sorted(s ...string) []string { slices.Sort(s); return s }

// foreignCursors asks for buckets no device of these tests may read.
func (e *env) foreignCursors() []wire.Cursor {
	var cs []wire.Cursor
	for _, b := range []string{
		"user:" + demo.DemoUser, "user:" + pid("y1"), "company:" + companyID("Y"),
		"company:" + e.ds.Companies[0].ID, "cohort:" + otherCohort, "bogus", "user:",
	} {
		cs = append(cs, wire.Cursor{Bucket: b})
	}
	return cs
}

func TestPullParticipant(t *testing.T) {
	e := newEnv(t)
	me := e.ds.Participants[0] // demo.DemoUser
	dev := e.login(me.ID)
	p := e.pullAll(dev.Token)
	want := []string{"user:" + me.ID} // and each of their cohorts (the demo user is in two)
	for _, c := range me.Cohorts {
		want = append(want, "cohort:"+c)
	}
	want = sorted(want...)
	if got := bucketList(p); !slices.Equal(got, want) {
		t.Fatalf("buckets %v, want %v", got, want)
	}
	checkPrivacy(t, me, p)
	if len(p.rows["surveys"]) == 0 || len(p.rows["talks"]) == 0 || len(p.rows["offers"]) == 0 {
		t.Fatalf("the demo user's own surveys, talks or offers are missing: %d, %d, %d",
			len(p.rows["surveys"]), len(p.rows["talks"]), len(p.rows["offers"]))
	}

	// Cursors for buckets the device may not read are not answered.
	r := e.pull(e.login(pid("x1")).Token, e.foreignCursors()...)
	var got []string
	for _, b := range r.Buckets {
		got = append(got, b.Bucket)
	}
	slices.Sort(got)
	if want := sorted("user:"+pid("x1"), "cohort:"+e.ds.Cohorts[0].ID); !slices.Equal(got, want) {
		t.Fatalf("with foreign cursors: buckets %v, want %v", got, want)
	}
}

func TestPullHR(t *testing.T) {
	e := newEnv(t)
	hr := e.byRole(app.RoleHR)
	dev := e.login(hr.ID)
	if dev.Role != app.RoleHR {
		t.Fatalf("redeemed as %s", dev.Role)
	}
	p := e.pullAll(dev.Token)
	if got, want := bucketList(p), sorted("user:"+hr.ID, "company:"+hr.CompanyID); !slices.Equal(got, want) {
		t.Fatalf("buckets %v, want %v", got, want)
	}
	checkPrivacy(t, hr, p)
	if len(p.rows["participants"]) < 2 {
		t.Fatalf("HR got %d participants of their company", len(p.rows["participants"]))
	}
	for _, raw := range p.rows["participants"] {
		var q app.Participant
		decode(t, raw, &q)
		if q.CompanyID != hr.CompanyID {
			t.Errorf("HR of %s got %s of company %s", hr.CompanyID, q.ID, q.CompanyID)
		}
	}
	if r := e.pull(dev.Token, e.foreignCursors()...); len(r.Buckets) != 2 {
		t.Fatalf("with foreign cursors: %d buckets", len(r.Buckets))
	}
	m, _ := e.sendOffer(1, pid("y1"))
	if r := e.push(dev.Token, m); r.Results[0].Code != app.CodeNotAllowed {
		t.Fatalf("HR sending an offer: %+v", r)
	}
}

func TestPullSecretariat(t *testing.T) {
	e := newEnv(t)
	sec := e.byRole(app.RoleSecretariat)
	dev := e.login(sec.ID)
	p := e.pullAll(dev.Token)
	want := []string{"user:" + sec.ID}
	for _, c := range e.ds.Cohorts {
		want = append(want, "cohort:"+c.ID)
	}
	if got := bucketList(p); !slices.Equal(got, sorted(want...)) {
		t.Fatalf("buckets %v, want %v", got, sorted(want...))
	}
	checkPrivacy(t, sec, p)
	m, _ := e.sendOffer(1, pid("y1"))
	if r := e.push(dev.Token, m); r.Results[0].Code != app.CodeNotAllowed {
		t.Fatalf("the secretariat sending an offer: %+v", r)
	}
}

func TestPullPages(t *testing.T) {
	e := newEnv(t)
	dev := e.login(demo.DemoUser)
	// The import wrote one version; five bookmarks make five more.
	for i, p := range extraPeople[:5] {
		m := wire.Mutation{ID: int64(i + 1), Name: app.BookmarkSet,
			Args: app.Args(app.SetBookmarkArgs{ParticipantID: pid(p.name), On: true})}
		if r := e.push(dev.Token, m); r.Results[0].Code != "" {
			t.Fatalf("bookmark %s: %+v", p.name, r)
		}
	}
	all := e.pullAll(dev.Token)
	// Page by page, one row at a time (a page may hold more when one
	// transaction wrote several rows).
	var cursors []wire.Cursor
	rows, pages := 0, 0
	for pages = 0; pages < 10000; pages++ {
		status, body := e.call(http.MethodPost, wire.PathPull, dev.Token, wire.PullRequest{Cursors: cursors, Limit: 1})
		if status != http.StatusOK {
			t.Fatalf("pull: %d %s", status, body)
		}
		var r wire.PullResponse
		decode(t, body, &r)
		cursors = cursors[:0]
		for _, b := range r.Buckets {
			rows += len(b.Rows)
			cursors = append(cursors, wire.Cursor{Bucket: b.Bucket, Epoch: r.Epoch, Version: b.Cursor})
		}
		if r.Done() {
			break
		}
	}
	total := 0
	for _, rs := range all.rows {
		total += len(rs)
	}
	if rows != total || pages < 5 {
		t.Fatalf("paged pull: %d rows in %d pages, want %d", rows, pages+1, total)
	}

	// A cursor of another epoch is reset.
	r := e.pull(dev.Token, wire.Cursor{Bucket: "user:" + demo.DemoUser, Epoch: "another", Version: 3})
	for _, b := range r.Buckets {
		if b.Bucket == "user:"+demo.DemoUser && !b.Reset {
			t.Fatal("a cursor of another epoch was not reset")
		}
	}

	// Too many cursors.
	cs := make([]wire.Cursor, wire.MaxBuckets+1)
	for i := range cs {
		cs[i] = wire.Cursor{Bucket: "user:" + demo.DemoUser}
	}
	status, body := e.call(http.MethodPost, wire.PathPull, dev.Token, wire.PullRequest{Cursors: cs})
	wantError(t, status, body, http.StatusRequestEntityTooLarge, wire.ErrTooLarge)

	// Limits out of range are clamped, not refused.
	for _, limit := range []int{-5, wire.MaxPullLimit * 10} {
		b, _ := json.Marshal(wire.PullRequest{Limit: limit})
		if status, body := e.call(http.MethodPost, wire.PathPull, dev.Token, b); status != http.StatusOK {
			t.Fatalf("limit %d: %d %s", limit, status, body)
		}
	}
}
