package serverstore

import (
	"context"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// ProgrammeSurveySettings are what the secretariat sets of a cohort's
// programme survey (issue 18): its first and last days (nil for the
// defaults of app.Cohort.SurveyWindow) and the figures its dashboard
// compares the cohort's with (nil for the first pilot's,
// app.PilotFigures).
type ProgrammeSurveySettings struct {
	OpensOn   *time.Time
	ClosesOn  *time.Time
	Reference *app.ProgrammeFigures
}

// SetProgrammeSurvey stores the programme survey settings of a cohort and
// returns the cohort as stored. The window must hold at least one day,
// and the reference figures must be within their scales. The cohort's
// readers receive the change with the cohort's row.
func (s *Store) SetProgrammeSurvey(ctx context.Context, cohortID string, set ProgrammeSurveySettings) (app.Cohort, error) {
	if f := set.Reference; f != nil && !f.Valid() {
		return app.Cohort{}, app.Reject(app.CodeOutOfRange, "reference figures %v out of their scales", *f)
	}
	var out app.Cohort
	err := s.write(ctx, func(tx *writeTx) error {
		c, err := tx.Cohort(ctx, cohortID)
		if err != nil {
			return rejectNotFound(err, "cohort")
		}
		c.SurveyOpensOn, c.SurveyClosesOn, c.Reference = set.OpensOn, set.ClosesOn, set.Reference
		if err := c.CheckSurveyWindow(); err != nil {
			return err
		}
		rs, rn, rr := codec.Reference(set.Reference)
		if _, err := tx.Exec(ctx, `UPDATE cohorts SET survey_opens_on = ?, survey_closes_on = ?,
			ref_satisfaction = ?, ref_next_round = ?, ref_recommend = ?, version = :v WHERE id = ?`,
			codec.OptDay(set.OpensOn), codec.OptDay(set.ClosesOn), rs, rn, rr, cohortID); err != nil {
			return fmt.Errorf("set programme survey of %s: %w", cohortID, err)
		}
		out, err = tx.Cohort(ctx, cohortID)
		return err
	})
	return out, err
}
