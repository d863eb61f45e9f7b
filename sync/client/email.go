package client

import (
	"context"
	"fmt"
	"net/http"

	"crosstalk/sync/wire"
)

// StartEmail asks the server to mail a code to a new address of the
// signed-in person (issue 17); the address becomes theirs once
// ConfirmEmail gives the code back. A refusal is an *app.Rejection
// (app.CodeBadArgs, app.CodeEmailTooMany, app.CodeMailOff); a server that
// cannot be reached gives an error wrapping app.ErrOffline: it needs the
// server's answer, so it is never queued.
func (c *Client) StartEmail(ctx context.Context, address string) error {
	s, err := c.session(ctx)
	if err != nil {
		return fmt.Errorf("start e-mail: %w", err)
	}
	return adminErr(c.call(ctx, s, request{op: "start e-mail", method: http.MethodPost, path: wire.PathEmailStart,
		body: wire.EmailStartRequest{Address: address}, timeout: c.opts.RequestTimeout}, &wire.EmailStartResponse{}))
}

// ConfirmEmail gives back the code mailed by StartEmail; done, the
// address is the person's, and the client syncs soon so that the
// replica has it. A wrong, expired or locked code is an *app.Rejection
// (app.CodeEmailCodeWrong, app.CodeEmailCodeExpired,
// app.CodeEmailCodeLocked).
func (c *Client) ConfirmEmail(ctx context.Context, code string) (string, error) {
	s, err := c.session(ctx)
	if err != nil {
		return "", fmt.Errorf("confirm e-mail: %w", err)
	}
	var res wire.EmailConfirmResponse
	if err := adminErr(c.call(ctx, s, request{op: "confirm e-mail", method: http.MethodPost, path: wire.PathEmailConfirm,
		body: wire.EmailConfirmRequest{Code: code}, timeout: c.opts.RequestTimeout}, &res)); err != nil {
		return "", err
	}
	c.kick()
	return res.Address, nil
}
