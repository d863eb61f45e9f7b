package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"crosstalk/app"
)

// Change is one row of a pulled page: the JSON of its app type. Its
// Version is the row's version within the bucket: a participant who
// joins a cohort arrives with the membership's version.
type Change struct {
	Table   string          `json:"t"`
	Version int64           `json:"v"`
	Data    json.RawMessage `json:"d"`
}

// Deletion is a tombstone: the row of Table keyed Key is gone.
type Deletion struct {
	Table   string `json:"t"`
	Key     string `json:"k"`
	Version int64  `json:"v"`
}

// BucketPage is the rows of one bucket with versions above the cursor the
// client sent and at most Cursor. Reset means the client's cursor was
// unusable and the page starts from the beginning.
type BucketPage struct {
	Bucket  string     `json:"bucket"`
	Reset   bool       `json:"reset,omitempty"`
	Cursor  int64      `json:"cursor"`
	More    bool       `json:"more,omitempty"`
	Rows    []Change   `json:"rows,omitempty"`
	Deletes []Deletion `json:"deletes,omitempty"`
}

// BucketCursor is how far a client has read one bucket, in which epoch.
type BucketCursor struct {
	Epoch   string
	Version int64
}

// PullResult is a pull's answer, read in one snapshot: the pages and the
// device's last processed mutation.
type PullResult struct {
	Epoch          string
	LastMutationID int64
	Pages          []BucketPage
}

// Bucket kinds. A bucket is named "<kind>:<id>".
const (
	BucketUser    = "user"    // a participant's own offers, talks, surveys, bookmarks and profile
	BucketCohort  = "cohort"  // a cohort, its members' profiles and companies
	BucketCompany = "company" // a company's participants and their memberships, for HR
)

// source is one table's rows in a kind of bucket. cond selects the
// bucket's rows with ?1 the bucket's id; ev is the row's version within
// the bucket; cols and scan make the row's app value.
type source struct {
	table string
	from  string // FROM and WHERE, with ?1 the bucket id
	ev    string // effective version expression
	cols  string
	scan  func(scanner) (any, error)
}

var (
	srcOfferUser = source{"offers", `FROM offers o WHERE (o.from_id = ?1 OR o.to_id = ?1)`, `o.version`, offerCols,
		func(sc scanner) (any, error) { return scanOffer(sc) }}
	srcTalkUser = source{"talks", `FROM talks t WHERE (t.a_id = ?1 OR t.b_id = ?1)`, `t.version`, talkCols,
		func(sc scanner) (any, error) { return scanTalk(sc) }}
	srcSurveyUser = source{"surveys", `FROM surveys sv WHERE sv.author_id = ?1`, `sv.version`, surveyCols,
		func(sc scanner) (any, error) { return scanSurvey(sc) }}
	srcBookmarkUser = source{"bookmarks", `FROM bookmarks b WHERE b.owner_id = ?1`, `b.version`, `b.owner_id, b.target_id`,
		scanBookmark}
	srcSelf = source{"participants", `FROM participants p WHERE p.id = ?1`, `p.version`, participantCols,
		func(sc scanner) (any, error) { return scanParticipant(sc) }}

	srcCohort = source{"cohorts", `FROM cohorts WHERE id = ?1`, `version`, cohortCols,
		func(sc scanner) (any, error) { return scanCohort(sc) }}
	srcMembersCohort = source{"cohort_members", `FROM cohort_members m WHERE m.cohort_id = ?1`, `m.version`,
		`m.cohort_id, m.participant_id`, scanMembership}
	srcPeopleCohort = source{"participants",
		`FROM participants p JOIN cohort_members m ON m.participant_id = p.id AND m.cohort_id = ?1`,
		`max(p.version, m.version)`, participantCols,
		func(sc scanner) (any, error) {
			p, err := scanParticipant(sc)
			return redactHidden(p), err
		}}
	srcCompaniesCohort = source{"companies",
		`FROM companies c JOIN (SELECT p.company_id, max(m.version) AS mv FROM cohort_members m
			JOIN participants p ON p.id = m.participant_id WHERE m.cohort_id = ?1 GROUP BY p.company_id) x
			ON x.company_id = c.id`,
		`max(c.version, x.mv)`, `c.id, c.name, c.industry`, scanCompany}

	srcCompany       = source{"companies", `FROM companies c WHERE c.id = ?1`, `c.version`, `c.id, c.name, c.industry`, scanCompany}
	srcPeopleCompany = source{"participants", `FROM participants p WHERE p.company_id = ?1`, `p.version`, participantCols,
		func(sc scanner) (any, error) { return scanParticipant(sc) }}
	srcMembersCompany = source{"cohort_members",
		`FROM cohort_members m JOIN participants p ON p.id = m.participant_id WHERE p.company_id = ?1`,
		`m.version`, `m.cohort_id, m.participant_id`, scanMembership}
	srcCohortsCompany = source{"cohorts",
		`FROM cohorts JOIN (SELECT m.cohort_id, max(m.version) AS mv FROM cohort_members m
			JOIN participants p ON p.id = m.participant_id WHERE p.company_id = ?1 GROUP BY m.cohort_id) x
			ON x.cohort_id = cohorts.id`,
		`max(cohorts.version, x.mv)`, cohortCols,
		func(sc scanner) (any, error) { return scanCohort(sc) }}
)

// bucketKind lists what each kind of bucket holds, and which tombstones.
var bucketKinds = map[string]struct {
	sources    []source
	tombstones string // FROM and WHERE over tombstones ts, with ?1 the bucket id
}{
	BucketUser: {[]source{srcSelf, srcOfferUser, srcTalkUser, srcSurveyUser, srcBookmarkUser},
		`FROM tombstones ts WHERE ts.tbl = 'bookmarks' AND ts.row_key >= ?1 || '/' AND ts.row_key < ?1 || '0'`},
	BucketCohort: {[]source{srcCohort, srcCompaniesCohort, srcPeopleCohort, srcMembersCohort},
		`FROM tombstones ts WHERE ts.tbl = 'cohort_members' AND ts.row_key >= ?1 || '/' AND ts.row_key < ?1 || '0'`},
	BucketCompany: {[]source{srcCompany, srcCohortsCompany, srcPeopleCompany, srcMembersCompany},
		`FROM tombstones ts WHERE ts.tbl = 'cohort_members' AND substr(ts.row_key, instr(ts.row_key, '/') + 1) IN
			(SELECT id FROM participants WHERE company_id = ?1)`},
}

// ParseBucket splits "kind:id" and checks the kind.
func ParseBucket(b string) (kind, id string, err error) {
	kind, id, ok := strings.Cut(b, ":")
	if _, known := bucketKinds[kind]; !ok || !known || id == "" {
		return "", "", fmt.Errorf("bucket %q: want user:, cohort: or company: and an id", b)
	}
	return kind, id, nil
}

// Pull reads, in one snapshot, a page of each of buckets above the
// client's cursors, with at most about limit rows each (a page never
// splits one transaction's rows, so it may hold more), and the device's
// last processed mutation. A cursor of another epoch, above the newest
// version, or below the tombstone horizon is unusable: its page is a
// reset, from the start.
func (s *Store) Pull(ctx context.Context, deviceID string, buckets []string, cursors map[string]BucketCursor, limit int) (PullResult, error) {
	var res PullResult
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
			return res, notFound(err, "pull: device "+deviceID)
		}
	}
	for _, b := range buckets {
		kind, id, err := ParseBucket(b)
		if err != nil {
			return res, err
		}
		cur := cursors[b]
		page := BucketPage{Bucket: b}
		from := cur.Version
		if from != 0 && (cur.Epoch != res.Epoch || from > newest || from < horizon) {
			page.Reset, from = true, 0
		}
		if err := readPage(ctx, tx, kind, id, from, limit, newest, &page); err != nil {
			return res, fmt.Errorf("pull %s: %w", b, err)
		}
		if kind != BucketUser && viewer != "" {
			page.Rows = dropOwnProfile(page.Rows, viewer)
		}
		res.Pages = append(res.Pages, page)
	}
	return res, nil
}

// readPage fills page with the rows of a bucket whose version is above
// from, cut after the version of about the limit-th row. Each source is
// read once, its first limit+1 rows by version: the limit-th smallest
// version of all is among them. Only a source whose rows of one version
// run past that (a transaction larger than a page) is read again.
func readPage(ctx context.Context, tx *sql.Tx, kind, id string, from int64, limit int, newest int64, page *BucketPage) error {
	k := bucketKinds[kind]
	limit = max(limit, 1)
	got := make([][]Change, len(k.sources))
	var evs []int64
	for i, src := range k.sources {
		rows, err := readSource(ctx, tx, src, id, from, 0, limit+1)
		if err != nil {
			return fmt.Errorf("%s: %w", src.table, err)
		}
		got[i] = rows
		for _, r := range rows {
			evs = append(evs, r.Version)
		}
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
		rows := got[i]
		if len(rows) > limit && rows[len(rows)-1].Version <= cut {
			// All limit+1 rows are at or below the cut: there may be more
			// of the cut's transaction, and more after it.
			if rows, err = readSource(ctx, tx, src, id, from, cut, 0); err != nil {
				return fmt.Errorf("%s: %w", src.table, err)
			}
			if !page.More {
				after, err := readSource(ctx, tx, src, id, cut, 0, 1)
				if err != nil {
					return fmt.Errorf("%s: %w", src.table, err)
				}
				page.More = len(after) > 0
			}
		}
		for _, r := range rows {
			if r.Version <= cut {
				page.Rows = append(page.Rows, r)
			}
		}
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

// readSource reads a source's rows of the bucket id in a version range.
func readSource(ctx context.Context, tx *sql.Tx, src source, id string, from, upTo int64, limit int) ([]Change, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+src.cols+`, `+src.ev+` AS ev `+src.from+versionRange(src.ev, upTo, limit),
		id, from, upTo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var ev int64
		val, err := src.scan(withTail{rows, &ev})
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(val)
		if err != nil {
			return nil, err
		}
		out = append(out, Change{Table: src.table, Version: ev, Data: b})
	}
	return out, rows.Err()
}

// readTombstones reads a bucket's tombstones in a version range.
func readTombstones(ctx context.Context, tx *sql.Tx, from string, id string, after, upTo int64, limit int) ([]Deletion, error) {
	rows, err := tx.QueryContext(ctx, `SELECT ts.tbl, ts.row_key, ts.version `+from+versionRange("ts.version", upTo, limit),
		id, after, upTo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Deletion
	for rows.Next() {
		var d Deletion
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
func dropOwnProfile(rows []Change, viewer string) []Change {
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

// redactHidden keeps, of a profile that is not visible, only what the
// people who already talk with its owner need: the name, reading and
// company, and that it is hidden. Its owner gets the whole profile from
// their own user bucket.
func redactHidden(p app.Participant) app.Participant {
	if p.Visible {
		return p
	}
	return app.Participant{ID: p.ID, CompanyID: p.CompanyID, Name: p.Name, Kana: p.Kana, AgeBand: p.AgeBand,
		Themes: []string{}, Modes: []app.Mode{}, Role: p.Role}
}

// withTail scans extra trailing columns after a row's own.
type withTail struct {
	sc   scanner
	tail *int64
}

func (w withTail) Scan(dest ...any) error { return w.sc.Scan(append(dest, w.tail)...) }

const surveyCols = `sv.talk_id, sv.author_id, sv.satisfaction, sv.recommend, sv.comment, sv.created_at`

func scanSurvey(sc scanner) (app.Survey, error) {
	var s app.Survey
	var created int64
	err := sc.Scan(&s.TalkID, &s.AuthorID, &s.Satisfaction, &s.Recommend, &s.Comment, &created)
	s.CreatedAt = fromMS(created)
	return s, err
}

func scanBookmark(sc scanner) (any, error) {
	var b app.Bookmark
	err := sc.Scan(&b.OwnerID, &b.TargetID)
	return b, err
}

func scanMembership(sc scanner) (any, error) {
	var m app.Membership
	err := sc.Scan(&m.CohortID, &m.ParticipantID)
	return m, err
}

func scanCompany(sc scanner) (any, error) {
	var c app.Company
	err := sc.Scan(&c.ID, &c.Name, &c.Industry)
	return c, err
}

// PruneTombstones drops the tombstones of deletions made before t and
// raises the horizon above them: a client whose cursor is below the
// horizon may have missed one, so it gets a reset.
func (s *Store) PruneTombstones(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.Write(ctx, func(tx *Tx) error {
		var top sql.NullInt64
		if err := tx.tx.QueryRowContext(ctx, `SELECT max(version) FROM tombstones WHERE deleted_at < ?`, ms(before)).
			Scan(&top); err != nil || !top.Valid {
			return err
		}
		res, err := tx.tx.ExecContext(ctx, `DELETE FROM tombstones WHERE version <= ?`, top.Int64)
		if n, err = rowsAffected(res, err); err != nil {
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
	return s.Write(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE meta SET value = (value + 1 + abs(random()) % 1000000) % 1000000000000
			WHERE key = 'epoch'`)
		return err
	})
}
