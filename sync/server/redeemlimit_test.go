package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
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
