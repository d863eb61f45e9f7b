package client

import (
	"bytes"
	"context"
	"slices"
	"time"

	"crosstalk/data/replica"
)

// Status is how sync stands, for the UI.
type Status struct {
	// Online reports whether the last request reached the server.
	Online bool
	// Syncing is set while a push and pull cycle runs.
	Syncing bool
	// Pending counts the changes waiting for the server.
	Pending int
	// LastSync is when a cycle last completed, by the device's clock.
	LastSync time.Time
	// FromEmpty is set when the cycle that completed at LastSync began on
	// a replica that held nothing from the server: a first sync, whose
	// rows are no news to tell the user of.
	FromEmpty bool
	// AuthFailed is set when the server refused the device's token
	// (revoked or unknown): sync waits until Connect is called again.
	AuthFailed bool
	// LastError describes the last failure, for logs and details; it is
	// empty after a success.
	LastError string
	// Rejections are the queued changes the server refused, not yet
	// marked seen, oldest first. Their codes key the UI's explanations.
	Rejections []replica.Rejection
}

// Equal reports whether s and t are the same status.
func (s Status) Equal(t Status) bool {
	return s.Online == t.Online && s.Syncing == t.Syncing && s.Pending == t.Pending &&
		s.LastSync.Equal(t.LastSync) && s.FromEmpty == t.FromEmpty && s.AuthFailed == t.AuthFailed && s.LastError == t.LastError &&
		slices.EqualFunc(s.Rejections, t.Rejections, func(a, b replica.Rejection) bool {
			return a.MutationID == b.MutationID && a.Name == b.Name && a.Code == b.Code &&
				a.At.Equal(b.At) && bytes.Equal(a.Args, b.Args)
		})
}

func (s Status) clone() Status {
	s.Rejections = slices.Clone(s.Rejections)
	return s
}

// statusState is the status and its subscribers, guarded by Client.mu.
type statusState struct {
	cur        Status
	changed    chan struct{} // closed, and replaced, on every change
	version    uint64        // counts changes
	delivering bool          // a goroutine is calling the subscribers
	subs       map[uint64]func(Status)
	nextSub    uint64
}

func (st *statusState) init() {
	st.changed = make(chan struct{})
	st.subs = map[uint64]func(Status){}
}

// Status returns the current status.
func (c *Client) Status() Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st.cur.clone()
}

// Subscribe calls fn with the new status whenever it changes, until
// cancel is called. Calls never overlap and come in order, the last one
// with the latest status; they are made on a goroutine of the client (the
// loop's, usually), so fn should hand the status over to its own
// goroutine (the UI wraps it in fyne.Do) and not block. fn is not called
// for the status at the time of Subscribe: read Status for that.
func (c *Client) Subscribe(fn func(Status)) (cancel func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.st.nextSub
	c.st.nextSub++
	c.st.subs[id] = fn
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.st.subs, id)
	}
}

// update changes the status with f and, if it changed, tells the
// subscribers. f must replace Rejections rather than change its
// elements. A goroutine already delivering takes over the delivery of
// changes made meanwhile, so subscribers are never called at once from
// two goroutines, nor from within themselves.
func (c *Client) update(f func(*Status)) {
	c.mu.Lock()
	old := c.st.cur
	f(&c.st.cur)
	if old.Equal(c.st.cur) {
		c.mu.Unlock()
		return
	}
	c.st.version++
	close(c.st.changed)
	c.st.changed = make(chan struct{})
	if c.st.delivering {
		c.mu.Unlock()
		return
	}
	c.st.delivering = true
	done := false
	defer func() {
		if !done { // a subscriber panicked: let the next change deliver
			c.mu.Lock()
			c.st.delivering = false
			c.mu.Unlock()
		}
	}()
	for {
		v, s := c.st.version, c.st.cur.clone()
		ids := make([]uint64, 0, len(c.st.subs))
		for id := range c.st.subs {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		fns := make([]func(Status), len(ids))
		for i, id := range ids {
			fns[i] = c.st.subs[id]
		}
		c.mu.Unlock()
		for _, fn := range fns {
			fn(s.clone())
		}
		c.mu.Lock()
		if c.st.version == v {
			c.st.delivering = false
			done = true
			c.mu.Unlock()
			return
		}
	}
}

// setOnline records whether the last request reached the server.
func (c *Client) setOnline(on bool) {
	changed := false
	c.update(func(s *Status) { changed, s.Online = s.Online != on, on })
	if changed {
		c.log.Info("sync: server reachable", "online", on)
	}
}

// refresh reads the outbox size and the unseen rejections from the
// replica into the status.
func (c *Client) refresh(ctx context.Context) error {
	// One at a time, so that a slow reader never publishes figures older
	// than a quicker one's.
	c.refreshing.Lock()
	defer c.refreshing.Unlock()
	n, err := c.r.Pending(ctx)
	if err != nil {
		return err
	}
	rej, err := c.r.Rejections(ctx)
	if err != nil {
		return err
	}
	c.update(func(s *Status) { s.Pending, s.Rejections = n, rej })
	return nil
}

// MarkRejectionsSeen marks the rejections up to mutation id upTo as
// read: they leave Status.Rejections.
func (c *Client) MarkRejectionsSeen(ctx context.Context, upTo int64) error {
	if err := c.r.MarkRejectionsSeen(ctx, upTo); err != nil {
		return err
	}
	return c.refresh(ctx)
}

// waitStatus waits until ok holds for the status, or ctx ends.
func (c *Client) waitStatus(ctx context.Context, ok func(Status) bool) error {
	for {
		c.mu.Lock()
		good, ch := ok(c.st.cur), c.st.changed
		c.mu.Unlock()
		if good {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
