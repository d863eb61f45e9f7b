package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"crosstalk/data"
	"crosstalk/data/serverstore"
)

// Migration 003 raises the versions of a file made before it, so that a
// cohort bucket read by the participants' and companies' own versions
// answers what it answered by max(participant, membership) and
// max(company, newest membership): a member who joined after their
// profile was written still arrives above a cursor between the two.
func TestMigration003RaisesVersions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	data.OldFile(t, path, 2,
		`UPDATE meta SET value = 9 WHERE key = 'version'`,
		`INSERT INTO companies (id, name, industry, version) VALUES ('c', '株式会社テスト', '製造', 1)`,
		`INSERT INTO cohorts (id, name, starts_on, ends_on, state, offer_expiry_days, max_pending_sent,
			max_pending_received, talk_minutes, version) VALUES ('k', '第1期', '2026-04-01', '2027-03-31', 'open', 7, 3, 5, 60, 1)`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key, version, visible)
			VALUES ('p', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう', 2, 1),
			('q', 'c', '山田 花子', 'やまだ はなこ', '50-54', 'participant', 'やまだ はなこ', 8, 1)`,
		`INSERT INTO cohort_members (cohort_id, participant_id, version) VALUES ('k', 'p', 5), ('k', 'q', 3)`,
		// Both have joined and show their profiles: the cohort bucket
		// lists them (migration 009).
		`INSERT INTO devices (id, participant_id, token_hash, created_at) VALUES ('dp', 'p', 'hp', 0), ('dq', 'q', 'hq', 0)`,
	)
	st, err := serverstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := map[string]int64{"company c": 5, "participant p": 5, "participant q": 8}
	for what, v := range want {
		var got int64
		tbl := map[string]string{"company c": "companies WHERE id = 'c'", "participant p": "participants WHERE id = 'p'",
			"participant q": "participants WHERE id = 'q'"}[what]
		if err := st.DB().QueryRow(`SELECT version FROM ` + tbl).Scan(&got); err != nil || got != v {
			t.Errorf("%s: version %d (%v), want %d", what, got, err, v)
		}
	}
	res, err := st.Pull(ctx, "", []string{"cohort:k"}, map[string]data.BucketCursor{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	epoch := res.Epoch
	res, err = st.Pull(ctx, "", []string{"cohort:k"}, map[string]data.BucketCursor{"cohort:k": {Epoch: epoch, Version: 4}}, 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range res.Pages[0].Rows {
		got[r.Table]++
	}
	if got["participants"] != 2 || got["companies"] != 1 || got["cohort_members"] != 1 {
		t.Errorf("above version 4 the cohort bucket holds %v", got)
	}
}
