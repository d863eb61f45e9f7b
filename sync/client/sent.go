package client

import (
	"context"
	"errors"
	"fmt"

	"crosstalk/app"
)

// ErrNotSent is Sent's error when it cannot tell yet whether the server
// has a mutation: the client is offline, not connected, or the mutation
// was numbered again meanwhile (after a restore). The mutation stays
// queued and goes when it can.
var ErrNotSent = errors.New("client: not sent yet")

// keptOutcomes is how many of the server's answers Sent can still read:
// the latest ones, as it is called just after Mutate.
const keptOutcomes = 4096

// outcomes are the server's answers to the mutations this process has
// pushed, guarded by Client.mu: the rejection code, "" when it ran.
type outcomes struct {
	code  map[int64]app.Code
	moved map[int64]bool // ids given to other mutations by a renumbering
	top   int64
}

// recordOutcomes keeps the server's answers to pushed mutations.
func (c *Client) recordOutcomes(answers map[int64]app.Code) {
	c.mu.Lock()
	defer c.mu.Unlock()
	o := &c.outcomes
	if o.code == nil {
		o.code = map[int64]app.Code{}
	}
	for id, code := range answers {
		o.code[id] = code
		o.top = max(o.top, id)
	}
	if len(o.code) > keptOutcomes {
		for id := range o.code {
			if id <= o.top-keptOutcomes {
				delete(o.code, id)
			}
		}
	}
}

// recordMoves notes that the mutations queued under the keys of moved
// now have other ids: an id a caller holds from Mutate may name another
// mutation now.
func (c *Client) recordMoves(moved map[int64]int64) {
	if len(moved) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.outcomes.moved == nil {
		c.outcomes.moved = map[int64]bool{}
	}
	for id := range moved {
		c.outcomes.moved[id] = true
	}
}

// made forgets what was known of id, which a new mutation now has.
func (c *Client) made(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.outcomes.code, id)
	delete(c.outcomes.moved, id)
}

// Sent waits until the server has answered mutation id, the id Mutate
// returned, and the replica holds its answer (the mutation left the
// outbox). It returns nil when the server ran the mutation, the
// server's *app.Rejection when it refused it, ErrNotSent at once when the
// client is offline or cannot tell, or ctx's error when ctx ends first.
//
// When ctx ends after the server has answered but before a pull brought
// its rows, the answer is returned all the same: the server has it.
func (c *Client) Sent(ctx context.Context, id int64) error {
	for {
		c.mu.Lock()
		changed := c.st.changed
		online := c.st.cur.Online && !c.st.cur.AuthFailed
		code, answered := c.outcomes.code[id]
		moved := c.outcomes.moved[id]
		c.mu.Unlock()
		if moved {
			return ErrNotSent
		}
		queued, err := c.r.Queued(ctx, id)
		if err != nil {
			return fmt.Errorf("sent %d: %w", id, err)
		}
		switch {
		case answered && (!queued || !online):
			return outcome(code)
		case !queued:
			// Confirmed by a pull, but its answer came to another
			// process (or was forgotten): say nothing untrue.
			return ErrNotSent
		case !online:
			return ErrNotSent
		}
		// Every cycle ends with a change of status (Syncing), after its
		// pull: look again then.
		select {
		case <-changed:
		case <-ctx.Done():
			c.mu.Lock()
			code, answered = c.outcomes.code[id]
			c.mu.Unlock()
			if answered {
				return outcome(code)
			}
			return ctx.Err()
		}
	}
}

// outcome is the server's answer code as Sent returns it.
func outcome(code app.Code) error {
	if code == "" {
		return nil
	}
	return &app.Rejection{Code: code, Detail: "refused by the server"}
}
