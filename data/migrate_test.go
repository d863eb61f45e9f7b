package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func tables(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	return strings.Join(names, " ")
}

func TestMigrateEmptyFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n, v int
	if err := st.r.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	if n != SchemaVersion() || v != SchemaVersion() || n == 0 {
		t.Fatalf("recorded %d migrations up to %d, want %d", n, v, SchemaVersion())
	}
	for _, want := range []string{"companies", "cohorts", "participants", "offers", "talks", "surveys", "bookmarks", "tombstones"} {
		if !strings.Contains(" "+tables(t, st.r)+" ", " "+want+" ") {
			t.Errorf("no table %s after migrating an empty file: %s", want, tables(t, st.r))
		}
	}
	var mode string
	st.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	var fk int
	st.w.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
	if mode != "wal" || fk != 1 {
		t.Errorf("journal_mode %s, foreign_keys %d", mode, fk)
	}
}

func TestMigrateReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "again.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.w.Exec(`INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	var n, companies int
	st.r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	st.r.QueryRow(`SELECT count(*) FROM companies`).Scan(&companies)
	if n != SchemaVersion() || companies != 1 {
		t.Fatalf("after reopening: %d migrations recorded, %d companies", n, companies)
	}
}

func TestMigrateRefusesNewerFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.w.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '999_future.sql', 0)`)
	st.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("opening a file from a newer app: %v", err)
	}
}

func TestMigrateIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", dsn(filepath.Join(t.TempDir(), "half.db"), nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms := []migration{
		{1, "001_a.sql", `CREATE TABLE a (x INTEGER);`},
		{2, "002_b.sql", `CREATE TABLE b (x INTEGER); THIS IS NOT SQL;`},
	}
	if err := migrateWith(ctx, db, ms); err == nil || !strings.Contains(err.Error(), "002_b.sql") {
		t.Fatalf("a broken migration: %v", err)
	}
	if got := tables(t, db); got != "" {
		t.Fatalf("a failed upgrade left tables behind: %q", got)
	}
	if err := migrateWith(ctx, db, ms[:1]); err != nil {
		t.Fatal(err)
	}
	if got := tables(t, db); got != "a schema_migrations" {
		t.Fatalf("tables %q", got)
	}
}

// Before an upgrade, the file is copied as it was; a new file and a file
// already up to date are not.
func TestBackupBeforeMigrating(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	oldFile(t, path, 1, `INSERT INTO companies (id, name, industry) VALUES ('c', '株式会社テスト', '製造')`)

	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	st.r.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&v)
	st.Close()
	if v != SchemaVersion() {
		t.Fatalf("upgraded to %d, want %d", v, SchemaVersion())
	}
	bak, err := sql.Open("sqlite3", "file:"+path+".v1.bak?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer bak.Close()
	var bv, companies int
	if err := bak.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&bv); err != nil {
		t.Fatalf("no backup: %v", err)
	}
	bak.QueryRow(`SELECT count(*) FROM companies`).Scan(&companies)
	if bv != 1 || companies != 1 {
		t.Fatalf("backup at version %d with %d companies", bv, companies)
	}
	// Reopening an up-to-date file makes no new backup.
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*.bak"))
	if len(files) != 1 {
		t.Fatalf("backups %v", files)
	}
	// A new file makes none either.
	st, err = Open(ctx, filepath.Join(dir, "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if files, _ := filepath.Glob(filepath.Join(dir, "new.db*.bak")); len(files) != 0 {
		t.Fatalf("a new file was backed up: %v", files)
	}
}

// oldFile makes the file at path with the first n migrations only, as
// an older build left it, with the rows that stmts write.
func oldFile(t *testing.T, path string, n int, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateWith(context.Background(), db, ms[:n]); err != nil {
		t.Fatal(err)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// Opening stopped by its caller says so (errors.Is context.Canceled),
// whatever SQLite reports of it, and leaves no half-made schema.
func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "stopped.db")
	if st, err := Open(ctx, path); !errors.Is(err, context.Canceled) {
		if st != nil {
			st.Close()
		}
		t.Fatalf("open with a cancelled context: %v", err)
	}
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open after a cancelled open: %v", err)
	}
	st.Close()
}
