package client

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// BusyTimes asks the server when the person personID is taken in [from,
// to) (issue 19): merged intervals, rounded out to parts of the day, and
// nothing else. It is for proposing times that suit both; the answer is
// never stored. The server refuses a person the signed-in one may not
// send an offer to (an *app.Rejection with app.CodeNotAllowed) and a
// period longer than app.BusyRange (app.CodeBadArgs); a server that
// cannot be reached gives an error wrapping app.ErrOffline.
func (c *Client) BusyTimes(ctx context.Context, personID string, from, to time.Time) ([]app.Slot, error) {
	s, err := c.session(ctx)
	if err != nil {
		return nil, fmt.Errorf("busy times: %w", err)
	}
	var res wire.BusyResponse
	if err := adminErr(c.call(ctx, s, request{op: "busy times", method: http.MethodPost, path: wire.PathBusy,
		body: wire.BusyRequest{ParticipantID: personID, From: from.UTC(), To: to.UTC()}, timeout: c.opts.RequestTimeout}, &res)); err != nil {
		return nil, err
	}
	if len(res.Busy) > wire.MaxBusyIntervals {
		return nil, fmt.Errorf("busy times: %w: %d intervals", ErrServer, len(res.Busy))
	}
	out := make([]app.Slot, 0, len(res.Busy))
	for _, b := range res.Busy {
		if !b.Start.Before(b.End) {
			return nil, fmt.Errorf("busy times: %w: an empty interval", ErrServer)
		}
		out = append(out, app.Slot{Start: b.Start, End: b.End})
	}
	return out, nil
}
