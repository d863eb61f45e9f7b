package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"crosstalk/app"
	"crosstalk/data/replica"
	"crosstalk/sync/wire"
)

// pushBudget is how many bytes of mutations one push carries at most,
// below wire.MaxBodyBytes to leave room for the envelope.
const pushBudget = wire.MaxBodyBytes - 4<<10

// push sends the whole outbox, oldest first, in batches of consecutive
// ids of at most wire.MaxPushBatch mutations and pushBudget bytes, and
// records the server's refusals. The entries stay in the outbox: the next
// complete pull drops those the server has processed.
//
// A push must start at the id the server expects, its lastMutationID+1.
// When it does not (the answer to an earlier push was lost, the server
// was restored from a backup, or the replica from an older copy), the
// server answers 409 with that id and nothing runs: resolve sorts the
// queue out and the push goes on from the expected id.
func (c *Client) push(ctx context.Context, s session) error {
	var after int64 // the entries at or below after are processed
	for {
		batch, size, err := c.nextBatch(ctx, after, -1)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		res, conflict, err := c.pushBatch(ctx, s, batch)
		if err != nil {
			return err
		}
		if conflict != nil {
			if after, err = c.resolve(ctx, s, after, batch, *conflict); err != nil {
				return err
			}
			continue
		}
		n, err := c.answered(ctx, batch, res)
		if err != nil {
			return err
		}
		c.log.Debug("pushed", "mutations", n, "bytes", size, "lastMutationId", res.LastMutationID)
		after = batch[n-1].ID
	}
}

// pushBatch pushes one batch. A 409 answer is returned as its
// PushConflict, not as an error.
func (c *Client) pushBatch(ctx context.Context, s session, batch []wire.Mutation) (wire.PushResponse, *wire.PushConflict, error) {
	var res wire.PushResponse
	err := c.call(ctx, s, request{
		op: opPush, method: http.MethodPost, path: wire.PathPush,
		body:    wire.PushRequest{Mutations: batch},
		timeout: c.opts.RequestTimeout,
	}, &res)
	var he *HTTPError
	if errors.As(err, &he) && he.Conflict != nil {
		return res, he.Conflict, nil
	}
	return res, nil, err
}

// answered records the results of a pushed batch, which the server gives
// for a prefix of it, and says how long the prefix is.
func (c *Client) answered(ctx context.Context, batch []wire.Mutation, res wire.PushResponse) (int, error) {
	if len(res.Results) == 0 || len(res.Results) > len(batch) {
		return 0, fmt.Errorf("push: %w: %d results for mutations %d to %d (last %d)",
			ErrServer, len(res.Results), batch[0].ID, batch[len(batch)-1].ID, res.LastMutationID)
	}
	refused, answers := map[int64]app.Code{}, map[int64]app.Code{}
	for i, r := range res.Results {
		if r.ID != batch[i].ID {
			return 0, fmt.Errorf("push: %w: result for mutation %d where %d was pushed", ErrServer, r.ID, batch[i].ID)
		}
		if r.Code != "" {
			refused[r.ID] = r.Code
		}
		answers[r.ID] = r.Code
	}
	if err := c.recordRefusals(ctx, refused); err != nil {
		return 0, err
	}
	c.recordOutcomes(answers)
	return len(res.Results), nil
}

// recordRefusals keeps the server's refusals for the user to read.
func (c *Client) recordRefusals(ctx context.Context, refused map[int64]app.Code) error {
	if len(refused) == 0 {
		return nil
	}
	if err := c.r.RecordRejections(ctx, refused, c.now()); err != nil {
		return fmt.Errorf("push: %w", err)
	}
	if err := c.refresh(ctx); err != nil {
		return fmt.Errorf("push: %w", err)
	}
	c.log.Info("mutations refused", "count", len(refused))
	return nil
}

// resolve answers a 409 to a push of batch: the server expects the id
// conflict.ExpectedID, and has told what it knows of the pushed ids below
// it. The entries at or below after were processed earlier in this push.
//
// Every queued id below the expected one is an id the server has
// processed. Until the server has said, for each, whether it processed
// that very mutation, resolve pushes the next of them (each such push is
// answered 409 too, and runs nothing). Then:
//   - those processed as the same mutation are done: their refusals are
//     recorded, and they stay queued until a pull confirms them;
//   - those processed as another mutation never ran: the replica's
//     counter went back (its file restored from an older copy) and it
//     used their ids again;
//   - those whose result the server has forgotten (pruned after its
//     ResultRetention) are done when the replica made them before the
//     server's cut-off (conflict.ForgottenBefore: it processed them
//     then), and never ran when it made them after (they cannot be the
//     ones processed: the counter went back);
//
// and every queued mutation not done is numbered again from the expected
// id, in order, with the device's counter after them (replica.Renumber),
// so that its next mutations are not refused either. That also moves the
// queue down to the expected id when the server lost ids it had processed
// (restored from a backup). resolve returns the id after which the push
// goes on.
func (c *Client) resolve(ctx context.Context, s session, after int64, batch []wire.Mutation, conflict wire.PushConflict) (int64, error) {
	processed := map[int64]app.Code{}
	reused, forgotten := map[int64]bool{}, map[int64]bool{}
	// forgottenBefore is the latest cut-off any round gave: the server
	// processed every forgotten id before it (a round that names no
	// forgotten id gives none).
	var forgottenBefore time.Time
	judged := after // the queued ids at or below it are judged
	for round := 0; ; round++ {
		expected := conflict.ExpectedID
		// A 409 expecting the id the push started at is no answer: try
		// again later rather than at once.
		if expected < 1 || expected-1 > wire.MaxMutationID || expected == batch[0].ID || round > 1000 {
			return 0, fmt.Errorf("push: %w: 409 to mutations %d to %d expecting %d (round %d)",
				ErrServer, batch[0].ID, batch[len(batch)-1].ID, expected, round)
		}
		for _, p := range conflict.Processed {
			processed[p.ID] = p.Code
		}
		for _, id := range conflict.Reused {
			reused[id] = true
		}
		for _, id := range conflict.Forgotten {
			forgotten[id] = true
		}
		if conflict.ForgottenBefore.After(forgottenBefore) {
			forgottenBefore = conflict.ForgottenBefore
		}
		// Every pushed id below the expected one is judged.
		judged = max(judged, min(batch[len(batch)-1].ID, expected-1))
		var err error
		if batch, _, err = c.nextBatch(ctx, judged, expected); err != nil {
			return 0, err
		}
		if len(batch) == 0 {
			return c.renumber(ctx, after, expected, processed, reused, forgotten, forgottenBefore)
		}
		res, next, err := c.pushBatch(ctx, s, batch)
		if err != nil {
			return 0, err
		}
		if next == nil {
			// Run after all: the server's last went down meanwhile (a
			// restore). Go on as after any answer.
			n, err := c.answered(ctx, batch, res)
			if err != nil {
				return 0, err
			}
			return batch[n-1].ID, nil
		}
		conflict = *next
	}
}

// renumber ends resolve, once every queued id below expected is judged:
// the done ones are kept, the others numbered again from expected.
func (c *Client) renumber(ctx context.Context, after, expected int64, processed map[int64]app.Code, reused, forgotten map[int64]bool, forgottenBefore time.Time) (int64, error) {
	refused := map[int64]app.Code{}
	for id, code := range processed {
		if code != "" {
			refused[id] = code
		}
	}
	if err := c.recordRefusals(ctx, refused); err != nil {
		return 0, err
	}
	// The forgotten mutations made after the server processed their ids.
	madeAfter := map[int64]bool{}
	if len(forgotten) > 0 {
		entries, err := c.r.Outbox(ctx, -1)
		if err != nil {
			return 0, fmt.Errorf("push: %w", err)
		}
		for _, e := range entries {
			madeAfter[e.ID] = forgotten[e.ID] && e.ClientTime.After(forgottenBefore)
		}
	}
	keep := func(id int64) bool {
		switch {
		case id >= expected:
			return false
		case id <= after:
			return true // answered earlier in this push
		default:
			// Processed as this very mutation, or forgotten and made
			// before the server processed its id. Any other (queued
			// while resolve ran, under an id the server never judged)
			// is numbered again.
			_, same := processed[id]
			return same || (forgotten[id] && !madeAfter[id])
		}
	}
	moved, err := c.r.Renumber(ctx, expected, keep)
	if err != nil {
		return 0, fmt.Errorf("push: %w", err)
	}
	c.recordMoves(moved)
	// The kept ones are done: their answer, or "" for those forgotten
	// (which ran, as far as anyone can tell).
	answers := map[int64]app.Code{}
	for id := range forgotten {
		if keep(id) {
			answers[id] = ""
		}
	}
	for id, code := range processed {
		if keep(id) {
			answers[id] = code
		}
	}
	c.recordOutcomes(answers)
	c.log.Info("push goes on from the server's expected mutation id", "expected", expected, "processed", len(processed),
		"reused", len(reused), "forgotten", len(forgotten))
	return expected - 1, nil
}

// nextBatch reads the outbox entries above after, into one push's worth
// of wire mutations with consecutive ids, below before when before > 0.
func (c *Client) nextBatch(ctx context.Context, after, before int64) ([]wire.Mutation, int, error) {
	entries, err := c.r.OutboxAfter(ctx, after, wire.MaxPushBatch)
	if err != nil {
		return nil, 0, fmt.Errorf("push: %w", err)
	}
	var batch []wire.Mutation
	size := 0
	for _, e := range entries {
		if before > 0 && e.ID >= before || len(batch) > 0 && e.ID != batch[len(batch)-1].ID+1 {
			break
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
