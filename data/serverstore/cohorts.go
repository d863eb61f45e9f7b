package serverstore

import (
	"context"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Cohort rule bounds, which the secretariat's edits must keep.
var (
	MinRules = app.Rules{OfferExpiryDays: 1, MaxPendingSent: 1, MaxPendingReceived: 1, TalkMinutes: 15}
	MaxRules = app.Rules{OfferExpiryDays: 60, MaxPendingSent: 50, MaxPendingReceived: 50, TalkMinutes: 240}
)

// ValidateCohort checks a cohort's name, period and rules (its state is
// changed by SetCohortState only).
func ValidateCohort(c app.Cohort) error {
	if err := checkField(c.Name, 1, maxAdminNameRunes); err != nil {
		return entryErr(0, "cohort name", err)
	}
	if c.StartsOn.IsZero() || c.EndsOn.IsZero() {
		return app.Reject(app.CodeBadArgs, "a cohort needs a start and an end date")
	}
	if c.StartsOn.Year() < 2000 || c.EndsOn.Year() > 2200 {
		return app.Reject(app.CodeOutOfRange, "cohort dates out of range")
	}
	if codec.Day(c.StartsOn) > codec.Day(c.EndsOn) {
		return app.Reject(app.CodeBadArgs, "the cohort ends before it starts")
	}
	r, lo, hi := c.Rules, MinRules, MaxRules
	for _, f := range []struct {
		what      string
		v, lo, hi int
	}{
		{"offer expiry days", r.OfferExpiryDays, lo.OfferExpiryDays, hi.OfferExpiryDays},
		{"pending offers sent", r.MaxPendingSent, lo.MaxPendingSent, hi.MaxPendingSent},
		{"pending offers received", r.MaxPendingReceived, lo.MaxPendingReceived, hi.MaxPendingReceived},
		{"talk minutes", r.TalkMinutes, lo.TalkMinutes, hi.TalkMinutes},
	} {
		if f.v < f.lo || f.v > f.hi {
			return app.Reject(app.CodeOutOfRange, "%s %d not in %d–%d", f.what, f.v, f.lo, f.hi)
		}
	}
	return nil
}

// Cohorts lists every cohort, the latest first.
func (s *Store) Cohorts(ctx context.Context) ([]app.Cohort, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts ORDER BY starts_on DESC, name, id`)
	if err != nil {
		return nil, fmt.Errorf("cohorts: %w", err)
	}
	defer rows.Close()
	out := []app.Cohort{}
	for rows.Next() {
		c, err := codec.ScanCohort(rows)
		if err != nil {
			return nil, fmt.Errorf("cohorts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCohort creates the cohort as a draft (create) or updates its name,
// period and rules; its state is left as it is. It returns the cohort as
// stored.
func (s *Store) SaveCohort(ctx context.Context, c app.Cohort, create bool) (app.Cohort, error) {
	if err := ValidateCohort(c); err != nil {
		return app.Cohort{}, err
	}
	var out app.Cohort
	err := s.write(ctx, func(tx *writeTx) error {
		r := c.Rules
		if create {
			res, err := tx.Exec(ctx, `INSERT INTO cohorts (id, name, starts_on, ends_on, state, offer_expiry_days,
				max_pending_sent, max_pending_received, talk_minutes, version) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, :v)
				ON CONFLICT (id) DO NOTHING`,
				c.ID, c.Name, codec.Day(c.StartsOn), codec.Day(c.EndsOn), r.OfferExpiryDays, r.MaxPendingSent,
				r.MaxPendingReceived, r.TalkMinutes)
			if n, err := codec.RowsAffected(res, err); err != nil {
				return fmt.Errorf("create cohort: %w", err)
			} else if n == 0 {
				return app.Reject(app.CodeDuplicateID, "cohort id in use")
			}
		} else {
			old, err := tx.Cohort(ctx, c.ID)
			if err != nil {
				return rejectNotFound(err, "cohort")
			}
			c.State = old.State
			if !sameCohort(old, c) {
				if _, err := tx.Exec(ctx, `UPDATE cohorts SET name = ?, starts_on = ?, ends_on = ?,
					offer_expiry_days = ?, max_pending_sent = ?, max_pending_received = ?, talk_minutes = ?,
					version = :v WHERE id = ?`,
					c.Name, codec.Day(c.StartsOn), codec.Day(c.EndsOn), r.OfferExpiryDays, r.MaxPendingSent,
					r.MaxPendingReceived, r.TalkMinutes, c.ID); err != nil {
					return fmt.Errorf("update cohort: %w", err)
				}
				if old.Rules.MaxPendingReceived != r.MaxPendingReceived {
					if err := tx.RefreshCohortCap(ctx, c.ID); err != nil { // migration 018
						return err
					}
				}
			}
		}
		var err error
		out, err = tx.Cohort(ctx, c.ID)
		return err
	})
	return out, err
}

func sameCohort(a, b app.Cohort) bool {
	return a.Name == b.Name && codec.Day(a.StartsOn) == codec.Day(b.StartsOn) && codec.Day(a.EndsOn) == codec.Day(b.EndsOn) && a.Rules == b.Rules
}

// SetCohortState opens or closes a cohort. Closing expires, in the same
// transaction, every pending offer of the cohort (and any other offer
// past its expiry at now, as the sweeper would); it returns how many.
func (s *Store) SetCohortState(ctx context.Context, cohortID string, state app.CohortState, now time.Time) (int, error) {
	if state != app.CohortOpen && state != app.CohortClosed {
		return 0, app.Reject(app.CodeBadArgs, "a cohort can be set open or closed, not %q", state)
	}
	var expired int
	err := s.write(ctx, func(tx *writeTx) error {
		old, err := tx.Cohort(ctx, cohortID)
		if err != nil {
			return rejectNotFound(err, "cohort")
		}
		if old.State != state {
			if _, err := tx.Exec(ctx, `UPDATE cohorts SET state = ?, version = :v WHERE id = ?`, state, cohortID); err != nil {
				return fmt.Errorf("set cohort state: %w", err)
			}
		}
		if state == app.CohortClosed {
			expired, err = tx.ExpireOffers(ctx, now)
		}
		return err
	})
	return expired, err
}
