package server

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

// scrape reads the metrics over HTTP, as Prometheus does, into series →
// value text.
func scrape(t *testing.T, srv *Server) map[string]string {
	t.Helper()
	ts := httptest.NewServer(srv.MetricsHandler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("scrape: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	body, _ := io.ReadAll(resp.Body)
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		out[line[:i]] = line[i+1:]
	}
	return out
}

func wantSeries(t *testing.T, got map[string]string, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// After pushes with rejections, a retry, pulls, a bad token and a reset,
// the scrape counts each; latency histograms have one observation per
// request.
func TestMetricsAfterRequests(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x3"))
	m1, _ := e.sendOffer(1, pid("y1"))
	m2, _ := e.sendOffer(2, pid("x1")) // a colleague: same_company
	m3 := wire.Mutation{ID: 3, Name: "offer.teleport.v1", Args: []byte(`{}`)}
	e.push(dev.Token, m1, m2, m3)
	// A retry (its answer lost): a 409, with the stored result.
	if c := e.pushConflict(dev.Token, m1, m2, m3); len(c.Processed) != 3 {
		t.Fatalf("retry: %+v", c)
	}
	r := e.pull(dev.Token)
	e.pull(dev.Token, wire.Cursor{Bucket: "user:" + pid("x3"), Epoch: "another", Version: 3}) // a reset
	if status, _ := e.call(http.MethodPost, wire.PathPull, "no-such-token", wire.PullRequest{}); status != http.StatusUnauthorized {
		t.Fatalf("bad token: %d", status)
	}
	e.call(http.MethodGet, "/wp-login.php", "", nil)
	other := e.login(demo.DemoUser)
	_ = r

	got := scrape(t, e.srv)
	wantSeries(t, got, map[string]string{
		`crosstalk_pushes_total`:                                                    "2",
		`crosstalk_mutations_total{result="applied"}`:                               "1",
		`crosstalk_mutations_total{result="rejected"}`:                              "2",
		`crosstalk_mutations_total{result="duplicate"}`:                             "3",
		`crosstalk_rejections_total{code="` + string(app.CodeSameCompany) + `"}`:    "1",
		`crosstalk_rejections_total{code="` + string(app.CodeUnknownMutator) + `"}`: "1",
		`crosstalk_pulls_total`:                                                     "2",
		`crosstalk_pull_resets_total`:                                               "1",
		`crosstalk_requests_total{endpoint="push",status="200"}`:                    "1",
		`crosstalk_requests_total{endpoint="push",status="409"}`:                    "1",
		`crosstalk_request_errors_total{code="out_of_order",endpoint="push"}`:       "1",
		`crosstalk_requests_total{endpoint="pull",status="200"}`:                    "2",
		`crosstalk_requests_total{endpoint="pull",status="401"}`:                    "1",
		`crosstalk_requests_total{endpoint="redeem",status="200"}`:                  "2",
		`crosstalk_requests_total{endpoint="other",status="404"}`:                   "1",
		`crosstalk_request_errors_total{code="unauthorized",endpoint="pull"}`:       "1",
		`crosstalk_request_errors_total{code="not_found",endpoint="other"}`:         "1",
		`crosstalk_request_duration_seconds_count{endpoint="push"}`:                 "2",
		`crosstalk_request_duration_seconds_count{endpoint="pull"}`:                 "3",
		`crosstalk_active_devices{window="15m"}`:                                    "2",
		`crosstalk_active_devices{window="24h"}`:                                    "2",
	})
	if got[`crosstalk_pull_rows_total`] == "" || got[`crosstalk_pull_rows_total`] == "0" {
		t.Errorf("no pulled rows counted: %q", got[`crosstalk_pull_rows_total`])
	}
	if _, ok := got[`crosstalk_request_duration_seconds_bucket{endpoint="push",le="30"}`]; !ok {
		t.Error("no latency buckets for push")
	}
	if _, ok := got[`go_goroutines`]; !ok {
		t.Error("no Go runtime metrics")
	}
	for k := range got {
		if strings.Contains(k, dev.DeviceID) || strings.Contains(k, other.DeviceID) || strings.Contains(k, "wp-login") {
			t.Errorf("a series names a device or a path: %s", k)
		}
	}

	// An hour later one device is active within 24h but not 15m; a day
	// later, none.
	e.clock.Add(time.Hour)
	e.pull(dev.Token)
	wantSeries(t, scrape(t, e.srv), map[string]string{
		`crosstalk_active_devices{window="15m"}`: "1",
		`crosstalk_active_devices{window="24h"}`: "2",
	})
	e.clock.Add(25 * time.Hour)
	wantSeries(t, scrape(t, e.srv), map[string]string{
		`crosstalk_active_devices{window="15m"}`: "0",
		`crosstalk_active_devices{window="24h"}`: "0",
	})
}

// The protocol's handler does not serve the metrics: they are for a
// listener of their own.
func TestMetricsNotOnTheProtocolAddress(t *testing.T) {
	e := newEnv(t)
	if status, _ := e.call(http.MethodGet, "/metrics", "", nil); status != http.StatusNotFound {
		t.Fatalf("/metrics on the protocol's handler: %d", status)
	}
}

// Each server has its own registry: two in one process do not collide
// or share counts.
func TestMetricsPerServer(t *testing.T) {
	a, b := newEnv(t), newEnv(t)
	dev := a.login(pid("x3"))
	a.pull(dev.Token)
	if got := scrape(t, a.srv)[`crosstalk_pulls_total`]; got != "1" {
		t.Errorf("a: %s pulls", got)
	}
	if got := scrape(t, b.srv)[`crosstalk_pulls_total`]; got != "0" {
		t.Errorf("b: %s pulls", got)
	}
}
