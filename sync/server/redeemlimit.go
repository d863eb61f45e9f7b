package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Redeem attempts that fail are limited three ways:
//
//   - per client address: redeemBurst at once, then one more each
//     redeemRefill. A person who mistypes a code a few times is never
//     stopped; a program guessing codes from one address is slowed to a
//     trickle, before its codes are even looked up. Behind a proxy the
//     client is the address the trusted proxies name (clientAddr), so
//     one client's guesses never slow another; an IPv6 client counts by
//     its /64, which one subscriber usually has whole.
//   - per code: one code that was refused codeBurst times, from any
//     addresses, is refused without being looked up until codeRefill has
//     given a try back. A code that can be redeemed is never refused
//     that way: only refusals count, a code that was refused (unknown,
//     used, revoked or expired) never becomes redeemable, and new codes
//     are drawn at random (60 bits).
//   - globally: every refused code, from anyone, takes one of
//     globalBurst, which grow back one each globalRefill. This ceiling
//     never refuses a code before it is checked: a good code is looked up
//     and redeemed whatever the ceiling says. When the ceiling is spent,
//     a wrong code is answered 429 instead of 400 and costs its sender
//     the rest of its own allowance, so that while many addresses guess
//     together each of them gets one try per redeemRefill instead of a
//     burst of redeemBurst. Nobody can lock out someone else's good code
//     with it: the ceiling only changes what a refused code costs the
//     address that sent it.
//
// The codes have 60 bits, so guessing would fail anyway; the limits keep
// guessing from loading the database and make it slower still.
const (
	redeemBurst  = 20
	redeemRefill = 3 * time.Second
	maxLimited   = 10000 // addresses (or codes) remembered; the oldest are dropped
	codeBurst    = 5
	codeRefill   = time.Minute
	globalBurst  = 200
	globalRefill = 100 * time.Millisecond // 10 refused codes a second, from everyone
)

// redeemLimit counts the failed redeems of each key (a client address, or
// a code's hash) as a token bucket.
type redeemLimit struct {
	mu     sync.Mutex
	clock  func() time.Time
	burst  float64
	refill time.Duration
	seen   map[string]*allowance
}

type allowance struct {
	tokens float64
	at     time.Time
}

// newRedeemLimit is the limit per client address.
func newRedeemLimit(clock func() time.Time) *redeemLimit {
	return newLimit(clock, redeemBurst, redeemRefill)
}

func newLimit(clock func() time.Time, burst int, refill time.Duration) *redeemLimit {
	return &redeemLimit{clock: clock, burst: float64(burst), refill: refill, seen: map[string]*allowance{}}
}

// fill brings b's tokens up to now. A clock set back gives nothing back
// and takes nothing away.
func (l *redeemLimit) fill(b *allowance, now time.Time) {
	if !now.After(b.at) {
		return
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()/l.refill.Seconds())
	b.at = now
}

// allowed reports whether key may try a code now, and if not, how long
// until it may.
func (l *redeemLimit) allowed(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.seen[key]
	if !ok {
		return true, 0
	}
	l.fill(b, l.clock())
	if b.tokens >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(l.refill))
}

// failed takes one token from key for a refused code.
func (l *redeemLimit) failed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.get(key)
	b.tokens = max(0, b.tokens-1)
}

// drain takes every token key has left.
func (l *redeemLimit) drain(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.get(key).tokens = 0
}

// get returns key's allowance, filled up to now, making a full one for a
// key not seen yet. l.mu is held.
func (l *redeemLimit) get(key string) *allowance {
	now := l.clock()
	b, ok := l.seen[key]
	if !ok {
		if len(l.seen) >= maxLimited {
			l.forgetOldest()
		}
		b = &allowance{tokens: l.burst, at: now}
		l.seen[key] = b
	}
	l.fill(b, now)
	return b
}

// forgetOldest drops the key seen longest ago (and every full one).
func (l *redeemLimit) forgetOldest() {
	var oldest string
	var at time.Time
	now := l.clock()
	for a, b := range l.seen {
		l.fill(b, now)
		if b.tokens >= l.burst {
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

// globalKey is the one key of the global limit.
const globalKey = ""

// redeemRefused counts a refused code against its sender's address, the
// code (by its hash; "" for one too malformed to look up) and the global
// ceiling. It reports whether the ceiling was spent, in which case the
// sender has lost the rest of its allowance too.
func (s *Server) redeemRefused(addr, codeHash string) bool {
	s.redeems.failed(addr)
	if codeHash != "" {
		s.codeTries.failed(codeHash)
	}
	if ok, _ := s.globalTries.allowed(globalKey); !ok {
		s.redeems.drain(addr)
		return true
	}
	s.globalTries.failed(globalKey)
	return false
}

// clientAddr is the client a request comes from, as the redeem limits
// count it: the peer's address (without its port), or, when the peer is
// a trusted proxy, the rightmost address of X-Forwarded-For that is not a
// trusted proxy (the one the last trusted proxy saw: what stands left of
// it was written by the client and proves nothing). An IPv6 client is
// its /64.
func (s *Server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	xff := r.Header.Values("X-Forwarded-For")
	if !s.trusted(peer) {
		if len(xff) > 0 {
			s.warnForwarded.Do(func() {
				s.log.Warn("X-Forwarded-For from a peer that is not a trusted proxy is ignored: "+
					"behind a proxy, list it in -trusted-proxies, or its clients share one allowance of invite codes",
					"peer", peer.String())
			})
		}
		return addrKey(peer)
	}
	client := peer
	hops := strings.Split(strings.Join(xff, ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			break // not an address: stop at the last one a trusted proxy gave
		}
		client = a
		if !s.trusted(a) {
			break
		}
	}
	return addrKey(client)
}

// trusted reports whether a is one of the trusted proxies.
func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.trustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseHop reads one address of X-Forwarded-For, with or without a port.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

// addrKey is the key an address is counted under: an IPv4 address, or an
// IPv6 address's /64.
func addrKey(a netip.Addr) string {
	if a.Is6() {
		if p, err := a.Prefix(64); err == nil {
			return p.String()
		}
	}
	return a.String()
}

// ParseTrustedProxies reads a comma-separated list of addresses and CIDR
// prefixes ("127.0.0.1, 10.0.0.0/8, ::1").
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, err
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, err
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
