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

// The search text of every participant is each field folded (name and
// reading without spaces), then the reading's romaji, joined by newlines,
// whichever way the rows came: an import, a replica's pull
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
			want := make([]string, 9)
			for i := range 8 {
				want[i] = jtext.Fold(f[i+1])
			}
			want[0], want[1] = strings.ReplaceAll(want[0], " ", ""), strings.ReplaceAll(want[1], " ", "")
			want[8] = jtext.RomajiWords(f[2])
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

// A name is found typed without the space between family and given name,
// in kanji or in kana of any form, and by its reading in romaji of any
// usual spelling, width and case, from the beginning of the family or
// the given name; typing narrows the list key by key.
func TestDirectoryFindsNamesWithoutSpacesAndInRomaji(t *testing.T) {
	d := fixture.Dataset()
	for i, n := range [][2]string{
		{"石井 陽子", "イシイ ヨウコ"}, {"石川 洋平", "イシカワ ヨウヘイ"}, {"石田 陽一", "いしだ よういち"},
		{"大野 優子", "オオノ ユウコ"}, {"松本 純一", "マツモト ジュンイチ"}, {"本間 翔平", "ホンマ ショウヘイ"},
		{"服部 千秋", "ハットリ チアキ"}, {"近藤 修", "コンドウ オサム"},
	} {
		p := d.Participants[2] // b1, listed for a1
		p.ID, p.Name, p.Kana = fixture.NewID(), n[0], n[1]
		p.CompanyID = fixture.CompanyID([]string{"C", "D"}[i%2])
		d.Participants = append(d.Participants, p)
	}
	st := open(t, d)
	ishii := []string{"石井 陽子"}
	cases := []struct {
		text string
		want []string
	}{
		{"石井陽子", ishii}, {"石井 陽子", ishii}, {"陽子 石井", ishii},
		{"いしいようこ", ishii}, {"イシイヨウコ", ishii}, {"ｲｼｲﾖｳｺ", ishii}, {"いしい ようこ", ishii},
		{"yoko", ishii}, {"youko", ishii}, {"ｙｏｕｋｏ", ishii}, {"Yōko", ishii}, {"YOHKO", ishii},
		{"Ishii", ishii}, {"ishii yoko", ishii}, {"ishiiyoko", ishii}, {"ISHII　YOUKO", ishii}, {"isii", ishii},
		{"ishii 営業部長", ishii}, {"yokoishii", ishii}, {"Yoko Ishii", ishii},
		{"yo", []string{"石井 陽子", "石川 洋平", "石田 陽一"}}, // not shohei: no word begins there
		{"you", []string{"石井 陽子", "石川 洋平", "石田 陽一"}}, {"youk", ishii},
		{"ish", []string{"石井 陽子", "石川 洋平", "石田 陽一"}},
		{"ishi", []string{"石井 陽子", "石川 洋平", "石田 陽一"}},
		{"ishii", ishii},
		{"yuko", []string{"大野 優子"}}, {"ohno yuuko", []string{"大野 優子"}}, {"oonoyūko", []string{"大野 優子"}},
		{"junichi", []string{"松本 純一"}}, {"jun'ichi", []string{"松本 純一"}}, {"zyuniti", []string{"松本 純一"}},
		{"matsumoto", []string{"松本 純一"}}, {"matumoto", []string{"松本 純一"}},
		{"homma", []string{"本間 翔平"}}, {"shohei", []string{"本間 翔平"}}, {"syouhei", []string{"本間 翔平"}},
		{"hattori chiaki", []string{"服部 千秋"}}, {"hatori", nil}, {"tiaki", []string{"服部 千秋"}},
		{"osamu", []string{"近藤 修", "中村 修"}}, {"kondou osamu", []string{"近藤 修"}}, {"kondoosamu", []string{"近藤 修"}},
		{"it", []string{"伊藤 誠", "鈴木 一郎"}},               // where a word begins: itou, ichirou, not junichi
		{"ko", []string{"小林 由美", "近藤 修"}}, {"oko", nil}, // nor in yoko
		{"b商事", []string{"鈴木 一郎", "高橋 健"}}, // Latin letters still find the literal text
		{"ishiyoko", nil}, {"yoshiko", nil}, {"石井洋子", nil}, {"いしいゆうこ", nil}, {"ishii yuko", nil}, {"smith", nil},
	}
	for _, c := range cases {
		es, err := st.SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: fixture.PID("a1"), Now: fixture.Now, Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q: got %v, want %v", c.text, got, c.want)
		}
	}
}
