package data

import (
	"context"
	"path/filepath"
	"testing"
)

// Migration 015 makes the empty thread tables; a replica that had pulled
// its user bucket pulls it again from the start (its app skipped the
// threads' rows), and keeps its other cursors. A thread numbers its
// messages once each.
func TestMigration015Messages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v14.db")
	oldFile(t, path, 14,
		`INSERT INTO cursors (bucket, version) VALUES ('user:p', 41), ('cohort:k', 40), ('company:c', 39)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dump, err := st.DumpTables(ctx, "cursors", "messages", "message_reads")
	if err != nil {
		t.Fatal(err)
	}
	if want := "== cursors\ncohort:k|40\ncompany:c|39\n== messages\n== message_reads\n"; dump != want {
		t.Errorf("after the migration:\n%s\nwant\n%s", dump, want)
	}
	if _, err := st.w.Exec(`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造');
		INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key) VALUES
			('a', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう'),
			('b', 'c', '佐藤 花子', 'さとう はなこ', '50-54', 'participant', 'さとう はなこ');
		INSERT INTO messages (id, thread_id, author_id, to_id, seq, text, created_at) VALUES ('m1', 'o', 'a', 'b', 1, 'こんにちは', 1)`); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`INSERT INTO messages (id, thread_id, author_id, to_id, seq, text, created_at) VALUES ('m2', 'o', 'b', 'a', 1, 'はい', 2)`,
		`INSERT INTO messages (id, thread_id, author_id, to_id, seq, text, created_at) VALUES ('m2', 'o', 'b', 'a', 0, 'はい', 2)`,
		`INSERT INTO messages (id, thread_id, author_id, to_id, seq, text, created_at) VALUES ('m2', 'o', 'b', 'a', 2, '', 2)`,
		`INSERT INTO messages (id, thread_id, author_id, to_id, seq, text, created_at) VALUES ('m2', 'o', 'z', 'a', 2, 'はい', 2)`,
		`INSERT INTO message_reads (thread_id, reader_id, other_id, up_to_id, up_to_seq, read_at) VALUES ('o', 'b', 'a', 'm1', 0, 3)`,
	} {
		if _, err := st.w.Exec(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
