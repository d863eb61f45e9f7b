package client

import (
	"context"
	"encoding/json"
)

// Mutate applies the mutation name to the replica at once and queues it
// for the server, then wakes the sync loop. It returns the mutation's id
// in the outbox, or the *app.Rejection with which the replica already
// refuses it (nothing is queued then). Sent tells when the server has it.
func (c *Client) Mutate(ctx context.Context, name string, args json.RawMessage) (int64, error) {
	actor, err := c.Actor(ctx)
	if err != nil {
		return 0, err
	}
	id, err := c.r.Enqueue(ctx, name, actor, args, c.now())
	if err != nil {
		return 0, err
	}
	c.made(id)
	if err := c.refresh(ctx); err != nil {
		c.log.Warn("status after mutation", "err", err)
	}
	c.kick()
	return id, nil
}
