package replica

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/codec"
	"crosstalk/data/internal/parallel"
)

// OutboxEntry is a mutation the server has not confirmed yet.
type OutboxEntry struct {
	ID         int64
	Name       string
	Args       json.RawMessage
	Actor      app.Actor
	ClientTime time.Time
}

// Enqueue applies a mutation to the replica at once and queues it for the
// server, in one transaction: the local change and its outbox entry are
// saved together or not at all. A mutation the replica already refuses is
// not queued; its rejection is returned.
func (s *Store) Enqueue(ctx context.Context, name string, actor app.Actor, args json.RawMessage, now time.Time) (int64, error) {
	if _, ok := app.Lookup(name); !ok {
		return 0, app.Reject(app.CodeUnknownMutator, "%q", name)
	}
	var id int64
	err := s.write(ctx, func(tx *writeTx) error {
		tx.BeforeWrite(tx.remember)
		if err := app.Apply(ctx, tx, name, actor, args, now); err != nil {
			return err
		}
		next, err := tx.nextMutationID(ctx)
		if err != nil {
			return err
		}
		actorJSON, _ := json.Marshal(actor)
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO outbox (id, name, args, actor, client_time) VALUES (?, ?, ?, ?, ?)`,
			next, name, string(args), string(actorJSON), codec.Millis(now)); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		id = next
		return nil
	})
	if err != nil && !app.IsRejection(err) {
		return 0, fmt.Errorf("enqueue %s: %w", name, err)
	}
	return id, err
}

// nextMutationID takes the device's next mutation id: one above every id
// it has used, whether still queued or confirmed.
func (t *writeTx) nextMutationID(ctx context.Context) (int64, error) {
	var next int64
	err := t.tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT max(id) FROM outbox), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'last_mutation_id'), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'used_mutation_id'), 0)) + 1`).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("next mutation id: %w", err)
	}
	return next, t.setState(ctx, "used_mutation_id", strconv.FormatInt(next, 10))
}

// Outbox lists up to limit queued mutations, oldest first.
func (s *Store) Outbox(ctx context.Context, limit int) ([]OutboxEntry, error) {
	return readOutbox(ctx, s.r, limit)
}

// readOutbox reads up to limit queued mutations (all when limit < 0),
// oldest first, through q: the read pool or a transaction.
func readOutbox(ctx context.Context, q codec.Querier, limit int) ([]OutboxEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, args, actor, client_time FROM outbox ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var args, actor string
		var at int64
		if err := rows.Scan(&e.ID, &e.Name, &args, &actor, &at); err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		e.Args, e.ClientTime = json.RawMessage(args), codec.FromMillis(at)
		if err := json.Unmarshal([]byte(actor), &e.Actor); err != nil {
			return nil, fmt.Errorf("outbox %d: %w", e.ID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Pending counts the queued mutations.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n); err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	return n, nil
}

// Rejection is a queued mutation the server refused.
type Rejection struct {
	MutationID int64
	Name       string
	Args       json.RawMessage
	Code       app.Code
	At         time.Time
}

// RecordRejections keeps the server's refusals of queued mutations, for
// the user to read. The entries leave the outbox at the next pull.
func (s *Store) RecordRejections(ctx context.Context, refused map[int64]app.Code, now time.Time) error {
	if len(refused) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *writeTx) error {
		for id, code := range refused {
			if _, err := tx.tx.ExecContext(ctx, `INSERT OR IGNORE INTO rejections (mutation_id, name, args, code, at)
				SELECT id, name, args, ?, ? FROM outbox WHERE id = ?`, string(code), codec.Millis(now), id); err != nil {
				return fmt.Errorf("record rejection %d: %w", id, err)
			}
		}
		return nil
	})
}

// Rejections lists the refusals not yet marked seen, oldest first.
func (s *Store) Rejections(ctx context.Context) ([]Rejection, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT mutation_id, name, args, code, at FROM rejections WHERE seen = 0 ORDER BY mutation_id`)
	if err != nil {
		return nil, fmt.Errorf("rejections: %w", err)
	}
	defer rows.Close()
	var out []Rejection
	for rows.Next() {
		var r Rejection
		var args string
		var at int64
		if err := rows.Scan(&r.MutationID, &r.Name, &args, &r.Code, &at); err != nil {
			return nil, fmt.Errorf("rejections: %w", err)
		}
		r.Args, r.At = json.RawMessage(args), codec.FromMillis(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// MarkRejectionsSeen marks refusals up to mutation id as read.
func (s *Store) MarkRejectionsSeen(ctx context.Context, upTo int64) error {
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE rejections SET seen = 1 WHERE mutation_id <= ?`, upTo)
		return err
	})
}

// State reads one connection setting of the replica ("" when unset).
func (s *Store) State(ctx context.Context, key string) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM sync_state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("state %s: %w", key, err)
	}
	return v, nil
}

// SetState writes connection settings of the replica, all together.
func (s *Store) SetState(ctx context.Context, kv map[string]string) error {
	return s.write(ctx, func(tx *writeTx) error {
		for k, v := range kv {
			if err := tx.setState(ctx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *writeTx) setState(ctx context.Context, key, value string) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO sync_state (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set state %s: %w", key, err)
	}
	return nil
}

// Cursors returns how far each bucket has been pulled, with the epoch of
// the server they were pulled from.
func (s *Store) Cursors(ctx context.Context) (map[string]data.BucketCursor, error) {
	epoch, err := s.State(ctx, "epoch")
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT bucket, version FROM cursors`)
	if err != nil {
		return nil, fmt.Errorf("cursors: %w", err)
	}
	defer rows.Close()
	out := map[string]data.BucketCursor{}
	for rows.Next() {
		var b string
		var v int64
		if err := rows.Scan(&b, &v); err != nil {
			return nil, fmt.Errorf("cursors: %w", err)
		}
		out[b] = data.BucketCursor{Epoch: epoch, Version: v}
	}
	return out, rows.Err()
}

// syncedTables are the tables a replica holds for the server. A reset
// empties them.
var syncedTables = []string{"companies", "cohorts", "participants", "participant_search", "cohort_members",
	"offers", "talks", "surveys", "bookmarks", "cursors", "undo_log"}

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
	for _, p := range pages {
		if err := t.applyDeletes(ctx, p.Deletes); err != nil {
			return fmt.Errorf("bucket %s: %w", p.Bucket, err)
		}
		for _, del := range p.Deletes {
			if _, id, ok := strings.Cut(del.Key, "/"); ok && del.Table == "cohort_members" {
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

// Decode decodes the rows of every page ahead of ApplyPull, which then
// only writes them: a client decodes one answer while its replica writes
// the one before. A malformed row is an error here, as it would be in
// ApplyPull, and nothing is written.
func Decode(r *data.PullResult) error {
	for i := range r.Pages {
		p := &r.Pages[i]
		rows, err := decodeRows(p.Rows)
		if err != nil {
			return fmt.Errorf("bucket %s: %w", p.Bucket, err)
		}
		p.Decoded = rows
	}
	return nil
}

// decodeRows decodes a page's rows by table. Profiles, most of an
// initial sync, are decoded on every core. It decodes with the
// implementation of encoding/json/v2 (github.com/go-json-experiment/json),
// about twice as quick as encoding/json here, and stricter: a name twice
// in a row, or text that is not UTF-8, is an error.
func decodeRows(rows []data.Change) (*app.Dataset, error) {
	var d app.Dataset
	var profiles []data.Change
	rest := make([]data.Change, 0, len(rows))
	for _, r := range rows {
		if r.Table == "participants" {
			profiles = append(profiles, r)
		} else {
			rest = append(rest, r)
		}
	}
	if err := collectRows(&d, rest); err != nil {
		return nil, err
	}
	d.Participants = make([]app.Participant, len(profiles))
	errs := make([]error, len(profiles))
	parallel.Ranges(len(profiles), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			errs[i] = jsonv2.Unmarshal(profiles[i].Data, &d.Participants[i])
			d.Participants[i].Cohorts = nil
		}
	})

	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("row of participants: %w", err)
		}
	}
	return &d, nil
}

// mergeRows appends the rows of b to a's.
func mergeRows(a, b app.Dataset) app.Dataset {
	a.Companies = append(a.Companies, b.Companies...)
	a.Cohorts = append(a.Cohorts, b.Cohorts...)
	a.Participants = append(a.Participants, b.Participants...)
	a.Members = append(a.Members, b.Members...)
	a.Offers = append(a.Offers, b.Offers...)
	a.Talks = append(a.Talks, b.Talks...)
	a.Surveys = append(a.Surveys, b.Surveys...)
	a.Bookmarks = append(a.Bookmarks, b.Bookmarks...)
	return a
}

// collectRows decodes pulled rows into d by table.
func collectRows(d *app.Dataset, rows []data.Change) error {
	for _, r := range rows {
		var err error
		switch r.Table {
		case "companies":
			d.Companies, err = appendJSON(d.Companies, r.Data)
		case "cohorts":
			d.Cohorts, err = appendJSON(d.Cohorts, r.Data)
		case "participants":
			d.Participants, err = appendJSON(d.Participants, r.Data)
			if err == nil {
				d.Participants[len(d.Participants)-1].Cohorts = nil // memberships travel as rows of their own
			}
		case "cohort_members":
			d.Members, err = appendJSON(d.Members, r.Data)
		case "offers":
			d.Offers, err = appendJSON(d.Offers, r.Data)
		case "talks":
			d.Talks, err = appendJSON(d.Talks, r.Data)
		case "surveys":
			d.Surveys, err = appendJSON(d.Surveys, r.Data)
		case "bookmarks":
			d.Bookmarks, err = appendJSON(d.Bookmarks, r.Data)
		default:
			err = fmt.Errorf("unknown table %q", r.Table)
		}
		if err != nil {
			return fmt.Errorf("row of %s: %w", r.Table, err)
		}
	}
	return nil
}

// applyDeletes removes the rows the server's tombstones name.
func (t *writeTx) applyDeletes(ctx context.Context, dels []data.Deletion) error {
	for _, del := range dels {
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
		default:
			err = fmt.Errorf("unknown table %q", del.Table)
		}
		if err != nil {
			return fmt.Errorf("deletion of %s: %w", del.Table, err)
		}
	}
	return nil
}

func appendJSON[T any](s []T, raw json.RawMessage) ([]T, error) {
	var v T
	if err := jsonv2.Unmarshal(raw, &v); err != nil {
		return s, err
	}
	return append(s, v), nil
}

// reapply runs the queued mutations again, in order, on the replica as
// it now is. One that the replica now refuses stays queued without
// effect: the server has the last word, and its answer will come.
func (t *writeTx) reapply(ctx context.Context) error {
	entries, err := readOutbox(ctx, t.tx, -1)
	if err != nil {
		return fmt.Errorf("reapply: %w", err)
	}
	t.BeforeWrite(t.remember)
	defer t.BeforeWrite(nil)
	for _, e := range entries {
		failed, err := t.Savepoint(ctx, "reapply", func() error { return app.Apply(ctx, t, e.Name, e.Actor, e.Args, e.ClientTime) })
		if err != nil {
			return fmt.Errorf("reapply %d: %w", e.ID, err)
		}
		if failed != nil && !app.IsRejection(failed) {
			return fmt.Errorf("reapply %d: %w", e.ID, failed)
		}
	}
	return nil
}

// SwitchAccount empties the replica — rows, cursors, queue, refusals and
// settings — and stores the new connection settings, in one transaction.
// It is for a replica that is to serve another person or another server:
// the old person's queued mutations must never be sent as the new one's.
func (s *Store) SwitchAccount(ctx context.Context, state map[string]string) error {
	return s.write(ctx, func(tx *writeTx) error {
		for _, tbl := range append(syncedTables, "outbox", "rejections", "sync_state") {
			if _, err := tx.tx.ExecContext(ctx, `DELETE FROM `+tbl); err != nil {
				return fmt.Errorf("switch account: %s: %w", tbl, err)
			}
		}
		tx.MarkDirectoryChanged()
		for k, v := range state {
			if err := tx.setState(ctx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}
