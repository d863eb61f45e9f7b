package serverstore

import (
	"context"
	"time"
)

// signedIn keeps the cohort buckets right after a device of participant
// pid was registered in this transaction (Redeem): a person's first
// device makes them joined, and a visible participant who joins is listed
// in their cohorts from this version on (data.Tx.ListingsChanged,
// migration 009). A later device changes nothing.
func (t *writeTx) signedIn(ctx context.Context, pid string, now time.Time) error {
	return t.ListingsChanged(ctx, []string{pid}, now)
}
