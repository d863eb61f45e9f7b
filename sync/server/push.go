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

// push answers wire.PathPush. A push's ids must be consecutive and start
// at the device's lastMutationID+1; any other push is answered 409 with a
// wire.PushConflict (the expected id, and what the server knows of the
// pushed ids below it), and nothing of it runs. So an id is never taken
// as done unless the server has processed it, and a second push of the
// device in flight cannot overtake the first.
//
// Each mutation runs through Store.Process in its own transaction,
// stamped with the server's clock (never the client's); a business
// rejection consumes its id. When another push of the same device has
// processed an id meanwhile, the id is answered from its stored result if
// it was the same mutation, and refused (app.CodeMutationReused) if it
// was another. A failure of the store stops the batch with 503; the
// client retries, from the id the server expects.
func (s *Server) push(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	var req wire.PushRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	ms := req.Mutations
	if err := checkBatch(ms); err != nil {
		return err
	}
	resp := wire.PushResponse{
		LastMutationID: dev.LastMutationID,
		Results:        make([]wire.MutationResult, 0, len(ms)),
	}
	if len(ms) == 0 {
		writeJSON(w, http.StatusOK, resp)
		return nil
	}
	last := dev.LastMutationID
	if last >= wire.MaxMutationID {
		// No next id: the device must sign in again (a new device).
		return errIDLimit.with(fmt.Errorf("device %s has used every mutation id (last %d)", dev.ID, last))
	}
	if !consecutive(ms) {
		return s.conflict(r, dev, ms)
	}
	if ms[0].ID != last+1 {
		// The device was read when the request came in: another push
		// of it may have gone further since. Read again.
		if err := s.conflict(r, dev, ms); !errors.Is(err, errStartsRight) {
			return err
		}
	}
	if top := ms[len(ms)-1].ID; top > wire.MaxMutationID {
		return errIDLimit.with(fmt.Errorf("mutation id %d", top))
	}
	applied, rejected, duplicate := 0, 0, 0
	var codes []app.Code
	defer func() {
		note(r.Context(), slog.Int("mutations", len(ms)),
			slog.Int("applied", applied), slog.Int("rejected", rejected))
		if applied > 0 {
			s.Notify()
		}
	}()
	for _, m := range ms {
		out, err := s.store.Process(r.Context(), dev.ID, m.ID, m.Name, m.Args, s.clock())
		var order *serverstore.OutOfOrderError
		switch {
		case errors.Is(err, app.ErrNotFound) || errors.Is(err, serverstore.ErrRevoked):
			return errUnauthorized.with(err) // the device is gone or revoked meanwhile
		case errors.Is(err, serverstore.ErrIDLimit):
			return errIDLimit.with(err)
		case err != nil && !errors.As(err, &order):
			return errUnavailable.with(err)
		}
		if order != nil || out.Forgotten {
			// Not to be answered here: an id beyond the next (which the
			// checks above leave to no push), or one processed whose
			// result is gone. The client learns of it from the 409 that
			// its next push, starting there, gets.
			if len(resp.Results) == 0 {
				return s.conflict(r, dev, ms)
			}
			break
		}
		switch {
		case out.AlreadyDone && out.Code == app.CodeMutationReused:
			rejected++
			codes = append(codes, out.Code)
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

// errStartsRight is conflict's answer when, read afresh, the push starts
// at the expected id after all (another push went further meanwhile).
var errStartsRight = errors.New("the push starts at the expected id")

// conflict is the 409 answer to a push of ms that does not start at the
// device's lastMutationID+1 or whose ids are not consecutive: the id the
// server expects, read afresh, and what it knows of the pushed ids below
// it.
func (s *Server) conflict(r *http.Request, dev serverstore.Device, ms []wire.Mutation) error {
	sent := make([]serverstore.Sent, len(ms))
	for i, m := range ms {
		sent[i] = serverstore.Sent{ID: m.ID, Name: m.Name, Args: m.Args}
	}
	last, replays, err := s.store.Replays(r.Context(), dev.ID, sent)
	switch {
	case errors.Is(err, app.ErrNotFound) || errors.Is(err, serverstore.ErrRevoked):
		return errUnauthorized.with(err)
	case err != nil:
		return errUnavailable.with(err)
	case last >= wire.MaxMutationID:
		return errIDLimit.with(fmt.Errorf("device %s has used every mutation id (last %d)", dev.ID, last))
	}
	if ms[0].ID == last+1 && consecutive(ms) {
		return errStartsRight
	}
	c := wire.PushConflict{Error: wire.Error{Code: errOutOfOrder.code, Message: errOutOfOrder.msg}, ExpectedID: last + 1}
	for _, rp := range replays {
		switch {
		case rp.Same:
			c.Processed = append(c.Processed, wire.MutationResult{ID: rp.ID, Code: rp.Code})
		case rp.Forgotten:
			c.Forgotten = append(c.Forgotten, rp.ID)
			if rp.Before.After(c.ForgottenBefore) {
				c.ForgottenBefore = rp.Before
			}
		default:
			c.Reused = append(c.Reused, rp.ID)
		}
	}
	// A retry whose answer was lost: what it gets is the stored results.
	s.metrics.pushed(0, len(c.Processed), nil)
	return errOutOfOrder.withBody(fmt.Errorf("push of %d mutations from %d, expected %d", len(ms), ms[0].ID, c.ExpectedID), c)
}

// checkBatch checks a push's size and ids before anything runs: at most
// wire.MaxPushBatch mutations, with positive ids.
func checkBatch(ms []wire.Mutation) error {
	if len(ms) > wire.MaxPushBatch {
		return errTooLarge.with(fmt.Errorf("%d mutations, limit %d", len(ms), wire.MaxPushBatch))
	}
	for _, m := range ms {
		if m.ID <= 0 {
			return errBadRequest.with(fmt.Errorf("mutation id %d is not positive", m.ID))
		}
	}
	return nil
}

// consecutive reports whether the ids of ms are k, k+1, k+2, ….
func consecutive(ms []wire.Mutation) bool {
	for i := 1; i < len(ms); i++ {
		if ms[i].ID != ms[i-1].ID+1 { // an overflow gives a negative id, never equal

			return false
		}
	}
	return true
}
