package serverstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/codec"
)

// source is one table's rows in a kind of bucket. cond selects the
// bucket's rows with ?1 the bucket's id, and ends in a WHERE clause; ev is
// the row's version within the bucket; cols and scan make the row's app
// value, or json, when set, is an SQL expression that makes its JSON
// directly (cols and scan are then unused).
type source struct {
	table string
	from  string // FROM and WHERE, with ?1 the bucket id
	ev    string // effective version expression
	cols  string
	scan  func(codec.Scanner) (any, error)
	json  string
}

// participantJSON is the JSON of app.Participant made by SQLite from the
// row p, as encoding/json would decode it, without cohorts: memberships
// travel as rows of their own. Redacted, a profile that is not visible
// keeps only what the people who already talk with its owner need: the
// name, reading, age band, company and role, and that it is hidden. Its
// owner gets the whole profile from their own user bucket.
func participantJSON(redact bool) string {
	hide := func(expr, blank string) string {
		if !redact {
			return expr
		}
		return `CASE WHEN p.visible THEN ` + expr + ` ELSE ` + blank + ` END`
	}
	return `json_object('id', p.id, 'companyId', p.company_id, 'name', p.name, 'kana', p.kana,
		'ageBand', p.age_band, 'jobRole', ` + hide(`p.job_role`, `''`) + `,
		'themes', json(` + hide(`p.themes`, `'[]'`) + `), 'interests', ` + hide(`p.interests`, `''`) + `,
		'intro', ` + hide(`p.intro`, `''`) + `, 'modes', json(` + hide(`p.modes`, `'[]'`) + `),
		'freeTimes', ` + hide(`p.free_times`, `''`) + `,
		'visible', json(CASE WHEN p.visible THEN 'true' ELSE 'false' END), 'role', p.role)`
}

const companyJSON = `json_object('id', c.id, 'name', c.name, 'industry', c.industry)`

// A cohort bucket's participants and companies are read by their own
// version, through an index. The writers keep a participant's version at
// or above each of their memberships', and raise a company's with its
// first member in a cohort and with a member who moves to it (migration
// 003, data.Tx.MembersWritten, data.Tx.CompaniesChanged). So a member who joins
// arrives with the membership, and a company with its first member (its
// later changes bump its version).
var (
	srcOfferUser = source{table: "offers", from: `FROM offers o WHERE (o.from_id = ?1 OR o.to_id = ?1)`, ev: `o.version`,
		cols: codec.OfferCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanOffer(sc) }}
	srcTalkUser = source{table: "talks", from: `FROM talks t WHERE (t.a_id = ?1 OR t.b_id = ?1)`, ev: `t.version`,
		cols: codec.TalkCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanTalk(sc) }}
	srcSurveyUser = source{table: "surveys", from: `FROM surveys sv WHERE sv.author_id = ?1`, ev: `sv.version`,
		cols: surveyCols, scan: func(sc codec.Scanner) (any, error) { return scanSurvey(sc) }}
	srcBookmarkUser = source{table: "bookmarks", from: `FROM bookmarks b WHERE b.owner_id = ?1`, ev: `b.version`,
		json: `json_object('ownerId', b.owner_id, 'targetId', b.target_id)`}
	srcSelf = source{table: "participants", from: `FROM participants p WHERE p.id = ?1`, ev: `p.version`,
		json: participantJSON(false)}
	// The user's own company (a cohort bucket sends it too, but only
	// while the user is in one).
	srcCompanySelf = source{table: "companies",
		from: `FROM companies c JOIN participants p ON p.company_id = c.id WHERE p.id = ?1`,
		ev:   `max(c.version, p.version)`, json: companyJSON}
	// The people of the user's offers and talks, and their companies, as
	// a cohort bucket has them: an offer or talk with someone who has
	// left every cohort of the user still shows who it is with.
	srcPeopleUser = source{table: "participants",
		from: `FROM participants p JOIN ` + counterparts + ` x ON x.other = p.id WHERE 1`,
		ev:   `max(p.version, x.v)`, json: participantJSON(true)}
	srcCompaniesUser = source{table: "companies",
		from: `FROM companies c JOIN (SELECT p.company_id AS company, max(max(p.version, x.v)) AS v
			FROM participants p JOIN ` + counterparts + ` x ON x.other = p.id GROUP BY p.company_id) y
			ON y.company = c.id WHERE 1`,
		ev: `max(c.version, y.v)`, json: companyJSON}

	srcCohort = source{table: "cohorts", from: `FROM cohorts WHERE id = ?1`, ev: `version`, cols: codec.CohortCols,
		scan: func(sc codec.Scanner) (any, error) { return codec.ScanCohort(sc) }}
	srcMembersCohort = source{table: "cohort_members", from: `FROM cohort_members m WHERE m.cohort_id = ?1`,
		ev: `m.version`, json: membershipJSON}
	srcPeopleCohort = source{table: "participants",
		from: `FROM participants p INDEXED BY participants_version
			WHERE EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = ?1 AND m.participant_id = p.id)`,
		ev: `p.version`, json: participantJSON(true)}
	srcCompaniesCohort = source{table: "companies",
		from: `FROM companies c WHERE EXISTS (SELECT 1 FROM participants p WHERE p.company_id = c.id
			AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = ?1 AND m.participant_id = p.id))`,
		ev: `c.version`, json: companyJSON}

	srcCompany       = source{table: "companies", from: `FROM companies c WHERE c.id = ?1`, ev: `c.version`, json: companyJSON}
	srcPeopleCompany = source{table: "participants", from: `FROM participants p WHERE p.company_id = ?1`,
		ev: `p.version`, json: participantJSON(false)}
	srcMembersCompany = source{table: "cohort_members",
		from: `FROM cohort_members m JOIN participants p ON p.id = m.participant_id WHERE p.company_id = ?1`,
		ev:   `m.version`, json: membershipJSON}
	srcCohortsCompany = source{table: "cohorts",
		from: `FROM cohorts JOIN (SELECT m.cohort_id, max(m.version) AS mv FROM cohort_members m
			JOIN participants p ON p.id = m.participant_id WHERE p.company_id = ?1 GROUP BY m.cohort_id) x
			ON x.cohort_id = cohorts.id WHERE 1`,
		ev: `max(cohorts.version, x.mv)`, cols: codec.CohortCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanCohort(sc) }}
)

// counterparts is the people the user ?1 has offers or talks with, as
// other, each with v the newest version of those offers and talks: their
// profiles are sent again whenever one changes, so that a new offer never
// arrives without its sender.
const counterparts = `(SELECT other, max(v) AS v FROM (
		SELECT CASE WHEN o.from_id = ?1 THEN o.to_id ELSE o.from_id END AS other, o.version AS v
			FROM offers o WHERE o.from_id = ?1 OR o.to_id = ?1
		UNION ALL
		SELECT CASE WHEN t.a_id = ?1 THEN t.b_id ELSE t.a_id END, t.version
			FROM talks t WHERE t.a_id = ?1 OR t.b_id = ?1)
	GROUP BY other)`

const membershipJSON = `json_object('cohortId', m.cohort_id, 'participantId', m.participant_id)`

// bucketKind lists what each kind of bucket holds, and which tombstones.
var bucketKinds = map[string]struct {
	sources    []source
	tombstones string // FROM and WHERE over tombstones ts, with ?1 the bucket id
}{
	data.BucketUser: {[]source{srcSelf, srcCompanySelf, srcCompaniesUser, srcPeopleUser, srcOfferUser, srcTalkUser, srcSurveyUser, srcBookmarkUser},
		`FROM tombstones ts WHERE ts.tbl = 'bookmarks' AND ts.row_key >= ?1 || '/' AND ts.row_key < ?1 || '0'`},
	data.BucketCohort: {[]source{srcCohort, srcCompaniesCohort, srcPeopleCohort, srcMembersCohort},
		`FROM tombstones ts WHERE ts.tbl = 'cohort_members' AND ts.row_key >= ?1 || '/' AND ts.row_key < ?1 || '0'`},
	data.BucketCompany: {[]source{srcCompany, srcCohortsCompany, srcPeopleCompany, srcMembersCompany},
		`FROM tombstones ts WHERE ts.tbl = 'cohort_members' AND substr(ts.row_key, instr(ts.row_key, '/') + 1) IN
			(SELECT id FROM participants WHERE company_id = ?1)`},
}

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
	dels, err := readTombstones(ctx, tx, k.tombstones, id, from, 0, limit+1)
	if err != nil {
		return fmt.Errorf("tombstones: %w", err)
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

// withTail scans extra trailing columns after a row's own.
type withTail struct {
	sc   codec.Scanner
	tail *int64
}

func (w withTail) Scan(dest ...any) error { return w.sc.Scan(append(dest, w.tail)...) }

const surveyCols = `sv.talk_id, sv.author_id, sv.satisfaction, sv.recommend, sv.comment, sv.created_at`

func scanSurvey(sc codec.Scanner) (app.Survey, error) {
	var s app.Survey
	var created int64
	err := sc.Scan(&s.TalkID, &s.AuthorID, &s.Satisfaction, &s.Recommend, &s.Comment, &created)
	s.CreatedAt = codec.FromMillis(created)
	return s, err
}

// PruneTombstones drops the tombstones of deletions made before t and
// raises the horizon above them: a client whose cursor is below the
// horizon may have missed one, so it gets a reset.
func (s *Store) PruneTombstones(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *writeTx) error {
		var top sql.NullInt64
		if err := tx.tx.QueryRowContext(ctx, `SELECT max(version) FROM tombstones WHERE deleted_at < ?`, codec.Millis(before)).
			Scan(&top); err != nil || !top.Valid {
			return err
		}
		res, err := tx.tx.ExecContext(ctx, `DELETE FROM tombstones WHERE version <= ?`, top.Int64)
		if n, err = codec.RowsAffected(res, err); err != nil {
			return err
		}
		// A cursor at top has seen every pruned tombstone; one below may
		// have missed some.
		_, err = tx.tx.ExecContext(ctx, `UPDATE meta SET value = max(value, ?) WHERE key = 'tombstone_horizon'`, top.Int64)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune tombstones: %w", err)
	}
	return int(n), nil
}

// NewEpoch gives the server's history a new name, as after restoring a
// backup: every client's cursors become unusable, and they pull afresh.
func (s *Store) NewEpoch(ctx context.Context) error {
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE meta SET value = (value + 1 + abs(random()) % 1000000) % 1000000000000
			WHERE key = 'epoch'`)
		return err
	})
}
