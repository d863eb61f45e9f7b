package replica

import (
	"context"
	"fmt"
	"slices"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

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
