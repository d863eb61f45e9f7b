package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// tokenBytes is the entropy of a device token.
const tokenBytes = 32

// maxTokenLen bounds what is hashed from a request header.
const maxTokenLen = 256

// newToken returns a fresh device token, base64url without padding, and
// its hash, which is all the server keeps.
func newToken() (token, hash string) {
	b := make([]byte, tokenBytes)
	rand.Read(b) // never fails (crypto/rand)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

// hashToken is the hex SHA-256 of a token, as the store keys devices.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// bearer returns the token of an "Authorization: Bearer <token>" header.
func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" || len(token) > maxTokenLen {
		return "", false
	}
	return token, true
}

// deviceFunc is an endpoint for an authenticated device.
type deviceFunc func(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error

// authed adapts h to run only for a request with the token of a device
// that is known and not revoked; any other gets 401.
func (s *Server) authed(h deviceFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token, ok := bearer(r)
		if !ok {
			return errUnauthorized.with(errors.New("no bearer token"))
		}
		dev, err := s.store.DeviceByToken(r.Context(), hashToken(token))
		switch {
		case errors.Is(err, app.ErrNotFound):
			return errUnauthorized.with(errors.New("unknown token"))
		case err != nil:
			return errUnavailable.with(fmt.Errorf("look up token: %w", err))
		}
		if info := infoOf(r.Context()); info != nil {
			info.device = dev.ID
		}
		if dev.Revoked {
			return errUnauthorized.with(errors.New("revoked device"))
		}
		return h(w, r, dev)
	}
}
