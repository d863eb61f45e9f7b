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
// logged, and the next sweep tries again.
func (s *Server) Run(ctx context.Context) {
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
// expired, poking the clients when any did, and drops the tombstones
// older than TombstoneRetention.
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
	if expired > 0 || pruned > 0 {
		s.log.LogAttrs(ctx, slog.LevelInfo, "sweep",
			slog.Int("expired", expired), slog.Int("pruned", pruned))
	}
	return errors.Join(errExpire, errPrune)
}
