package data

import (
	"context"
	"path/filepath"
	"testing"
)

// Migration 018 sets the facts of offers from the offers there are: q
// received a withdrawn offer (received, below the cap), r holds two
// pending offers in k, whose cap is 2 (at the cap) and none in l, whose
// cap is 5; p only sent offers. The rows with a flag set move to a new
// version, above every cursor handed out, and no other row moves.
func TestMigration018OfferFlags(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v17.db")
	person := func(id string) string {
		return `INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key, version)
			VALUES ('` + id + `', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう', 10)`
	}
	offer := func(id, from, to, cohort, state string) string {
		return `INSERT INTO offers (id, cohort_id, from_id, to_id, message, slots, mode, state, created_at, updated_at,
			expires_at, version) VALUES ('` + id + `', '` + cohort + `', '` + from + `', '` + to + `', 'よろしく', '[]',
			'online', '` + state + `', 1, 1, 1, 20)`
	}
	oldFile(t, path, 17,
		`UPDATE meta SET value = 41 WHERE key = 'version'`,
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO cohorts (id, name, starts_on, ends_on, state, offer_expiry_days, max_pending_sent,
			max_pending_received, talk_minutes) VALUES
			('k', '第1期', '2026-11-01', '2027-02-28', 'open', 7, 3, 2, 60),
			('l', '第2期', '2026-11-01', '2027-02-28', 'open', 7, 3, 5, 60)`,
		person("p"), person("q"), person("r"), person("s"),
		`INSERT INTO cohort_members (cohort_id, participant_id, version) VALUES
			('k', 'p', 10), ('k', 'q', 10), ('k', 'r', 10), ('l', 'r', 10), ('k', 's', 10)`,
		offer("o1", "p", "q", "k", "withdrawn"),
		offer("o2", "p", "r", "k", "pending"),
		offer("o3", "s", "r", "k", "pending"),
		offer("o4", "s", "r", "l", "accepted"),
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var meta int64
	if err := st.r.QueryRow(`SELECT value FROM meta WHERE key = 'version'`).Scan(&meta); err != nil {
		t.Fatal(err)
	}
	if meta != 42 {
		t.Errorf("meta version %d, want 42", meta)
	}
	for _, want := range []struct {
		id       string
		received bool
		version  int64
	}{{"p", false, 10}, {"q", true, 42}, {"r", true, 42}, {"s", false, 10}} {
		var received bool
		var v int64
		if err := st.r.QueryRow(`SELECT offers_received, version FROM participants WHERE id = ?`, want.id).Scan(&received, &v); err != nil {
			t.Fatal(err)
		}
		if received != want.received || v != want.version {
			t.Errorf("%s: offers_received %v at version %d, want %v at %d", want.id, received, v, want.received, want.version)
		}
	}
	for _, want := range []struct {
		cohort, id string
		atCap      bool
		version    int64
	}{{"k", "p", false, 10}, {"k", "q", false, 10}, {"k", "r", true, 42}, {"l", "r", false, 10}, {"k", "s", false, 10}} {
		var atCap bool
		var v int64
		if err := st.r.QueryRow(`SELECT at_cap, version FROM cohort_members WHERE cohort_id = ? AND participant_id = ?`,
			want.cohort, want.id).Scan(&atCap, &v); err != nil {
			t.Fatal(err)
		}
		if atCap != want.atCap || v != want.version {
			t.Errorf("%s in %s: at_cap %v at version %d, want %v at %d", want.id, want.cohort, atCap, v, want.atCap, want.version)
		}
	}
	if _, err := st.w.Exec(`UPDATE cohort_members SET at_cap = 2 WHERE participant_id = 'p'`); err == nil {
		t.Error("at_cap took 2: want a boolean only")
	}
}
