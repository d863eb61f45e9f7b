package server

import (
	"log/slog"
	"net/http"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

func (s *Server) adminCompanies(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	all, err := s.admin.Companies(r.Context())
	if err != nil {
		return storeErr(err)
	}
	out := readable(a, all, func(c app.Company) string { return c.ID })
	adminLog(r, "companies", slog.Int("companies", len(out)))
	writeJSON(w, http.StatusOK, wire.CompaniesResponse{Companies: out})
	return nil
}

func (s *Server) adminSaveCompany(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var c app.Company
	if err := decodeAdmin(w, r, &c, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := secretariatOnly(a); err != nil {
		return err
	}
	create, err := assignID(&c.ID)
	if err != nil {
		return err
	}
	if err := s.admin.SaveCompany(r.Context(), c, create); err != nil {
		return storeErr(err)
	}
	adminLog(r, "company.save", slog.Bool("create", create))
	s.Notify()
	writeJSON(w, http.StatusOK, c)
	return nil
}

// assignID gives a new row a fresh id (an empty *id means create) and
// bounds a known one.
func assignID(id *string) (create bool, err error) {
	if *id == "" {
		*id = uuid.NewString()
		return true, nil
	}
	if len(*id) > 64 {
		return false, app.Reject(app.CodeBadArgs, "overlong id")
	}
	return false, nil
}

func (s *Server) adminCohorts(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	cs, err := s.admin.Cohorts(r.Context())
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "cohorts", slog.Int("cohorts", len(cs)))
	writeJSON(w, http.StatusOK, wire.CohortsResponse{Cohorts: cs})
	return nil
}

func (s *Server) adminSaveCohort(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var c app.Cohort
	if err := decodeAdmin(w, r, &c, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := secretariatOnly(a); err != nil {
		return err
	}
	create, err := assignID(&c.ID)
	if err != nil {
		return err
	}
	saved, err := s.admin.SaveCohort(r.Context(), c, create)
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "cohort.save", slog.Bool("create", create))
	s.Notify()
	writeJSON(w, http.StatusOK, saved)
	return nil
}

func (s *Server) adminCohortState(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.CohortStateRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := secretariatOnly(a); err != nil {
		return err
	}
	n, err := s.admin.SetCohortState(r.Context(), req.CohortID, req.State, s.clock())
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "cohort.state", slog.String("state", string(req.State)), slog.Int("expired", n))
	s.Notify()
	writeJSON(w, http.StatusOK, wire.CohortStateResponse{Expired: n})
	return nil
}

func (s *Server) adminProgrammeSurvey(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.ProgrammeSurveyRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := secretariatOnly(a); err != nil {
		return err
	}
	c, err := s.admin.SetProgrammeSurvey(r.Context(), req.CohortID, serverstore.ProgrammeSurveySettings{
		OpensOn: req.OpensOn, ClosesOn: req.ClosesOn, Reference: req.Reference})
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "cohort.survey", slog.Bool("dates", req.OpensOn != nil || req.ClosesOn != nil),
		slog.Bool("reference", req.Reference != nil))
	s.Notify()
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (s *Server) adminMembers(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.MembersRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := secretariatOnly(a); err != nil {
		return err
	}
	if err := checkIDs(req.ParticipantIDs); err != nil {
		return err
	}
	n, err := s.admin.SetMembers(r.Context(), req.CohortID, req.ParticipantIDs, req.In, s.clock())
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "cohort.members", slog.Bool("in", req.In), slog.Int("people", len(req.ParticipantIDs)), slog.Int("changed", n))
	if n > 0 {
		s.Notify()
	}
	writeJSON(w, http.StatusOK, wire.MembersResponse{Changed: n})
	return nil
}
