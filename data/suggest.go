package data

import (
	"context"
	"fmt"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// The dismissed suggestions of issue 19 (migration 016).

// DismissSuggestion records a dismissal; one recorded already is kept as
// it is (its version too: nothing new to send).
func (t *Tx) DismissSuggestion(ctx context.Context, d app.SuggestionDismissal) error {
	if err := t.remember(ctx, "suggestion_dismissals", d.OwnerID, d.CohortID, d.ParticipantID); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO suggestion_dismissals (owner_id, cohort_id, participant_id, created_at, version)
		VALUES (?, ?, ?, ?, :v) ON CONFLICT (owner_id, cohort_id, participant_id) DO NOTHING`,
		d.OwnerID, d.CohortID, d.ParticipantID, codec.Millis(d.CreatedAt))
	if err != nil {
		return fmt.Errorf("dismiss %s for %s in %s: %w", d.ParticipantID, d.OwnerID, d.CohortID, err)
	}
	return nil
}
