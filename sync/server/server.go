// Package server is the central endpoint of the CrossTalk sync protocol
// (package crosstalk/sync/wire): devices redeem an invite code for a
// token, push their mutations, which run here exactly once and with the
// server's clock, pull the rows of the buckets their participant may
// read, and long-poll for a hint that something changed.
//
// The handlers reach storage only through Store, which *serverstore.Store (one
// SQLite file) implements. The binary is crosstalk-server; the desktop
// app's demo mode runs the same server in-process (StartDemo).
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/wire"
)

// Store is the storage the server needs: devices and invites, exactly-once
// processing of mutations, pulls by bucket, and the sweeper's writes.
// Every method is safe for concurrent use.
type Store interface {
	// CreateInvite records a single-use invite code, by its hash, for a
	// participant, valid until expires.
	CreateInvite(ctx context.Context, codeHash, participantID string, now, expires time.Time) error
	// Redeem uses up an invite code and registers a device with a token
	// hash, in one transaction. A code that is unknown, used or expired
	// gives serverstore.ErrInvalidCode.
	Redeem(ctx context.Context, codeHash, deviceID, tokenHash, deviceName string, now time.Time) (serverstore.Device, error)
	// DeviceByToken finds a device by its token hash; an unknown one gives
	// an error wrapping app.ErrNotFound.
	DeviceByToken(ctx context.Context, tokenHash string) (serverstore.Device, error)
	// RevokeDevice stops a device's token from working.
	RevokeDevice(ctx context.Context, deviceID string, now time.Time) error
	// RevokeOwnDevice stops the token of a device of the person
	// participantID; another person's device, like an unknown one, gives
	// an error wrapping app.ErrNotFound.
	RevokeOwnDevice(ctx context.Context, participantID, deviceID string, now time.Time) error

	// Process runs mutation id of a device exactly once. A business
	// rejection is an Outcome with a Code, not an error; an error means
	// nothing was stored and the client should retry. A replay of a
	// processed id is answered from its stored result when it is the same
	// mutation, refused when it is another; an id beyond
	// lastMutationID+1 gives a *serverstore.OutOfOrderError.
	Process(ctx context.Context, deviceID string, id int64, name string, args []byte, now time.Time) (serverstore.Outcome, error)
	// Replays reads the device's lastMutationID and what the store knows
	// of the pushed ids at or below it, for a 409 answer.
	Replays(ctx context.Context, deviceID string, sent []serverstore.Sent) (int64, []serverstore.Replay, error)
	// Pull reads a page of each bucket above the cursors, in one snapshot.
	Pull(ctx context.Context, deviceID string, buckets []string, cursors map[string]data.BucketCursor, limit int) (data.PullResult, error)
	// CohortIDs lists every cohort.
	CohortIDs(ctx context.Context) ([]string, error)

	// Update runs fn in one write transaction (app.Expire uses it).
	Update(ctx context.Context, fn func(app.Tx) error) error
	// PruneTombstones drops tombstones of deletions made before a time.
	PruneTombstones(ctx context.Context, before time.Time) (int, error)
	// PruneResults drops the results of processed mutations that devices
	// have moved past: processed before a time, or of a revoked device.
	PruneResults(ctx context.Context, before time.Time) (int, error)
}

var _ Store = (*serverstore.Store)(nil)

// Options configure a Server. The zero value is usable.
type Options struct {
	// Clock is the server's clock, the one that decides expiry and
	// stamps every mutation. Default time.Now.
	Clock func() time.Time
	// Logger receives one record per request and the sweeper's reports.
	// Default slog.Default().
	Logger *slog.Logger
	// PokeWait is how long a poke waits for a change. Default 25s.
	PokeWait time.Duration
	// SweepEvery is the period of Run's sweeps. Default one minute.
	SweepEvery time.Duration
	// TombstoneRetention is how long tombstones are kept; a device that
	// has not pulled for longer gets a reset. Default 30 days.
	TombstoneRetention time.Duration
	// TrustedProxies are the proxies whose X-Forwarded-For the server
	// believes: a request from one of them is counted, for the limits on
	// invite codes, under the client address the proxies name (the
	// rightmost address in the chain that is not a trusted proxy). A
	// request from any other peer is counted under the peer's address,
	// whatever its headers say. Default none.
	TrustedProxies []netip.Prefix
	// CodeKey is the secret invite codes are hashed with (OpenCodeKey
	// reads it from its file). Default a random one of this Server only:
	// its codes can be redeemed by no other, which suits a demo or a test.
	CodeKey []byte
	// ResultRetention is how long the result of a processed mutation is
	// kept for the device to learn it again (a push whose answer was
	// lost); a revoked device's results go at the next sweep. Default 30
	// days.
	ResultRetention time.Duration
	// Mail is the server's mail sender, nil when mail is off. Run starts
	// it and stops it when its context ends; /metrics counts its mails;
	// an address it marks as failing pokes the clients (Notify).
	Mail *mail.Service
}

// Default option values.
const (
	DefaultPokeWait           = 25 * time.Second
	DefaultSweepEvery         = time.Minute
	DefaultTombstoneRetention = 30 * 24 * time.Hour
	DefaultResultRetention    = 30 * 24 * time.Hour
)

// Server answers the sync protocol over a Store. Create it with New.
type Server struct {
	store      Store
	clock      func() time.Time
	log        *slog.Logger
	pokeWait   time.Duration
	sweepEvery time.Duration
	retention  time.Duration
	results    time.Duration // ResultRetention
	hub        *hub
	redeems    *redeemLimit // refused invite codes, per client address
	codeTries  *redeemLimit // refused invite codes, per code (by its hash)
	// globalTries counts every refused invite code, under globalKey.
	globalTries    *redeemLimit
	busyTries      *redeemLimit // asks for someone's busy times, per device (busy.go)
	trustedProxies []netip.Prefix
	warnForwarded  sync.Once
	codeKey        []byte       // the secret invite codes are hashed with (codekey.go)
	admin          AdminStore   // the store's administration, nil when it has none (admin.go)
	email          EmailStore   // the confirmation of new addresses, nil when the store has none (email.go)
	mailFrom       *mail.Sender // nil: no mail (Options.Mail)
	metrics        *metrics
	mail           *mail.Service // nil when mail is off
}

// New returns a server over store.
func New(store Store, opts Options) *Server {
	s := &Server{
		store:      store,
		clock:      opts.Clock,
		log:        opts.Logger,
		pokeWait:   opts.PokeWait,
		sweepEvery: opts.SweepEvery,
		retention:  opts.TombstoneRetention,
		results:    opts.ResultRetention,
		// The first sequence number differs between runs of the server,
		// so a device that polled an earlier run is answered at once.
		hub:     newHub(time.Now().UnixMilli()),
		metrics: newMetrics(),
		mail:    opts.Mail,
	}
	if s.mail != nil {
		s.mail.SetOnChange(s.Notify)
		s.metrics.watchMail(s.mail)
	}
	s.admin, _ = store.(AdminStore)
	s.email, _ = store.(EmailStore)
	if s.mail != nil {
		from := s.mail.From()
		s.mailFrom = &from
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.redeems = newRedeemLimit(s.clock)
	s.codeTries = newLimit(s.clock, codeBurst, codeRefill)
	s.globalTries = newLimit(s.clock, globalBurst, globalRefill)
	s.busyTries = newLimit(s.clock, busyBurst, busyRefill)
	s.trustedProxies = opts.TrustedProxies
	s.codeKey = opts.CodeKey
	if len(s.codeKey) == 0 {
		s.codeKey = randomKey()
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.metrics.now = s.clock
	if s.pokeWait <= 0 {
		s.pokeWait = DefaultPokeWait
	}
	if s.sweepEvery <= 0 {
		s.sweepEvery = DefaultSweepEvery
	}
	if s.retention <= 0 {
		s.retention = DefaultTombstoneRetention
	}
	if s.results <= 0 {
		s.results = DefaultResultRetention
	}
	return s
}

// Handler returns the HTTP handler of every endpoint: wire.PathRedeem,
// wire.PathPush, wire.PathPull, wire.PathPoke, wire.PathHealth,
// wire.PathDeviceRevoke, wire.PathEmailStart, wire.PathEmailConfirm, wire.PathBusy and the
// administration's /v1/admin/... (admin.go).
// Answers are gzip-compressed when the client accepts it and they are
// large enough to gain; every request is logged, and a panic becomes a
// 500 with a generic body.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(wire.PathRedeem, s.endpoint(http.MethodPost, s.redeem))
	mux.Handle(wire.PathPush, s.endpoint(http.MethodPost, s.authed(s.push)))
	mux.Handle(wire.PathPull, s.endpoint(http.MethodPost, s.authed(s.pull)))
	mux.Handle(wire.PathPoke, s.endpoint(http.MethodGet, s.authed(s.poke)))
	mux.Handle(wire.PathHealth, s.endpoint(http.MethodGet, s.health))
	mux.Handle(wire.PathDeviceRevoke, s.endpoint(http.MethodPost, s.authed(s.revokeOwnDevice)))
	mux.Handle(wire.PathEmailStart, s.endpoint(http.MethodPost, s.authed(s.startEmail)))
	mux.Handle(wire.PathEmailConfirm, s.endpoint(http.MethodPost, s.authed(s.confirmEmail)))
	mux.Handle(wire.PathBusy, s.endpoint(http.MethodPost, s.authed(s.busy)))
	s.adminRoutes(mux)
	mux.HandleFunc("GET /{$}", welcome) // where the mails' link leads (GET also answers HEAD)
	mux.Handle("/", s.endpoint("", func(http.ResponseWriter, *http.Request) error {
		return errNotFound
	}))
	return s.observe(gzipped(mux))
}

// HTTPServer returns an http.Server for Handler on addr, with timeouts
// that suit the protocol (writes may take longer than PokeWait) and with
// Close registered to run at Shutdown, so that waiting pokes answer at
// once and Shutdown only waits for real work such as pushes.
func (s *Server) HTTPServer(addr string) *http.Server {
	hs := &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.pokeWait + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	hs.RegisterOnShutdown(s.Close)
	return hs
}

// Notify tells every waiting poke, and the next ones of devices that have
// not seen it, that something changed: they should pull.
func (s *Server) Notify() { s.hub.notify() }

// Close answers every waiting poke at once, and every later one without
// waiting. It is for shutting down; the server still answers requests.
func (s *Server) Close() { s.hub.close() }

// health answers wire.PathHealth.
func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, struct {
		Status string `json:"status"`
	}{"ok"})
	return nil
}
