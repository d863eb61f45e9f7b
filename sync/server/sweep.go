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
// device: serverstore.PruneResults).
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
	if expired > 0 || pruned > 0 || results > 0 {
		s.log.LogAttrs(ctx, slog.LevelInfo, "sweep",
			slog.Int("expired", expired), slog.Int("pruned", pruned), slog.Int("results", results))
	}
	return errors.Join(errExpire, errPrune, errResults)
}
