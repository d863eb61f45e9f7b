package data

import (
	"context"
	"path/filepath"
	"testing"

	"crosstalk/app/jtext"
)

// Opening a file whose search texts are of an older form remakes every
// one of them from the stored profiles, once: a later opening keeps the
// texts it finds.
func TestOpenRefoldsOlderSearchTexts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "form1.db")
	oldFile(t, path, SchemaVersion(),
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key, job_role, themes, intro)
			VALUES ('p', 'c', '石井 陽子', 'イシイ ヨウコ', '50-54', 'participant', 'いしい ようこ', '営業部長', '["学び直し"]', 'よろしく')`,
		// Form 1: eight fields, name and reading with their spaces.
		`INSERT INTO participant_search (participant_id, text)
			VALUES ('p', '石井 陽子'||char(10)||'いしい ようこ'||char(10)||'株式会社てすと'||char(10)||'製造'||char(10)||'営業部長'||char(10)||'学び直し'||char(10)||''||char(10)||'よろしく')`,
	)
	text := func() string {
		t.Helper()
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var text string
		var form int
		if err := st.r.QueryRow(`SELECT text FROM participant_search WHERE participant_id = 'p'`).Scan(&text); err != nil {
			t.Fatal(err)
		}
		if err := st.r.QueryRow(`SELECT value FROM meta WHERE key = 'search_form'`).Scan(&form); err != nil || form != searchForm {
			t.Fatalf("search form %d (%v), want %d", form, err, searchForm)
		}
		return text
	}
	want := "石井陽子\nいしいようこ\n株式会社てすと\n製造\n営業部長\n学び直し\n\nよろしく\n" + jtext.RomajiWords("いしい ようこ")
	if got := text(); got != want {
		t.Fatalf("search text after opening:\n%q\nwant\n%q", got, want)
	}
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.w.Exec(`UPDATE participant_search SET text = 'kept' WHERE participant_id = 'p'`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := text(); got != "kept" {
		t.Errorf("opening again rewrote the search text: %q", got)
	}
}
