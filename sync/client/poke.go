package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"crosstalk/sync/wire"
)

// pokeLoop long-polls the server for pokes while the client is online
// and wakes the sync loop as soon as one says "pull now". It ends with
// ctx.
//
// The first answer after a start or a failure also wakes the loop: a
// change made between the last pull and that answer would otherwise wait
// for the next resync.
func (c *Client) pokeLoop(ctx context.Context) {
	var seq int64
	fresh := true // no seq yet, or the last poll failed
	attempt := 0
	for {
		// Poll only while the loop's requests get through and the token
		// is accepted; the loop probes with its own backoff meanwhile.
		if c.waitStatus(ctx, func(s Status) bool { return s.Online && !s.AuthFailed }) != nil {
			return
		}
		s, err := c.session(ctx)
		if err == nil {
			var p wire.Poke
			p, err = c.poke(ctx, s, seq, !fresh)
			if err == nil {
				if p.Poke || fresh {
					c.kick()
				}
				seq, fresh, attempt = p.Seq, false, 0
				continue
			}
		}
		if ctx.Err() != nil {
			return
		}
		fresh = true
		attempt++
		if errors.Is(err, ErrUnreachable) || errors.Is(err, ErrUnauthorized) {
			// Let the loop find out, report it, and retry with backoff.
			c.kick()
		}
		c.log.Debug("poke failed", "err", err, "attempt", attempt)
		if sleep(ctx, backoff(attempt, c.opts.MinBackoff, c.opts.MaxBackoff, retryAfter(err))) != nil {
			return
		}
	}
}

// poke makes one long-poll request. withSeq is false before the first
// answer: the server then answers at once with its current seq.
func (c *Client) poke(ctx context.Context, s session, seq int64, withSeq bool) (wire.Poke, error) {
	var q url.Values
	if withSeq {
		q = url.Values{wire.PokeSeq: {strconv.FormatInt(seq, 10)}}
	}
	var p wire.Poke
	err := c.call(ctx, s, request{
		op: opPoke, method: http.MethodGet, path: wire.PathPoke, query: q,
		timeout: c.opts.PokeWait + pokeGrace,
	}, &p)
	return p, err
}
