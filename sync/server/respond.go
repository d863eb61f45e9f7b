package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"crosstalk/sync/wire"
)

// apiError is a non-2xx answer: its status, its stable code and a generic
// message for the body, and the cause, which goes to the log only.
type apiError struct {
	status int
	code   string
	msg    string
	cause  error
}

func (e *apiError) Error() string {
	if e.cause == nil {
		return fmt.Sprintf("%d %s: %s", e.status, e.code, e.msg)
	}
	return fmt.Sprintf("%d %s: %s: %v", e.status, e.code, e.msg, e.cause)
}

func (e *apiError) Unwrap() error { return e.cause }

// with returns a copy of e caused by err.
func (e *apiError) with(err error) *apiError {
	c := *e
	c.cause = err
	return &c
}

// withBody returns a copy of e caused by err, answered with body (a
// wire type that carries e's code and message) instead of the wire.Error.
func (e *apiError) withBody(err error, body any) error {
	return &bodyError{e.with(err), body}
}

// bodyError is an apiError answered with a body of its own.
type bodyError struct {
	*apiError
	body any
}

func (e *bodyError) Unwrap() error { return e.apiError }

// The answers the handlers give, with their generic messages.
var (
	errBadJSON      = &apiError{http.StatusBadRequest, wire.ErrBadRequest, "malformed request body", nil}
	errBadRequest   = &apiError{http.StatusBadRequest, wire.ErrBadRequest, "invalid request", nil}
	errTooLarge     = &apiError{http.StatusRequestEntityTooLarge, wire.ErrTooLarge, "request over the limit", nil}
	errUnauthorized = &apiError{http.StatusUnauthorized, wire.ErrUnauthorized, "missing, unknown or revoked token", nil}
	errInviteCode   = &apiError{http.StatusBadRequest, wire.ErrInviteCode, "unknown, used or expired invite code", nil}
	errTooMany      = &apiError{http.StatusTooManyRequests, wire.ErrTooMany, "too many attempts: try again later", nil}
	errOutOfOrder   = &apiError{http.StatusConflict, wire.ErrOutOfOrder, "mutation ids must be consecutive from the expected id", nil}
	errIDLimit      = &apiError{http.StatusBadRequest, wire.ErrIDLimit, "mutation id over the limit", nil}
	errUnavailable  = &apiError{http.StatusServiceUnavailable, wire.ErrUnavailable, "try again later", nil}
	errNotFound     = &apiError{http.StatusNotFound, wire.ErrNotFound, "no such endpoint", nil}
	errMethod       = &apiError{http.StatusMethodNotAllowed, wire.ErrMethod, "method not allowed", nil}
	errInternal     = &apiError{http.StatusInternalServerError, wire.ErrInternal, "internal error", nil}
)

// handlerFunc is an endpoint that returns its failure instead of writing
// it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// endpoint adapts h: it answers 405 to any method but method (and HEAD
// for GET; "" allows every method), and writes the error h returns. An
// error that is not an *apiError is a 500.
func (s *Server) endpoint(method string, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if method != "" && r.Method != method && !(method == http.MethodGet && r.Method == http.MethodHead) {
			w.Header().Set("Allow", method)
			s.fail(w, r, errMethod)
			return
		}
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// fail logs err with the request and answers it as a wire.Error.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var e *apiError
	if !errors.As(err, &e) {
		e = errInternal.with(err)
	}
	if info := infoOf(r.Context()); info != nil {
		info.err = err
	}
	if b := (*bodyError)(nil); errors.As(err, &b) {
		writeJSON(w, e.status, b.body)
		return
	}
	writeJSON(w, e.status, wire.Error{Code: e.code, Message: e.msg})
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Only the wire types reach here, and they always encode.
		panic(fmt.Sprintf("encode %T: %v", v, err))
	}
	writeBody(w, status, b)
}

// writeBody answers b, which is JSON, with status.
func writeBody(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// decodeJSON reads r's body, at most wire.MaxBodyBytes, into v strictly:
// one JSON value, no unknown fields, nothing after it.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength > wire.MaxBodyBytes {
		return errTooLarge.with(fmt.Errorf("content length %d", r.ContentLength))
	}
	body := http.MaxBytesReader(w, r.Body, wire.MaxBodyBytes)
	b, err := io.ReadAll(body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return errTooLarge.with(err)
		}
		return errBadJSON.with(fmt.Errorf("read body: %w", err))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errBadJSON.with(fmt.Errorf("decode %T: %w", v, err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errBadJSON.with(fmt.Errorf("decode %T: data after the value", v))
	}
	return nil
}
