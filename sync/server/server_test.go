package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

func TestHealthMethodsNotFound(t *testing.T) {
	e := newEnv(t)
	status, body := e.call(http.MethodGet, wire.PathHealth, "", nil)
	if status != http.StatusOK || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Fatalf("healthz: %d %s", status, body)
	}
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, wire.PathPush},
		{http.MethodPut, wire.PathPull},
		{http.MethodGet, wire.PathRedeem},
		{http.MethodPost, wire.PathPoke},
		{http.MethodPost, wire.PathHealth},
	} {
		status, body := e.call(tc.method, tc.path, "", nil)
		wantError(t, status, body, http.StatusMethodNotAllowed, wire.ErrMethod)
	}
	status, body = e.call(http.MethodGet, "/v1/nothing", "", nil)
	wantError(t, status, body, http.StatusNotFound, wire.ErrNotFound)
}

func TestBodyTooLargeWithoutLength(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x1"))
	// A chunked body, so that only the bounded reader can catch it.
	body := io.MultiReader(strings.NewReader(`{"mutations":[{"id":1,"name":"x","args":"`),
		strings.NewReader(strings.Repeat("a", wire.MaxBodyBytes)), strings.NewReader(`"}]}`))
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+wire.PathPush, body)
	req.Header.Set("Authorization", "Bearer "+dev.Token)
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	wantError(t, resp.StatusCode, b, http.StatusRequestEntityTooLarge, wire.ErrTooLarge)
}

func TestGzip(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x1"))
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path, token, accept string, body string) *http.Response {
		method := http.MethodPost
		if body == "" {
			method = http.MethodGet
		}
		req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}

	resp := get(wire.PathPull, dev.Token, "br;q=1.0, gzip;q=0.8", `{}`)
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("pull answered with Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var pr wire.PullResponse
	decode(t, plain, &pr)
	if len(pr.Buckets) == 0 {
		t.Fatal("decompressed pull has no buckets")
	}

	for _, tc := range []struct{ path, accept, body string }{
		{wire.PathPull, "", `{}`},         // not asked for
		{wire.PathPull, "gzip;q=0", `{}`}, // refused
		{wire.PathHealth, "gzip", ""},     // too small to gain
	} {
		resp := get(tc.path, dev.Token, tc.accept, tc.body)
		if ce := resp.Header.Get("Content-Encoding"); ce != "" {
			t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q", tc.path, tc.accept, ce)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(b, []byte("{")) {
			t.Errorf("%s with Accept-Encoding %q: %d %.40s", tc.path, tc.accept, resp.StatusCode, b)
		}
	}
}

func TestPanicRecovered(t *testing.T) {
	e := newEnv(t, func(c *envConfig) {
		c.wrap = func(st *serverstore.Store) Store {
			return &hookStore{Store: st, pull: func(context.Context, string, []string, map[string]data.BucketCursor, int) (data.PullResult, error) {
				panic("boom: SELECT secret FROM devices")
			}}
		}
	})
	dev := e.login(pid("x1"))
	status, body := e.call(http.MethodPost, wire.PathPull, dev.Token, wire.PullRequest{})
	wantError(t, status, body, http.StatusInternalServerError, wire.ErrInternal)
	for _, leak := range []string{"boom", "SELECT", "goroutine", ".go:"} {
		if strings.Contains(string(body), leak) {
			t.Errorf("500 body %s has %q", body, leak)
		}
	}
	if logs := e.logs.String(); !strings.Contains(logs, "boom") || !strings.Contains(logs, "goroutine") {
		t.Error("the panic and its stack are not in the log")
	}
	// The server still works.
	if status, _ := e.call(http.MethodGet, wire.PathHealth, "", nil); status != http.StatusOK {
		t.Fatalf("healthz after a panic: %d", status)
	}
}

func TestLogs(t *testing.T) {
	e := newEnv(t)
	code := e.invite(pid("x1"))
	status, body := e.call(http.MethodPost, wire.PathRedeem, "", wire.RedeemRequest{Code: code})
	if status != http.StatusOK {
		t.Fatalf("redeem: %d %s", status, body)
	}
	var dev wire.RedeemResponse
	decode(t, body, &dev)
	m, _ := e.sendOffer(1, pid("y1"))
	e.push(dev.Token, m)
	e.pull(dev.Token)
	e.call(http.MethodPost, wire.PathPull, "not-a-token", wire.PullRequest{})

	logs := e.logs.String()
	for _, secret := range []string{dev.Token, code, NormalizeCode(code), e.srv.HashCode(code), hex.EncodeToString(codeDigest(code)), hashToken(dev.Token)} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log holds a secret %q", secret)
		}
	}
	for _, want := range []string{`"device":"` + dev.DeviceID + `"`, `"path":"/v1/push"`, `"status":401`,
		`"method":"POST"`, `"duration":`, `"applied":1`} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %s:\n%s", want, logs)
		}
	}
}

func TestGracefulShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	e := newEnv(t, func(c *envConfig) {
		c.noStart = true
		c.wrap = func(st *serverstore.Store) Store {
			return &hookStore{Store: st, process: func(ctx context.Context, dev string, id int64, name string, args []byte, now time.Time) (serverstore.Outcome, error) {
				close(entered)
				<-release
				return st.Process(ctx, dev, id, name, args, now)
			}}
		}
	})
	e.ts.Config = e.srv.HTTPServer("")
	e.ts.Start()
	defer e.ts.Close()

	a, b := e.login(pid("x1")), e.login(pid("y1"))
	seq := e.poke(b.Token, -1).Seq
	poked := e.pokeAsync(b.Token, seq, 1) // PokeWait is a minute
	m, offer := e.sendOffer(1, pid("y1"))
	pushed := make(chan wire.PushResponse, 1)
	go func() { pushed <- e.push(a.Token, m) }()
	<-entered

	shutdown := make(chan error, 1)
	go func() { shutdown <- e.ts.Config.Shutdown(context.Background()) }()
	// The poke is released by the shutdown at once.
	select {
	case p := <-poked:
		if p.Poke {
			t.Fatalf("poke released by shutdown answered %+v", p)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("shutdown did not release the waiting poke")
	}
	select {
	case err := <-shutdown:
		t.Fatalf("shutdown returned (%v) while a push was in flight", err)
	default:
	}
	close(release)
	r := <-pushed
	if len(r.Results) != 1 || r.Results[0].Code != "" {
		t.Fatalf("the in-flight push answered %+v", r)
	}
	if err := <-shutdown; err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, o := range pullDirect(t, e.st, pid("y1")) {
		found = found || o == offer
	}
	if !found {
		t.Fatal("the in-flight push was not committed")
	}
}

// pullDirect reads the offer ids of a participant's user bucket from the
// store, without the server.
func pullDirect(t *testing.T, st *serverstore.Store, participant string) []string {
	t.Helper()
	res, err := st.Pull(context.Background(), "", []string{"user:" + participant}, nil, 10000)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range res.Pages {
		for _, r := range p.Rows {
			if r.Table == "offers" {
				var o struct{ ID string }
				if err := json.Unmarshal(r.Data, &o); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, o.ID)
			}
		}
	}
	return ids
}
