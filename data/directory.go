package data

import (
	"context"
	"fmt"
	"strings"

	"crosstalk/app"
	"crosstalk/app/jtext"
)

// SearchDirectory lists the participants q's viewer may talk with: people
// of other companies, visible, in one of the viewer's cohorts, matching
// every term of q.Text and every filter, ordered by reading.
func (s *Store) SearchDirectory(ctx context.Context, q app.DirectoryQuery) ([]app.DirectoryEntry, error) {
	var where strings.Builder
	args := []any{q.ViewerID, ms(q.Now), q.ViewerID, q.ViewerID, q.ViewerID}
	for _, term := range jtext.Terms(q.Text) {
		where.WriteString(` AND instr(s.text, ?) > 0`)
		args = append(args, term)
	}
	if q.Industry != "" {
		where.WriteString(` AND c.industry = ?`)
		args = append(args, q.Industry)
	}
	if q.Theme != "" {
		where.WriteString(` AND EXISTS (SELECT 1 FROM json_each(p.themes) WHERE value = ?)`)
		args = append(args, q.Theme)
	}
	if q.AgeBand != "" {
		where.WriteString(` AND p.age_band = ?`)
		args = append(args, q.AgeBand)
	}
	if q.Mode != "" {
		where.WriteString(` AND EXISTS (SELECT 1 FROM json_each(p.modes) WHERE value = ?)`)
		args = append(args, q.Mode)
	}
	if q.NotTalkedTo {
		where.WriteString(` AND NOT EXISTS (SELECT 1 FROM talks t WHERE t.state IN ('scheduled', 'held')
			AND ((t.a_id = ?1 AND t.b_id = p.id) OR (t.b_id = ?1 AND t.a_id = p.id)))`)
	}
	if q.NoOffersYet {
		where.WriteString(` AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.to_id = p.id)`)
	}
	if q.BookmarkedOnly {
		where.WriteString(` AND b.owner_id IS NOT NULL`)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	args = append(args, limit, max(q.Offset, 0))
	// ?1 is the viewer everywhere; SQLite numbers the plain ? after it.
	query := `SELECT ` + participantCols + `, c.name, c.industry, b.owner_id IS NOT NULL,
		(SELECT count(*) FROM offers o WHERE o.to_id = p.id AND o.state = 'pending' AND o.expires_at > ?2)
		FROM participant_search s
		JOIN participants p ON p.id = s.participant_id
		JOIN companies c ON c.id = p.company_id
		LEFT JOIN bookmarks b ON b.owner_id = ?3 AND b.target_id = p.id
		WHERE p.visible = 1 AND p.role = 'participant'
		AND p.company_id <> (SELECT company_id FROM participants WHERE id = ?4)
		AND EXISTS (SELECT 1 FROM cohort_members mv JOIN cohort_members mp ON mp.cohort_id = mv.cohort_id
			WHERE mv.participant_id = ?5 AND mp.participant_id = p.id)` +
		where.String() + `
		ORDER BY p.sort_key, p.id
		LIMIT ? OFFSET ?`
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	defer rows.Close()
	var out []app.DirectoryEntry
	for rows.Next() {
		var e app.DirectoryEntry
		e.Participant, err = scanParticipant(rows, &e.CompanyName, &e.Industry, &e.Bookmarked, &e.PendingReceived)
		if err != nil {
			return nil, fmt.Errorf("search directory: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	return out, nil
}
