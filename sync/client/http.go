package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"crosstalk/sync/wire"
)

// Operation names, for errors and logs.
const (
	opRedeem = "redeem"
	opPush   = "push"
	opPull   = "pull"
	opPoke   = "poke"
)

// session is the connection one request uses: the server's base URL,
// the device token, and which Connect they came from.
type session struct {
	server, token string
	gen           uint64
}

// session reads the connection from the replica's state. It gives
// ErrNotConnected when the replica has no token.
func (c *Client) session(ctx context.Context) (session, error) {
	c.mu.Lock()
	s := session{gen: c.gen}
	c.mu.Unlock()
	var err error
	if s.server, err = c.r.State(ctx, keyServer); err != nil {
		return s, err
	}
	if s.token, err = c.r.State(ctx, keyToken); err != nil {
		return s, err
	}
	if s.server == "" || s.token == "" {
		return s, ErrNotConnected
	}
	return s, nil
}

// request is one call to the server.
type request struct {
	op      string
	method  string
	path    string
	query   url.Values
	body    any // marshalled as JSON when not nil
	timeout time.Duration
	limit   int                              // the most bytes body may take; wire.MaxBodyBytes when 0
	decode  func(data []byte, out any) error // a 2xx answer's decoder; json.Unmarshal when nil
}

// call sends req with the session's token and decodes a 2xx answer's
// JSON body into out. A network failure gives ErrUnreachable, a non-2xx
// answer an *HTTPError, and a 2xx answer that is not the JSON of out
// ErrServer. Every answer marks the client online; a network failure
// marks it offline. When ctx ends, its error is returned.
func (c *Client) call(ctx context.Context, s session, req request, out any) error {
	rctx, cancel := context.WithTimeout(ctx, req.timeout)
	defer cancel()
	r := c.http.R().SetContext(rctx).SetHeader("Accept", "application/json")
	if s.token != "" {
		r.SetAuthToken(s.token)
	}
	if req.query != nil {
		r.SetQueryParamsFromValues(req.query)
	}
	if req.body != nil {
		b, err := json.Marshal(req.body)
		if err != nil {
			return fmt.Errorf("%s: encode: %w", req.op, err)
		}
		limit := wire.MaxBodyBytes
		if req.limit > 0 {
			limit = req.limit
		}
		if len(b) > limit {
			return fmt.Errorf("%s: request of %d bytes is over the limit of %d", req.op, len(b), limit)
		}
		r.SetHeader("Content-Type", "application/json").SetBody(b)
	}
	// Accept-Encoding is left to the transport, which then asks for gzip
	// and inflates the answer itself. The body is read here rather than
	// by resty, which reads it 512 bytes at a time into a growing slice:
	// an initial sync's answers (megabytes) took 60 % more CPU time to
	// read. The limit holds for the inflated bytes.
	r.SetDoNotParseResponse(true)
	resp, err := r.Execute(req.method, s.server+req.path)
	var body []byte
	if err == nil {
		body, err = readBody(resp.RawBody(), maxResponseBytes)
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w", req.op, ctx.Err())
		}
		if errors.Is(err, errTooLarge) {
			c.setOnline(true)
			return fmt.Errorf("%s: %w: answer over %d bytes", req.op, ErrServer, maxResponseBytes)
		}
		c.setOnline(false)
		return fmt.Errorf("%s: %w: %w", req.op, ErrUnreachable, err)
	}
	c.setOnline(true)
	status := resp.StatusCode()
	if status < 200 || status > 299 {
		he := &HTTPError{Op: req.op, Status: status}
		var answer wire.AdminError // a wire.Error, with a reason when an admin call was refused
		if json.Unmarshal(body, &answer) == nil && len(answer.Code) <= 64 && len(answer.Reason) <= 64 {
			he.Code, he.Reason = answer.Code, answer.Reason
		}
		if status == http.StatusConflict && req.op == opPush {
			var c wire.PushConflict
			if json.Unmarshal(body, &c) == nil && c.Code == wire.ErrOutOfOrder && c.ExpectedID > 0 {
				he.Conflict = &c
			}
		}
		if secs, err := strconv.Atoi(strings.TrimSpace(resp.Header().Get("Retry-After"))); err == nil && secs > 0 {
			he.RetryAfter = time.Duration(min(secs, 3600)) * time.Second
		}
		return he
	}
	if out != nil {
		decode := req.decode
		if decode == nil {
			decode = json.Unmarshal
		}
		if err := decode(body, out); err != nil {
			return fmt.Errorf("%s: %w: %w", req.op, ErrServer, err)
		}
	}
	return nil
}

// errTooLarge is readBody's error for an answer over its limit.
var errTooLarge = errors.New("answer too large")

// readBody reads and closes an answer's body, of at most limit bytes.
func readBody(rc io.ReadCloser, limit int64) ([]byte, error) {
	if rc == nil {
		return nil, nil
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(rc, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

// baseURL checks a server address typed by a person and returns it
// without a trailing slash.
func baseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalidURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%w: %q", ErrInvalidURL, raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// restyLogger sends resty's own messages to the client's logger.
type restyLogger struct{ log *slog.Logger }

func (l restyLogger) Errorf(format string, v ...any) {
	l.log.Error("resty: " + fmt.Sprintf(format, v...))
}
func (l restyLogger) Warnf(format string, v ...any) {
	l.log.Warn("resty: " + fmt.Sprintf(format, v...))
}
func (l restyLogger) Debugf(format string, v ...any) {
	l.log.Debug("resty: " + fmt.Sprintf(format, v...))
}
