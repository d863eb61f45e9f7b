package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/client"
	"crosstalk/sync/wire"
)

// stateDump is the replica's connection state as text.
func stateDump(t *testing.T, d device) string {
	t.Helper()
	s, err := d.r.DumpTables(context.Background(), "sync_state")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConnectStoresTheConnection(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	d := e.connect(demo.DemoUser, options(t))
	for key, want := range map[string]string{
		"server": e.ts.URL, "participant_id": demo.DemoUser, "role": string(app.RoleParticipant),
		"company_id": e.ds.Participants[0].CompanyID,
	} {
		if got, err := d.r.State(ctx, key); err != nil || got != want {
			t.Errorf("state %s = %q, %v; want %q", key, got, err, want)
		}
	}
	for _, key := range []string{"token", "device_id"} {
		if got, _ := d.r.State(ctx, key); got == "" {
			t.Errorf("state %s is empty", key)
		}
	}
	if ok, err := d.c.Connected(ctx); !ok || err != nil {
		t.Errorf("Connected = %v, %v", ok, err)
	}
	a, err := d.c.Actor(ctx)
	if err != nil || a != (app.Actor{ParticipantID: demo.DemoUser, CompanyID: e.ds.Participants[0].CompanyID, Role: app.RoleParticipant}) {
		t.Errorf("Actor = %+v, %v", a, err)
	}
	// The code is used up.
	code := e.invite(demo.DemoUser)
	if err := d.c.Connect(ctx, e.ts.URL, code); err != nil {
		t.Fatal(err)
	}
	before := stateDump(t, d)
	if err := d.c.Connect(ctx, e.ts.URL, code); !errors.Is(err, client.ErrInvalidCode) {
		t.Errorf("second use of a code: %v, want ErrInvalidCode", err)
	}
	if after := stateDump(t, d); after != before {
		t.Errorf("a refused code changed the state:\n%s\n%s", before, after)
	}
}

func TestConnectErrors(t *testing.T) {
	e := newEnv(t)
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := "http://" + closed.Addr().String()
	closed.Close()

	answer := func(status int, body string) string {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write([]byte(body))
		}))
		t.Cleanup(ts.Close)
		return ts.URL
	}
	redirect := httptest.NewServer(http.RedirectHandler(e.ts.URL+wire.PathRedeem, http.StatusTemporaryRedirect))
	t.Cleanup(redirect.Close)
	token := strings.Repeat("t", 43)
	good := `{"token":"` + token + `","deviceId":"d","participantId":"p","companyId":"c","role":"participant"}`

	cases := []struct {
		name, url, code string
		want            error
	}{
		{"wrong code", e.ts.URL, "AAAA-BBBB-CCCC", client.ErrInvalidCode},
		{"empty code", e.ts.URL, "  ", client.ErrInvalidCode},
		{"closed port", deadAddr, "AAAA-BBBB-CCCC", client.ErrUnreachable},
		{"unknown host", "http://no-such-host.invalid", "AAAA-BBBB-CCCC", client.ErrUnreachable},
		{"not http", "ftp://example.com", "AAAA-BBBB-CCCC", client.ErrInvalidURL},
		{"no host", "http://", "AAAA-BBBB-CCCC", client.ErrInvalidURL},
		{"garbage", answer(200, "<html>hello</html>"), "AAAA-BBBB-CCCC", client.ErrServer},
		{"trailing garbage", answer(200, good+"x"), "AAAA-BBBB-CCCC", client.ErrServer},
		{"no token", answer(200, `{"deviceId":"d","participantId":"p","companyId":"c","role":"participant"}`), "AAAA-BBBB-CCCC", client.ErrServer},
		{"token with newline", answer(200, strings.Replace(good, token, token+`\r\nX-Evil: 1`, 1)), "AAAA-BBBB-CCCC", client.ErrServer},
		{"unknown role", answer(200, strings.Replace(good, "participant\"}", "root\"}", 1)), "AAAA-BBBB-CCCC", client.ErrServer},
		{"no participant", answer(200, strings.Replace(good, `"participantId":"p",`, "", 1)), "AAAA-BBBB-CCCC", client.ErrServer},
		{"500", answer(500, `{"code":"internal"}`), "AAAA-BBBB-CCCC", client.ErrServer},
		{"503", answer(503, ``), "AAAA-BBBB-CCCC", client.ErrServer},
		{"400 not a code problem", answer(400, `{"code":"bad_request"}`), "AAAA-BBBB-CCCC", client.ErrServer},
		{"too many wrong codes", answer(429, `{"code":"too_many"}`), "AAAA-BBBB-CCCC", client.ErrTooManyAttempts},
		{"404", answer(404, `not found`), "AAAA-BBBB-CCCC", client.ErrServer},
		{"redirect", redirect.URL, e.invite(demo.DemoUser), client.ErrServer},
		{"over 64 MB", answer(200, strings.Repeat(" ", 64<<20)+good), "AAAA-BBBB-CCCC", client.ErrServer},
		{"over 64 MB inflated", gzipBomb(t, good), "AAAA-BBBB-CCCC", client.ErrServer},
	}
	// Each failure leaves a connected replica as it was.
	d := e.connect(demo.DemoUser, options(t))
	before := stateDump(t, d)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := d.c.Connect(context.Background(), c.url, c.code)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			for _, other := range []error{client.ErrInvalidCode, client.ErrUnreachable, client.ErrServer, client.ErrInvalidURL, client.ErrTooManyAttempts} {
				if other != c.want && errors.Is(err, other) {
					t.Errorf("%v is also %v", err, other)
				}
			}
			if after := stateDump(t, d); after != before {
				t.Errorf("state changed:\n%s\n%s", before, after)
			}
		})
	}

	// A fresh replica stays unconnected.
	fresh := device{c: client.New(newReplica(t), options(t)), id: demo.DemoUser}
	if err := fresh.c.Connect(context.Background(), e.ts.URL, "AAAA-BBBB-CCCC"); !errors.Is(err, client.ErrInvalidCode) {
		t.Fatalf("got %v", err)
	}
	if ok, err := fresh.c.Connected(context.Background()); ok || err != nil {
		t.Errorf("Connected = %v, %v after a refused code", ok, err)
	}
	if _, err := fresh.c.Actor(context.Background()); !errors.Is(err, client.ErrNotConnected) {
		t.Errorf("Actor: %v, want ErrNotConnected", err)
	}
	if _, err := fresh.c.Mutate(context.Background(), app.BookmarkSet, json.RawMessage(`{}`)); !errors.Is(err, client.ErrNotConnected) {
		t.Errorf("Mutate: %v, want ErrNotConnected", err)
	}
	if err := fresh.c.SyncNow(context.Background()); !errors.Is(err, client.ErrNotConnected) {
		t.Errorf("SyncNow: %v, want ErrNotConnected", err)
	}
}

// The transport asks for gzip and inflates the answer; resty does not
// get in the way.
func TestConnectGzip(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "no gzip", http.StatusNotAcceptable)
			return
		}
		if r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "not json", http.StatusUnsupportedMediaType)
			return
		}
		var req wire.RedeemRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Code != "K7QX-M2PA-WD9R" || req.DeviceName != "テスト機" {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(wire.Error{Code: wire.ErrInviteCode})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		json.NewEncoder(gz).Encode(wire.RedeemResponse{Token: strings.Repeat("z", 43), DeviceID: "dev-1",
			ParticipantID: "p-1", CompanyID: "c-1", Role: app.RoleHR})
		gz.Close()
	}))
	defer ts.Close()
	opts := options(t)
	opts.DeviceName = "テスト機"
	d := device{r: newReplica(t)}
	d.c = client.New(d.r, opts)
	if err := d.c.Connect(context.Background(), ts.URL+"/", " K7QX-M2PA-WD9R "); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.r.State(context.Background(), "role"); got != string(app.RoleHR) {
		t.Errorf("role %q", got)
	}
	if got, _ := d.r.State(context.Background(), "server"); got != ts.URL {
		t.Errorf("server %q, want %q", got, ts.URL)
	}
}

// Connecting the same replica as another person drops everything of the
// first one: their rows, and above all their queued mutations, which
// must never be sent as the new person's.
func TestConnectAsAnotherPerson(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	d := e.connect(demo.DemoUser, options(t))
	if err := d.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	to := recipient(t, d)
	id, args := e.offerArgs(to)
	if _, err := d.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	var other string
	for _, p := range e.ds.Participants {
		if p.Role == app.RoleParticipant && p.ID != demo.DemoUser && p.ID != to {
			other = p.ID
			break
		}
	}
	if err := d.c.Connect(ctx, e.ts.URL, e.invite(other)); err != nil {
		t.Fatal(err)
	}
	if n, _ := d.r.Pending(ctx); n != 0 {
		t.Fatalf("%d of the first person's mutations are still queued", n)
	}
	if _, ok := hasOffer(t, d.r, other, id); ok {
		t.Fatal("the first person's optimistic offer is still in the replica")
	}
	if got, _ := d.r.State(ctx, "participant_id"); got != other {
		t.Fatalf("participant %q", got)
	}
	if err := d.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := serverHas(t, e.store, demo.DemoUser, id); ok {
		t.Fatal("the first person's queued offer reached the server")
	}
}

// gzipBomb serves a 200 answer of a few hundred kilobytes, gzip-encoded,
// that inflates to good after 64 MB of spaces.
func gzipBomb(t *testing.T, good string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(bytes.Repeat([]byte(" "), 64<<20))
	zw.Write([]byte(good))
	zw.Close()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}
