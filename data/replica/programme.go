package replica

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// ProgrammeStatuses tells, for each cohort me is a member of (the latest
// first), where me stands with its programme survey and self-assessment
// at now (app.ProgrammeStatus): what is due, and me's own answers.
func (s *Store) ProgrammeStatuses(ctx context.Context, me string, now time.Time) ([]app.ProgrammeStatus, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts
		WHERE id IN (SELECT cohort_id FROM cohort_members WHERE participant_id = ?)
		ORDER BY starts_on DESC, id`, me)
	if err != nil {
		return nil, fmt.Errorf("programme statuses of %s: %w", me, err)
	}
	var out []app.ProgrammeStatus
	for rows.Next() {
		c, err := codec.ScanCohort(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("programme statuses of %s: %w", me, err)
		}
		out = append(out, app.ProgrammeStatus{Cohort: c})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("programme statuses of %s: %w", me, err)
	}
	for i := range out {
		if err := s.programmeStatus(ctx, &out[i], me, now); err != nil {
			return nil, fmt.Errorf("programme status of %s in %s: %w", me, out[i].Cohort.ID, err)
		}
	}
	return out, nil
}

// programmeStatus fills st, of st.Cohort, for me at now.
func (s *Store) programmeStatus(ctx context.Context, st *app.ProgrammeStatus, me string, now time.Time) error {
	c := st.Cohort
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM talks
		WHERE cohort_id = ?1 AND (a_id = ?2 OR b_id = ?2)
		AND (state = 'held' OR state = 'scheduled' AND end_at <= ?3)`,
		c.ID, me, codec.Millis(now)).Scan(&st.HeldTalks); err != nil {
		return err
	}
	var sv app.ProgrammeSurvey
	var created int64
	err := s.r.QueryRowContext(ctx, `SELECT satisfaction, next_round, recommend, insight, next_step, created_at
		FROM programme_surveys WHERE cohort_id = ? AND author_id = ?`, c.ID, me).
		Scan(&sv.Satisfaction, &sv.NextRound, &sv.Recommend, &sv.Insight, &sv.NextStep, &created)
	switch {
	case err == nil:
		sv.CohortID, sv.AuthorID, sv.CreatedAt = c.ID, me, codec.FromMillis(created)
		st.Survey = &sv
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT phase, answers, created_at FROM self_assessments
		WHERE cohort_id = ? AND author_id = ?`, c.ID, me)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a := app.SelfAssessment{CohortID: c.ID, AuthorID: me}
		var answers string
		if err := rows.Scan(&a.Phase, &answers, &created); err != nil {
			return err
		}
		a.CreatedAt = codec.FromMillis(created)
		if err := json.Unmarshal([]byte(answers), &a.Answers); err != nil {
			return fmt.Errorf("%s self-assessment: %w", a.Phase, err)
		}
		if a.Phase == app.PhaseBefore {
			st.Before = &a
		} else {
			st.After = &a
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	st.Due = app.ProgrammeSurveyDue(c, st.HeldTalks, st.Survey != nil, now)
	// A person who has answered the "after" is not asked for a "before"
	// (selfassessment.submit.v1 refuses it).
	st.BeforeDue = app.SelfAssessmentDue(c, true, st.Before != nil || st.After != nil, now)
	return nil
}
