package server

import (
	"net/http"
	"testing"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// A person may stop one of their own other devices, such as one they do
// not recognise (issue 14), and no one else's: another person's device
// and an unknown one are refused alike, with not_allowed, and the device
// itself with self. The stopped device's token gets 401 from then on,
// and the person's list, in their user bucket, shows it stopped.
func TestRevokeOwnDevice(t *testing.T) {
	e := newAdminEnv(t)
	mine := e.login(apid("p1"))
	stranger := e.login(apid("p1")) // someone signed in as p1
	other := e.login(apid("q1"))    // another person's
	hr := e.login(apid("hp"))       // HR's own, of p1's company
	revoke := func(token, id string) (int, []byte) {
		return e.call(http.MethodPost, wire.PathDeviceRevoke, token, wire.RevokeDeviceRequest{DeviceID: id})
	}
	for _, c := range []struct {
		name   string
		token  string
		target string
		code   app.Code
	}{
		{"another person's device", mine.Token, other.DeviceID, app.CodeNotAllowed},
		{"the device of p1's HR", mine.Token, hr.DeviceID, app.CodeNotAllowed},
		{"an employee's device, by HR", hr.Token, mine.DeviceID, app.CodeNotAllowed},
		{"an unknown device", mine.Token, "no-such-device", app.CodeNotAllowed},
		{"the device itself", mine.Token, mine.DeviceID, app.CodeSelf},
		{"no device", mine.Token, "", app.CodeBadArgs},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body := revoke(c.token, c.target)
			wantRejected(t, status, body, c.code)
		})
	}
	for _, tok := range []string{mine.Token, other.Token, hr.Token, stranger.Token} {
		e.pull(tok) // every device still works
	}
	status, body := revoke("", stranger.DeviceID)
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
	status, body = e.call(http.MethodGet, wire.PathDeviceRevoke, mine.Token, nil)
	wantError(t, status, body, http.StatusMethodNotAllowed, wire.ErrMethod)

	status, body = revoke(mine.Token, stranger.DeviceID)
	if status != http.StatusOK {
		t.Fatalf("p1 stops their other device: %d %s", status, body)
	}
	var rv wire.RevokedResponse
	decode(t, body, &rv)
	if rv.Revoked != 1 {
		t.Fatalf("revoked %d", rv.Revoked)
	}
	status, body = e.call(http.MethodPost, wire.PathPull, stranger.Token, wire.PullRequest{})
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
	// A stopped device cannot stop the others either.
	status, body = revoke(stranger.Token, mine.DeviceID)
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
	e.pull(mine.Token)

	// p1's list shows it stopped, at the server's time.
	got := e.pullAllWith(mine.Token, "?"+wire.PullWith+"="+wire.WithDevices)
	seen := 0
	for _, raw := range got.rows["devices"] {
		var d app.DeviceInfo
		decode(t, raw, &d)
		switch d.ID {
		case stranger.DeviceID:
			seen++
			if d.RevokedAt == nil || !d.RevokedAt.Equal(start) {
				t.Errorf("the stopped device is listed %+v", d)
			}
		case mine.DeviceID:
			seen++
			if d.RevokedAt != nil {
				t.Errorf("the device itself is listed stopped")
			}
		default:
			t.Errorf("p1's pull lists another's device %+v", d)
		}
	}
	if seen != 2 {
		t.Fatalf("p1's pull lists %d of their 2 devices", seen)
	}
}
