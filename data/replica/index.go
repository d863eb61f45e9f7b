package replica

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// dirRow is one participant in the directory index. What it holds besides
// id and text comes from small sets (the scale consortium has thirty
// companies, fifteen themes, three modes, a cohort), so rows share it:
// the index of 10,000 participants is then mostly their search texts.
type dirRow struct {
	id      string
	text    string      // folded search text, but its last field
	romaji  string      // the last field: the reading's romaji (jtext.RomajiWords)
	company *dirCompany // shared by the company's rows
	ageBand app.AgeBand
	themes  *[]string    // shared by the rows with the same themes; read only
	modes   *[]app.Mode  // likewise
	cohorts *[]string    // likewise
	listed  bool         // visible, and a participant (not HR nor the secretariat)
	free    app.FreeWeek // their weekly pattern of free times, for the suggestions (suggest.go); the free text is not read
}

// dirCompany is what the index knows of a company, one for each company
// in an index: two rows are of the same company when they point to the
// same dirCompany.
type dirCompany struct{ id, industry string }

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
		p.visible AND p.role = 'participant', coalesce(s.text, ''), p.free_week
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
		frees     = map[string]app.FreeWeek{}
		texts     textArena
	)
	for rows.Next() {
		var r dirRow
		var companyID, industry, ageBand, themesJSON, modesJSON, cohortIDs, text, week string
		if err := rows.Scan(&r.id, &companyID, &industry, &ageBand, &themesJSON, &modesJSON, &cohortIDs,
			&r.listed, &text, &week); err != nil {
			return nil, err
		}
		var ok bool
		if r.free, ok = frees[week]; !ok {
			if err := json.Unmarshal([]byte(week), &r.free); err != nil {
				return nil, fmt.Errorf("free times of %s: %w", r.id, err)
			}
			frees[week] = r.free
		}
		r.id, r.text = texts.keep(r.id), texts.keep(text)
		if i := strings.LastIndexByte(r.text, '\n'); i >= 0 {
			r.text, r.romaji = r.text[:i], r.text[i+1:]
		}
		if r.company = companies[companyID]; r.company == nil {
			r.company = &dirCompany{id: companyID, industry: industry}
			companies[companyID] = r.company
		}
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
