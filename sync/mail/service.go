package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"crosstalk/data/serverstore"
)

// Config configures a Service. SMTPURL, From and PublicURL are required;
// the rest have defaults.
type Config struct {
	SMTPURL   string // the relay: smtp://user:pass@host:587 or smtps://user:pass@host:465 (ParseSMTPURL)
	From      Sender // who the mails come from
	PublicURL string // the https address the mails tell people to open (ParsePublicURL)

	// Logger receives the sender's reports. Default slog.Default().
	Logger *slog.Logger
	// Clock is the sender's clock. Default time.Now.
	Clock func() time.Time
	// Poll is how often the sender looks for due mails when nothing
	// woke it. Default 5 s.
	Poll time.Duration
	// RetryBase is the wait after a mail's first temporary failure,
	// doubling with each further one up to RetryMax, plus up to a fifth
	// more at random. Defaults 30 s and 1 h.
	RetryBase, RetryMax time.Duration
	// MaxAttempts and MaxAge end the retries: a mail that failed so many
	// times, or was queued so long ago, fails for good. Defaults 12 and
	// 72 h.
	MaxAttempts int
	MaxAge      time.Duration
	// Timeout bounds each step of an SMTP session: connecting, each
	// command, the relay's answer to the end of DATA. Default 60 s.
	Timeout time.Duration
	// StopGrace is how long Stop lets a mail in flight finish before it
	// drops the session. Default 10 s.
	StopGrace time.Duration
	// Batch is how many due mails the sender takes at once. Default 32.
	Batch int
	// TLS, when set, is the TLS configuration for the relay (tests give
	// their own roots). Default: the system's roots, TLS 1.2 or later.
	TLS *tls.Config
	// HelloName is the name the sender gives in EHLO. Default the host's
	// name.
	HelloName string
}

// Default values of Config.
const (
	DefaultPoll        = 5 * time.Second
	DefaultRetryBase   = 30 * time.Second
	DefaultRetryMax    = time.Hour
	DefaultMaxAttempts = 12
	DefaultMaxAge      = 72 * time.Hour
	DefaultTimeout     = 60 * time.Second
	DefaultStopGrace   = 10 * time.Second
	DefaultBatch       = 32
)

// Stats counts what a Service did since it was made.
type Stats struct {
	Queued    uint64 // mails queued (as told by Queued)
	Sent      uint64 // accepted by the relay
	Retried   uint64 // temporary failures, to be tried again
	Failed    uint64 // given up: refused for good, too many attempts, address failing
	Uncertain uint64 // the relay may or may not have them: not sent again
}

// Service delivers the mails of the server's outbox (mail_outbox) over
// SMTP, each at most once: see serverstore's mail_outbox.go for the
// states a mail goes through. Make it with New, Start it, Stop it.
type Service struct {
	st        *serverstore.Store
	cfg       Config
	relay     Relay
	publicURL string
	log       *slog.Logger
	clock     func() time.Time

	wake     chan struct{}
	onChange atomic.Pointer[func()]

	queued, sent, retried, failed, uncertain atomic.Uint64

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// New checks cfg and returns a Service over st's outbox, not started.
func New(st *serverstore.Store, cfg Config) (*Service, error) {
	relay, err := ParseSMTPURL(cfg.SMTPURL)
	if err != nil {
		return nil, fmt.Errorf("smtp url: %w", err)
	}
	if cfg.From.Address == "" {
		return nil, errors.New("mail: no sender address")
	}
	public, err := ParsePublicURL(cfg.PublicURL)
	if err != nil {
		return nil, fmt.Errorf("public url: %w", err)
	}
	s := &Service{st: st, cfg: cfg, relay: relay, publicURL: public, log: cfg.Logger, clock: cfg.Clock,
		wake: make(chan struct{}, 1)}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	c := &s.cfg
	setDefault(&c.Poll, DefaultPoll)
	setDefault(&c.RetryBase, DefaultRetryBase)
	setDefault(&c.RetryMax, DefaultRetryMax)
	setDefault(&c.MaxAge, DefaultMaxAge)
	setDefault(&c.Timeout, DefaultTimeout)
	setDefault(&c.StopGrace, DefaultStopGrace)
	setDefault(&c.MaxAttempts, DefaultMaxAttempts)
	setDefault(&c.Batch, DefaultBatch)
	if c.HelloName == "" {
		if c.HelloName, err = os.Hostname(); err != nil || c.HelloName == "" {
			c.HelloName = "localhost"
		}
	}
	return s, nil
}

func setDefault[T int | time.Duration](p *T, def T) {
	if *p <= 0 {
		*p = def
	}
}

// Relay is where the Service sends (its password is in it: log
// Relay().String()).
func (s *Service) Relay() Relay { return s.relay }

// From is who the mails come from.
func (s *Service) From() Sender { return s.cfg.From }

// PublicURL is the address the mails tell people to open, without a
// trailing slash.
func (s *Service) PublicURL() string { return s.publicURL }

// SetOnChange sets a function called after the Service wrote something
// devices sync (an address marked as failing): the server's Notify, so
// that they pull it. Set it before Start.
func (s *Service) SetOnChange(fn func()) { s.onChange.Store(&fn) }

// Wake makes the sender look for due mails at once. It never blocks.
func (s *Service) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Queued tells the Service that n mails were queued by a transaction
// that committed: it counts them and wakes the sender (the store's
// SetMailQueued takes it).
func (s *Service) Queued(n int) {
	if n > 0 {
		s.queued.Add(uint64(n))
		s.Wake()
	}
}

// Stats returns the counts so far.
func (s *Service) Stats() Stats {
	return Stats{Queued: s.queued.Load(), Sent: s.sent.Load(), Retried: s.retried.Load(),
		Failed: s.failed.Load(), Uncertain: s.uncertain.Load()}
}

// Waiting counts the mails queued in the outbox now.
func (s *Service) Waiting(ctx context.Context) (int, error) { return s.st.QueuedMail(ctx) }

// Start starts the sender's loop. It first takes back what a sender
// stopped earlier left (serverstore's RecoverMail), then delivers due
// mails whenever woken, and every Poll.
func (s *Service) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.done = cancel, make(chan struct{})
	go func() {
		defer close(s.done)
		s.run(ctx)
	}()
}

// Stop stops the loop and waits for it: a mail in flight is given
// StopGrace to finish; mails taken and not yet begun go back to the
// queue. A stopped Service can be started again.
func (s *Service) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done == nil {
		return
	}
	s.cancel()
	<-s.done
	s.cancel, s.done = nil, nil
}

// run is the sender's loop.
func (s *Service) run(ctx context.Context) {
	s.log.Info("mail: sender started", "relay", s.relay.String(), "from", s.cfg.From.Address)
	for !s.recover(ctx) {
		if !s.sleep(ctx, s.cfg.Poll) {
			return
		}
	}
	for {
		s.drain(ctx)
		if ctx.Err() != nil {
			s.log.Info("mail: sender stopped")
			return
		}
		wait := s.cfg.Poll
		if due, ok, err := s.st.NextMailDue(ctx); err == nil && ok {
			wait = min(wait, max(due.Sub(s.clock()), 0))
		}
		if !s.sleep(ctx, wait) {
			s.log.Info("mail: sender stopped")
			return
		}
	}
}

// sleep waits d, or until woken; false when ctx ended.
func (s *Service) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-s.wake:
	case <-t.C:
	}
	return true
}

// recover runs RecoverMail; false when it failed (logged).
func (s *Service) recover(ctx context.Context) bool {
	requeued, uncertain, err := s.st.RecoverMail(ctx, s.clock())
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("mail: recover the outbox", "error", err.Error())
		}
		return false
	}
	if requeued > 0 {
		s.log.Info("mail: mails a stopped sender had begun are queued again", "count", requeued)
	}
	if len(uncertain) > 0 {
		s.uncertain.Add(uint64(len(uncertain)))
		s.log.Warn("mail: a stopped sender was ending these mails: the relay may have them, they are not sent again",
			"count", len(uncertain), "outbox_ids", fmt.Sprint(uncertain))
	}
	return true
}

// changed calls the OnChange function.
func (s *Service) changed() {
	if fn := s.onChange.Load(); fn != nil && *fn != nil {
		(*fn)()
	}
}
