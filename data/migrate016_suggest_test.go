package data

import (
	"context"
	"path/filepath"
	"testing"
)

// Migration 016 makes the empty tables of dismissals and introductions; a
// replica that had pulled its user bucket pulls it again from the start,
// and keeps its other cursors. An introduction names two people, with a
// note.
func TestMigration016Suggestions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v15.db")
	oldFile(t, path, 15,
		`INSERT INTO cursors (bucket, version) VALUES ('user:p', 41), ('cohort:k', 40), ('company:c', 39)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dump, err := st.DumpTables(ctx, "cursors", "suggestion_dismissals", "introductions")
	if err != nil {
		t.Fatal(err)
	}
	if want := "== cursors\ncohort:k|40\ncompany:c|39\n== suggestion_dismissals\n== introductions\n"; dump != want {
		t.Errorf("after the migration:\n%s\nwant\n%s", dump, want)
	}
	if _, err := st.w.Exec(`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造');
		INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key) VALUES
			('a', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう'),
			('b', 'c', '佐藤 花子', 'さとう はなこ', '50-54', 'participant', 'さとう はなこ');
		INSERT INTO introductions (id, cohort_id, a_id, b_id, note, created_at) VALUES ('i1', 'k', 'a', 'b', 'ご紹介します', 1);
		INSERT INTO suggestion_dismissals (owner_id, cohort_id, participant_id, created_at) VALUES ('a', 'k', 'b', 1)`); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`INSERT INTO introductions (id, cohort_id, a_id, b_id, note, created_at) VALUES ('i2', 'k', 'a', 'a', 'ご紹介します', 1)`,
		`INSERT INTO introductions (id, cohort_id, a_id, b_id, note, created_at) VALUES ('i2', 'k', 'a', 'b', '', 1)`,
		`INSERT INTO introductions (id, cohort_id, a_id, b_id, note, created_at) VALUES ('i2', 'k', 'a', 'z', 'ご紹介します', 1)`,
		`INSERT INTO suggestion_dismissals (owner_id, cohort_id, participant_id, created_at) VALUES ('a', 'k', 'b', 2)`,
		`INSERT INTO suggestion_dismissals (owner_id, cohort_id, participant_id, created_at) VALUES ('z', 'k', 'b', 2)`,
	} {
		if _, err := st.w.Exec(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
