package data

import (
	"context"
	"fmt"
	"strconv"

	"crosstalk/data/internal/codec"
)

// The server's two facts of offers (migration 018): whether a person has
// received an offer (participants.offers_received) and whether a member
// is at their programme's cap of pending offers received
// (cohort_members.at_cap). The server sets them from its offers in the
// transaction of every offer write; a replica stores what it pulls and
// never computes them, since it holds only its own person's offers.

// offerFlagsReceived is the SQL of a participant's offers_received.
const offerFlagsReceived = `EXISTS (SELECT 1 FROM offers o WHERE o.to_id = participants.id)`

// offerFlagsAtCap is the SQL of a membership's at_cap.
const offerFlagsAtCap = `((SELECT count(*) FROM offers o WHERE o.to_id = cohort_members.participant_id
		AND o.cohort_id = cohort_members.cohort_id AND o.state = 'pending')
	>= (SELECT c.max_pending_received FROM cohorts c WHERE c.id = cohort_members.cohort_id))`

// RefreshOfferFlags sets both flags of the people ids from the offers,
// and raises to this transaction's version each row whose flag flipped,
// and the person of each membership whose at_cap flipped; a row whose
// flags stay as they were keeps its version, so that no device pulls it
// again. Nothing on a replica.
func (t *Tx) RefreshOfferFlags(ctx context.Context, ids ...string) error {
	if len(ids) == 0 || t.replica {
		return nil
	}
	list := codec.JSON(ids)
	if _, err := t.Exec(ctx, `UPDATE participants SET offers_received = `+offerFlagsReceived+`, version = :v
		WHERE id IN (SELECT value FROM json_each(?1)) AND offers_received <> `+offerFlagsReceived, list); err != nil {
		return fmt.Errorf("refresh offer flags: %w", err)
	}
	return t.refreshAtCap(ctx, `participant_id IN (SELECT value FROM json_each(?1))`, list)
}

// RefreshCohortCap sets at_cap for every member of cohortID, after its
// cap changed, as RefreshOfferFlags does.
func (t *Tx) RefreshCohortCap(ctx context.Context, cohortID string) error {
	if t.replica {
		return nil
	}
	return t.refreshAtCap(ctx, `cohort_id = ?1`, cohortID)
}

// RefreshFull sets at_cap for the members now at a cap, after pending
// offers ended in bulk (expiry, a member leaving): none can have become
// full.
func (t *Tx) RefreshFull(ctx context.Context) error {
	if t.replica {
		return nil
	}
	return t.refreshAtCap(ctx, `at_cap`)
}

// refreshAtCap sets at_cap of the memberships that where selects (with
// ?1 the first of args) and raises the flipped ones and their people.
func (t *Tx) refreshAtCap(ctx context.Context, where string, args ...any) error {
	v, err := t.Version(ctx)
	if err != nil {
		return err
	}
	rows, err := t.tx.QueryContext(ctx, `UPDATE cohort_members SET at_cap = `+offerFlagsAtCap+`, version = `+
		strconv.FormatInt(v, 10)+` WHERE `+where+` AND at_cap <> `+offerFlagsAtCap+` RETURNING participant_id`, args...)
	if err != nil {
		return fmt.Errorf("refresh offer caps: %w", err)
	}
	var people []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("refresh offer caps: %w", err)
		}
		people = append(people, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("refresh offer caps: %w", err)
	}
	if len(people) == 0 {
		return nil
	}
	// The writers keep a person's version at or above their memberships'
	// (migration 003), and the person's row carries the change too.
	if _, err := t.tx.ExecContext(ctx, `UPDATE participants SET version = ?2 WHERE version < ?2
		AND id IN (SELECT value FROM json_each(?1))`, codec.JSON(people), v); err != nil {
		return fmt.Errorf("refresh offer caps: %w", err)
	}
	return nil
}
