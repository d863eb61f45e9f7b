package data

import (
	"context"
	"path/filepath"
	"testing"

	"crosstalk/app"
)

// Migration 014 gives every cohort made before it the default survey
// window and the first pilot's reference figures, and empty answer
// tables.
func TestMigration014CohortsTakeTheDefaults(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v13.db")
	oldFile(t, path, 13,
		`INSERT INTO cohorts (id, name, starts_on, ends_on, state, offer_expiry_days, max_pending_sent,
			max_pending_received, talk_minutes, version) VALUES ('c', '2026年度 第2期', '2026-11-01', '2027-02-28', 'open', 7, 3, 5, 60, 4)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var c app.Cohort
	if err := st.Update(ctx, func(tx app.Tx) (err error) {
		c, err = tx.Cohort(ctx, "c")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	opens, closes := c.SurveyWindow()
	if c.SurveyOpensOn != nil || c.SurveyClosesOn != nil || c.Reference != nil || c.ReferenceFigures() != app.PilotFigures ||
		!opens.Equal(app.Date(2027, 2, 22)) || !closes.Equal(app.Date(2027, 3, 15)) || c.Name != "2026年度 第2期" {
		t.Errorf("cohort after the migration: %+v, window %s–%s", c, opens, closes)
	}
	dump, err := st.DumpTables(ctx, "programme_surveys", "self_assessments")
	if err != nil {
		t.Fatal(err)
	}
	if dump != "== programme_surveys\n== self_assessments\n" {
		t.Errorf("new tables: %q", dump)
	}
}
