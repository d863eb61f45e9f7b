package serverstore

import (
	"context"
	"fmt"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Introductions of two participants by the secretariat (issue 19,
// migration 016). Only the two people's user buckets carry one
// (buckets.go); the secretariat reads them here.

// Introduce stores the secretariat's introduction in of two people, with
// its id and time set by the caller, after checking it: a note of 1 to
// app.MaxIntroductionNoteRunes characters; an open cohort; two different
// people, both listed participants (visible and joined: the directory of
// the other holds them) in the cohort, of different companies; the pair
// not introduced in the cohort yet. The answer is the introduction as
// stored.
func (s *Store) Introduce(ctx context.Context, in app.Introduction) (app.Introduction, error) {
	if err := app.CheckIntroductionNote(in.Note); err != nil {
		return app.Introduction{}, err
	}
	if in.AID == in.BID {
		return app.Introduction{}, app.Reject(app.CodeSelf, "introduce %s to themselves", in.AID)
	}
	var out app.Introduction
	err := s.write(ctx, func(tx *writeTx) error {
		c, err := tx.Cohort(ctx, in.CohortID)
		if err != nil {
			return rejectNotFound(err, "cohort")
		}
		if c.State != app.CohortOpen {
			return app.Reject(app.CodeCohortNotOpen, "cohort %s is %s", c.ID, c.State)
		}
		companies := map[string]string{}
		for _, id := range []string{in.AID, in.BID} {
			var company string
			var listed, member bool
			err := tx.tx.QueryRowContext(ctx, `SELECT p.company_id, p.listed,
					EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = ?2 AND m.participant_id = p.id)
				FROM participants p WHERE p.id = ?1`, id, c.ID).Scan(&company, &listed, &member)
			if err != nil {
				return rejectNotFound(err, "participant")
			}
			switch {
			case !member:
				return app.Reject(app.CodeNotInCohort, "%s is not in cohort %s", id, c.ID)
			case !listed:
				return app.Reject(app.CodeRecipientInvisible, "%s is not listed", id)
			}
			companies[id] = company
		}
		if companies[in.AID] == companies[in.BID] {
			return app.Reject(app.CodeSameCompany, "%s and %s are colleagues", in.AID, in.BID)
		}
		var dup bool
		if err := tx.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM introductions
			WHERE cohort_id = ?1 AND (a_id = ?2 AND b_id = ?3 OR a_id = ?3 AND b_id = ?2))`,
			c.ID, in.AID, in.BID).Scan(&dup); err != nil {
			return fmt.Errorf("introductions of %s: %w", c.ID, err)
		}
		if dup {
			return app.Reject(app.CodeDuplicateID, "%s and %s were introduced in %s already", in.AID, in.BID, c.ID)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO introductions (id, cohort_id, a_id, b_id, note, created_at, version)
			VALUES (?, ?, ?, ?, ?, ?, :v)`, in.ID, c.ID, in.AID, in.BID, in.Note, codec.Millis(in.CreatedAt)); err != nil {
			return fmt.Errorf("introduce in %s: %w", c.ID, err)
		}
		out = in
		out.CreatedAt = codec.FromMillis(codec.Millis(in.CreatedAt))
		return nil
	})
	return out, err
}

// Introductions lists a cohort's introductions, newest first; an unknown
// cohort has none.
func (s *Store) Introductions(ctx context.Context, cohortID string) ([]app.Introduction, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.IntroductionCols+` FROM introductions i
		WHERE i.cohort_id = ? ORDER BY i.created_at DESC, i.id`, cohortID)
	if err != nil {
		return nil, fmt.Errorf("introductions of %s: %w", cohortID, err)
	}
	defer rows.Close()
	out := []app.Introduction{}
	for rows.Next() {
		in, err := codec.ScanIntroduction(rows)
		if err != nil {
			return nil, fmt.Errorf("introductions of %s: %w", cohortID, err)
		}
		out = append(out, in)
	}
	return out, rows.Err()
}
