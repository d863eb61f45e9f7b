package server

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/wire"
)

// EmailStore is what the confirmation of a person's new address needs
// of the store (serverstore's email_confirm.go). A store without it
// answers those endpoints 404.
type EmailStore interface {
	StartEmailConfirmation(ctx context.Context, participantID, address string, codeHash []byte, now time.Time,
		compose func(serverstore.EmailRecipient) (serverstore.OutgoingMail, error)) error
	ConfirmEmail(ctx context.Context, participantID string, hashFor func(address string) []byte, now time.Time) (string, error)
}

var _ EmailStore = (*serverstore.Store)(nil)

// emailCodeHash is the keyed hash of a code mailed to address for
// participantID: HMAC-SHA256 under the server's secret (codekey.go), so
// that a copy of the database gives no code, bound to the person and the
// address, so that a code confirms nothing else.
func emailCodeHash(key []byte, participantID, address, code string) []byte {
	mac := hmac.New(sha256.New, key)
	for _, part := range []string{"crosstalk e-mail code", participantID, address, code} {
		mac.Write([]byte(part))
		mac.Write([]byte{0})
	}
	return mac.Sum(nil)
}

// newEmailCode is six random digits.
func newEmailCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(fmt.Sprintf("email code: %v", err)) // crypto/rand does not fail
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// normalizeEmailCode is the code typed without spaces or dashes, in
// ASCII digits (a Japanese keyboard may type full-width ones); ok is
// false when it is not six digits.
func normalizeEmailCode(s string) (string, bool) {
	if len(s) > 64 {
		return "", false
	}
	code := wire.NormalizeInviteCode(s) // half-width, without spaces and dashes
	for _, r := range code {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return code, len(code) == 6
}

// startEmail answers wire.PathEmailStart: the caller's new address waits
// for the code mailed to it. The mail is queued with the pending
// confirmation, in one transaction.
func (s *Server) startEmail(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	var req wire.EmailStartRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	// An address typed with an IME may hold a full-width ＠, letters or
	// digits: they are made half-width, as the app does before checking.
	valid := utf8.ValidString(req.Address)
	address := strings.TrimSpace(width.Narrow.String(req.Address))
	err := func() error {
		switch {
		case s.email == nil:
			return errNotFound
		case s.mailFrom == nil:
			return app.Reject(app.CodeMailOff, "the server sends no mail")
		case !valid || !app.ValidEmail(address):
			return app.Reject(app.CodeBadArgs, "not one address")
		}
		now, code, pid := s.clock(), newEmailCode(), dev.Participant.ID
		from := *s.mailFrom
		return storeErr(s.email.StartEmailConfirmation(r.Context(), pid, address, emailCodeHash(s.codeKey, pid, address, code), now,
			func(to serverstore.EmailRecipient) (serverstore.OutgoingMail, error) {
				return mail.ConfirmMail(mail.ConfirmData{To: to, Code: code, ValidFor: serverstore.EmailCodeTTL}, from, now)
			}))
	}()
	if app.IsRejection(err) {
		refuse(w, r, err)
		return nil
	}
	if err != nil {
		return err
	}
	note(r.Context(), slog.String("email", "code queued"))
	writeJSON(w, http.StatusOK, wire.EmailStartResponse{ValidSeconds: int64(serverstore.EmailCodeTTL / time.Second)})
	return nil
}

// confirmEmail answers wire.PathEmailConfirm: the code typed makes the
// caller's waiting address theirs, and their devices pull it.
func (s *Server) confirmEmail(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	var req wire.EmailConfirmRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	var address string
	err := func() error {
		if s.email == nil {
			return errNotFound
		}
		code, ok := normalizeEmailCode(req.Code)
		if !ok {
			return app.Reject(app.CodeEmailCodeWrong, "not six digits")
		}
		pid := dev.Participant.ID
		var err error
		address, err = s.email.ConfirmEmail(r.Context(), pid, func(address string) []byte {
			return emailCodeHash(s.codeKey, pid, address, code)
		}, s.clock())
		return storeErr(err)
	}()
	if app.IsRejection(err) {
		note(r.Context(), slog.String("email", "refused"))
		refuse(w, r, err)
		return nil
	}
	if err != nil {
		return err
	}
	note(r.Context(), slog.String("email", "confirmed"))
	s.Notify() // the person's devices pull their address
	writeJSON(w, http.StatusOK, wire.EmailConfirmResponse{Address: address})
	return nil
}
