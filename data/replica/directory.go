package replica

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"crosstalk/app"
	"crosstalk/app/jtext"
	"crosstalk/data/internal/codec"
)

// The directory is searched in memory: scanning 10,000 folded profiles
// with strings.Contains takes a fraction of a millisecond, where SQLite
// spends several decoding the rows. The index holds what the text and the
// profile filters need, in reading order; it is rebuilt after a commit
// that changed participants, companies or cohort members. Filters on
// offers, talks and bookmarks, and the page's full rows, come from SQL.

// dirRow is one participant in the directory index. What it holds besides
// id and text comes from small sets (the scale consortium has thirty
// companies, fifteen themes, three modes, a cohort), so rows share it:
// the index of 10,000 participants is then mostly their search texts.
type dirRow struct {
	id      string
	text    string      // folded search text
	company *dirCompany // shared by the company's rows
	ageBand app.AgeBand
	themes  *[]string   // shared by the rows with the same themes; read only
	modes   *[]app.Mode // likewise
	cohorts *[]string   // likewise
	listed  bool        // visible, and a participant (not HR nor the secretariat)
}

// dirCompany is what the index knows of a company, one for each company
// in an index: two rows are of the same company when they point to the
// same dirCompany.
type dirCompany struct{ industry string }

// dirIndex is the directory index as of one generation of the store.
type dirIndex struct {
	gen  int64
	rows []dirRow // by reading, then id
}

// row finds the row of participant id. Scanning 10,000 rows takes at
// most 50 µs, once a query; a map by id would hold about half a megabyte.
func (x *dirIndex) row(id string) (*dirRow, bool) {
	for i := range x.rows {
		if x.rows[i].id == id {
			return &x.rows[i], true
		}
	}
	return nil, false
}

// dirCache holds the current index of a store.
type dirCache struct {
	mu  sync.Mutex
	idx *dirIndex
}

// index returns an index no older than the last commit that changed
// indexed rows, building one if needed.
func (s *Store) index(ctx context.Context) (*dirIndex, error) {
	s.dir.mu.Lock()
	defer s.dir.mu.Unlock()
	gen := s.DirectoryGeneration()
	if s.dir.idx != nil && s.dir.idx.gen == gen {
		return s.dir.idx, nil
	}
	idx, err := s.buildIndex(ctx, gen)
	if err != nil {
		return nil, fmt.Errorf("directory index: %w", err)
	}
	s.dir.idx = idx
	return idx, nil
}

func (s *Store) buildIndex(ctx context.Context, gen int64) (*dirIndex, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM participants`).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT p.id, p.company_id, c.industry, p.age_band, p.themes, p.modes,
		coalesce((SELECT group_concat(cohort_id, ' ') FROM cohort_members m WHERE m.participant_id = p.id), ''),
		p.visible AND p.role = 'participant', coalesce(s.text, '')
		FROM participants p
		JOIN companies c ON c.id = p.company_id
		LEFT JOIN participant_search s ON s.participant_id = p.id
		ORDER BY p.sort_key, p.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := &dirIndex{gen: gen, rows: make([]dirRow, 0, n)}
	var (
		companies = map[string]*dirCompany{}
		ageBands  = map[string]app.AgeBand{}
		themes    = map[string]*[]string{}
		modes     = map[string]*[]app.Mode{}
		cohorts   = map[string]*[]string{}
		texts     textArena
	)
	for rows.Next() {
		var r dirRow
		var companyID, industry, ageBand, themesJSON, modesJSON, cohortIDs, text string
		if err := rows.Scan(&r.id, &companyID, &industry, &ageBand, &themesJSON, &modesJSON, &cohortIDs,
			&r.listed, &text); err != nil {
			return nil, err
		}
		r.id, r.text = texts.keep(r.id), texts.keep(text)
		if r.company = companies[companyID]; r.company == nil {
			r.company = &dirCompany{industry: industry}
			companies[companyID] = r.company
		}
		var ok bool
		if r.ageBand, ok = ageBands[ageBand]; !ok {
			r.ageBand = app.AgeBand(ageBand)
			ageBands[ageBand] = r.ageBand
		}
		if r.themes, err = shared(themes, themesJSON, func(s string) ([]string, error) { return codec.FromJSON[[]string](s, "themes") }); err != nil {
			return nil, err
		}
		if r.modes, err = shared(modes, modesJSON, func(s string) ([]app.Mode, error) { return codec.FromJSON[[]app.Mode](s, "modes") }); err != nil {
			return nil, err
		}
		r.cohorts, _ = shared(cohorts, cohortIDs, func(s string) ([]string, error) { return strings.Fields(s), nil })
		idx.rows = append(idx.rows, r)
	}
	return idx, rows.Err()
}

// shared returns the value that decode makes of raw, decoding each raw
// text once: rows with the same text share the value.
func shared[T any](seen map[string]*T, raw string, decode func(string) (T, error)) (*T, error) {
	if v, ok := seen[raw]; ok {
		return v, nil
	}
	v, err := decode(raw)
	if err != nil {
		return nil, err
	}
	seen[raw] = &v
	return &v, nil
}

// textArena keeps the ids and texts of an index in blocks of 64 KB, each
// a slice of a block, rather than each in an allocation of its own
// rounded up to a size class (a 354-byte text takes 384 bytes, a 36-byte
// id 48); the texts, one after the other, are also quicker to scan.
type textArena struct{ block strings.Builder }

func (a *textArena) keep(s string) string {
	const blockSize = 64 << 10
	if len(s) > blockSize/4 {
		return s
	}
	if a.block.Cap()-a.block.Len() < len(s) {
		a.block = strings.Builder{}
		a.block.Grow(blockSize)
	}
	start := a.block.Len()
	a.block.WriteString(s)
	return a.block.String()[start:]
}

// idSet reads a one-column query into a set.
func (s *Store) idSet(ctx context.Context, query string, args ...any) (map[string]bool, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		set[id] = true
	}
	return set, rows.Err()
}

// SearchDirectory lists the participants q's viewer may talk with: people
// of other companies, visible, in one of the viewer's cohorts, matching
// every term of q.Text and every filter, ordered by reading.
func (s *Store) SearchDirectory(ctx context.Context, q app.DirectoryQuery) ([]app.DirectoryEntry, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	viewer, ok := idx.row(q.ViewerID)
	if !ok {
		return nil, fmt.Errorf("search directory: viewer %s: %w", q.ViewerID, app.ErrNotFound)
	}
	bookmarks, err := s.idSet(ctx, `SELECT target_id FROM bookmarks WHERE owner_id = ?`, q.ViewerID)
	if err != nil {
		return nil, fmt.Errorf("search directory: bookmarks: %w", err)
	}
	var talked, offered map[string]bool
	if q.NotTalkedTo {
		talked, err = s.idSet(ctx, `SELECT b_id FROM talks WHERE a_id = ?1 AND state IN ('scheduled', 'held')
			UNION SELECT a_id FROM talks WHERE b_id = ?1 AND state IN ('scheduled', 'held')`, q.ViewerID)
		if err != nil {
			return nil, fmt.Errorf("search directory: talks: %w", err)
		}
	}
	if q.NoOffersYet {
		if offered, err = s.idSet(ctx, `SELECT DISTINCT to_id FROM offers`); err != nil {
			return nil, fmt.Errorf("search directory: offers: %w", err)
		}
	}
	terms := jtext.Terms(q.Text)
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	skip := max(q.Offset, 0)
	var page []string
	for i := range idx.rows {
		r := &idx.rows[i]
		if !r.listedFor(viewer) ||
			(q.Industry != "" && r.company.industry != q.Industry) ||
			(q.AgeBand != "" && r.ageBand != q.AgeBand) ||
			(q.Theme != "" && !slices.Contains(*r.themes, q.Theme)) ||
			(q.Mode != "" && !slices.Contains(*r.modes, q.Mode)) ||
			(q.BookmarkedOnly && !bookmarks[r.id]) ||
			(talked != nil && talked[r.id]) ||
			(offered != nil && offered[r.id]) ||
			!containsAll(r.text, terms) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		page = append(page, r.id)
		if len(page) == limit {
			break
		}
	}
	return s.entries(ctx, page, bookmarks, q)
}

// listedFor reports whether r appears in viewer's directory: a visible
// participant of another company who shares a cohort with the viewer.
func (r *dirRow) listedFor(viewer *dirRow) bool {
	return r.listed && r.company != viewer.company && shareAny(*r.cohorts, *viewer.cohorts)
}

func shareAny(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func containsAll(text string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// entries loads the full rows of a page of participants, in the page's
// order.
func (s *Store) entries(ctx context.Context, page []string, bookmarks map[string]bool, q app.DirectoryQuery) ([]app.DirectoryEntry, error) {
	if len(page) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(page)+1)
	args = append(args, codec.Millis(q.Now))
	marks := strings.Repeat(", ?", len(page))[2:]
	for _, id := range page {
		args = append(args, id)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.ParticipantCols+`, c.name, c.industry,
		(SELECT count(*) FROM offers o WHERE o.to_id = p.id AND o.state = 'pending' AND o.expires_at > ?1)
		FROM participants p JOIN companies c ON c.id = p.company_id
		WHERE p.id IN (`+marks+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	defer rows.Close()
	byID := make(map[string]app.DirectoryEntry, len(page))
	for rows.Next() {
		var e app.DirectoryEntry
		e.Participant, err = codec.ScanParticipant(rows, &e.CompanyName, &e.Industry, &e.PendingReceived)
		if err != nil {
			return nil, fmt.Errorf("search directory: %w", err)
		}
		e.Bookmarked = bookmarks[e.ID]
		byID[e.ID] = e
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	out := make([]app.DirectoryEntry, 0, len(page))
	for _, id := range page {
		if e, ok := byID[id]; ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// Person loads one participant's profile with their company and the
// viewer-independent counts, as of now. Bookmarked is always false: it
// depends on who looks.
func (s *Store) Person(ctx context.Context, id string, now time.Time) (app.DirectoryEntry, error) {
	es, err := s.entries(ctx, []string{id}, nil, app.DirectoryQuery{Now: now})
	if err != nil {
		return app.DirectoryEntry{}, err
	}
	if len(es) == 0 {
		return app.DirectoryEntry{}, fmt.Errorf("person %s: %w", id, app.ErrNotFound)
	}
	p, err := codec.Participant(ctx, s.r, id)
	if err != nil {
		return app.DirectoryEntry{}, err
	}
	es[0].Cohorts = p.Cohorts
	return es[0], nil
}

// Cohort loads one cohort.
func (s *Store) Cohort(ctx context.Context, id string) (app.Cohort, error) {
	c, err := codec.ScanCohort(s.r.QueryRowContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts WHERE id = ?`, id))
	return c, codec.NotFound(err, "cohort "+id)
}

// Facets lists the industries and themes of the people viewerID may see
// in the directory.
func (s *Store) Facets(ctx context.Context, viewerID string) (industries, themes []string, err error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, nil, err
	}
	viewer, ok := idx.row(viewerID)
	if !ok {
		return nil, nil, fmt.Errorf("facets: viewer %s: %w", viewerID, app.ErrNotFound)
	}
	seenI, seenT := map[string]bool{}, map[string]bool{}
	for i := range idx.rows {
		r := &idx.rows[i]
		if !r.listedFor(viewer) {
			continue
		}
		if !seenI[r.company.industry] {
			seenI[r.company.industry] = true
			industries = append(industries, r.company.industry)
		}
		for _, t := range *r.themes {
			if !seenT[t] {
				seenT[t] = true
				themes = append(themes, t)
			}
		}
	}
	slices.Sort(industries)
	slices.Sort(themes)
	return industries, themes, nil
}
