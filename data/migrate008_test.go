package data

import (
	"context"
	"path/filepath"
	"testing"
)

// Migration 008 gives the devices there are a version above every
// cursor handed out (the meta version before it), so that each reaches
// its person's devices at their next pull; a replica that had pulled its
// user bucket pulls it again from the start (its app did not ask for the
// devices), and keeps its other cursors.
func TestMigration008DevicesInUserBucket(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v7.db")
	oldFile(t, path, 7,
		`UPDATE meta SET value = 41 WHERE key = 'version'`,
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key)
			VALUES ('p', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう')`,
		`INSERT INTO devices (id, participant_id, token_hash, name, created_at) VALUES
			('d1', 'p', 'h1', '会社のPC', 1000), ('d2', 'p', 'h2', '自宅のPC', 2000)`,
		`INSERT INTO cursors (bucket, version) VALUES ('user:p', 41), ('cohort:k', 40)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var meta, low, high int
	if err := st.r.QueryRow(`SELECT (SELECT value FROM meta WHERE key = 'version'),
		(SELECT min(version) FROM devices), (SELECT max(version) FROM devices)`).Scan(&meta, &low, &high); err != nil {
		t.Fatal(err)
	}
	if low <= 41 || high != meta {
		t.Errorf("devices' versions %d–%d with the newest %d: want above every cursor (41), at most the newest", low, high, meta)
	}
	var cursors []string
	rows, err := st.r.Query(`SELECT bucket FROM cursors ORDER BY bucket`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		cursors = append(cursors, b)
	}
	rows.Close()
	if len(cursors) != 1 || cursors[0] != "cohort:k" {
		t.Errorf("cursors after the migration %q, want the cohort's only", cursors)
	}
	if _, err := st.w.Exec(`INSERT INTO own_devices (id, name, created_at) VALUES ('d1', '会社のPC', 1000)`); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`INSERT INTO own_devices (id, name, created_at) VALUES ('', 'x', 1000)`,
		`INSERT INTO own_devices (id, name, created_at) VALUES ('d3', 'x', -62135596800000)`,
		`INSERT INTO own_devices (id, name, created_at, revoked_at) VALUES ('d4', 'x', 1000, 999)`,
	} {
		if _, err := st.w.Exec(bad); err == nil {
			t.Errorf("a replica took a malformed device: %s", bad)
		}
	}
}
