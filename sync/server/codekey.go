package server

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"time"

	"crosstalk/data/serverstore"
)

// Invite codes are stored as HMAC-SHA256(secret, SHA-256(normalised
// code)), hex. The secret (secretBytes from crypto/rand) lives in a file
// outside the database, so that a copy of the database alone — a stolen
// backup — does not give the codes not yet redeemed: with 60 bits, their
// plain SHA-256 would fall to one GPU in hours. The inner SHA-256 is what
// servers before issue 14 stored, which lets UseCodeKey rehash those
// codes under the secret without knowing them.
//
// Device tokens keep their plain SHA-256 (hashToken): a token has 256
// bits from crypto/rand, far beyond any brute force, and a lost secret
// would otherwise sign every device out.

// secretBytes is the size of the secret.
const secretBytes = 32

// codeDigest is the SHA-256 of a normalised invite code.
func codeDigest(code string) []byte {
	sum := sha256.Sum256([]byte(NormalizeCode(code)))
	return sum[:]
}

// keyedHash is the hex HMAC-SHA256 of b under key.
func keyedHash(key, b []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write(b)
	return hex.EncodeToString(mac.Sum(nil))
}

// HashCode is an invite code's hash as the store keeps it: the hex
// HMAC-SHA256, under the server's secret, of the SHA-256 of the
// normalised code.
func (s *Server) HashCode(code string) string {
	return keyedHash(s.codeKey, codeDigest(code))
}

// keyCheck is the check of a secret the database keeps: an HMAC of a
// constant under it, which tells whether a secret is the one the codes
// were hashed with and nothing about the secret. Never 0, which stands
// for none.
func keyCheck(key []byte) int64 {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("crosstalk invite code secret check"))
	v := int64(binary.BigEndian.Uint64(mac.Sum(nil)) & (1<<63 - 1))
	if v == 0 {
		v = 1
	}
	return v
}

// randomKey is a fresh secret.
func randomKey() []byte {
	b := make([]byte, secretBytes)
	rand.Read(b) // never fails (crypto/rand)
	return b
}

// readSecret reads a secret file: at least secretBytes bytes written as
// hexadecimal digits, readable by its owner only.
func readSecret(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("secret file %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("secret file %s has mode %04o: others than its owner may read it; "+
			"only the server's user may (chmod 600 %s), and if others did read it, make a new one (-new-secret)", path, perm, path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("secret file: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) < secretBytes {
		return nil, fmt.Errorf("secret file %s does not hold a secret (%d hexadecimal digits or more)", path, 2*secretBytes)
	}
	return key, nil
}

// createSecret writes a new secret to path, which must not exist, with
// mode 0600.
func createSecret(path string) ([]byte, error) {
	key := randomKey()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create the secret file: %w", err)
	}
	_, err = f.WriteString(hex.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if errClose := f.Close(); err == nil {
		err = errClose
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("write the secret file: %w", err)
	}
	return key, nil
}

// OpenCodeKey returns the secret the invite codes are hashed with, read
// from the file at path. On a database whose codes were never hashed with
// a secret, a missing file is made (mode 0600, from crypto/rand); on one
// whose codes were, a missing file or another secret is an error that
// says what to do, rather than every code being refused. It rehashes
// under the secret the codes an older server stored unkeyed, so that
// they keep working. The secret is never logged.
func OpenCodeKey(ctx context.Context, st *serverstore.Store, path string, log *slog.Logger) ([]byte, error) {
	check, err := st.CodeKeyCheck(ctx)
	if err != nil {
		return nil, err
	}
	key, err := readSecret(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && check == 0:
		if key, err = createSecret(path); err != nil {
			return nil, err
		}
		log.Info("made the secret the invite codes are hashed with: keep a copy of it apart from the database's backups",
			"secret_file", path)
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("the secret file %s is missing, and the invite codes of %s are hashed with it: "+
			"put it back from where its copy is kept (or give its place with -secret-file); if it is lost, "+
			"`crosstalk-server -db %s -new-secret` makes a new one and revokes the codes not yet redeemed, for HR to make new ones",
			path, st.Path(), st.Path())
	case err != nil:
		return nil, err
	case check != 0 && check != keyCheck(key):
		return nil, otherSecret(path, st.Path())
	}
	n, err := st.UseCodeKey(ctx, keyCheck(key), func(unkeyed string) string {
		digest, err := hex.DecodeString(unkeyed)
		if err != nil || len(digest) != sha256.Size {
			digest = []byte(unkeyed) // not a code's SHA-256: it matches no code either way
		}
		return keyedHash(key, digest)
	})
	if errors.Is(err, serverstore.ErrOtherCodeKey) {
		return nil, otherSecret(path, st.Path())
	}
	if err != nil {
		return nil, err
	}
	if n > 0 {
		log.Info("invite codes stored by an older server rehashed under the secret", "codes", n)
	}
	return key, nil
}

func otherSecret(path, db string) error {
	return fmt.Errorf("the secret file %s is not the secret the invite codes of %s are hashed with: "+
		"put back the one that goes with this database (or give its place with -secret-file); if it is lost, "+
		"move this one away and run `crosstalk-server -db %s -new-secret`", path, db, db)
}

// NewCodeKey makes a new secret at path, which must not exist, in place
// of a lost one: it revokes the codes hashed with the lost secret that
// are not used yet, and returns how many. Codes of an older server,
// stored unkeyed, are rehashed under the new secret and keep working.
func NewCodeKey(ctx context.Context, st *serverstore.Store, path string, now time.Time, log *slog.Logger) (int, error) {
	if _, err := os.Lstat(path); err == nil {
		return 0, fmt.Errorf("the secret file %s exists: -new-secret only replaces a lost one; move it away first", path)
	}
	key, err := createSecret(path)
	if err != nil {
		return 0, err
	}
	n, err := st.ReplaceCodeKey(ctx, keyCheck(key), now)
	if err != nil {
		os.Remove(path)
		return 0, err
	}
	log.Info("made a new secret for the invite codes: keep a copy of it apart from the database's backups",
		"secret_file", path, "revoked_codes", n)
	if _, err := OpenCodeKey(ctx, st, path, log); err != nil {
		return n, err
	}
	return n, nil
}
