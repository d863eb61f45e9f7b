package data

import (
	"context"
	"fmt"
	"time"

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
	// A company had no member in a cohort's bucket before this
	// transaction when no listed member of it there (migration 009) has
	// an older version.
	if _, err := t.tx.ExecContext(ctx, `WITH pairs AS (SELECT DISTINCT j.value->>'cohortId' AS cohort, p.company_id AS company
			FROM json_each(?1) j JOIN participants p ON p.id = j.value->>'participantId')
		UPDATE companies SET version = ?2 WHERE version < ?2 AND id IN (SELECT company FROM pairs
			WHERE NOT EXISTS (SELECT 1 FROM participants o JOIN cohort_members m
				ON m.cohort_id = pairs.cohort AND m.participant_id = o.id
				WHERE o.company_id = pairs.company AND o.listed AND m.version < ?2))`, list, v); err != nil {
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

// ListingsChanged keeps the cohort buckets' lists right (migration 009)
// after the visibility, role or devices of the people ids may have
// changed in this transaction. It sets participants.listed (a visible
// participant who has a device) and, for each whose listing changed:
//
//   - who is listed now arrives in every cohort bucket they are a member
//     of, above every cursor: their memberships, their row and their
//     company take this transaction's version, and the tombstones of an
//     earlier unlisting go (a page holding both would drop the row);
//   - who is listed no more leaves: a tombstone ('listings',
//     '<cohort>/<participant>') for each of their memberships, dated now
//     for pruning, which a replica applies as it does a member's leaving
//     (see replica's applyDeletes).
//
// Every writer of participants.visible, participants.role and devices
// calls it in the same transaction; people whose listing did not change
// cost one lookup each.
func (t *Tx) ListingsChanged(ctx context.Context, ids []string, now time.Time) error {
	if len(ids) == 0 || t.replica {
		return nil
	}
	rows, err := t.tx.QueryContext(ctx, `UPDATE participants SET listed = 1 - listed
		WHERE id IN (SELECT value FROM json_each(?1))
			AND listed <> (visible = 1 AND role = 'participant'
				AND EXISTS (SELECT 1 FROM devices d WHERE d.participant_id = participants.id))
		RETURNING id, listed`, codec.JSON(ids))
	if err != nil {
		return fmt.Errorf("listings changed: %w", err)
	}
	var listed, unlisted []string
	for rows.Next() {
		var id string
		var on bool
		if err := rows.Scan(&id, &on); err != nil {
			rows.Close()
			return fmt.Errorf("listings changed: %w", err)
		}
		if on {
			listed = append(listed, id)
		} else {
			unlisted = append(unlisted, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("listings changed: %w", err)
	}
	if len(listed)+len(unlisted) == 0 {
		return nil
	}
	t.directoryChanged = true
	v, err := t.Version(ctx)
	if err != nil {
		return err
	}
	if len(listed) > 0 {
		list := codec.JSON(listed)
		for _, q := range []string{
			`DELETE FROM tombstones WHERE tbl = 'listings' AND row_key IN (SELECT m.cohort_id || '/' || m.participant_id
				FROM cohort_members m WHERE m.participant_id IN (SELECT value FROM json_each(?1)))`,
			`UPDATE cohort_members SET version = ?2 WHERE version < ?2 AND participant_id IN (SELECT value FROM json_each(?1))`,
			`UPDATE participants SET version = ?2 WHERE version < ?2 AND id IN (SELECT value FROM json_each(?1))`,
			`UPDATE companies SET version = ?2 WHERE version < ?2 AND id IN (SELECT p.company_id FROM participants p
				WHERE p.id IN (SELECT value FROM json_each(?1))
					AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.participant_id = p.id))`,
		} {
			if _, err := t.tx.ExecContext(ctx, q, list, v); err != nil {
				return fmt.Errorf("listings changed: %w", err)
			}
		}
	}
	if len(unlisted) > 0 {
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO tombstones (tbl, row_key, version, deleted_at)
			SELECT 'listings', m.cohort_id || '/' || m.participant_id, ?2, ?3 FROM cohort_members m
				WHERE m.participant_id IN (SELECT value FROM json_each(?1))
			ON CONFLICT (tbl, row_key) DO UPDATE SET version = excluded.version, deleted_at = excluded.deleted_at`,
			codec.JSON(unlisted), v, codec.Millis(now)); err != nil {
			return fmt.Errorf("listings changed: %w", err)
		}
	}
	return nil
}

// memberLeft records, when participantID was listed, that they left the
// cohort's list with their membership: a 'listings' tombstone, so that
// the cohort's readers forget them. The membership's own tombstone
// ('cohort_members') is for the readers of the person (their company's HR,
// the people of their offers and talks), who know them listed or not.
func (t *Tx) memberLeft(ctx context.Context, cohortID, participantID string, now time.Time) error {
	if t.replica {
		return nil
	}
	var listed bool
	if err := t.tx.QueryRowContext(ctx, `SELECT listed FROM participants WHERE id = ?`, participantID).Scan(&listed); err != nil {
		return fmt.Errorf("member left: %w", err)
	}
	if !listed {
		return nil
	}
	return t.Tombstone(ctx, "listings", cohortID+"/"+participantID, now)
}

// membersJoined drops the tombstones of the memberships ms, written in
// this transaction, of both kinds: a page that held a membership and the
// tombstone of its earlier end would apply the tombstone last.
func (t *Tx) membersJoined(ctx context.Context, ms []app.Membership) error {
	if len(ms) == 0 || t.replica {
		return nil
	}
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM tombstones WHERE tbl IN ('cohort_members', 'listings')
		AND row_key IN (SELECT (j.value->>'cohortId') || '/' || (j.value->>'participantId') FROM json_each(?1) j)`,
		codec.JSON(ms)); err != nil {
		return fmt.Errorf("members joined: %w", err)
	}
	return nil
}
