package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// codeAlphabet has 32 characters that cannot be mistaken for one another
// when read or typed: no 0 or O, no 1 or I.
const codeAlphabet = wire.InviteCodeAlphabet

// Invite codes have codeGroups groups of codeGroupLen characters.
const (
	codeGroups   = 3
	codeGroupLen = 4
)

// maxDeviceNameRunes bounds the device name a client gives.
const maxDeviceNameRunes = 100

// NewInviteCode returns a fresh invite code such as "K7QX-M2PA-WD9R" (12
// characters, 60 bits) and its hash as HashCode gives it.
func (s *Server) NewInviteCode() (code, hash string) {
	n := codeGroups * codeGroupLen
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	var sb strings.Builder
	for i, x := range b {
		if i > 0 && i%codeGroupLen == 0 {
			sb.WriteByte('-')
		}
		// 32 letters: the low five bits pick one without bias.
		sb.WriteByte(codeAlphabet[int(x)%len(codeAlphabet)])
	}
	code = sb.String()
	return code, s.HashCode(code)
}

// NormalizeCode is an invite code as the server compares it (see
// wire.NormalizeInviteCode).
func NormalizeCode(code string) string { return wire.NormalizeInviteCode(code) }

// Invite creates a single-use invite code for a participant, valid for
// ttl from the server's clock, and returns it. Only its hash is stored.
func (s *Server) Invite(ctx context.Context, participantID string, ttl time.Duration) (string, error) {
	if ttl <= 0 {
		return "", fmt.Errorf("invite %s: ttl %v is not positive", participantID, ttl)
	}
	code, hash := s.NewInviteCode()
	now := s.clock()
	if err := s.store.CreateInvite(ctx, hash, participantID, now, now.Add(ttl)); err != nil {
		return "", fmt.Errorf("invite %s: %w", participantID, err)
	}
	return code, nil
}

// redeem answers wire.PathRedeem: a valid invite code is used up and a
// new device gets a token.
func (s *Server) redeem(w http.ResponseWriter, r *http.Request) error {
	var req wire.RedeemRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	addr := s.clientAddr(r)
	if ok, wait := s.redeems.allowed(addr); !ok {
		return tooMany(w, wait, fmt.Errorf("redeems refused from %s", addr))
	}
	code := NormalizeCode(req.Code)
	if code == "" || len(code) > 64 {
		if s.redeemRefused(addr, "") {
			return tooMany(w, redeemRefill, errors.New("empty or overlong code, over the global ceiling"))
		}
		return errInviteCode.with(errors.New("empty or overlong code"))
	}
	// The code is hashed under the secret first, and looked up by that
	// hash (the primary key): how long the look-up takes says nothing of
	// how near a guess came to a stored code.
	codeHash := s.HashCode(code)
	if ok, wait := s.codeTries.allowed(codeHash); !ok {
		return tooMany(w, wait, fmt.Errorf("a code refused too often, tried from %s", addr))
	}
	token, tokenHash := newToken()
	dev, err := s.store.Redeem(r.Context(), codeHash, uuid.NewString(), tokenHash,
		deviceName(req.DeviceName), s.clock())
	switch {
	case errors.Is(err, serverstore.ErrInvalidCode):
		if s.redeemRefused(addr, codeHash) {
			return tooMany(w, redeemRefill, fmt.Errorf("%w, over the global ceiling, from %s", err, addr))
		}
		return errInviteCode.with(err)
	case err != nil:
		return errUnavailable.with(err)
	}
	if info := infoOf(r.Context()); info != nil {
		info.device = dev.ID
	}
	s.Notify() // the person's other devices announce the new one
	p := dev.Participant
	writeJSON(w, http.StatusOK, wire.RedeemResponse{
		Token: token, DeviceID: dev.ID, ParticipantID: p.ID, CompanyID: p.CompanyID, Role: p.Role,
	})
	return nil
}

// tooMany answers 429 with a Retry-After of wait (whole seconds, at
// least one).
func tooMany(w http.ResponseWriter, wait time.Duration, err error) error {
	w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
	return errTooMany.with(err)
}

// deviceName cleans the name a client gives its device: valid UTF-8,
// printable, without direction overrides or other invisible characters
// (app.InvisibleChar), trimmed and bounded.
func deviceName(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || app.InvisibleChar(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	n := 0
	for i := range s {
		if n == maxDeviceNameRunes {
			return strings.TrimSpace(s[:i])
		}
		n++
	}
	return s
}
