package replica

import (
	"context"
	"fmt"

	"crosstalk/data"
	"crosstalk/data/internal/codec"
)

// withdrawn lists the buckets the replica holds that the answer pages
// does not list: an answer lists every bucket the device may read.
func (t *writeTx) withdrawn(ctx context.Context, pages []data.BucketPage) ([]string, error) {
	names := make([]string, len(pages))
	for i, p := range pages {
		names[i] = p.Bucket
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT bucket FROM cursors
		WHERE bucket NOT IN (SELECT value FROM json_each(?)) ORDER BY bucket`, codec.JSON(codec.NonNil(names)))
	if err != nil {
		return nil, fmt.Errorf("buckets withdrawn: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("buckets withdrawn: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// WithdrawalResets reports whether a replica drops everything it holds
// when the buckets withdrawn are no longer the device's to read: when
// one of them is not a cohort's. A cohort the user has left is dropped by
// itself (its row, its memberships, its cursor, and whom no other bucket
// holds); which rows of another kind of bucket others hold too, the
// replica cannot tell.
func WithdrawalResets(withdrawn []string) bool {
	for _, b := range withdrawn {
		if kind, _, err := data.ParseBucket(b); err != nil || kind != data.BucketCohort {
			return true
		}
	}
	return false
}

// dropCohort drops the cohort bucket b the replica may no longer read:
// the cohort, its memberships and its cursor. It returns the members,
// for forget.
func (t *writeTx) dropCohort(ctx context.Context, b string) ([]string, error) {
	_, id, err := data.ParseBucket(b)
	if err != nil {
		return nil, err
	}
	t.MarkDirectoryChanged()
	rows, err := t.tx.QueryContext(ctx, `DELETE FROM cohort_members WHERE cohort_id = ? RETURNING participant_id`, id)
	if err != nil {
		return nil, fmt.Errorf("drop %s: %w", b, err)
	}
	var members []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return nil, fmt.Errorf("drop %s: %w", b, err)
		}
		members = append(members, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("drop %s: %w", b, err)
	}
	for _, q := range []string{`DELETE FROM cohorts WHERE id = ?`, `DELETE FROM cursors WHERE bucket = 'cohort:' || ?`} {
		if _, err := t.tx.ExecContext(ctx, q, id); err != nil {
			return nil, fmt.Errorf("drop %s: %w", b, err)
		}
	}
	return members, nil
}

// forget deletes the profiles and search texts of the people ids, who
// have left a cohort, that no bucket of the replica holds any more, as
// the server's buckets (pull.go) say: no membership of a cohort the
// replica reads, not the user, not of the company whose bucket it reads
// (HR), and no offer or talk with the user. (Their companies go once
// every bucket is caught up: see ApplyPull.) The replica then holds what
// a fresh pull would.
func (t *writeTx) forget(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := t.tx.QueryContext(ctx, `DELETE FROM participants AS p
		WHERE p.id IN (SELECT value FROM json_each(?1))
			AND NOT EXISTS (SELECT 1 FROM cohort_members m WHERE m.participant_id = p.id)
			AND NOT EXISTS (SELECT 1 FROM cursors c WHERE c.bucket IN ('user:' || p.id, 'company:' || p.company_id))
			AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.from_id = p.id OR o.to_id = p.id)
			AND NOT EXISTS (SELECT 1 FROM talks k WHERE k.a_id = p.id OR k.b_id = p.id)
		RETURNING id`, codec.JSON(ids))
	if err != nil {
		return fmt.Errorf("forget those who left: %w", err)
	}
	var gone []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("forget those who left: %w", err)
		}
		gone = append(gone, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("forget those who left: %w", err)
	}
	if len(gone) == 0 {
		return nil
	}
	t.MarkDirectoryChanged()
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM participant_search WHERE participant_id IN (SELECT value FROM json_each(?))`,
		codec.JSON(gone)); err != nil {
		return fmt.Errorf("forget those who left: search text: %w", err)
	}
	return nil
}
