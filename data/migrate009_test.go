package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// Migration 009 lists the visible participants who have a device (one
// revoked since counts: they joined) and no one else, leaves every
// version as it was, and gives the server's history a new epoch: each
// device pulls afresh, and keeps none of the people the cohort buckets
// used to send.
func TestMigration009ListsJoinedVisibleParticipants(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v8.db")
	oldFile(t, path, 8,
		`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`,
		`INSERT INTO participants (id, company_id, name, kana, age_band, role, sort_key, visible, version) VALUES
			('shown', 'c', '山田 一', 'やまだ はじめ', '50-54', 'participant', 'やまだ はじめ', 1, 3),
			('revoked', 'c', '山田 二', 'やまだ じ', '50-54', 'participant', 'やまだ じ', 1, 4),
			('hidden', 'c', '山田 三', 'やまだ さぶ', '50-54', 'participant', 'やまだ さぶ', 0, 5),
			('absent', 'c', '山田 四', 'やまだ し', '50-54', 'participant', 'やまだ し', 1, 6),
			('hr', 'c', '山田 五', 'やまだ ご', '50-54', 'hr', 'やまだ ご', 1, 7),
			('office', 'c', '山田 六', 'やまだ ろく', '50-54', 'secretariat', 'やまだ ろく', 1, 8)`,
		`INSERT INTO devices (id, participant_id, token_hash, created_at, revoked_at) VALUES
			('d1', 'shown', 'h1', 0, NULL), ('d2', 'revoked', 'h2', 0, 1), ('d3', 'hidden', 'h3', 0, NULL),
			('d4', 'hr', 'h4', 0, NULL), ('d5', 'office', 'h5', 0, NULL)`,
	)
	var epoch int64
	db, err := sql.Open("sqlite3", dsn(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`SELECT value FROM meta WHERE key = 'epoch'`).Scan(&epoch)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.r.Query(`SELECT id, listed, version FROM participants ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[string]bool{"shown": true, "revoked": true}
	v := int64(3)
	for rows.Next() {
		var id string
		var listed bool
		var version int64
		if err := rows.Scan(&id, &listed, &version); err != nil {
			t.Fatal(err)
		}
		if listed != want[id] || version != v {
			t.Errorf("%s: listed %v, version %d; want %v, %d", id, listed, version, want[id], v)
		}
		v++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var after int64
	if err := st.r.QueryRow(`SELECT value FROM meta WHERE key = 'epoch'`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after == epoch {
		t.Errorf("the epoch is still %d", epoch)
	}
}
