package replica

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
// every term of q.Text and every filter, ordered by reading. A term is
// found across the space of a name (石井陽子, いしいようこ), and a term in
// Latin letters also where it begins a word of the reading in romaji
// (yoko, Ishii, ｙｏｕｋｏ, ishiiyoko).
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
		// Who has received an offer: the server's word (migration 018),
		// and the offers this device holds, which may be newer.
		if offered, err = s.idSet(ctx, `SELECT id FROM participants WHERE offers_received
			UNION SELECT to_id FROM offers`); err != nil {
			return nil, fmt.Errorf("search directory: offers: %w", err)
		}
	}
	terms := searchTerms(q.Text)
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
			(q.AgeBand != "" && !r.ageBand.Within(q.AgeBand)) ||
			(q.Theme != "" && !slices.Contains(*r.themes, q.Theme)) ||
			(q.Mode != "" && !slices.Contains(*r.modes, q.Mode)) ||
			(q.BookmarkedOnly && !bookmarks[r.id]) ||
			(talked != nil && talked[r.id]) ||
			(offered != nil && offered[r.id]) ||
			!r.matches(terms) {
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

// searchTerm is one folded term of a query, and its romaji when it is
// written in Latin letters.
type searchTerm struct {
	text   string
	romaji string // a space and jtext.RomajiTerm, or empty
}

// searchTerms splits query into its terms.
func searchTerms(query string) []searchTerm {
	var out []searchTerm
	for _, t := range jtext.Terms(query) {
		st := searchTerm{text: t}
		if r, ok := jtext.RomajiTerm(t); ok {
			st.romaji = " " + r
		}
		out = append(out, st)
	}
	return out
}

// matches reports whether every term is found in r's search text, or, for
// a term in Latin letters, at the beginning of a word of r's reading in
// romaji (jtext.RomajiWords: yoko, ishii, ishiiyoko, yokoishii).
func (r *dirRow) matches(terms []searchTerm) bool {
	for _, t := range terms {
		if !strings.Contains(r.text, t.text) && (t.romaji == "" || !strings.Contains(r.romaji, t.romaji)) {
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
		(SELECT count(*) FROM offers o WHERE o.to_id = p.id AND o.state = 'pending' AND o.expires_at > ?1),
		p.offers_received, coalesce((SELECT group_concat(m.cohort_id, ' ') FROM cohort_members m
			WHERE m.participant_id = p.id AND m.at_cap), '')
		FROM participants p JOIN companies c ON c.id = p.company_id
		WHERE p.id IN (`+marks+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	defer rows.Close()
	byID := make(map[string]app.DirectoryEntry, len(page))
	for rows.Next() {
		var e app.DirectoryEntry
		var received bool
		var atCap string
		e.Participant, err = codec.ScanParticipant(rows, &e.CompanyName, &e.Industry, &e.PendingReceived, &received, &atCap)
		if err != nil {
			return nil, fmt.Errorf("search directory: %w", err)
		}
		// The server's facts of offers (migration 018).
		e.OffersReceived = received
		if atCap != "" {
			e.AtCapIn = strings.Fields(atCap)
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
