package data

import (
	"context"
	"fmt"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// MembersWritten keeps the cohort buckets' sources right (migration 003)
// after the memberships ms were written at this transaction's version:
// it raises each member's version to it, and the version of each company
// whose first member in a cohort is among them. Every writer of
// cohort_members calls it in the same transaction.
func (t *Tx) MembersWritten(ctx context.Context, ms []app.Membership) error {
	if len(ms) == 0 || t.replica {
		return nil
	}
	v, err := t.Version(ctx)
	if err != nil {
		return err
	}
	list := codec.JSON(ms)
	if _, err := t.tx.ExecContext(ctx, `UPDATE participants SET version = ?2
		WHERE version < ?2 AND id IN (SELECT value->>'participantId' FROM json_each(?1))`, list, v); err != nil {
		return fmt.Errorf("members written: %w", err)
	}
	// A company had no member in a cohort before this transaction when no
	// member of it there has an older version.
	if _, err := t.tx.ExecContext(ctx, `WITH pairs AS (SELECT DISTINCT j.value->>'cohortId' AS cohort, p.company_id AS company
			FROM json_each(?1) j JOIN participants p ON p.id = j.value->>'participantId')
		UPDATE companies SET version = ?2 WHERE version < ?2 AND id IN (SELECT company FROM pairs
			WHERE NOT EXISTS (SELECT 1 FROM participants o JOIN cohort_members m
				ON m.cohort_id = pairs.cohort AND m.participant_id = o.id
				WHERE o.company_id = pairs.company AND m.version < ?2))`, list, v); err != nil {
		return fmt.Errorf("members written: %w", err)
	}
	return nil
}

// CompaniesChanged keeps the cohort buckets' sources right (migration
// 003) after the participants ids moved to another company in this
// transaction: it raises the version of the new company of each who is a
// member of a cohort. Every writer of participants.company_id calls it in
// the same transaction.
func (t *Tx) CompaniesChanged(ctx context.Context, ids []string) error {
	if len(ids) == 0 || t.replica {
		return nil
	}
	v, err := t.Version(ctx)
	if err != nil {
		return err
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE companies SET version = ?2 WHERE version < ?2 AND id IN
		(SELECT p.company_id FROM participants p WHERE p.id IN (SELECT value FROM json_each(?1))
			AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.participant_id = p.id))`, codec.JSON(ids), v); err != nil {
		return fmt.Errorf("companies changed: %w", err)
	}
	return nil
}
