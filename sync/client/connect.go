package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// Keys of the replica's state that the client keeps.
const (
	keyServer        = "server"
	keyToken         = "token"
	keyDeviceID      = "device_id"
	keyParticipantID = "participant_id"
	keyCompanyID     = "company_id"
	keyRole          = "role"
)

// Connect exchanges a single-use invite code for a device token at the
// server serverURL and stores the connection in the replica's state, all
// together. It gives ErrInvalidURL for an address that is not http(s),
// ErrInvalidCode when the server refuses the code, ErrUnreachable when
// the server cannot be reached, and ErrServer for any other answer; on
// error the replica is not changed. A running loop that waits after a
// refused token starts again.
func (c *Client) Connect(ctx context.Context, serverURL, code string) error {
	base, err := baseURL(serverURL)
	if err != nil {
		return err
	}
	code = strings.TrimSpace(code)
	if code == "" {
		return fmt.Errorf("%w: empty", ErrInvalidCode)
	}
	var res wire.RedeemResponse
	err = c.call(ctx, session{server: base}, request{
		op: opRedeem, method: http.MethodPost, path: wire.PathRedeem,
		body:    wire.RedeemRequest{Code: code, DeviceName: c.opts.DeviceName},
		timeout: c.opts.RequestTimeout,
	}, &res)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	if err := checkRedeem(res); err != nil {
		return fmt.Errorf("connect: %w: %w", ErrServer, err)
	}
	state := map[string]string{
		keyServer:        base,
		keyToken:         res.Token,
		keyDeviceID:      res.DeviceID,
		keyParticipantID: res.ParticipantID,
		keyCompanyID:     res.CompanyID,
		keyRole:          string(res.Role),
	}
	oldServer, err := c.r.State(ctx, keyServer)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	oldPerson, err := c.r.State(ctx, keyParticipantID)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	if oldPerson != "" && (oldServer != base || oldPerson != res.ParticipantID) {
		// Another person or server: nothing of the old one may be shown
		// or sent as the new one's.
		err = c.r.SwitchAccount(ctx, state)
	} else {
		err = c.r.SetState(ctx, state)
	}
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	c.mu.Lock()
	c.gen++
	close(c.connected)
	c.connected = make(chan struct{})
	c.mu.Unlock()
	c.update(func(s *Status) { s.AuthFailed, s.LastError = false, "" })
	c.log.Info("connected", "server", base, "device", res.DeviceID, "participant", res.ParticipantID)
	c.kick()
	return nil
}

// checkRedeem checks a redeem answer before anything of it is stored.
func checkRedeem(r wire.RedeemResponse) error {
	switch {
	case !validToken(r.Token):
		return errors.New("no usable token")
	case !validID(r.DeviceID), !validID(r.ParticipantID), !validID(r.CompanyID):
		return errors.New("missing or malformed ids")
	case !r.Role.Valid():
		return fmt.Errorf("role %q", r.Role)
	}
	return nil
}

// validToken reports whether t can travel in an Authorization header as
// it is.
func validToken(t string) bool { return printable(t, 16, 256) }

func validID(id string) bool { return printable(id, 1, 128) }

// printable reports whether s is printable ASCII without spaces, of
// length lo to hi.
func printable(s string, lo, hi int) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// waitConnect waits until Connect succeeds after the connection gen was
// read, or ctx ends. It returns at once if that happened already.
func (c *Client) waitConnect(ctx context.Context, gen uint64) error {
	c.mu.Lock()
	now, ch := c.gen, c.connected
	c.mu.Unlock()
	if now != gen {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Connected reports whether the replica holds a device token.
func (c *Client) Connected(ctx context.Context) (bool, error) {
	_, err := c.session(ctx)
	if errors.Is(err, ErrNotConnected) {
		return false, nil
	}
	return err == nil, err
}

// Actor is who the device acts as, from the replica's state. It gives
// ErrNotConnected before the first Connect.
func (c *Client) Actor(ctx context.Context) (app.Actor, error) {
	var a app.Actor
	var role string
	for _, kv := range []struct {
		key string
		v   *string
	}{{keyParticipantID, &a.ParticipantID}, {keyCompanyID, &a.CompanyID}, {keyRole, &role}} {
		v, err := c.r.State(ctx, kv.key)
		if err != nil {
			return app.Actor{}, fmt.Errorf("actor: %w", err)
		}
		*kv.v = v
	}
	a.Role = app.Role(role)
	if a.ParticipantID == "" || !a.Role.Valid() {
		return app.Actor{}, ErrNotConnected
	}
	return a, nil
}
