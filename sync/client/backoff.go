package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// backoff is the wait before retry number attempt (1, 2, …): exponential
// with full jitter, drawn uniformly between lo and lo·2^(attempt-1) capped
// at hi, so that even an unlucky draw never retries at once. A wait the
// server asked for (Retry-After) is honoured up to hi.
func backoff(attempt int, lo, hi, asked time.Duration) time.Duration {
	ceil := lo
	for i := 1; i < attempt && ceil < hi; i++ {
		ceil *= 2
	}
	ceil = min(ceil, hi)
	d := lo
	if ceil > lo {
		d += rand.N(ceil - lo + 1)
	}
	return min(max(d, asked), hi)
}

// retryWait is the loop's wait before retry number attempt after err.
// While the server cannot be reached at all, the wait is capped at
// OfflineRetry: the retry fails at connecting, costing the server
// nothing, and a server or network that returns is seen within seconds
// rather than after a backoff grown to a minute. An error the server
// answered with (overloaded, a bug) backs off up to MaxBackoff.
func (c *Client) retryWait(attempt int, err error) time.Duration {
	hi := c.opts.MaxBackoff
	if errors.Is(err, ErrUnreachable) {
		hi = min(hi, c.opts.OfflineRetry)
	}
	return backoff(attempt, c.opts.MinBackoff, hi, retryAfter(err))
}

// sleep waits for d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
