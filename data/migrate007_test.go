package data

import (
	"context"
	"path/filepath"
	"testing"
)

// Migration 007 marks the invite codes stored before it as unkeyed (plain
// SHA-256: the server rehashes them under its secret at start), makes
// every code stored after it keyed, and gives the secret's check its row,
// 0 until a server records one.
func TestMigration007MarksUnkeyedCodes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	oldFile(t, path, 6,
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key, employee_no, version)
			VALUES ('p', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう', '00123', 7)`,
		`INSERT INTO invites (code_hash, participant_id, created_at, expires_at) VALUES ('old', 'p', 1, 2)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.w.Exec(`INSERT INTO invites (code_hash, participant_id, created_at, expires_at) VALUES ('new', 'p', 3, 4)`); err != nil {
		t.Fatal(err)
	}
	var oldKeyed, newKeyed, check int
	if err := st.r.QueryRow(`SELECT (SELECT keyed FROM invites WHERE code_hash = 'old'),
		(SELECT keyed FROM invites WHERE code_hash = 'new'),
		(SELECT value FROM meta WHERE key = 'code_key_check')`).Scan(&oldKeyed, &newKeyed, &check); err != nil {
		t.Fatal(err)
	}
	if oldKeyed != 0 || newKeyed != 1 || check != 0 {
		t.Errorf("old code keyed %d, new code keyed %d, check %d; want 0, 1, 0", oldKeyed, newKeyed, check)
	}
}
