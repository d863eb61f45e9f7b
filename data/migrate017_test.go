package data

import (
	"context"
	"path/filepath"
	"testing"

	"crosstalk/app"
)

// Migration 017 gives every profile of before it no weekly pattern of
// free times, and keeps the free text it had.
func TestMigration017ProfilesHaveNoFreeWeek(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v16.db")
	oldFile(t, path, 16,
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key, free_times)
			VALUES ('p', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう', '平日の夕方')`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var p app.Participant
	if err := st.Update(ctx, func(tx app.Tx) (err error) {
		p, err = tx.Participant(ctx, "p")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !p.FreeWeek.Empty() || p.FreeTimes != "平日の夕方" || p.Name != "山田 太郎" {
		t.Errorf("profile after the migration: %+v", p)
	}
}
