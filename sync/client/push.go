package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"crosstalk/app"
	"crosstalk/data/replica"
	"crosstalk/sync/wire"
)

// pushBudget is how many bytes of mutations one push carries at most,
// below wire.MaxBodyBytes to leave room for the envelope.
const pushBudget = wire.MaxBodyBytes - 4<<10

// push sends the whole outbox, oldest first, in batches of at most
// wire.MaxPushBatch mutations and pushBudget bytes, and records the
// server's refusals. The entries stay in the outbox: the next complete
// pull drops those the server has processed.
func (c *Client) push(ctx context.Context, s session) error {
	var after int64 // the last id the server has processed in this push
	seen := 0       // outbox entries at or below after
	for {
		batch, size, err := c.nextBatch(ctx, after, seen)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		var res wire.PushResponse
		err = c.call(ctx, s, request{
			op: opPush, method: http.MethodPost, path: wire.PathPush,
			body:    wire.PushRequest{Mutations: batch},
			timeout: c.opts.RequestTimeout,
		}, &res)
		if err != nil {
			return err
		}
		first, last := batch[0].ID, batch[len(batch)-1].ID
		refused := map[int64]app.Code{}
		for _, r := range res.Results {
			if r.Code != "" && r.ID >= first && r.ID <= last {
				refused[r.ID] = r.Code
			}
		}
		if len(refused) > 0 {
			if err := c.r.RecordRejections(ctx, refused, c.now()); err != nil {
				return fmt.Errorf("push: %w", err)
			}
			if err := c.refresh(ctx); err != nil {
				return fmt.Errorf("push: %w", err)
			}
			c.log.Info("mutations refused", "count", len(refused))
		}
		c.log.Debug("pushed", "mutations", len(batch), "bytes", size, "lastMutationId", res.LastMutationID)
		switch {
		case res.LastMutationID >= last:
			after, seen = last, seen+len(batch)
		case res.LastMutationID >= first:
			// Part of the batch was processed: go on after it.
			for _, m := range batch {
				if m.ID <= res.LastMutationID {
					seen++
				}
			}
			after = res.LastMutationID
		default:
			return fmt.Errorf("push: %w: server processed none of mutations %d to %d (last %d)",
				ErrServer, first, last, res.LastMutationID)
		}
	}
}

// nextBatch reads the outbox entries above after, skipping the seen
// entries at or below it, into one push's worth of wire mutations.
func (c *Client) nextBatch(ctx context.Context, after int64, seen int) ([]wire.Mutation, int, error) {
	entries, err := c.r.Outbox(ctx, seen+wire.MaxPushBatch)
	if err != nil {
		return nil, 0, fmt.Errorf("push: %w", err)
	}
	var batch []wire.Mutation
	size := 0
	for _, e := range entries {
		if e.ID <= after {
			continue
		}
		m := c.toWire(e)
		b, err := json.Marshal(m)
		if err != nil {
			return nil, 0, fmt.Errorf("push: mutation %d: %w", e.ID, err)
		}
		if len(batch) > 0 && (len(batch) == wire.MaxPushBatch || size+len(b)+1 > pushBudget) {
			break
		}
		batch, size = append(batch, m), size+len(b)+1
	}
	return batch, size, nil
}

// toWire is an outbox entry as pushed. Arguments that are not JSON
// cannot come from Enqueue, which decodes them; should a damaged file
// hold some, they travel as null, and the server's refusal (bad_args)
// tells the user, rather than the queue stalling for ever.
func (c *Client) toWire(e replica.OutboxEntry) wire.Mutation {
	args := e.Args
	if !json.Valid(args) {
		c.log.Error("outbox entry with malformed arguments", "id", e.ID, "name", e.Name)
		args = json.RawMessage("null")
	}
	return wire.Mutation{ID: e.ID, Name: e.Name, Args: args, ClientTime: e.ClientTime}
}
