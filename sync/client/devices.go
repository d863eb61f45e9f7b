package client

import (
	"context"
	"fmt"
	"net/http"

	"crosstalk/sync/wire"
)

// RevokeMyDevice stops one of the signed-in person's other devices at
// the server, such as one they do not recognise (issue 14): its token
// stops working at once. The server refuses another person's device or
// an unknown one (an *app.Rejection with CodeNotAllowed) and this device
// itself (CodeSelf); a server that cannot be reached gives an error
// wrapping app.ErrOffline. Done, it syncs soon, so that the replica's
// list shows the device stopped.
func (c *Client) RevokeMyDevice(ctx context.Context, deviceID string) error {
	s, err := c.session(ctx)
	if err != nil {
		return fmt.Errorf("revoke device: %w", err)
	}
	err = adminErr(c.call(ctx, s, request{op: "revoke device", method: http.MethodPost, path: wire.PathDeviceRevoke,
		body: wire.RevokeDeviceRequest{DeviceID: deviceID}, timeout: c.opts.RequestTimeout}, &wire.RevokedResponse{}))
	if err != nil {
		return err
	}
	c.kick()
	return nil
}
