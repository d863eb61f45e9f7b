package client

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// Errors a caller can test with errors.Is, each of which the UI can turn
// into one plain sentence.
var (
	// ErrInvalidCode: the invite code is unknown, used or expired. Ask
	// the secretariat for a new one.
	ErrInvalidCode = errors.New("client: invite code not valid")
	// ErrTooManyAttempts: the server refused too many invite codes from
	// this network lately. Wait a few minutes, then try again.
	ErrTooManyAttempts = errors.New("client: too many invite codes tried")
	// ErrInvalidURL: the server address is not an http or https URL.
	// Check the address.
	ErrInvalidURL = errors.New("client: server address not valid")
	// ErrUnreachable: the server could not be reached (no network, DNS,
	// refused, timed out). Check the network; sync resumes by itself.
	ErrUnreachable = errors.New("client: server unreachable")
	// ErrServer: the server answered, but not as the protocol says (5xx,
	// malformed or hostile reply). Try again later.
	ErrServer = errors.New("client: unexpected answer from server")
	// ErrUnauthorized: the server no longer accepts this device's token
	// (revoked or unknown). Connect again with a new invite code.
	ErrUnauthorized = errors.New("client: device not authorized")
	// ErrNotConnected: the replica was never connected to a server.
	ErrNotConnected = errors.New("client: not connected")
	// ErrRunning: Run was called while it was already running.
	ErrRunning = errors.New("client: already running")
)

// HTTPError is a non-2xx answer of the server. It unwraps to
// ErrUnauthorized for 401, to ErrInvalidCode for a redeem refused with
// invalid_code, and to ErrServer otherwise.
type HTTPError struct {
	Op     string // redeem, push, pull or poke
	Status int    // the HTTP status
	Code   string // the wire.Error code, when the body had one
	// Reason is the rejection code of a refused admin call
	// (wire.ErrRejected), or empty.
	Reason app.Code
	// RetryAfter is the wait the server asked for (429, 503), or zero.
	RetryAfter time.Duration
	// Conflict is the body of a 409 answer to a push: the id the server
	// expects, and what it knows of the pushed ids below it.
	Conflict *wire.PushConflict
}

func (e *HTTPError) Error() string {
	s := fmt.Sprintf("%s: server answered %d %s", e.Op, e.Status, http.StatusText(e.Status))
	if e.Code != "" {
		s += " (" + e.Code + ")"
	}
	return s
}

func (e *HTTPError) Unwrap() error {
	switch {
	case e.Status == http.StatusUnauthorized:
		return ErrUnauthorized
	case e.Op == opRedeem && e.Status == http.StatusBadRequest && e.Code == wire.ErrInviteCode:
		return ErrInvalidCode
	case e.Op == opRedeem && e.Status == http.StatusTooManyRequests:
		return ErrTooManyAttempts
	default:
		return ErrServer
	}
}

// retryable reports whether retrying the same request later may succeed:
// network errors, 5xx, 409 and 429, and malformed replies. 401 is not;
// other 4xx are our bug, retried all the same so that nothing is ever
// dropped, but logged as errors.
func retryable(err error) bool {
	var he *HTTPError
	if errors.As(err, &he) {
		return he.Status >= 500 || he.Status == http.StatusConflict || he.Status == http.StatusTooManyRequests
	}
	return true
}

// ourBug reports whether err says that the server found our request
// malformed: 400 (other than a refused invite code), 403, 404, 405, 413.
func ourBug(err error) bool {
	var he *HTTPError
	if !errors.As(err, &he) {
		return false
	}
	return he.Status >= 400 && he.Status < 500 && !retryable(err) &&
		he.Status != http.StatusUnauthorized && !errors.Is(err, ErrInvalidCode)
}

// retryAfter is the wait err's answer asked for, or zero.
func retryAfter(err error) time.Duration {
	var he *HTTPError
	if errors.As(err, &he) {
		return he.RetryAfter
	}
	return 0
}
