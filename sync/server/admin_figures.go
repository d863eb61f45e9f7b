package server

import (
	"log/slog"
	"net/http"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

func (s *Server) adminDashboard(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var sc app.Scope
	if err := decodeAdmin(w, r, &sc, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := scopeFor(a, sc); err != nil {
		return err
	}
	d, err := s.admin.Dashboard(r.Context(), sc, s.clock())
	if err != nil {
		return storeErr(err)
	}
	d = privateDashboard(a, d)
	adminLog(r, "dashboard", slog.Bool("company", sc.CompanyID != ""), slog.Int("participants", d.Participants))
	writeJSON(w, http.StatusOK, d)
	return nil
}

// privateDashboard keeps of d what a may read: survey figures only for a
// group of at least app.MinGroup (the store suppresses them already; this
// holds whatever store answers), comments and the programme survey's
// free answers for the secretariat only, and
// for HR no person of another company in the lists.
func privateDashboard(a app.Actor, d app.Dashboard) app.Dashboard {
	if !d.Survey.Shown || d.Survey.Answers < app.MinGroup {
		d.Survey, d.Comments = app.SurveyFigures{}, nil
	}
	if p := &d.Programme; !p.Survey.Shown || p.Survey.Answers < app.MinGroup {
		p.Survey, p.Insights, p.NextSteps = app.ProgrammeSurveyFigures{}, nil, nil
	}
	if c := &d.Programme.Change; !c.Shown || c.Counted < app.MinGroup {
		*c = app.AssessmentChange{NoBefore: c.NoBefore}
	}
	if a.Role != app.RoleSecretariat {
		d.Comments = nil
		d.Programme.Insights, d.Programme.NextSteps = nil, nil
		d.NoOffersReceived = ownPeople(a, d.NoOffersReceived)
		d.NoOffersSent = ownPeople(a, d.NoOffersSent)
	}
	d.NoOffersReceived, d.NoOffersSent, d.Weeks = nonNil(d.NoOffersReceived), nonNil(d.NoOffersSent), nonNil(d.Weeks)
	return d
}

func ownPeople(a app.Actor, ps []app.PersonRef) []app.PersonRef {
	out := []app.PersonRef{}
	for _, p := range ps {
		if p.CompanyID == a.CompanyID {
			out = append(out, p)
		}
	}
	return out
}

func (s *Server) adminActivity(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var sc app.Scope
	if err := decodeAdmin(w, r, &sc, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := scopeFor(a, sc); err != nil {
		return err
	}
	acts, err := s.admin.Activity(r.Context(), sc)
	if err != nil {
		return storeErr(err)
	}
	out := readable(a, acts, func(act app.Activity) string { return act.CompanyID })
	adminLog(r, "activity", slog.Int("people", len(out)))
	writeJSON(w, http.StatusOK, wire.ActivityResponse{Activity: out})
	return nil
}
