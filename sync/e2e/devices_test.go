package e2e

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/replica"
	"crosstalk/sync/client"
	"crosstalk/sync/wire"
)

// connectNamed is connect for a device that calls itself name.
func (e *env) connectNamed(who, name string) *device {
	e.t.Helper()
	path := filepath.Join(e.t.TempDir(), "replica.db")
	r, err := replica.Open(context.Background(), path)
	if err != nil {
		e.t.Fatal(err)
	}
	d := &device{t: e.t, who: who, path: path, r: r, net: newFaultNet()}
	e.t.Cleanup(func() {
		if !d.dead {
			r.Close()
		}
	})
	opts := options(e.clock.Now, d.net)
	opts.DeviceName = name
	d.c = client.New(r, opts)
	if err := d.c.Connect(context.Background(), e.ts.URL, e.invite(who)); err != nil {
		e.t.Fatalf("connect %s: %v", who, err)
	}
	return d
}

// myDevices reads what d's replica knows of its person's devices.
func (d *device) myDevices() app.MyDevices {
	d.t.Helper()
	m, err := d.r.MyDevices(context.Background())
	if err != nil {
		d.t.Fatal(err)
	}
	return m
}

func deviceNames(ds []app.DeviceInfo) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Name)
	}
	return out
}

// Issue 14: a new device of a person is announced on each of their other
// devices, through the normal pull of their own user bucket. x1 uses two
// computers; a third signs in as x1: both others announce it, with its
// name and when it was added (the server's clock), one of them running
// its loop (the redeem pokes it), the other at its next sync. A device
// also tells once of the older ones that still work, for whoever added
// them (HR may have redeemed the person's first code itself): the home
// computer of the office one, the third of both. Reading the notice ends
// it. No other person's pull carries x1's devices, and no pull
// carries a token or its hash; a client that does not ask for devices
// (an older app) gets none.
func TestNewDeviceAnnounced(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	who := pid("x1")
	office := e.connectNamed(who, "会社のPC")
	office.sync()
	e.clock.Add(time.Hour)
	home := e.connectNamed(who, "自宅のPC")
	home.sync()
	office.sync()
	// The office computer learns of the home one, added after it.
	if got := deviceNames(office.myDevices().Announced()); !slices.Equal(got, []string{"自宅のPC"}) {
		t.Fatalf("the office computer announces %q, want the home one", got)
	}
	if got := deviceNames(home.myDevices().Announced()); !slices.Equal(got, []string{"会社のPC"}) {
		t.Fatalf("the home computer announces %q, want the office one, which was there before it", got)
	}
	for _, d := range []*device{office, home} {
		if err := d.r.DevicesNoticed(ctx, d.myDevices().Announced()[0].CreatedAt); err != nil {
			t.Fatal(err)
		}
		if got := d.myDevices().Announced(); len(got) != 0 {
			t.Fatalf("a notice read is announced again: %v", got)
		}
	}

	stop := office.run()
	defer stop()
	eventually(t, 5*time.Second, "the office computer's first sync", func() bool { return !office.c.Status().LastSync.IsZero() })
	e.clock.Add(24 * time.Hour)
	added := e.clock.Now()
	third := e.connectNamed(who, "見知らぬPC")
	third.sync()

	eventually(t, 5*time.Second, "the office computer announces the third", func() bool {
		return len(office.myDevices().Announced()) == 1
	})
	home.sync()
	for _, d := range []*device{office, home} {
		got := d.myDevices().Announced()
		if len(got) != 1 || got[0].Name != "見知らぬPC" || !got[0].CreatedAt.Equal(added) || got[0].RevokedAt != nil ||
			got[0].ID != third.deviceID() {
			t.Fatalf("announced %+v, want the third added at %v", got, added)
		}
	}
	m := third.myDevices()
	if got := deviceNames(m.Announced()); !slices.Equal(got, []string{"会社のPC", "自宅のPC"}) || m.This != third.deviceID() ||
		!slices.Equal(deviceNames(m.Devices), []string{"会社のPC", "自宅のPC", "見知らぬPC"}) {
		t.Fatalf("the third computer knows %+v", m)
	}

	// No pull of another person carries x1's devices; a pull carries no
	// token, nor a token's hash.
	other := e.connectNamed(pid("y1"), "y1のPC")
	other.sync()
	if got := deviceNames(other.myDevices().Devices); !slices.Equal(got, []string{"y1のPC"}) {
		t.Fatalf("y1's replica holds the devices %q", got)
	}
	var hashes []string
	rows, err := e.db.Query(`SELECT token_hash FROM devices`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h)
	}
	rows.Close()
	token, err := office.r.State(ctx, "token")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*device{office, other} {
		tok, _ := d.r.State(ctx, "token")
		body := rawPull(t, e, tok, "?"+wire.PullWith+"="+wire.WithDevices)
		for _, secret := range append(hashes, token) {
			if bytes.Contains(body, []byte(secret)) {
				t.Fatalf("%s's pull holds a token or its hash", d.who)
			}
		}
		for _, id := range []string{office.deviceID(), home.deviceID(), third.deviceID()} {
			if bytes.Contains(body, []byte(id)) != (d == office) {
				t.Fatalf("%s's pull and x1's device %s: contains %v", d.who, id, bytes.Contains(body, []byte(id)))
			}
		}
		if d == office && !strings.Contains(string(body), `"t":"devices"`) {
			t.Fatal("x1's pull has no devices")
		}
	}
	// An app that does not ask for devices (one older than them) gets
	// none: it would not know the table.
	if body := rawPull(t, e, token, ""); strings.Contains(string(body), `"t":"devices"`) {
		t.Fatal("a pull that did not ask for devices has some")
	}
}

// rawPull pulls every bucket of token from the start, once, with the
// query given, and returns the answer's body.
func rawPull(t *testing.T, e *env, token, query string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+wire.PathPull+query, strings.NewReader(`{"cursors":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("pull: %d %v %s", resp.StatusCode, err, body)
	}
	return body
}

// A person stops a device they do not recognise from another of theirs
// (issue 14): its token gets 401 at once, and every device of the person
// lists it stopped after a pull. They cannot stop another person's
// device, nor the one they use (signing out is for that).
func TestRevokeOwnDevice(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	who := pid("x1")
	office := e.connectNamed(who, "会社のPC")
	home := e.connectNamed(who, "自宅のPC")
	e.clock.Add(time.Hour)
	stranger := e.connectNamed(who, "見知らぬPC")
	other := e.connectNamed(pid("y1"), "y1のPC")
	for _, d := range []*device{office, home, stranger, other} {
		d.sync()
	}

	for _, c := range []struct {
		target string
		code   app.Code
	}{{other.deviceID(), app.CodeNotAllowed}, {office.deviceID(), app.CodeSelf}} {
		if err := office.c.RevokeMyDevice(ctx, c.target); app.CodeOf(err) != c.code {
			t.Fatalf("stopping %s: %v, want %s", c.target, err, c.code)
		}
	}
	other.sync() // still works

	e.clock.Add(time.Minute)
	stopped := e.clock.Now()
	if err := office.c.RevokeMyDevice(ctx, stranger.deviceID()); err != nil {
		t.Fatal(err)
	}
	if err := stranger.c.SyncNow(ctx); !errors.Is(err, client.ErrUnauthorized) || !stranger.c.Status().AuthFailed {
		t.Fatalf("the stopped device syncs: %v", err)
	}
	office.sync()
	home.sync()
	for _, d := range []*device{office, home} {
		m := d.myDevices()
		if len(m.Devices) != 3 {
			t.Fatalf("%d devices listed", len(m.Devices))
		}
		for _, dev := range m.Devices {
			if (dev.ID == stranger.deviceID()) != (dev.RevokedAt != nil) {
				t.Errorf("listed %+v", dev)
			}
			if dev.RevokedAt != nil && !dev.RevokedAt.Equal(stopped) {
				t.Errorf("stopped at %v, want %v", dev.RevokedAt, stopped)
			}
		}
	}
	if got := deviceNames(other.myDevices().Devices); !slices.Equal(got, []string{"y1のPC"}) {
		t.Fatalf("y1's replica holds the devices %q", got)
	}
}
