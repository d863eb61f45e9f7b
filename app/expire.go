package app

import (
	"context"
	"fmt"
	"time"
)

// Expire moves every pending offer past its expiry at now to expired, in
// one transaction, and counts them. Only the server runs it with
// authority; a client's prediction is corrected at the next pull.
func Expire(ctx context.Context, store Store, now time.Time) (int, error) {
	var n int
	err := store.Update(ctx, func(tx Tx) error {
		var err error
		n, err = tx.ExpireOffers(ctx, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("expire offers: %w", err)
	}
	return n, nil
}
