package server

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"crosstalk/sync/wire"
)

// poke long-polls with seq (none when negative) and decodes the answer.
func (e *env) poke(token string, seq int64) wire.Poke {
	e.t.Helper()
	path := wire.PathPoke
	if seq >= 0 {
		path += "?" + wire.PokeSeq + "=" + strconv.FormatInt(seq, 10)
	}
	status, body := e.call(http.MethodGet, path, token, nil)
	if status != http.StatusOK {
		e.t.Errorf("poke: %d %s", status, body)
		return wire.Poke{}
	}
	var p wire.Poke
	decode(e.t, body, &p)
	return p
}

// pokeAsync long-polls in a goroutine, once the hub has n-1 waiters, and
// returns when it is the n-th.
func (e *env) pokeAsync(token string, seq int64, n int) <-chan wire.Poke {
	e.t.Helper()
	ch := make(chan wire.Poke, 1)
	go func() { ch <- e.poke(token, seq) }()
	e.waitWaiters(n)
	return ch
}

// waitWaiters waits until n pokes wait in the hub. It only synchronises
// the test with the server; it measures nothing.
func (e *env) waitWaiters(n int) {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for e.srv.hub.waiters() != n {
		if time.Now().After(deadline) {
			e.t.Fatalf("%d pokes waiting, want %d", e.srv.hub.waiters(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestPokeAnswersAtOnce(t *testing.T) {
	e := newEnv(t) // PokeWait is a minute: an answer that waited would time the test out
	dev := e.login(pid("x1"))
	first := e.poke(dev.Token, -1)
	if !first.Poke {
		t.Fatalf("a first poke with no seq answered %+v, want poke", first)
	}
	if p := e.poke(dev.Token, first.Seq-1); !p.Poke || p.Seq != first.Seq {
		t.Fatalf("a stale seq answered %+v, want poke at %d", p, first.Seq)
	}
	if p := e.poke(dev.Token, first.Seq+7); !p.Poke || p.Seq != first.Seq {
		t.Fatalf("a seq of another run answered %+v, want poke at %d", p, first.Seq)
	}
	status, body := e.call(http.MethodGet, wire.PathPoke+"?seq=abc", dev.Token, nil)
	wantError(t, status, body, http.StatusBadRequest, wire.ErrBadRequest)
}

func TestPokeWakesOnNotify(t *testing.T) {
	e := newEnv(t) // PokeWait is a minute
	a, b := e.login(pid("x1")), e.login(pid("y1"))
	seq := e.poke(a.Token, -1).Seq
	waiting := []<-chan wire.Poke{e.pokeAsync(a.Token, seq, 1), e.pokeAsync(b.Token, seq, 2)}
	e.srv.Notify()
	for i, ch := range waiting {
		select {
		case p := <-ch:
			// Poke true is the wake-up: a timeout would answer false.
			if !p.Poke || p.Seq != seq+1 {
				t.Fatalf("waiter %d woke with %+v, want poke at %d", i, p, seq+1)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("waiter %d did not wake on Notify", i)
		}
	}
}

func TestPokeTimesOut(t *testing.T) {
	e := newEnv(t, func(c *envConfig) { c.opts.PokeWait = 20 * time.Millisecond })
	dev := e.login(pid("x1"))
	seq := e.poke(dev.Token, -1).Seq
	if p := e.poke(dev.Token, seq); p.Poke || p.Seq != seq {
		t.Fatalf("a poke with no change answered %+v, want no poke at %d", p, seq)
	}
}

func TestPushWakesOtherDevice(t *testing.T) {
	e := newEnv(t)
	a, b := e.login(pid("x1")), e.login(pid("y1"))
	seq := e.poke(b.Token, -1).Seq
	woke := e.pokeAsync(b.Token, seq, 1)

	m, offer := e.sendOffer(1, pid("y1"))
	e.push(a.Token, m)
	select {
	case p := <-woke:
		if !p.Poke {
			t.Fatalf("B's poke answered %+v", p)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("A's push did not wake B's poke")
	}
	if _, ok := e.pullAll(b.Token).offers(t)[offer]; !ok {
		t.Fatal("B's pull after the poke has no offer")
	}

	// A rejected push changes nothing, and wakes no one.
	seq = e.poke(b.Token, -1).Seq
	bad, _ := e.sendOffer(2, pid("x2"))
	if r := e.push(a.Token, bad); r.Results[0].Code == "" {
		t.Fatalf("offer to a colleague applied: %+v", r)
	}
	if got := e.srv.hub.current(); got != seq {
		t.Fatalf("a rejection notified: seq %d, want %d", got, seq)
	}
}
