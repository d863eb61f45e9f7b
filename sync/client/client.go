// Package client is the desktop side of CrossTalk's sync. It connects a
// replica to the central endpoint with an invite code, queues the user's
// mutations in the replica's durable outbox, and keeps the replica in step
// with the server: it pushes the outbox, pulls every bucket the device
// may read, and long-polls for pokes so that other people's changes
// arrive within a second.
//
// A Client is safe for concurrent use. Run drives the sync loop until its
// context ends; SyncNow runs one cycle; Status and Subscribe tell the UI
// how things stand. The network is never touched on the caller's
// goroutine except by Connect and SyncNow, which the UI calls off its own.
package client

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-resty/resty/v2"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/replica"
)

// Replica is what the client needs of the local store: a *replica.Store
// opened with replica.Open.
type Replica interface {
	Enqueue(ctx context.Context, name string, actor app.Actor, args json.RawMessage, now time.Time) (int64, error)
	Outbox(ctx context.Context, limit int) ([]replica.OutboxEntry, error)
	OutboxAfter(ctx context.Context, after int64, limit int) ([]replica.OutboxEntry, error)
	Renumber(ctx context.Context, from int64, keep func(id int64) bool) (map[int64]int64, error)
	Pending(ctx context.Context) (int, error)
	Queued(ctx context.Context, id int64) (bool, error)
	RecordRejections(ctx context.Context, refused map[int64]app.Code, now time.Time) error
	Rejections(ctx context.Context) ([]replica.Rejection, error)
	MarkRejectionsSeen(ctx context.Context, upTo int64) error
	ApplyPull(ctx context.Context, res data.PullResult) error
	Cursors(ctx context.Context) (map[string]data.BucketCursor, error)
	State(ctx context.Context, key string) (string, error)
	SetState(ctx context.Context, kv map[string]string) error
	SwitchAccount(ctx context.Context, state map[string]string) error
}

var _ Replica = (*replica.Store)(nil)

// Options tune a Client. The zero value of each field picks its default.
type Options struct {
	// Clock is the device's clock, for the time stamps of queued
	// mutations and of rejections. The server's clock decides what
	// counts. Default time.Now.
	Clock func() time.Time
	// Logger receives the client's logs. Default: discarded.
	Logger *slog.Logger
	// HTTPClient makes the requests. Default: a client of its own. The
	// Client works on a copy, so the caller's is never changed.
	HTTPClient *http.Client
	// MinBackoff and MaxBackoff bound the wait before a retry. Defaults
	// 500ms and 1 minute.
	MinBackoff, MaxBackoff time.Duration
	// OfflineRetry caps the wait before a retry while the server cannot
	// be reached at all (ErrUnreachable), so that a returning server or
	// network is seen within about that time. Such a retry costs the
	// server nothing while it is away: its first request fails to
	// connect. Errors the server answered with still back off up to
	// MaxBackoff. Default 4s.
	OfflineRetry time.Duration
	// PokeWait is how long the server holds a poke request. The client
	// gives up on one after PokeWait plus 15 seconds. Default 25s.
	PokeWait time.Duration
	// ResyncEvery is how often an idle loop pulls anyway, in case a poke
	// was lost. Default 5 minutes.
	ResyncEvery time.Duration
	// RequestTimeout bounds a redeem, push or pull request. Default 30s.
	RequestTimeout time.Duration
	// DeviceName is shown to the secretariat in the list of devices.
	// Default: empty.
	DeviceName string
}

// Default option values.
const (
	DefaultMinBackoff     = 500 * time.Millisecond
	DefaultMaxBackoff     = time.Minute
	DefaultOfflineRetry   = 4 * time.Second
	DefaultPokeWait       = 25 * time.Second
	DefaultResyncEvery    = 5 * time.Minute
	DefaultRequestTimeout = 30 * time.Second
	pokeGrace             = 15 * time.Second // added to PokeWait for the poke request's timeout
	maxResponseBytes      = 64 << 20         // a larger answer is refused as hostile
)

func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = DefaultMinBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	o.MaxBackoff = max(o.MaxBackoff, o.MinBackoff)
	if o.OfflineRetry <= 0 {
		o.OfflineRetry = DefaultOfflineRetry
	}
	o.OfflineRetry = max(o.OfflineRetry, o.MinBackoff)
	if o.PokeWait <= 0 {
		o.PokeWait = DefaultPokeWait
	}
	if o.ResyncEvery <= 0 {
		o.ResyncEvery = DefaultResyncEvery
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	return o
}

// Client syncs one replica with one server.
type Client struct {
	r    Replica
	opts Options
	log  *slog.Logger
	http *resty.Client

	wake       chan struct{} // holds one request for a cycle: a mutation, a poke
	cycle      sync.Mutex    // one push and pull at a time
	refreshing sync.Mutex    // one status refresh from the replica at a time

	// skew is the server's clock minus the device's, in nanoseconds, as
	// measured at the last pull: a device clock that is off by a day
	// must not make the replica refuse what the server would accept.
	skew atomic.Int64

	mu        sync.Mutex
	running   bool          // Run is active
	gen       uint64        // counts successful Connect calls
	connected chan struct{} // closed, and replaced, by each Connect
	st        statusState
	outcomes  outcomes // the server's answers, for Sent
}

// New returns a Client for the replica r. It does no I/O; Run starts
// syncing.
func New(r Replica, opts Options) *Client {
	opts = opts.withDefaults()
	hc := &http.Client{}
	if opts.HTTPClient != nil {
		c := *opts.HTTPClient
		hc = &c
	}
	rc := resty.NewWithClient(hc).
		SetLogger(restyLogger{opts.Logger}).
		SetHeader("User-Agent", "crosstalk-client/1").
		// A redirect is an answer of its own, reported as unexpected;
		// following one could hand the token to another host.
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}))
	c := &Client{
		r:         r,
		opts:      opts,
		log:       opts.Logger,
		http:      rc,
		wake:      make(chan struct{}, 1),
		connected: make(chan struct{}),
	}
	c.st.init()
	return c
}

// kick asks the loop for a cycle, at once if it is idle, else right after
// the current one. It never blocks.
func (c *Client) kick() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// now is the device's clock, corrected to the server's.
func (c *Client) now() time.Time { return c.opts.Clock().Add(time.Duration(c.skew.Load())) }

// Now is the current time by the server's clock, as far as the device
// can tell: its own clock corrected by the offset measured at the last
// pull (and remembered across restarts).
func (c *Client) Now() time.Time { return c.now() }

// measureSkew records the server's clock against the device's, taking
// the middle of the request as the moment the server read its clock.
func (c *Client) measureSkew(ctx context.Context, sent, received, server time.Time) {
	if server.IsZero() {
		return
	}
	mid := sent.Add(received.Sub(sent) / 2)
	skew := server.Sub(mid)
	old := time.Duration(c.skew.Swap(int64(skew)))
	if d := skew - old; d > time.Second || d < -time.Second {
		if err := c.r.SetState(ctx, map[string]string{stateSkew: strconv.FormatInt(int64(skew/time.Millisecond), 10)}); err != nil {
			c.log.Warn("remember clock skew", "err", err)
		}
	}
}

// loadSkew reads the offset remembered from an earlier run, so that an
// offline start already corrects the device's clock.
func (c *Client) loadSkew(ctx context.Context) {
	v, err := c.r.State(ctx, stateSkew)
	if err != nil || v == "" {
		return
	}
	if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
		c.skew.Store(int64(time.Duration(ms) * time.Millisecond))
	}
}

// stateSkew is the replica state key of the remembered clock offset.
const stateSkew = "clock_skew_ms"
