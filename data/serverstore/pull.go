package serverstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"crosstalk/data"
	"crosstalk/data/internal/codec"
)

// Pull reads, in one snapshot, a page of each of buckets above the
// client's cursors, with at most about limit rows each (a page never
// splits one transaction's rows, so it may hold more), and the device's
// last processed mutation. A cursor of another epoch, above the newest
// version, or below the tombstone horizon is unusable: its page is a
// reset, from the start.
func (s *Store) Pull(ctx context.Context, deviceID string, buckets []string, cursors map[string]data.BucketCursor, limit int) (data.PullResult, error) {
	var res data.PullResult
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return res, fmt.Errorf("pull: %w", err)
	}
	defer tx.Rollback()
	var epoch, horizon, newest int64
	if err := tx.QueryRowContext(ctx, `SELECT
		(SELECT value FROM meta WHERE key = 'epoch'),
		(SELECT value FROM meta WHERE key = 'tombstone_horizon'),
		(SELECT value FROM meta WHERE key = 'version')`).Scan(&epoch, &horizon, &newest); err != nil {
		return res, fmt.Errorf("pull: %w", err)
	}
	res.Epoch = strconv.FormatInt(epoch, 10)
	var viewer string
	if deviceID != "" {
		if err := tx.QueryRowContext(ctx, `SELECT last_mutation_id, participant_id FROM devices WHERE id = ?`, deviceID).
			Scan(&res.LastMutationID, &viewer); err != nil {
			return res, codec.NotFound(err, "pull: device "+deviceID)
		}
	}
	for _, b := range buckets {
		kind, id, err := data.ParseBucket(b)
		if err != nil {
			return res, err
		}
		cur := cursors[b]
		page := data.BucketPage{Bucket: b}
		from := cur.Version
		if from != 0 && (cur.Epoch != res.Epoch || from > newest || from < horizon) {
			page.Reset, from = true, 0
		}
		if err := readPage(ctx, tx, kind, id, from, limit, newest, &page); err != nil {
			return res, fmt.Errorf("pull %s: %w", b, err)
		}
		if kind != data.BucketUser && viewer != "" {
			page.Rows = dropOwnProfile(page.Rows, viewer)
		}
		res.Pages = append(res.Pages, page)
	}
	return res, nil
}

// readPage fills page with the rows of a bucket whose version is above
// from, cut after the version of about the limit-th row. The versions are
// read first: each source's first limit+1, among which is the limit-th
// smallest of all. Then each source's rows up to the cut, the only ones
// made into JSON. A source whose limit+1 versions are all at or below the
// cut (a transaction larger than a page) may have more after it.
func readPage(ctx context.Context, tx *sql.Tx, kind, id string, from int64, limit int, newest int64, page *data.BucketPage) error {
	k := bucketKinds[kind]
	limit = max(limit, 1)
	vers := make([][]int64, len(k.sources))
	var evs []int64
	for i, src := range k.sources {
		v, err := readVersions(ctx, tx, src, id, from, limit+1)
		if err != nil {
			return fmt.Errorf("%s: %w", src.table, err)
		}
		vers[i] = v
		evs = append(evs, v...)
	}
	// A pull from the start (a new device, a reset, a bucket new to the
	// device) holds nothing of the bucket to delete: it is sent no
	// tombstone, and so learns nothing of who left.
	var dels []data.Deletion
	if from > 0 {
		var err error
		if dels, err = readTombstones(ctx, tx, k.tombstones, id, from, 0, limit+1); err != nil {
			return fmt.Errorf("tombstones: %w", err)
		}
	}
	for _, d := range dels {
		evs = append(evs, d.Version)
	}
	cut := newest
	if len(evs) > limit {
		slices.Sort(evs)
		cut = evs[limit-1]
		page.More = evs[len(evs)-1] > cut
	}
	page.Cursor = max(cut, from)
	for i, src := range k.sources {
		v := vers[i]
		if len(v) == 0 || v[0] > cut {
			continue
		}
		if len(v) > limit && v[len(v)-1] <= cut && !page.More {
			after, err := readVersions(ctx, tx, src, id, cut, 1)
			if err != nil {
				return fmt.Errorf("%s: %w", src.table, err)
			}
			page.More = len(after) > 0
		}
		rows, err := readSource(ctx, tx, src, id, from, cut, 0)
		if err != nil {
			return fmt.Errorf("%s: %w", src.table, err)
		}
		page.Rows = append(page.Rows, rows...)
	}
	if len(dels) > limit && dels[len(dels)-1].Version <= cut {
		var err error
		if dels, err = readTombstones(ctx, tx, k.tombstones, id, from, cut, 0); err != nil {
			return fmt.Errorf("tombstones: %w", err)
		}
		if !page.More {
			after, err := readTombstones(ctx, tx, k.tombstones, id, cut, 0, 1)
			if err != nil {
				return fmt.Errorf("tombstones: %w", err)
			}
			page.More = len(after) > 0
		}
	}
	for _, d := range dels {
		if d.Version <= cut {
			page.Deletes = append(page.Deletes, d)
		}
	}
	return nil
}

// versionRange is the SQL for versions of expression ev in (from, upTo]
// (no upper bound when upTo is 0), by version, at most limit rows (no
// limit when 0), with ?2 and ?3 bound to from and upTo.
func versionRange(ev string, upTo int64, limit int) string {
	q := ` AND ` + ev + ` > ?2`
	if upTo > 0 {
		q += ` AND ` + ev + ` <= ?3`
	}
	q += ` ORDER BY ` + ev
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	return q
}

// readVersions reads the versions of a source's first limit rows of the
// bucket id above version after.
func readVersions(ctx context.Context, tx *sql.Tx, src source, id string, after int64, limit int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+src.ev+` AS ev `+src.from+versionRange(src.ev, 0, limit), id, after, 0)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// readSource reads a source's rows of the bucket id in a version range.
func readSource(ctx context.Context, tx *sql.Tx, src source, id string, from, upTo int64, limit int) ([]data.Change, error) {
	cols := src.cols
	if src.json != "" {
		cols = src.json
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+cols+`, `+src.ev+` AS ev `+src.from+versionRange(src.ev, upTo, limit),
		id, from, upTo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Change
	for rows.Next() {
		var ev int64
		var b []byte
		if src.json != "" {
			if err := rows.Scan(&b, &ev); err != nil {
				return nil, err
			}
		} else {
			val, err := src.scan(withTail{rows, &ev})
			if err != nil {
				return nil, err
			}
			if b, err = json.Marshal(val); err != nil {
				return nil, err
			}
		}
		out = append(out, data.Change{Table: src.table, Version: ev, Data: b})
	}
	return out, rows.Err()
}

// readTombstones reads a bucket's tombstones in a version range.
func readTombstones(ctx context.Context, tx *sql.Tx, from string, id string, after, upTo int64, limit int) ([]data.Deletion, error) {
	rows, err := tx.QueryContext(ctx, `SELECT ts.tbl, ts.row_key, ts.version `+from+versionRange("ts.version", upTo, limit),
		id, after, upTo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Deletion
	for rows.Next() {
		var d data.Deletion
		if err := rows.Scan(&d.Table, &d.Key, &d.Version); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// dropOwnProfile removes the viewer's own profile from a shared bucket's
// page: the viewer's user bucket carries it whole, and a redacted copy
// must not overwrite it.
func dropOwnProfile(rows []data.Change, viewer string) []data.Change {
	needle := []byte(`"id":"` + viewer + `"`)
	out := rows[:0]
	for _, r := range rows {
		if r.Table == "participants" && bytes.HasPrefix(r.Data, append([]byte("{"), needle...)) {
			continue
		}
		out = append(out, r)
	}
	return out
}
