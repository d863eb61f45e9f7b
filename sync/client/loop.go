package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Run syncs until ctx ends, then returns nil once everything it started
// has stopped. Each cycle pushes the outbox and pulls every bucket; then
// the loop waits for a mutation, a poke, ResyncEvery or the end of ctx.
// A failed cycle is retried after a backoff, so sync resumes by itself
// when the network or the server comes back. When the server refuses the
// device's token, Status.AuthFailed is set and the loop waits for Connect.
// Before the first Connect, it waits too.
//
// Run may be called again after it returns, but not while it runs: a
// second call gives ErrRunning.
func (c *Client) Run(ctx context.Context) error {
	c.mu.Lock()
	if c.running {
		c.mu.Unlock()
		return ErrRunning
	}
	c.running = true
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.running = false
		c.mu.Unlock()
	}()

	c.loadSkew(ctx)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	wg.Go(func() { c.pokeLoop(ctx) })

	if err := c.refresh(ctx); err != nil && ctx.Err() == nil {
		c.log.Warn("read status", "err", err)
	}
	attempt := 0
	for {
		c.mu.Lock()
		gen := c.gen
		c.mu.Unlock()
		// A wake-up asked for before this cycle started is answered by it.
		select {
		case <-c.wake:
		default:
		}
		err := c.SyncNow(ctx)
		var wait error
		switch {
		case ctx.Err() != nil:
			return nil
		case err == nil:
			attempt = 0
			wait = c.idle(ctx)
		case errors.Is(err, ErrNotConnected), errors.Is(err, ErrUnauthorized):
			attempt = 0
			wait = c.waitConnect(ctx, gen)
		default:
			attempt++
			d := c.retryWait(attempt, err)
			c.log.Debug("retry", "in", d, "attempt", attempt)
			wait = sleep(ctx, d)
		}
		if wait != nil {
			return nil
		}
	}
}

// idle waits for a reason to sync: a mutation, a poke, ResyncEvery, the
// client going offline (a poke or a SyncNow failed since the last cycle:
// the loop takes over and retries with backoff), or the end of ctx.
func (c *Client) idle(ctx context.Context) error {
	t := time.NewTimer(c.opts.ResyncEvery)
	defer t.Stop()
	for {
		c.mu.Lock()
		online, changed := c.st.cur.Online, c.st.changed
		c.mu.Unlock()
		if !online {
			return nil
		}
		select {
		case <-c.wake:
			return nil
		case <-t.C:
			return nil
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// SyncNow runs one cycle, push then pull, and returns when it is done.
// Its error is, among others, ErrNotConnected, ErrUnauthorized (the device
// must Connect again), ErrUnreachable or ErrServer. Cycles of SyncNow and
// Run never overlap.
func (c *Client) SyncNow(ctx context.Context) error {
	c.cycle.Lock()
	defer c.cycle.Unlock()
	s, err := c.session(ctx)
	if err != nil {
		return err
	}
	c.update(func(st *Status) { st.Syncing = true })
	held, err := c.r.Cursors(ctx)
	if err != nil {
		err = fmt.Errorf("sync: %w", err)
	} else {
		err = c.push(ctx, s)
	}
	if err == nil {
		err = c.pull(ctx, s)
	}
	if rerr := c.refresh(ctx); rerr != nil && err == nil {
		err = rerr
	}
	at := c.now()
	c.mu.Lock()
	connectedSince := c.gen != s.gen
	c.mu.Unlock()
	c.update(func(st *Status) {
		st.Syncing = false
		switch {
		case err == nil:
			st.LastSync, st.LastError, st.AuthFailed = at, "", false
			st.FromEmpty = len(held) == 0
		case ctx.Err() != nil:
		default:
			st.LastError = err.Error()
			// A token replaced meanwhile is not the one refused.
			st.AuthFailed = st.AuthFailed || (errors.Is(err, ErrUnauthorized) && !connectedSince)
		}
	})
	switch {
	case err == nil, ctx.Err() != nil:
	case ourBug(err):
		c.log.Error("sync: the server refused our request", "err", err)
	case errors.Is(err, ErrUnauthorized):
		c.log.Warn("sync: the server refused this device's token", "err", err)
	case errors.Is(err, ErrUnreachable):
		c.log.Debug("sync failed", "err", err) // offline is normal; setOnline logs the change
	default:
		c.log.Warn("sync failed", "err", err)
	}
	return err
}
