package replica

import (
	"context"
	"fmt"
	"slices"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Suggested partners (issue 19): the candidates of app.RankSuggestions,
// gathered from what the replica holds — the directory index for who is
// listed, their themes and industry; SQL for free times, offers, talks,
// dismissals and introductions — and ranked on the device.

// SuggestionCohort is the programme the viewer's suggestions are for: of
// their cohorts, the open one running at now that started last; "" when
// there is none.
func (s *Store) SuggestionCohort(ctx context.Context, viewerID string, now time.Time) (string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts
		WHERE id IN (SELECT cohort_id FROM cohort_members WHERE participant_id = ?) ORDER BY starts_on DESC, id`, viewerID)
	if err != nil {
		return "", fmt.Errorf("suggestion cohort of %s: %w", viewerID, err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := codec.ScanCohort(rows)
		if err != nil {
			return "", fmt.Errorf("suggestion cohort of %s: %w", viewerID, err)
		}
		if c.OpenAt(now) {
			return c.ID, nil
		}
	}
	return "", rows.Err()
}

// Suggestions ranks the people of cohortID for viewerID at now
// (app.RankSuggestions) and loads at most limit of them with their
// companies; none when the viewer is not in the cohort.
func (s *Store) Suggestions(ctx context.Context, viewerID, cohortID string, now time.Time, limit int) ([]app.SuggestionItem, error) {
	fail := func(err error) ([]app.SuggestionItem, error) {
		return nil, fmt.Errorf("suggestions for %s: %w", viewerID, err)
	}
	idx, err := s.index(ctx)
	if err != nil {
		return fail(err)
	}
	viewer, ok := idx.row(viewerID)
	if !ok {
		return fail(app.ErrNotFound)
	}
	if !slices.Contains(*viewer.cohorts, cohortID) {
		return nil, nil
	}
	c, err := s.Cohort(ctx, cohortID)
	if err != nil {
		return fail(err)
	}
	withMe, err := s.idSet(ctx, `SELECT to_id FROM offers WHERE from_id = ?1 UNION SELECT from_id FROM offers WHERE to_id = ?1
		UNION SELECT b_id FROM talks WHERE a_id = ?1 UNION SELECT a_id FROM talks WHERE b_id = ?1`, viewerID)
	if err != nil {
		return fail(err)
	}
	dismissed, err := s.idSet(ctx, `SELECT participant_id FROM suggestion_dismissals WHERE owner_id = ? AND cohort_id = ?`,
		viewerID, cohortID)
	if err != nil {
		return fail(err)
	}
	introduced, err := s.idSet(ctx, `SELECT CASE WHEN a_id = ?1 THEN b_id ELSE a_id END FROM introductions
		WHERE cohort_id = ?2 AND (a_id = ?1 OR b_id = ?1)`, viewerID, cohortID)
	if err != nil {
		return fail(err)
	}
	// Who has received an offer or has a talk, as far as the device
	// knows: not a fresh start.
	active, err := s.idSet(ctx, `SELECT to_id FROM offers UNION SELECT a_id FROM talks UNION SELECT b_id FROM talks`)
	if err != nil {
		return fail(err)
	}
	pending, err := s.counts(ctx, `SELECT to_id, count(*) FROM offers WHERE cohort_id = ? AND state = 'pending'
		AND expires_at > ? GROUP BY to_id`, cohortID, codec.Millis(now))
	if err != nil {
		return fail(err)
	}
	me := app.SuggestSelf{ID: viewerID, CompanyID: viewer.company.id, Industry: viewer.company.industry,
		Themes: *viewer.themes, FreeTimes: viewer.free}
	cands := make([]app.SuggestCandidate, 0, len(idx.rows))
	for i := range idx.rows {
		r := &idx.rows[i]
		if r == viewer || !r.listed || !slices.Contains(*r.cohorts, cohortID) {
			continue
		}
		c := app.SuggestCandidate{
			ID: r.id, CompanyID: r.company.id, Industry: r.company.industry, Themes: *r.themes, FreeTimes: r.free,
			Listed: r.listedFor(viewer), PendingReceived: pending[r.id],
			WithMe: withMe[r.id], Dismissed: dismissed[r.id], Introduced: introduced[r.id],
		}
		if active[r.id] {
			c.OffersReceived = 1 // one or more, or a talk: the ranking needs no more
		}
		cands = append(cands, c)
	}
	ranked := app.RankSuggestions(me, cands, c.Rules.MaxPendingReceived, limit)
	page := make([]string, len(ranked))
	for i, x := range ranked {
		page[i] = x.ParticipantID
	}
	bookmarks, err := s.idSet(ctx, `SELECT target_id FROM bookmarks WHERE owner_id = ?`, viewerID)
	if err != nil {
		return fail(err)
	}
	entries, err := s.entries(ctx, page, bookmarks, app.DirectoryQuery{Now: now})
	if err != nil {
		return fail(err)
	}
	byID := make(map[string]app.DirectoryEntry, len(entries))
	for _, e := range entries {
		byID[e.ID] = e
	}
	out := make([]app.SuggestionItem, 0, len(ranked))
	for _, x := range ranked {
		if e, ok := byID[x.ParticipantID]; ok {
			out = append(out, app.SuggestionItem{DirectoryEntry: e, CohortID: cohortID, Reasons: x.Reasons})
		}
	}
	return out, nil
}

// Introductions lists the secretariat's introductions of me, newest
// first, each with the other person as the directory shows them; one
// whose other person this device does not hold (no longer listed) is
// left out.
func (s *Store) Introductions(ctx context.Context, me string, now time.Time) ([]app.IntroductionItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.IntroductionCols+`,
			EXISTS (SELECT 1 FROM offers o WHERE o.cohort_id = i.cohort_id
				AND (o.from_id = i.a_id AND o.to_id = i.b_id OR o.from_id = i.b_id AND o.to_id = i.a_id))
		FROM introductions i WHERE i.a_id = ?1 OR i.b_id = ?1 ORDER BY i.created_at DESC, i.id`, me)
	if err != nil {
		return nil, fmt.Errorf("introductions of %s: %w", me, err)
	}
	var items []app.IntroductionItem
	for rows.Next() {
		var it app.IntroductionItem
		if it.Introduction, err = codec.ScanIntroduction(rows, &it.Offered); err != nil {
			rows.Close()
			return nil, fmt.Errorf("introductions of %s: %w", me, err)
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("introductions of %s: %w", me, err)
	}
	bookmarks, err := s.idSet(ctx, `SELECT target_id FROM bookmarks WHERE owner_id = ?`, me)
	if err != nil {
		return nil, fmt.Errorf("introductions of %s: %w", me, err)
	}
	out := items[:0]
	for _, it := range items {
		es, err := s.entries(ctx, []string{it.Other(me)}, bookmarks, app.DirectoryQuery{Now: now})
		if err != nil {
			return nil, fmt.Errorf("introductions of %s: %w", me, err)
		}
		if len(es) == 1 {
			it.Person = es[0]
			out = append(out, it)
		}
	}
	return out, nil
}

// counts reads a query of (id, count) into a map.
func (s *Store) counts(ctx context.Context, query string, args ...any) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
