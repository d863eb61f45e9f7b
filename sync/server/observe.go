package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"crosstalk/sync/wire"
)

// reqInfo is what the handlers learn about a request for its log record:
// the device, once authenticated, and the failure, if any. Tokens and
// invite codes never go in it.
type reqInfo struct {
	device string
	err    error
	attrs  []slog.Attr
}

type infoKey struct{}

// infoOf returns the request's reqInfo, or nil outside observe.
func infoOf(ctx context.Context) *reqInfo {
	info, _ := ctx.Value(infoKey{}).(*reqInfo)
	return info
}

// note adds attributes to the request's log record.
func note(ctx context.Context, attrs ...slog.Attr) {
	if info := infoOf(ctx); info != nil {
		info.attrs = append(info.attrs, attrs...)
	}
}

// observe logs one record per request (method, path, status, duration,
// device, size) and turns a panic into a 500 with a generic body; the
// stack goes to the log only.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &reqInfo{}
		rec := &recorder{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), infoKey{}, info))
		defer func() {
			p := recover()
			if p != nil && p != http.ErrAbortHandler {
				s.log.LogAttrs(r.Context(), slog.LevelError, "panic",
					slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
				if rec.status == 0 {
					writeJSON(rec, http.StatusInternalServerError, wire.Error{Code: errInternal.code, Message: errInternal.msg})
				}
			}
			d := time.Since(start)
			s.logRequest(r, rec, info, d)
			s.countRequest(r, rec, info, d)
			if p == http.ErrAbortHandler {
				panic(p)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// logRequest writes a request's log record: at Info when it went well,
// Warn for a 503 and Error for any other 5xx.
func (s *Server) logRequest(r *http.Request, rec *recorder, info *reqInfo, d time.Duration) {
	status := rec.status
	if status == 0 {
		status = http.StatusOK // nothing written: net/http answers 200
	}
	level := slog.LevelInfo
	switch {
	case status == http.StatusServiceUnavailable:
		level = slog.LevelWarn
	case status >= 500:
		level = slog.LevelError
	}
	attrs := append([]slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Duration("duration", d),
		slog.Int64("bytes", rec.bytes),
		slog.String("remote", r.RemoteAddr),
	}, info.attrs...)
	if info.device != "" {
		attrs = append(attrs, slog.String("device", info.device))
	}
	if info.err != nil {
		attrs = append(attrs, slog.String("error", info.err.Error()))
	}
	s.log.LogAttrs(r.Context(), level, "request", attrs...)
}

// countRequest adds a request to the metrics.
func (s *Server) countRequest(r *http.Request, rec *recorder, info *reqInfo, d time.Duration) {
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	code := ""
	var e *apiError
	if errors.As(info.err, &e) {
		code = e.code
	} else if info.err != nil {
		code = errInternal.code
	}
	s.metrics.request(r.URL.Path, status, code, info.device, d)
}

// recorder remembers the status and size of an answer.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
