package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crosstalk/app/demo"
	"crosstalk/data/serverstore"
	"crosstalk/sync/server"
)

// A secret file that others can read is refused at start, before serving,
// with a message that names the file and the fix.
func TestServeRefusesAnOpenSecretFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	secret := db + ".secret"
	if err := os.WriteFile(secret, []byte(strings.Repeat("5a", 32)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(secret, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := parseFlags([]string{"-db", db, "-addr", "127.0.0.1:0", "-metrics-addr", "off"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = run(ctx, cfg, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "0644") ||
		!strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("start with a secret file of mode 0644: %v", err)
	}
}

// The secret is a file beside the database (or -secret-file), made at the
// first start; -invite's code is stored under it, so that the database
// and its backup alone do not give the code; -backup copies the database
// only.
func TestSecretBesideTheDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	st, err := serverstore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := server.SeedDemo(ctx, st, server.New(st, server.Options{Logger: slog.New(slog.DiscardHandler)})); err != nil {
		t.Fatal(err)
	}
	st.Close()

	cfg, err := parseFlags([]string{"-db", db, "-invite", demo.DemoUser}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.secretFile != db+".secret" {
		t.Fatalf("secret file %q, want beside the database", cfg.secretFile)
	}
	code, err := captureStdout(t, func() error { return run(ctx, cfg, slog.New(slog.DiscardHandler)) })
	if err != nil {
		t.Fatal(err)
	}
	code = strings.TrimSpace(code)
	fi, err := os.Stat(db + ".secret")
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secret file: %v %v", fi, err)
	}
	secret, _ := os.ReadFile(db + ".secret")

	backups := filepath.Join(dir, "backups")
	os.Mkdir(backups, 0o700)
	copyPath, err := backup(ctx, db, backups, 14, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(backups)
	if len(entries) != 1 {
		t.Fatalf("the backup folder holds %d files, want the copy alone", len(entries))
	}
	raw, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := hex.DecodeString(strings.TrimSpace(string(secret)))
	sum := sha256.Sum256([]byte(server.NormalizeCode(code)))
	for what, b := range map[string][]byte{"the secret": bytes.TrimSpace(secret), "the key": key,
		"SHA-256 of the code": []byte(hex.EncodeToString(sum[:])), "the code": []byte(server.NormalizeCode(code))} {
		if bytes.Contains(raw, b) {
			t.Errorf("the backup holds %s", what)
		}
	}

	// -secret-file, or CROSSTALK_SECRET_FILE, puts it elsewhere.
	cfg, err = parseFlags([]string{"-db", db}, func(k string) string {
		return map[string]string{"CROSSTALK_SECRET_FILE": "/etc/crosstalk/secret"}[k]
	})
	if err != nil || cfg.secretFile != "/etc/crosstalk/secret" {
		t.Fatalf("CROSSTALK_SECRET_FILE: %q, %v", cfg.secretFile, err)
	}
	cfg, err = parseFlags([]string{"-db", db, "-secret-file", "/srv/s"}, func(string) string { return "" })
	if err != nil || cfg.secretFile != "/srv/s" {
		t.Fatalf("-secret-file: %q, %v", cfg.secretFile, err)
	}
}

// -new-secret replaces a lost secret and revokes the codes made with it;
// it refuses while a secret file exists.
func TestNewSecretCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	log := slog.New(slog.DiscardHandler)
	cfg, err := parseFlags([]string{"-db", db, "-make-secretariat", "山田 花子"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := captureStdout(t, func() error { return run(ctx, cfg, log) }); err != nil {
		t.Fatal(err)
	}
	cfg, err = parseFlags([]string{"-db", db, "-new-secret"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, cfg, log); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("-new-secret with the secret in place: %v", err)
	}
	os.Remove(db + ".secret")
	out, err := captureStdout(t, func() error { return run(ctx, cfg, log) })
	if err != nil || !strings.Contains(out, "revoked 1") {
		t.Fatalf("-new-secret: %q, %v", out, err)
	}
	if _, err := parseFlags([]string{"-new-secret", "-invite", "p"}, func(string) string { return "" }); err == nil {
		t.Fatal("-new-secret with -invite: no error")
	}
}

// captureStdout runs fn with the standard output going to a file, and
// returns what it wrote.
func captureStdout(t *testing.T, fn func() error) (string, error) {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdout
	os.Stdout = f
	err = fn()
	os.Stdout = saved
	b, _ := os.ReadFile(f.Name())
	return string(b), err
}
