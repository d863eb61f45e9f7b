package replica_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/app/jtext"
	"crosstalk/data/internal/fixture"
)

// The search text of every participant is each field folded, joined by
// newlines, whichever way the rows came: an import, a replica's pull
// (profiles before their companies, page by page), a renamed company.
func TestSearchTextFollowsProfilesAndCompanies(t *testing.T) {
	ctx := context.Background()
	ds := demo.Scale(600, time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo))
	// Profiles in transactions of their own, so that pages are cut
	// between them, and their companies, raised by the memberships,
	// arrive last.
	// Each chunk's people sign in as it is imported, in a transaction of
	// their own: a cohort bucket lists the visible participants who have
	// joined (migration 009).
	srv := openServer(t, app.Dataset{Companies: ds.Companies, Cohorts: ds.Cohorts})
	listed := 0
	for ps := range slices.Chunk(ds.Participants, 70) {
		if err := srv.Import(ctx, app.Dataset{Participants: ps}); err != nil {
			t.Fatal(err)
		}
		fixture.JoinedAll(t, srv, app.Dataset{Participants: ps})
		for _, p := range ps {
			if p.Visible && p.Role == app.RoleParticipant {
				listed++
			}
		}
	}
	check := func(what string, st interface{ Path() string }, want int) {
		t.Helper()
		db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.QueryContext(ctx, `SELECT p.id, p.name, p.kana, coalesce(c.name, ''), coalesce(c.industry, ''),
			p.job_role, (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(p.themes)), p.interests, p.intro,
			coalesce(s.text, '<none>')
			FROM participants p LEFT JOIN companies c ON c.id = p.company_id
			LEFT JOIN participant_search s ON s.participant_id = p.id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var f [10]string
			if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9]); err != nil {
				t.Fatal(err)
			}
			want := make([]string, 8)
			for i := range want {
				want[i] = jtext.Fold(f[i+1])
			}
			if w := strings.Join(want, "\n"); f[9] != w {
				t.Fatalf("%s: search text of %s is %q, want %q", what, f[0], f[9], w)
			}
			n++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Fatalf("%s: %d participants, want %d", what, n, want)
		}
	}
	check("import", srv, len(ds.Participants))
	rep := openReplica(t)
	pull := func() {
		t.Helper()
		for {
			cur, err := rep.Cursors(ctx)
			if err != nil {
				t.Fatal(err)
			}
			res, err := srv.Pull(ctx, "", []string{"cohort:" + ds.Cohorts[0].ID}, cur, 50)
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.ApplyPull(ctx, res); err != nil {
				t.Fatal(err)
			}
			if done(res) {
				return
			}
		}
	}
	pull()
	check("pull", rep, listed)
	renamed := ds.Companies[0]
	renamed.Name, renamed.Industry = "ＡＢＣホールディングス", "サービス"
	if err := srv.Import(ctx, app.Dataset{Companies: []app.Company{renamed}}); err != nil {
		t.Fatal(err)
	}
	check("a renamed company", srv, len(ds.Participants))
	pull()
	check("a renamed company, pulled", rep, listed)
}
