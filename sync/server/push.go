package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// push answers wire.PathPush. Each mutation runs through Store.Process in
// its own transaction, stamped with the server's clock (never the
// client's): one at or below the device's lastMutationID is answered from
// its stored result; a business rejection consumes its id. A failure of
// the store stops the batch with 503; the client retries, and what was
// processed already is answered, not run again.
func (s *Server) push(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	var req wire.PushRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if err := checkBatch(req.Mutations); err != nil {
		return err
	}
	resp := wire.PushResponse{
		LastMutationID: dev.LastMutationID,
		Results:        make([]wire.MutationResult, 0, len(req.Mutations)),
	}
	applied, rejected, duplicate := 0, 0, 0
	var codes []app.Code
	defer func() {
		note(r.Context(), slog.Int("mutations", len(req.Mutations)),
			slog.Int("applied", applied), slog.Int("rejected", rejected))
		if applied > 0 {
			s.Notify()
		}
	}()
	for _, m := range req.Mutations {
		out, err := s.store.Process(r.Context(), dev.ID, m.ID, m.Name, m.Args, s.clock())
		if errors.Is(err, app.ErrNotFound) || errors.Is(err, serverstore.ErrRevoked) {
			return errUnauthorized.with(err) // the device is gone or revoked meanwhile
		}
		if err != nil {
			return errUnavailable.with(err)
		}
		switch {
		case out.AlreadyDone:
			duplicate++
		case out.Code == "":
			applied++
		default:
			rejected++
			codes = append(codes, out.Code)
		}
		resp.Results = append(resp.Results, wire.MutationResult{ID: m.ID, Code: out.Code})
		resp.LastMutationID = max(resp.LastMutationID, out.LastMutationID)
	}
	s.metrics.pushed(applied, duplicate, codes)
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// checkBatch checks a push's size and order before anything runs: at
// most wire.MaxPushBatch mutations, with positive, strictly increasing
// ids. Gaps are allowed: a client whose earlier mutations the server
// lost (restored from a backup) must still be able to push.
func checkBatch(ms []wire.Mutation) error {
	if len(ms) > wire.MaxPushBatch {
		return errTooLarge.with(fmt.Errorf("%d mutations, limit %d", len(ms), wire.MaxPushBatch))
	}
	for i, m := range ms {
		if m.ID <= 0 {
			return errBadRequest.with(fmt.Errorf("mutation id %d is not positive", m.ID))
		}
		if i > 0 && m.ID <= ms[i-1].ID {
			return errOutOfOrder.with(fmt.Errorf("mutation id %d after %d", m.ID, ms[i-1].ID))
		}
	}
	return nil
}
