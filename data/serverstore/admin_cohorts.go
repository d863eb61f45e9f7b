package serverstore

import (
	"context"
	"database/sql"
	"errors"
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

// MaxMembersChange bounds the people of one SetMembers call.
const MaxMembersChange = MaxRosterEntries

// ValidateCompany checks a company's name and industry.
func ValidateCompany(c app.Company) error {
	if err := checkField(c.Name, 1, maxAdminNameRunes); err != nil {
		return entryErr(0, "company name", err)
	}
	if err := checkField(c.Industry, 0, maxAdminNameRunes); err != nil {
		return entryErr(0, "industry", err)
	}
	return nil
}

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

// Companies lists every company, by name.
func (s *Store) Companies(ctx context.Context) ([]app.Company, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, industry FROM companies ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("companies: %w", err)
	}
	defer rows.Close()
	out := []app.Company{}
	for rows.Next() {
		var c app.Company
		if err := rows.Scan(&c.ID, &c.Name, &c.Industry); err != nil {
			return nil, fmt.Errorf("companies: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCompany creates the company (create) or updates its name and
// industry, and refreshes the search text of its people, which holds
// them. An update of a company that does not exist is refused with
// CodeNotFound, a creation with an id in use with CodeDuplicateID.
func (s *Store) SaveCompany(ctx context.Context, c app.Company, create bool) error {
	if err := ValidateCompany(c); err != nil {
		return err
	}
	return s.write(ctx, func(tx *writeTx) error {
		if create {
			res, err := tx.Exec(ctx, `INSERT INTO companies (id, name, industry, version) VALUES (?, ?, ?, :v)
				ON CONFLICT (id) DO NOTHING`, c.ID, c.Name, c.Industry)
			if n, err := codec.RowsAffected(res, err); err != nil {
				return fmt.Errorf("create company: %w", err)
			} else if n == 0 {
				return app.Reject(app.CodeDuplicateID, "company id in use")
			}
			return nil
		}
		var old app.Company
		if err := tx.tx.QueryRowContext(ctx, `SELECT id, name, industry FROM companies WHERE id = ?`, c.ID).
			Scan(&old.ID, &old.Name, &old.Industry); err != nil {
			return rejectNotFound(err, "company")
		}
		if old == c {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE companies SET name = ?, industry = ?, version = :v WHERE id = ?`,
			c.Name, c.Industry, c.ID); err != nil {
			return fmt.Errorf("update company: %w", err)
		}
		return tx.Reindex(ctx, nil, []string{c.ID})
	})
}

// rejectNotFound turns a missing row into an *app.Rejection of
// CodeNotFound.
func rejectNotFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) || errors.Is(err, app.ErrNotFound) {
		return app.Reject(app.CodeNotFound, "no such %s", what)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
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

// SetMembers adds (in) or removes people of a cohort, and counts the
// memberships changed. Each change gives the person's row and their
// company's row this transaction's version too, so that every bucket
// that shows them sends them again; a removal leaves a tombstone and
// expires the person's pending offers in the cohort. Every
// person and the cohort must exist, or nothing changes.
func (s *Store) SetMembers(ctx context.Context, cohortID string, ids []string, in bool, now time.Time) (int, error) {
	if len(ids) == 0 || len(ids) > MaxMembersChange {
		return 0, app.Reject(app.CodeBadArgs, "%d people, want 1 to %d", len(ids), MaxMembersChange)
	}
	var changed int
	err := s.write(ctx, func(tx *writeTx) error {
		changed = 0
		if err := tx.mustExist(ctx, "cohorts", cohortID); err != nil {
			return err
		}
		companyOf := map[string]string{}
		rows, err := tx.tx.QueryContext(ctx, `SELECT id, company_id FROM participants
			WHERE id IN (SELECT value FROM json_each(?))`, codec.JSON(ids))
		if err != nil {
			return fmt.Errorf("set members: %w", err)
		}
		for rows.Next() {
			var id, company string
			if err := rows.Scan(&id, &company); err != nil {
				rows.Close()
				return fmt.Errorf("set members: %w", err)
			}
			companyOf[id] = company
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("set members: %w", err)
		}
		var added []app.Membership // for membersWritten
		for i, id := range ids {
			if _, ok := companyOf[id]; !ok {
				return app.Reject(app.CodeNotFound, "person %d: no such participant", i)
			}
			var did bool
			if in {
				did, err = tx.addMember(ctx, cohortID, id)
			} else {
				did, err = tx.removeMember(ctx, cohortID, id, now)
			}
			if err != nil {
				return err
			}
			if !did {
				continue
			}
			changed++
			if in {
				added = append(added, app.Membership{CohortID: cohortID, ParticipantID: id})
			}
		}
		return tx.MembersWritten(ctx, added)
	})
	return changed, err
}

// removeMember is RemoveMember that reports whether there was a
// membership to remove.
func (t *writeTx) removeMember(ctx context.Context, cohortID, participantID string, now time.Time) (bool, error) {
	var n int
	if err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM cohort_members WHERE cohort_id = ? AND participant_id = ?`,
		cohortID, participantID).Scan(&n); err != nil {
		return false, fmt.Errorf("remove a member: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	if err := t.RemoveMember(ctx, cohortID, participantID, now); err != nil {
		return false, err
	}
	return true, t.expireOffersOf(ctx, cohortID, participantID, now)
}

// expireOffersOf expires the pending offers of cohort that a person, who
// has just left it, sent or received: no one can answer them any more,
// and they would hold the other side's cap until they expire.
func (t *writeTx) expireOffersOf(ctx context.Context, cohortID, participantID string, now time.Time) error {
	_, err := t.Exec(ctx, `UPDATE offers SET state = 'expired', turn = '', updated_at = ?, version = :v
		WHERE state = 'pending' AND cohort_id = ? AND (from_id = ? OR to_id = ?)`,
		codec.Millis(now), cohortID, participantID, participantID)
	if err != nil {
		return fmt.Errorf("expire the offers of a leaving member: %w", err)
	}
	return nil
}
