package replica

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"crosstalk/app"
	"crosstalk/data"
)

// syncedTables are the tables a replica holds for the server. A reset
// empties them.
var syncedTables = []string{"companies", "cohorts", "participants", "participant_search", "cohort_members",
	"offers", "talks", "surveys", "programme_surveys", "self_assessments", "bookmarks", "messages", "message_reads",
	"suggestion_dismissals", "introductions", "own_devices", "cursors", "undo_log"}

// ApplyPull applies a pulled answer in one transaction: the optimistic
// changes are undone, the server's rows and deletions applied and the
// cursors moved; when no bucket has more to pull, the confirmed
// mutations leave the outbox; and the mutations still queued are applied
// again on top. A malformed answer changes nothing.
//
// When a page is a reset, the replica drops everything it holds for the
// server, applies the reset pages only, and leaves the other buckets to
// be pulled again from the start.
func (s *Store) ApplyPull(ctx context.Context, res data.PullResult) error {
	err := s.write(ctx, func(tx *writeTx) error {
		reset := false
		for _, p := range res.Pages {
			reset = reset || p.Reset
		}
		// A bucket the device may no longer read is dropped: a cohort its
		// user has left by itself, anything else with everything.
		withdrawn, err := tx.withdrawn(ctx, res.Pages)
		if err != nil {
			return err
		}
		reset = reset || WithdrawalResets(withdrawn)
		if reset {
			for _, tbl := range syncedTables {
				if _, err := tx.tx.ExecContext(ctx, `DELETE FROM `+tbl); err != nil {
					return fmt.Errorf("reset %s: %w", tbl, err)
				}
			}
			tx.MarkDirectoryChanged()
		} else if err := tx.undoOptimistic(ctx); err != nil {
			return err
		}
		complete := true
		var pages []data.BucketPage
		for _, p := range res.Pages {
			if reset && !p.Reset {
				complete = false
				continue
			}
			pages = append(pages, p)
			complete = complete && !p.More
		}
		var left []string // people whose membership is gone
		if !reset {
			for _, b := range withdrawn {
				members, err := tx.dropCohort(ctx, b)
				if err != nil {
					return err
				}
				left = append(left, members...)
			}
		}
		if err := tx.applyPages(ctx, pages, left); err != nil {
			return err
		}
		if err := tx.setState(ctx, "epoch", res.Epoch); err != nil {
			return err
		}
		if complete {
			// Every bucket is caught up: a company that no person held
			// belongs to, and whose bucket the replica does not read, is
			// one a fresh pull would not send. (Before then, a company may
			// have come with its first members' memberships while their
			// profiles, of later versions, have not.)
			if _, err := tx.tx.ExecContext(ctx, `DELETE FROM companies AS c
				WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.company_id = c.id)
					AND NOT EXISTS (SELECT 1 FROM cursors WHERE bucket = 'company:' || c.id)`); err != nil {
				return fmt.Errorf("companies no one holds: %w", err)
			}
			if _, err := tx.tx.ExecContext(ctx, `DELETE FROM outbox WHERE id <= ?`, res.LastMutationID); err != nil {
				return fmt.Errorf("outbox: %w", err)
			}
			if err := tx.setState(ctx, "last_mutation_id", strconv.FormatInt(res.LastMutationID, 10)); err != nil {
				return err
			}
		}
		return tx.reapply(ctx)
	})
	if err != nil {
		return fmt.Errorf("apply pull: %w", err)
	}
	return nil
}

// applyPages writes the rows of every page in one import, then their
// deletions and cursors, and forgets who is no longer held of the people
// left and of those whose membership the pages delete. Pages that
// data.PullResult.Decode has not decoded yet are decoded here.
func (t *writeTx) applyPages(ctx context.Context, pages []data.BucketPage, left []string) error {
	var d app.Dataset
	for _, p := range pages {
		rows := p.Decoded
		if rows == nil {
			var err error
			if rows, err = decodeRows(p.Rows); err != nil {
				return fmt.Errorf("bucket %s: %w", p.Bucket, err)
			}
		}
		d = mergeRows(d, *rows)
	}
	if err := t.Import(ctx, d); err != nil {
		return err
	}
	if err := t.writeDevices(ctx, d.Devices); err != nil {
		return err
	}
	for _, p := range pages {
		if err := t.applyDeletes(ctx, p.Deletes); err != nil {
			return fmt.Errorf("bucket %s: %w", p.Bucket, err)
		}
		for _, del := range p.Deletes {
			if _, id, ok := strings.Cut(del.Key, "/"); ok && (del.Table == "cohort_members" || del.Table == "listings") {
				left = append(left, id)
			}
		}
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO cursors (bucket, version) VALUES (?, ?)
			ON CONFLICT (bucket) DO UPDATE SET version = excluded.version`, p.Bucket, p.Cursor); err != nil {
			return fmt.Errorf("bucket %s: cursor: %w", p.Bucket, err)
		}
	}
	return t.forget(ctx, left)
}

// applyDeletes removes the rows the server's tombstones name.
func (t *writeTx) applyDeletes(ctx context.Context, dels []data.Deletion) error {
	for _, del := range dels {
		switch del.Table {
		case "bookmarks", "cohort_members", "listings":
		default:
			continue // a newer server's table, which this app holds no row of
		}
		a, b, ok := strings.Cut(del.Key, "/")
		if !ok {
			return fmt.Errorf("deletion of %s: key %q", del.Table, del.Key)
		}
		var err error
		switch del.Table {
		case "bookmarks":
			_, err = t.tx.ExecContext(ctx, `DELETE FROM bookmarks WHERE owner_id = ? AND target_id = ?`, a, b)
		case "cohort_members":
			_, err = t.tx.ExecContext(ctx, `DELETE FROM cohort_members WHERE cohort_id = ? AND participant_id = ?`, a, b)
			t.MarkDirectoryChanged()
		case "listings":
			// The person is no longer listed in the cohort (hidden, not a
			// participant any more, or gone from it): the cohort bucket
			// no longer holds the membership. Another bucket still may, as
			// the server's (serverstore's buckets.go) say: the user's own,
			// or of someone they have an offer or talk with in a cohort
			// they are in (user bucket), or of the company whose bucket
			// the replica reads (HR). If the membership itself is gone,
			// those buckets send its own tombstone.
			_, err = t.tx.ExecContext(ctx, `DELETE FROM cohort_members WHERE cohort_id = ?1 AND participant_id = ?2
				AND NOT EXISTS (SELECT 1 FROM cursors c WHERE c.bucket = 'user:' || ?2)
				AND NOT EXISTS (SELECT 1 FROM participants p JOIN cursors c ON c.bucket = 'company:' || p.company_id
					WHERE p.id = ?2)
				AND NOT (EXISTS (SELECT 1 FROM cohort_members um JOIN cursors c ON c.bucket = 'user:' || um.participant_id
						WHERE um.cohort_id = ?1)
					AND (EXISTS (SELECT 1 FROM offers o WHERE o.from_id = ?2 OR o.to_id = ?2)
						OR EXISTS (SELECT 1 FROM talks k WHERE k.a_id = ?2 OR k.b_id = ?2)))`, a, b)
			t.MarkDirectoryChanged()
		}
		if err != nil {
			return fmt.Errorf("deletion of %s: %w", del.Table, err)
		}
	}
	return nil
}
