package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

// TestRedeemLimit lets a person mistype a code many times, then slows
// down an address that keeps sending wrong codes, a good code included,
// until its allowance has grown back.
func TestRedeemLimit(t *testing.T) {
	e := newEnv(t)
	redeem := func(code string) (int, []byte, http.Header) {
		t.Helper()
		b, err := json.Marshal(wire.RedeemRequest{Code: code, DeviceName: "PC"})
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.NewRequest(http.MethodPost, e.ts.URL+wire.PathRedeem, bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := e.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, body, resp.Header
	}
	for i := range redeemBurst {
		if status, body, _ := redeem("WRNG-CODE-" + strconv.Itoa(1000+i)); status != http.StatusBadRequest {
			t.Fatalf("wrong code %d: %d %s", i, status, body)
		}
	}
	good := e.invite(demo.DemoUser)
	status, body, h := redeem(good)
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)
	if s, err := strconv.Atoi(h.Get("Retry-After")); err != nil || s < 1 || s > 4 {
		t.Errorf("Retry-After %q", h.Get("Retry-After"))
	}

	e.clock.Add(redeemRefill)
	if status, body, _ := redeem(good); status != http.StatusOK {
		t.Fatalf("the good code after the wait: %d %s", status, body)
	}
}

// TestRedeemLimitPerAddress keeps each address's allowance apart, lets it
// grow back with time, and forgets addresses when too many are known.
func TestRedeemLimitPerAddress(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	l := newRedeemLimit(func() time.Time { return now })
	for range redeemBurst {
		l.failed("192.0.2.1")
	}
	if ok, wait := l.allowed("192.0.2.1"); ok || wait <= 0 || wait > redeemRefill {
		t.Errorf("after %d refusals: allowed %v, wait %v", redeemBurst, ok, wait)
	}
	if ok, _ := l.allowed("192.0.2.2"); !ok {
		t.Error("another address is limited too")
	}
	now = now.Add(10 * redeemRefill)
	for i := range 10 {
		if ok, _ := l.allowed("192.0.2.1"); !ok {
			t.Fatalf("try %d after the wait refused", i)
		}
		l.failed("192.0.2.1")
	}
	if ok, _ := l.allowed("192.0.2.1"); ok {
		t.Error("more tries than the time gave back")
	}
	// A clock set back an hour neither refills nor drains.
	now = now.Add(-time.Hour)
	l.failed("192.0.2.3")
	if ok, _ := l.allowed("192.0.2.3"); !ok {
		t.Error("one refusal after the clock went back blocks the address")
	}
	if ok, _ := l.allowed("192.0.2.1"); ok {
		t.Error("the clock going back refilled an address")
	}
	for i := range maxLimited + 5 {
		l.failed("198.51.100." + strconv.Itoa(i))
	}
	if n := len(l.seen); n > maxLimited {
		t.Errorf("%d addresses remembered, at most %d", n, maxLimited)
	}
}

// redeemVia sends an invite code to e's server with an X-Forwarded-For
// header (none when xff is ""), as a proxy in front would, and returns the
// status and body.
func redeemVia(t *testing.T, e *env, xff, code string) (int, []byte, http.Header) {
	t.Helper()
	b, err := json.Marshal(wire.RedeemRequest{Code: code, DeviceName: "PC"})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+wire.PathRedeem, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body, resp.Header
}

// trustLoopback makes the test's own connections (from 127.0.0.1) those of
// a trusted proxy, as a TLS proxy on the same machine is.
func trustLoopback(c *envConfig) {
	c.opts.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
}

// wrongCode is the i-th of a series of codes that no one was given.
func wrongCode(i int) string { return fmt.Sprintf("WRNG-%04d-CODE", i) }

// Behind a trusted proxy, one client that burns its allowance of wrong
// codes is refused, and another client of the same proxy is not: its good
// code signs in. (Keyed on the proxy's address, the second was refused.)
func TestRedeemLimitBehindProxyPerClient(t *testing.T) {
	e := newEnv(t, trustLoopback)
	const attacker, other = "203.0.113.7", "198.51.100.20"
	for i := range redeemBurst {
		if status, body, _ := redeemVia(t, e, attacker, wrongCode(i)); status != http.StatusBadRequest {
			t.Fatalf("wrong code %d: %d %s", i, status, body)
		}
	}
	status, body, _ := redeemVia(t, e, attacker, wrongCode(99))
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)

	good := e.invite(demo.DemoUser)
	if status, body, _ := redeemVia(t, e, other, good); status != http.StatusOK {
		t.Fatalf("another client behind the same proxy: %d %s", status, body)
	}
	// A client behind a chain of trusted proxies is the rightmost address
	// that no trusted proxy holds; what the client wrote itself, on the
	// left, counts for nothing.
	status, body, _ = redeemVia(t, e, "192.0.2.200, "+attacker+", 127.0.0.5", wrongCode(100))
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)
}

// A client that is not a trusted proxy cannot choose the address it is
// counted under by writing X-Forwarded-For: it is counted under its own.
func TestRedeemLimitIgnoresSpoofedForwardedFor(t *testing.T) {
	e := newEnv(t, func(c *envConfig) {
		c.opts.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	})
	for i := range redeemBurst {
		if status, body, _ := redeemVia(t, e, fmt.Sprintf("198.51.100.%d", i), wrongCode(i)); status != http.StatusBadRequest {
			t.Fatalf("wrong code %d: %d %s", i, status, body)
		}
	}
	status, body, _ := redeemVia(t, e, "198.51.100.250", e.invite(demo.DemoUser))
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)
	if !strings.Contains(e.logs.String(), "X-Forwarded-For") {
		t.Error("no warning that a forwarded address from an untrusted peer was ignored")
	}
}

// One code sent wrongly from many addresses is refused after
// codeBurst tries, from any address, whatever their own allowance.
func TestRedeemLimitPerCodeAcrossAddresses(t *testing.T) {
	e := newEnv(t, trustLoopback)
	code := wrongCode(7)
	for i := range codeBurst {
		if status, body, _ := redeemVia(t, e, fmt.Sprintf("198.51.100.%d", i), code); status != http.StatusBadRequest {
			t.Fatalf("try %d of the code: %d %s", i, status, body)
		}
	}
	status, body, h := redeemVia(t, e, "203.0.113.99", code)
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)
	if h.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// The same code in another spelling is the same code.
	status, body, _ = redeemVia(t, e, "203.0.113.98", strings.ToLower(code))
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)
	// Other codes from those addresses are still checked.
	if status, body, _ := redeemVia(t, e, "198.51.100.1", e.invite(demo.DemoUser)); status != http.StatusOK {
		t.Fatalf("a good code from an address that tried the wrong one: %d %s", status, body)
	}
	e.clock.Add(codeRefill)
	if status, body, _ := redeemVia(t, e, "203.0.113.99", code); status != http.StatusBadRequest {
		t.Fatalf("the code after the wait: %d %s", status, body)
	}
}

// When wrong codes from many addresses have spent the server's global
// allowance, a wrong code is answered 429 and costs its sender the rest of
// its own allowance, but a good code is still checked first and signs in.
func TestRedeemGlobalCeilingNeverRefusesAGoodCode(t *testing.T) {
	e := newEnv(t, trustLoopback)
	for i := range globalBurst {
		xff := fmt.Sprintf("10.%d.%d.1", i/250, i%250)
		if status, body, _ := redeemVia(t, e, xff, wrongCode(i)); status != http.StatusBadRequest {
			t.Fatalf("wrong code %d: %d %s", i, status, body)
		}
	}
	status, body, _ := redeemVia(t, e, "198.51.100.1", wrongCode(globalBurst))
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)

	// A person who never tried before: their good code signs in.
	if status, body, _ := redeemVia(t, e, "198.51.100.2", e.invite(demo.DemoUser)); status != http.StatusOK {
		t.Fatalf("a good code while the global allowance is spent: %d %s", status, body)
	}
	// The sender of the wrong code may try again after one refill.
	good := e.invite(pid("x1"))
	status, body, _ = redeemVia(t, e, "198.51.100.1", good)
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)
	e.clock.Add(redeemRefill)
	if status, body, _ := redeemVia(t, e, "198.51.100.1", good); status != http.StatusOK {
		t.Fatalf("a good code after one refill: %d %s", status, body)
	}
	// Many good codes in a row, each from a fresh address, all sign in.
	for i, p := range []string{"x2", "x3", "y1", "y2", "y3"} {
		if status, body, _ := redeemVia(t, e, fmt.Sprintf("198.51.100.%d", 10+i), e.invite(pid(p))); status != http.StatusOK {
			t.Fatalf("good code %d: %d %s", i, status, body)
		}
	}
}

// TestClientAddr reads the client from X-Forwarded-For only through
// trusted proxies, takes the rightmost address no trusted proxy holds,
// stops at a hop that is not an address, and counts IPv6 by /64.
func TestClientAddr(t *testing.T) {
	trusted, err := ParseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1")
	if err != nil {
		t.Fatal(err)
	}
	s := New(nil, Options{TrustedProxies: trusted, Logger: slog.New(slog.DiscardHandler)})
	for _, tc := range []struct {
		peer string
		xff  []string
		want string
	}{
		{"192.0.2.1:5000", nil, "192.0.2.1"},
		{"192.0.2.1:5000", []string{"198.51.100.1"}, "192.0.2.1"}, // untrusted peer: the header is ignored
		{"127.0.0.1:5000", nil, "127.0.0.1"},
		{"127.0.0.1:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"127.0.0.1:5000", []string{"6.6.6.6, 198.51.100.1, 10.1.2.3"}, "198.51.100.1"},
		{"127.0.0.1:5000", []string{"6.6.6.6", "198.51.100.1,10.1.2.3"}, "198.51.100.1"}, // two headers are one list
		{"127.0.0.1:5000", []string{"garbage, 10.1.2.3"}, "10.1.2.3"},
		{"127.0.0.1:5000", []string{"10.9.9.9, 10.1.2.3"}, "10.9.9.9"}, // every hop trusted: the leftmost
		{"127.0.0.1:5000", []string{"198.51.100.1:4711"}, "198.51.100.1"},
		{"[::1]:5000", []string{"2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::/64"},
		{"[2001:db8:1:2::9]:5000", nil, "2001:db8:1:2::/64"},
		{"[::ffff:127.0.0.1]:5000", []string{"198.51.100.1"}, "198.51.100.1"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.RemoteAddr = tc.peer
		for _, v := range tc.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := s.clientAddr(r); got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %q, want %q", tc.peer, tc.xff, got, tc.want)
		}
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8, nonsense"); err == nil {
		t.Error("nonsense accepted")
	}
}
