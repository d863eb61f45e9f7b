package server

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// hub wakes long-polls. Its sequence number counts the changes; each
// change closes the channel every waiter holds and puts a new one in its
// place, so all of them wake at once, with no timer or polling.
type hub struct {
	mu      sync.Mutex
	seq     int64
	wake    chan struct{}
	closed  bool
	waiting int // pokes waiting now, for tests
}

func newHub(seq int64) *hub {
	return &hub{seq: seq, wake: make(chan struct{})}
}

// notify counts a change and wakes every waiter.
func (h *hub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	if !h.closed {
		close(h.wake)
		h.wake = make(chan struct{})
	}
}

// watch returns the current sequence number and the channel that closes
// at the next change (or at once, after close).
func (h *hub) watch() (int64, <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seq, h.wake
}

// current returns the sequence number.
func (h *hub) current() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seq
}

// close wakes every waiter for good: later watches return a closed
// channel.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.wake)
	}
}

// count adds d to the number of waiting pokes.
func (h *hub) count(d int) {
	h.mu.Lock()
	h.waiting += d
	h.mu.Unlock()
}

// waiters returns the number of waiting pokes.
func (h *hub) waiters() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.waiting
}

// poke answers wire.PathPoke, a long-poll with no data. A client whose
// seq is not the current one (or who sends none) is answered at once
// with Poke true: it has missed a change, or this is another run of the
// server. Otherwise the answer waits for the next change (Poke true),
// PokeWait or the server's shutdown (Poke false), or the client leaving.
func (s *Server) poke(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	seq, wake := s.hub.watch()
	if q := r.URL.Query().Get(wire.PokeSeq); q != "" {
		have, err := strconv.ParseInt(q, 10, 64)
		if err != nil {
			return errBadRequest.with(fmt.Errorf("seq %q: %w", q, err))
		}
		if have == seq {
			s.hub.count(1)
			timer := time.NewTimer(s.pokeWait)
			select {
			case <-wake:
			case <-timer.C:
			case <-r.Context().Done():
			}
			timer.Stop()
			s.hub.count(-1)
			now := s.hub.current()
			writeJSON(w, http.StatusOK, wire.Poke{Seq: now, Poke: now != have})
			return nil
		}
	}
	writeJSON(w, http.StatusOK, wire.Poke{Seq: seq, Poke: true})
	return nil
}
