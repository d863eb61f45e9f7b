package serverstore

import (
	"context"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// mustExist gives an *app.Rejection of CodeNotFound when table has no row
// with id.
func (t *writeTx) mustExist(ctx context.Context, table, id string) error {
	var n int
	if err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("look up %s: %w", table, err)
	}
	if n == 0 {
		return app.Reject(app.CodeNotFound, "no such row of %s", table)
	}
	return nil
}

// ids runs a query of one text column and returns its values as a set.
func (t *writeTx) ids(ctx context.Context, query string, args ...any) (map[string]bool, error) {
	rows, err := t.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("ids: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// addMember puts a participant in a cohort, and drops the tombstones of an
// earlier removal (of the membership and of its listing), as SetBookmark
// does. It reports whether the membership is new.
func (t *writeTx) addMember(ctx context.Context, cohortID, participantID string) (bool, error) {
	res, err := t.Exec(ctx, `INSERT INTO cohort_members (cohort_id, participant_id, version) VALUES (?, ?, :v)
		ON CONFLICT (cohort_id, participant_id) DO NOTHING`, cohortID, participantID)
	n, err := codec.RowsAffected(res, err)
	if err != nil {
		return false, fmt.Errorf("add a member to cohort %s: %w", cohortID, err)
	}
	if n == 0 {
		return false, nil
	}
	t.MarkDirectoryChanged()
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM tombstones WHERE tbl IN ('cohort_members', 'listings') AND row_key = ?`,
		cohortID+"/"+participantID); err != nil {
		return false, fmt.Errorf("add a member to cohort %s: %w", cohortID, err)
	}
	return true, nil
}

// MaxMembersChange bounds the people of one SetMembers call.
const MaxMembersChange = MaxRosterEntries

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
	return t.RefreshFull(ctx) // the others' caps (migration 018)
}
