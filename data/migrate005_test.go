package data

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Migration 005 moves the search texts into a table of rowids and keeps
// every one of them.
func TestMigration005KeepsSearchTexts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v4.db")
	oldFile(t, path, 4,
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key)
			VALUES ('p', 'c', '山田 太郎', 'やまだ たろう', '50-54', 'participant', 'やまだ たろう'),
			('q', 'c', '山田 花子', 'やまだ はなこ', '50-54', 'participant', 'やまだ はなこ')`,
		`INSERT INTO participant_search (participant_id, text) VALUES ('p', 'やまだ たろう'), ('q', 'やまだ はなこ')`,
		// Texts of this build's form, which opening keeps as they are.
		`INSERT INTO meta (key, value) VALUES ('search_form', `+strconv.Itoa(searchForm)+`)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var schema string
	if err := st.r.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'participant_search'`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToUpper(schema), "WITHOUT ROWID") {
		t.Errorf("participant_search is still WITHOUT ROWID: %s", schema)
	}
	dump, err := st.DumpTables(ctx, "participant_search")
	if err != nil {
		t.Fatal(err)
	}
	if want := "== participant_search\np|やまだ たろう\nq|やまだ はなこ\n"; dump != want {
		t.Errorf("search texts after the migration:\n%s\nwant\n%s", dump, want)
	}
	// The cascade still holds on the server's file.
	if _, err := st.w.Exec(`DELETE FROM participants WHERE id = 'q'`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := st.r.QueryRow(`SELECT count(*) FROM participant_search`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d search texts after a participant was deleted (%v), want 1", n, err)
	}
}
