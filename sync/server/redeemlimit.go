package server

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Redeem attempts that fail are limited per client address: redeemBurst
// at once, then one more each redeemRefill. A person who mistypes a code
// a few times is never stopped; a program guessing codes is slowed to a
// trickle (the codes have 60 bits, so guessing would fail anyway: this
// keeps it from loading the database). A company behind one address
// shares the allowance, so it is generous.
const (
	redeemBurst  = 20
	redeemRefill = 3 * time.Second
	maxLimited   = 10000 // addresses remembered; the oldest are dropped
)

// redeemLimit counts the failed redeems of each client address as a token
// bucket.
type redeemLimit struct {
	mu    sync.Mutex
	clock func() time.Time
	seen  map[string]*allowance
}

type allowance struct {
	tokens float64
	at     time.Time
}

func newRedeemLimit(clock func() time.Time) *redeemLimit {
	return &redeemLimit{clock: clock, seen: map[string]*allowance{}}
}

// clientAddr is the address a request came from, without its port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// fill brings b's tokens up to now. A clock set back gives nothing back
// and takes nothing away.
func (l *redeemLimit) fill(b *allowance, now time.Time) {
	if !now.After(b.at) {
		return
	}
	b.tokens = min(redeemBurst, b.tokens+now.Sub(b.at).Seconds()/redeemRefill.Seconds())
	b.at = now
}

// allowed reports whether addr may try a code now, and if not, how long
// until it may.
func (l *redeemLimit) allowed(addr string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.seen[addr]
	if !ok {
		return true, 0
	}
	l.fill(b, l.clock())
	if b.tokens >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(redeemRefill))
}

// failed takes one token from addr for a refused code.
func (l *redeemLimit) failed(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock()
	b, ok := l.seen[addr]
	if !ok {
		if len(l.seen) >= maxLimited {
			l.forgetOldest()
		}
		b = &allowance{tokens: redeemBurst, at: now}
		l.seen[addr] = b
	}
	l.fill(b, now)
	b.tokens = max(0, b.tokens-1)
}

// forgetOldest drops the address seen longest ago (and every full one).
func (l *redeemLimit) forgetOldest() {
	var oldest string
	var at time.Time
	now := l.clock()
	for a, b := range l.seen {
		l.fill(b, now)
		if b.tokens >= redeemBurst {
			delete(l.seen, a)
			continue
		}
		if oldest == "" || b.at.Before(at) {
			oldest, at = a, b.at
		}
	}
	if len(l.seen) >= maxLimited {
		delete(l.seen, oldest)
	}
}
