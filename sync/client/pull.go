package client

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"crosstalk/data"
	"crosstalk/sync/wire"
)

// maxResets is how many pulls in a row may answer with a reset before
// the server is deemed confused.
const maxResets = 3

// pull pulls every bucket until none has more, applying each answer to
// the replica in one transaction. A reset drops what the replica holds
// for the server, so the pull goes on from the start.
func (c *Client) pull(ctx context.Context, s session) error {
	var sent map[string]data.BucketCursor
	resets := 0
	for {
		cursors, err := c.r.Cursors(ctx)
		if err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		if sent != nil && resets == 0 && maps.Equal(sent, cursors) {
			return fmt.Errorf("pull: %w: more rows announced, but no cursor moved", ErrServer)
		}
		sent = cursors
		var res wire.PullResponse
		sentAt := c.opts.Clock()
		err = c.call(ctx, s, request{
			op: opPull, method: http.MethodPost, path: wire.PathPull,
			body:    wire.PullRequest{Cursors: wireCursors(cursors)},
			timeout: c.opts.RequestTimeout,
		}, &res)
		if err != nil {
			return err
		}
		c.measureSkew(ctx, sentAt, c.opts.Clock(), res.ServerTime)
		if err := c.r.ApplyPull(ctx, pullResult(res)); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		if err := c.refresh(ctx); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		reset := slices.ContainsFunc(res.Buckets, func(p wire.BucketPage) bool { return p.Reset })
		c.log.Debug("pulled", "buckets", len(res.Buckets), "reset", reset, "done", res.Done())
		switch {
		case reset:
			if resets++; resets > maxResets {
				return fmt.Errorf("pull: %w: %d resets in a row", ErrServer, resets)
			}
		case res.Done():
			return nil
		default:
			resets = 0
		}
	}
}

// wireCursors lists the replica's cursors in bucket order.
func wireCursors(m map[string]data.BucketCursor) []wire.Cursor {
	out := make([]wire.Cursor, 0, len(m))
	for _, b := range slices.Sorted(maps.Keys(m)) {
		out = append(out, wire.Cursor{Bucket: b, Epoch: m[b].Epoch, Version: m[b].Version})
	}
	return out
}

// pullResult is a pull answer as the replica applies it.
func pullResult(res wire.PullResponse) data.PullResult {
	out := data.PullResult{Epoch: res.Epoch, LastMutationID: res.LastMutationID,
		Pages: make([]data.BucketPage, len(res.Buckets))}
	for i, p := range res.Buckets {
		page := data.BucketPage{Bucket: p.Bucket, Reset: p.Reset, Cursor: p.Cursor, More: p.More,
			Rows: make([]data.Change, len(p.Rows)), Deletes: make([]data.Deletion, len(p.Deletes))}
		for j, r := range p.Rows {
			page.Rows[j] = data.Change(r)
		}
		for j, d := range p.Deletes {
			page.Deletes[j] = data.Deletion(d)
		}
		out.Pages[i] = page
	}
	return out
}
