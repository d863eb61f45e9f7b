package server

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crosstalk/app/demo"
	"crosstalk/data"
	"crosstalk/sync/wire"
)

// sha256Hex is how a code was stored before issue 14: the plain SHA-256 of
// the normalised code, which anyone with the database can compute for
// every one of the 2⁶⁰ codes.
func sha256Hex(code string) string {
	sum := sha256.Sum256([]byte(NormalizeCode(code)))
	return hex.EncodeToString(sum[:])
}

// storedHash is the hash the store keeps for the participant's newest code.
func storedHash(t *testing.T, e *env, participantID string) string {
	t.Helper()
	var h string
	if err := e.st.DB().QueryRow(`SELECT code_hash FROM invites WHERE participant_id = ?
		ORDER BY created_at DESC, rowid DESC LIMIT 1`, participantID).Scan(&h); err != nil {
		t.Fatal(err)
	}
	return h
}

// The database alone does not verify an outstanding code: what it stores
// is an HMAC under the server's secret, not SHA-256 of the code, and a
// server with another secret refuses the code; the server with the secret
// redeems it.
func TestInviteCodeStoredUnderKeyedHash(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	e := newEnv(t, func(c *envConfig) { c.opts.CodeKey = key })
	code := e.invite(pid("x1"))
	stored := storedHash(t, e, pid("x1"))
	for _, unkeyed := range []string{sha256Hex(code), hex.EncodeToString(func() []byte { s := sha256.Sum256([]byte(code)); return s[:] }())} {
		if stored == unkeyed {
			t.Fatalf("the database holds SHA-256 of the code (%s): a stolen copy gives the code by brute force", stored)
		}
	}
	digest := sha256.Sum256([]byte(NormalizeCode(code)))
	mac := hmac.New(sha256.New, key)
	mac.Write(digest[:])
	if want := hex.EncodeToString(mac.Sum(nil)); stored != want {
		t.Fatalf("stored %s, want HMAC-SHA256(secret, SHA-256(code)) %s", stored, want)
	}

	// Another server over the same database, with another secret.
	other := New(e.st, Options{Clock: e.clock.Now, CodeKey: bytes.Repeat([]byte{8}, 32), Logger: slog.New(slog.DiscardHandler)})
	rec := httpRedeem(t, other.Handler(), code)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("a server without the secret: %d %s", rec.Code, rec.Body)
	}
	status, body := e.call(http.MethodPost, wire.PathRedeem, "", wire.RedeemRequest{Code: code, DeviceName: "PC"})
	if status != http.StatusOK {
		t.Fatalf("with the secret: %d %s", status, body)
	}
}

// Codes that a server of before issue 14 stored as SHA-256 keep working:
// the first start with a secret rehashes them under it, in the database,
// so that the file no longer holds SHA-256 of any code.
func TestUnkeyedCodesRehashedAtStart(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, func(c *envConfig) { c.noStart = true })
	const code = "K7QX-M2PA-WD9R"
	legacy := sha256Hex(code)
	err := e.st.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.SQL().ExecContext(ctx, `INSERT INTO invites (code_hash, participant_id, created_at, expires_at, keyed)
			VALUES (?, ?, ?, ?, 0)`, legacy, pid("y1"), start.UnixMilli(), start.Add(24*time.Hour).UnixMilli())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "server.db.secret")
	key, err := OpenCodeKey(ctx, e.st, secret, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	var n, unkeyed int
	if err := e.st.DB().QueryRow(`SELECT count(*), count(*) FILTER (WHERE keyed = 0 OR code_hash = ?) FROM invites`, legacy).Scan(&n, &unkeyed); err != nil {
		t.Fatal(err)
	}
	if n != 1 || unkeyed != 0 {
		t.Fatalf("%d invites, %d still unkeyed", n, unkeyed)
	}
	srv := New(e.st, Options{Clock: e.clock.Now, CodeKey: key, Logger: slog.New(slog.DiscardHandler)})
	if rec := httpRedeem(t, srv.Handler(), strings.ToLower(code)); rec.Code != http.StatusOK {
		t.Fatalf("the old code after the upgrade: %d %s", rec.Code, rec.Body)
	}
	// A second start finds nothing to do and the same secret.
	again, err := OpenCodeKey(ctx, e.st, secret, slog.New(slog.DiscardHandler))
	if err != nil || !bytes.Equal(again, key) {
		t.Fatalf("second start: %v", err)
	}
}

// The secret file is made on first start, 0600, from crypto/rand, and read
// back after; one that others can read is refused with a message that
// says what to do; a missing or different secret for a database whose
// codes were made with one is refused too, rather than every code being
// refused without a word. The secret is never logged.
func TestSecretFile(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, func(c *envConfig) { c.noStart = true })
	dir := t.TempDir()
	path := filepath.Join(dir, "server.db.secret")
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	key, err := OpenCodeKey(ctx, e.st, path, log)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("secret file mode %v, want 0600", fi.Mode().Perm())
	}
	raw, _ := os.ReadFile(path)
	if len(key) != 32 || strings.TrimSpace(string(raw)) != hex.EncodeToString(key) {
		t.Fatalf("key of %d bytes; file %q", len(key), raw)
	}
	if strings.Contains(logs.String(), hex.EncodeToString(key)) || !strings.Contains(logs.String(), path) {
		t.Errorf("logs: %s", logs.String())
	}
	if again, err := OpenCodeKey(ctx, e.st, path, log); err != nil || !bytes.Equal(again, key) {
		t.Fatalf("read back: %v", err)
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = OpenCodeKey(ctx, e.st, path, log)
	if err == nil || !strings.Contains(err.Error(), "0644") || !strings.Contains(err.Error(), "chmod 600") ||
		!strings.Contains(err.Error(), path) {
		t.Fatalf("mode 0644: %v", err)
	}
	if strings.Contains(err.Error(), hex.EncodeToString(key)) {
		t.Fatal("the error shows the secret")
	}
	os.Chmod(path, 0o600)

	// Lost: the database's codes were made with a secret.
	os.Rename(path, path+".lost")
	if _, err := OpenCodeKey(ctx, e.st, path, log); err == nil || !strings.Contains(err.Error(), "-new-secret") {
		t.Fatalf("missing secret: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a new secret was made over the database's")
	}
	// Another secret.
	os.WriteFile(path, []byte(strings.Repeat("ab", 32)+"\n"), 0o600)
	if _, err := OpenCodeKey(ctx, e.st, path, log); err == nil || !strings.Contains(err.Error(), "not the secret") {
		t.Fatalf("another secret: %v", err)
	}
	// Not a secret at all.
	os.WriteFile(path, []byte("short\n"), 0o600)
	if _, err := OpenCodeKey(ctx, e.st, path, log); err == nil {
		t.Fatal("a file of 5 letters taken as a secret")
	}
}

// -new-secret's work: a lost secret is replaced; the codes made with the
// old one, which no one can redeem any more, are revoked (HR sees them as
// such and makes new ones); codes made after work.
func TestReplaceCodeKey(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "server.db.secret")
	e := newEnv(t, func(c *envConfig) { c.noStart = true })
	key, err := OpenCodeKey(ctx, e.st, path, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	old := New(e.st, Options{Clock: e.clock.Now, CodeKey: key})
	if _, err := old.Invite(ctx, demo.DemoUser, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	n, err := NewCodeKey(ctx, e.st, path, e.clock.Now(), slog.New(slog.DiscardHandler))
	if err != nil || n != 1 {
		t.Fatalf("new secret: %d revoked, %v", n, err)
	}
	if _, err := NewCodeKey(ctx, e.st, path, e.clock.Now(), slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("-new-secret over an existing secret file")
	}
	key2, err := OpenCodeKey(ctx, e.st, path, slog.New(slog.DiscardHandler))
	if err != nil || bytes.Equal(key2, key) {
		t.Fatalf("after -new-secret: %v", err)
	}
	srv := New(e.st, Options{Clock: e.clock.Now, CodeKey: key2, Logger: slog.New(slog.DiscardHandler)})
	code, err := srv.Invite(ctx, demo.DemoUser, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if rec := httpRedeem(t, srv.Handler(), code); rec.Code != http.StatusOK {
		t.Fatalf("a code made after: %d %s", rec.Code, rec.Body)
	}
}

// httpRedeem sends a code to h, as over HTTP from a client of its own.
func httpRedeem(t *testing.T, h http.Handler, code string) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(wire.RedeemRequest{Code: code, DeviceName: "PC"})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, wire.PathRedeem, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
