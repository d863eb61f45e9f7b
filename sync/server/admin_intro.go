package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// IntroStore is the storage of the secretariat's introductions (issue
// 19). *serverstore.Store implements it; an AdminStore that does not
// leaves the two endpoints answering 404.
type IntroStore interface {
	Introduce(ctx context.Context, in app.Introduction) (app.Introduction, error)
	Introductions(ctx context.Context, cohortID string) ([]app.Introduction, error)
}

var _ IntroStore = (*serverstore.Store)(nil)

func (s *Server) introStore() (IntroStore, error) {
	is, ok := s.admin.(IntroStore)
	if !ok {
		return nil, errNotFound.with(errors.New("the store has no introductions"))
	}
	return is, nil
}

// adminIntroduce introduces two people, for the secretariat only. The
// introduction reaches the two people's devices through their user
// buckets; no one else's.
func (s *Server) adminIntroduce(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.IntroduceRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := secretariatOnly(a); err != nil {
		return err
	}
	is, err := s.introStore()
	if err != nil {
		return err
	}
	if req.AID == req.BID {
		return app.Reject(app.CodeSelf, "introduce someone to themselves")
	}
	if err := checkIDs([]string{req.AID, req.BID}); err != nil {
		return err
	}
	in, err := is.Introduce(r.Context(), app.Introduction{ID: uuid.NewString(), CohortID: req.CohortID,
		AID: req.AID, BID: req.BID, Note: req.Note, CreatedAt: s.clock()})
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "introduce")
	s.Notify()
	writeJSON(w, http.StatusOK, in)
	return nil
}

// adminIntroductions lists a cohort's introductions, for the secretariat
// only.
func (s *Server) adminIntroductions(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.IntroductionsRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := secretariatOnly(a); err != nil {
		return err
	}
	is, err := s.introStore()
	if err != nil {
		return err
	}
	out, err := is.Introductions(r.Context(), req.CohortID)
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "introductions", slog.Int("introductions", len(out)))
	writeJSON(w, http.StatusOK, wire.IntroductionsResponse{Introductions: out})
	return nil
}
