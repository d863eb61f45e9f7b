package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"crosstalk/app"
)

// Run sweeps at once and then every SweepEvery until ctx ends. Errors are
// logged, and the next sweep tries again. With Options.Mail, it runs the
// mail sender meanwhile, and stops it (waiting for it) before it returns.
func (s *Server) Run(ctx context.Context) {
	if s.mail != nil {
		s.mail.Start()
		defer s.mail.Stop()
	}
	tick := time.NewTicker(s.sweepEvery)
	defer tick.Stop()
	for {
		if err := s.Sweep(ctx); err != nil && ctx.Err() == nil {
			s.log.LogAttrs(ctx, slog.LevelError, "sweep", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Sweep does the server's periodic work once, at the server's clock: it
// moves pending offers past their expiry (or whose cohort has ended) to
// expired, poking the clients when any did, drops the tombstones older
// than TombstoneRetention, and the results of processed mutations that
// devices have moved past (older than ResultRetention, or of a revoked
// device: serverstore.PruneResults), queues the mails that time brings
// when the store composes mail (mailScheduler), and drops the mails that
// ended and the address confirmations that expired MailRetention ago.
func (s *Server) Sweep(ctx context.Context) error {
	now := s.clock()
	expired, errExpire := app.Expire(ctx, s.store, now)
	if expired > 0 {
		s.Notify()
	}
	pruned, errPrune := s.store.PruneTombstones(ctx, now.Add(-s.retention))
	if errPrune != nil {
		errPrune = fmt.Errorf("sweep: %w", errPrune)
	}
	results, errResults := s.store.PruneResults(ctx, now.Add(-s.results))
	if errResults != nil {
		errResults = fmt.Errorf("sweep: %w", errResults)
	}
	var mailed, mailPruned int
	var errMail, errMailPrune error
	if m, ok := s.store.(mailScheduler); ok {
		if mailed, errMail = m.QueueScheduledMail(ctx, now); errMail != nil {
			errMail = fmt.Errorf("sweep: %w", errMail)
		}
		if mailPruned, errMailPrune = m.PruneMail(ctx, now.Add(-MailRetention)); errMailPrune != nil {
			errMailPrune = fmt.Errorf("sweep: %w", errMailPrune)
		}
	}
	if expired > 0 || pruned > 0 || results > 0 || mailed > 0 || mailPruned > 0 {
		s.log.LogAttrs(ctx, slog.LevelInfo, "sweep",
			slog.Int("expired", expired), slog.Int("pruned", pruned), slog.Int("results", results),
			slog.Int("mailed", mailed), slog.Int("mail_pruned", mailPruned))
	}
	return errors.Join(errExpire, errPrune, errResults, errMail, errMailPrune)
}

// MailRetention is how long the server keeps a mail that has ended (sent,
// failed or uncertain) and an expired address confirmation: long enough
// to answer "did it go out?", no longer than the messages need keeping.
const MailRetention = 30 * 24 * time.Hour

// mailScheduler is a store that queues the scheduled mails (reminders,
// expiring offers, digests, weekly summaries) due at now:
// *serverstore.Store, which queues nothing until it has a Mailer.
type mailScheduler interface {
	QueueScheduledMail(ctx context.Context, now time.Time) (int, error)
	PruneMail(ctx context.Context, before time.Time) (int, error)
}
