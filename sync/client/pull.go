package client

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"crosstalk/data"
	"crosstalk/data/replica"
	"crosstalk/sync/wire"
)

// maxResets is how many pulls in a row may answer with a reset before
// the server is deemed confused.
const maxResets = 3

// pull pulls every bucket until none has more, applying each answer to
// the replica in one transaction. A reset drops what the replica holds
// for the server, so the pull goes on from the start.
//
// While an answer is applied, the next one is already asked for, with the
// cursors the replica will hold once the answer is applied: the server
// reads and encodes a page while the replica writes the one before. The
// cursors are read back after each apply, and an answer asked for with
// other cursors than the replica then holds is dropped and asked again.
func (c *Client) pull(ctx context.Context, s session) error {
	pctx, cancel := context.WithCancel(ctx)
	var next <-chan *pulled // the answer in flight, if any
	defer func() {
		cancel()
		if next != nil {
			<-next
		}
	}()
	cursors, err := c.r.Cursors(ctx)
	if err != nil {
		return fmt.Errorf("pull: %w", err)
	}
	sent := cursors
	next = c.pullAsync(pctx, s, sent)
	resets := 0
	for {
		a := <-next
		next = nil
		if a.err != nil {
			return a.err
		}
		res := a.res
		c.measureSkew(ctx, a.sentAt, a.receivedAt, res.ServerTime)
		// A bucket the replica holds and the answer leaves out is no
		// longer the device's to read: the replica drops it, and for some
		// kinds everything, as for a reset, and pulls again.
		reset := slices.ContainsFunc(res.Buckets, func(p wire.BucketPage) bool { return p.Reset }) ||
			replica.WithdrawalResets(withdrawn(sent, res))
		var ahead map[string]data.BucketCursor
		if !reset && !res.Done() {
			if ahead = cursorsAfter(sent, res); !maps.Equal(ahead, sent) {
				next = c.pullAsync(pctx, s, ahead)
			}
		}
		<-a.decoded
		if a.decodeErr != nil {
			return fmt.Errorf("pull: %w: %w", ErrServer, a.decodeErr)
		}
		if err := c.r.ApplyPull(ctx, a.pr); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		if err := c.refresh(ctx); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
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
		if cursors, err = c.r.Cursors(ctx); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		if !reset && maps.Equal(cursors, sent) {
			return fmt.Errorf("pull: %w: more rows announced, but no cursor moved", ErrServer)
		}
		if next == nil || !maps.Equal(cursors, ahead) {
			if next != nil {
				// Asked for with cursors the replica does not hold (it
				// changed meanwhile): ask again.
				<-next
			}
			sent = cursors
			next = c.pullAsync(pctx, s, sent)
		} else {
			sent = ahead
		}
	}
}

// withdrawn lists the buckets of the cursors sent that res, which lists
// every bucket the device may read, leaves out.
func withdrawn(sent map[string]data.BucketCursor, res wire.PullResponse) []string {
	listed := make(map[string]bool, len(res.Buckets))
	for _, p := range res.Buckets {
		listed[p.Bucket] = true
	}
	var out []string
	for b := range sent {
		if !listed[b] {
			out = append(out, b)
		}
	}
	return out
}

// pulled is the answer to one pull request: as the server sent it, and,
// once decoded is closed, as the replica applies it, its rows decoded (or
// why they could not be).
type pulled struct {
	res                wire.PullResponse
	sentAt, receivedAt time.Time
	err                error

	decoded   chan struct{}
	pr        data.PullResult
	decodeErr error
}

// pullAsync sends a pull request with cursors and delivers its answer on
// the channel it returns, which receives exactly one value; then it
// decodes the answer's rows. So the next request, whose cursors the
// answer gives, goes out while these rows are decoded, and the replica
// writes the answer before.
func (c *Client) pullAsync(ctx context.Context, s session, cursors map[string]data.BucketCursor) <-chan *pulled {
	ch := make(chan *pulled, 1)
	go func() {
		a := &pulled{decoded: make(chan struct{})}
		defer close(a.decoded)
		a.sentAt = c.opts.Clock()
		a.err = c.call(ctx, s, request{
			op: opPull, method: http.MethodPost, path: wire.PathPull,
			body:    wire.PullRequest{Cursors: wireCursors(cursors)},
			query:   pullQuery,
			timeout: c.opts.RequestTimeout,
			decode:  decodePull,
		}, &a.res)
		a.receivedAt = c.opts.Clock()
		ch <- a
		if a.err == nil {
			a.pr = pullResult(a.res)
			a.decodeErr = replica.Decode(&a.pr)
		}
	}()
	return ch
}

// pullQuery asks for the person's devices with the rows (issue 14).
var pullQuery = url.Values{wire.PullWith: {wire.WithDevices}}

// decodePull decodes a pull's answer with the implementation of
// encoding/json/v2 (github.com/go-json-experiment/json, which Go 1.27
// takes into its standard library). It reads the answer in one pass,
// where encoding/json checks the whole text before it decodes it, and
// copies each row's JSON without scanning it twice: in an initial sync
// the client read its answers in about half the time, and the sync ran
// about a fifth faster. Its rules are stricter than encoding/json's
// (field names match exactly, a duplicate name or invalid UTF-8 is an
// error); the server's answers keep them, and anything else is a server
// error that changes nothing.
func decodePull(body []byte, out any) error { return jsonv2.Unmarshal(body, out) }

// cursorsAfter is what the replica's cursors are once res, which is no
// reset, is applied on a replica whose cursors were sent: each page's
// bucket at the page's cursor, every cursor in the answer's epoch, and
// none for a bucket res leaves out.
func cursorsAfter(sent map[string]data.BucketCursor, res wire.PullResponse) map[string]data.BucketCursor {
	out := make(map[string]data.BucketCursor, len(sent)+len(res.Buckets))
	for b, cur := range sent {
		out[b] = data.BucketCursor{Epoch: res.Epoch, Version: cur.Version}
	}
	for _, b := range withdrawn(sent, res) {
		delete(out, b) // the replica drops the buckets res leaves out
	}
	for _, p := range res.Buckets {
		out[p.Bucket] = data.BucketCursor{Epoch: res.Epoch, Version: p.Cursor}
	}
	return out
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
