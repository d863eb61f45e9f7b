package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// BusyStore answers when another person is taken (serverstore's
// busy.go). A store without it answers wire.PathBusy 404.
type BusyStore interface {
	BusyTimes(ctx context.Context, askerID, personID string, from, to, now time.Time) ([]app.Slot, error)
}

var _ BusyStore = (*serverstore.Store)(nil)

// Asks for busy times are limited per device: busyBurst at once, then
// one more each busyRefill. Opening the offer dialog asks once; a device
// that asks about everyone in turn is slowed to a trickle.
const (
	busyBurst  = 30
	busyRefill = 6 * time.Second
)

// busyPast is how far before now a period asked may begin.
const busyPast = 24 * time.Hour

// busy answers wire.PathBusy: when a person the caller may send an offer
// to is taken, as merged intervals and nothing else.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	if ok, wait := s.busyTries.allowed(dev.ID); !ok {
		return tooMany(w, wait, errors.New("busy times asked too often"))
	}
	s.busyTries.failed(dev.ID) // every ask takes one
	var req wire.BusyRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	now := s.clock()
	var busy []app.Slot
	err := func() error {
		store, ok := s.store.(BusyStore)
		switch {
		case !ok:
			return errNotFound
		case dev.Participant.Role != app.RoleParticipant:
			return app.Reject(app.CodeNotAllowed, "busy times for a %s", dev.Participant.Role)
		case req.ParticipantID == "" || len(req.ParticipantID) > 64:
			return app.Reject(app.CodeNotAllowed, "no person")
		case req.From.IsZero() || !req.To.After(req.From):
			return app.Reject(app.CodeBadArgs, "an empty period")
		case req.To.Sub(req.From) > app.BusyRange:
			return app.Reject(app.CodeBadArgs, "a period of %v", req.To.Sub(req.From))
		case req.From.Before(now.Add(-busyPast)):
			return app.Reject(app.CodeBadArgs, "a period from %s, before now %s", req.From, now)
		}
		var err error
		busy, err = store.BusyTimes(r.Context(), dev.Participant.ID, req.ParticipantID, req.From, req.To, now)
		if err != nil && !app.IsRejection(err) {
			return errUnavailable.with(fmt.Errorf("busy times: %w", err))
		}
		return err
	}()
	if app.IsRejection(err) {
		refuse(w, r, err)
		return nil
	}
	if err != nil {
		return err
	}
	out := wire.BusyResponse{Busy: make([]wire.BusyInterval, 0, len(busy))}
	if len(busy) > wire.MaxBusyIntervals {
		// Never over app.BusyRange; should it be, all of it is taken.
		busy = []app.Slot{{Start: req.From, End: req.To}}
	}
	for _, b := range busy {
		out.Busy = append(out.Busy, wire.BusyInterval{Start: b.Start.UTC(), End: b.End.UTC()})
	}
	note(r.Context(), slog.Int("busy", len(out.Busy)))
	writeJSON(w, http.StatusOK, out)
	return nil
}
