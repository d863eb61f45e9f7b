package data

import (
	"context"
	"path/filepath"
	"testing"
)

// Migration 006 gives every participant an empty e-mail address and
// keeps the rest of the row, its version included (an address that
// syncs nowhere is no reason to send the row again).
func TestMigration006AddsEmail(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v5.db")
	oldFile(t, path, 5,
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key, employee_no, version)
			VALUES ('p', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう', '00123', 7)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var email, no string
	var version int
	if err := st.r.QueryRow(`SELECT email, employee_no, version FROM participants WHERE id = 'p'`).Scan(&email, &no, &version); err != nil {
		t.Fatal(err)
	}
	if email != "" || no != "00123" || version != 7 {
		t.Errorf("after the migration: email %q, employee number %q, version %d", email, no, version)
	}
	if _, err := st.w.Exec(`UPDATE participants SET email = 'taro@example.co.jp' WHERE id = 'p'`); err != nil {
		t.Fatal(err)
	}
}
