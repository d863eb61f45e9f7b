package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gofrs/flock"
	_ "github.com/mattn/go-sqlite3"

	"crosstalk/app/filecopy"
	"crosstalk/data/serverstore"
)

// backupPrefix and backupSuffix name the copies -backup makes in a
// folder: crosstalk-server-20261201T031500Z.db.
const (
	backupPrefix = "crosstalk-server-"
	backupSuffix = ".db"
)

// lockDB takes the lock that says a process serves db, without waiting.
// serve holds it while it runs; -restore needs it.
func lockDB(db string) (*flock.Flock, error) {
	l := flock.New(db + ".lock")
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", l.Path(), err)
	}
	if !ok {
		return nil, fmt.Errorf("%s is in use by a running crosstalk-server: stop it first", db)
	}
	return l, nil
}

// openReadOnly opens an SQLite file for reading only: a backup never
// writes to, or migrates, the file it copies (the server may be a
// different version).
func openReadOnly(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro&_busy_timeout=10000"}
	db, err := sql.Open("sqlite3", u.String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// checkCopy checks that an SQLite file is whole and is a CrossTalk
// server database, and returns its schema version.
func checkCopy(ctx context.Context, path string) (int, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return 0, fmt.Errorf("check %s: %w", path, err)
	}
	if res != "ok" {
		return 0, fmt.Errorf("check %s: integrity_check says %q", path, res)
	}
	var schema int
	var epoch string
	if err := db.QueryRowContext(ctx, `SELECT (SELECT max(version) FROM schema_migrations),
		(SELECT value FROM meta WHERE key = 'epoch')`).Scan(&schema, &epoch); err != nil {
		return 0, fmt.Errorf("check %s: not a CrossTalk server database: %w", path, err)
	}
	return schema, nil
}

// backup writes a consistent copy of db with VACUUM INTO, which reads
// one snapshot while the server goes on serving. dest is a file, or an
// existing folder that gets a copy named by the time (UTC), of which the
// newest keep are kept. It checks the copy and returns its path.
func backup(ctx context.Context, db, dest string, keep int, now time.Time) (string, error) {
	dir := ""
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		dir = dest
		dest = filepath.Join(dir, backupPrefix+now.UTC().Format("20060102T150405Z")+backupSuffix)
	}
	if _, err := os.Stat(dest); err == nil {
		return "", fmt.Errorf("backup: %s exists", dest)
	}
	src, err := openReadOnly(db)
	if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	defer src.Close()
	tmp := dest + ".part"
	os.Remove(tmp)
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("backup %s: %w", db, err)
	}
	if _, err := checkCopy(ctx, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("backup: the copy is damaged: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	if dir != "" && keep > 0 {
		if err := prune(dir, keep); err != nil {
			return dest, err
		}
	}
	return dest, nil
}

// prune removes all but the newest keep copies in dir (names sort by
// time).
func prune(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("backup: prune: %w", err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupSuffix) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return fmt.Errorf("backup: prune: %w", err)
		}
		names = names[1:]
	}
	return nil
}

// restore replaces db by the copy src, with the server stopped: the
// current file (with its -wal and -shm) is kept aside as
// db.before-restore-<time>, the copy is put in place, migrated if it is
// older, and given a new epoch, so that every device's cursors become
// unusable and each pulls afresh (a reset) instead of keeping rows the
// restored server never had. Devices registered after the copy was made
// are unknown to it and must be invited again. It returns the name of
// the file kept aside ("" if db did not exist).
func restore(ctx context.Context, db, src string, now time.Time) (string, error) {
	if _, err := checkCopy(ctx, src); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	lock, err := lockDB(db)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer lock.Unlock()

	aside := ""
	if _, err := os.Stat(db); err == nil {
		aside = db + ".before-restore-" + now.UTC().Format("20060102T150405Z")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			err := os.Rename(db+suffix, aside+suffix)
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("restore: keep the current file: %w", err)
			}
		}
	}
	if err := filecopy.Copy(src, db); err != nil {
		return aside, fmt.Errorf("restore: %w", err)
	}
	st, err := serverstore.Open(ctx, db)
	if err != nil {
		return aside, fmt.Errorf("restore: open the restored file: %w", err)
	}
	defer st.Close()
	if err := st.NewEpoch(ctx); err != nil {
		return aside, fmt.Errorf("restore: new epoch: %w", err)
	}
	return aside, st.Close()
}
