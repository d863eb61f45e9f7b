package e2e

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// fault is what faultNet does to one request.
type fault int

const (
	pass         fault = iota // the request goes through
	dropRequest               // a network error before the server sees anything
	dropResponse              // the server answers in full, then the client gets a network error
	unavailable               // a 503 from something in between; the server sees nothing
	slow                      // the request goes through after a delay
	numFaults
)

var faultNames = [numFaults]string{"pass", "drop-request", "drop-response", "503", "slow"}

func (f fault) String() string { return faultNames[f] }

// errInjected is the network error faultNet makes up.
var errInjected = errors.New("e2e: connection reset by peer (injected)")

// faultNet is an http.RoundTripper over a real transport that does to
// each request what its policy says, and counts what it did. The zero
// policy lets everything through.
type faultNet struct {
	next *http.Transport

	mu     sync.Mutex
	policy func(r *http.Request) fault // called under mu
	delay  func() time.Duration        // for slow; called under mu
	counts [numFaults]map[string]int   // by path
}

func newFaultNet() *faultNet {
	n := &faultNet{next: http.DefaultTransport.(*http.Transport).Clone()}
	for i := range n.counts {
		n.counts[i] = map[string]int{}
	}
	return n
}

// set replaces the policy; nil lets everything through.
func (n *faultNet) set(policy func(r *http.Request) fault) {
	n.mu.Lock()
	n.policy = policy
	n.mu.Unlock()
}

// setDelay replaces how long a slow request waits (20ms when nil).
func (n *faultNet) setDelay(delay func() time.Duration) {
	n.mu.Lock()
	n.delay = delay
	n.mu.Unlock()
}

// count is how many requests to path (any path when "") got fault f.
func (n *faultNet) count(f fault, path string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	if path != "" {
		return n.counts[f][path]
	}
	total := 0
	for _, c := range n.counts[f] {
		total += c
	}
	return total
}

func (n *faultNet) RoundTrip(r *http.Request) (*http.Response, error) {
	n.mu.Lock()
	f := pass
	if n.policy != nil {
		f = n.policy(r)
	}
	n.counts[f][r.URL.Path]++
	var wait time.Duration
	if f == slow {
		wait = 20 * time.Millisecond
		if n.delay != nil {
			wait = n.delay()
		}
	}
	n.mu.Unlock()

	switch f {
	case dropRequest:
		closeBody(r)
		return nil, errInjected
	case unavailable:
		closeBody(r)
		return &http.Response{
			Status: "503 Service Unavailable", StatusCode: http.StatusServiceUnavailable,
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header:  http.Header{"Content-Type": {"application/json"}},
			Body:    io.NopCloser(strings.NewReader(`{"code":"unavailable"}`)),
			Request: r,
		}, nil
	case dropResponse:
		resp, err := n.next.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		drain(resp) // the server has finished its answer
		return nil, errInjected
	case slow:
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			closeBody(r)
			return nil, r.Context().Err()
		}
	}
	return n.next.RoundTrip(r)
}

// closeBody closes a request's body, as a RoundTripper must even when it
// fails.
func closeBody(r *http.Request) {
	if r.Body != nil {
		r.Body.Close()
	}
}
