package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
	"unicode/utf8"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// The administration's endpoints (wire.PathAdmin...), and who may call
// them. A participant is refused every one with CodeNotAllowed (403); a
// missing, unknown or revoked token gets 401 as everywhere.
//
//	companies (GET)        HR: its own company only; secretariat: all
//	companies/save         secretariat
//	cohorts (GET)          HR and secretariat: every cohort (HR needs them to import and to read figures)
//	cohorts/save, /state,
//	cohorts/members        secretariat
//	import                 HR: into its own company; secretariat: any
//	invitations            HR: its own company, without the secretariat's accounts; secretariat: any
//	invitations/new        HR: people of its own company but the secretariat's accounts, who have
//	                       never joined (CodeAlreadyJoined otherwise); secretariat: anyone
//	invitations/revoke,
//	devices/revoke         HR: people of its own company but the secretariat's accounts; secretariat: anyone
//	dashboard, activity    HR: scope of its own company only; secretariat: any scope
//	introductions, /new    secretariat (admin_intro.go)
//
// Decisions on privacy: HR never reads a whole-cohort scope (not even
// its aggregate counts) nor another company's, so no figure it gets
// mixes in other companies' people, and every person named to HR
// (NoOffersReceived, NoOffersSent, Activity) is of its company. Survey
// figures are shown to HR and to the secretariat only for a group of at
// least app.MinGroup distinct authors; comments go to the secretariat
// only, for such a group, sorted and without author or talk. HR may not
// invite, or revoke a code or a device of, a secretariat account, even
// one of its own company: that would let HR sign in as the secretariat.
// Nor may HR make a new code for someone who has joined (has or had a
// device): HR would sign in as its employee and read their survey
// answers and their offers with other companies' people. The
// secretariat makes those codes, and every new device is announced on
// the person's other devices (the user bucket's devices).

// AdminStore is the storage of the administration's endpoints (issue 5):
// imports, invitations, companies, cohorts, memberships and figures.
// *serverstore.Store implements it; a Store that does not leaves the admin
// endpoints answering 404. Writes take their transaction's version, so
// that they reach the replicas through the buckets; refusals are
// *app.Rejection values.
type AdminStore interface {
	Companies(ctx context.Context) ([]app.Company, error)
	// SaveCompany creates (create) or updates a company.
	SaveCompany(ctx context.Context, c app.Company, create bool) error
	Cohorts(ctx context.Context) ([]app.Cohort, error)
	// SaveCohort creates a draft cohort (create) or updates one's name,
	// period and rules, and returns it as stored.
	SaveCohort(ctx context.Context, c app.Cohort, create bool) (app.Cohort, error)
	// SetCohortState opens or closes a cohort; closing expires its
	// pending offers in the same transaction. It counts them.
	SetCohortState(ctx context.Context, cohortID string, state app.CohortState, now time.Time) (int, error)
	// SetMembers adds or removes people of a cohort and counts the
	// memberships changed.
	SetMembers(ctx context.Context, cohortID string, ids []string, in bool, now time.Time) (int, error)
	// SetProgrammeSurvey sets a cohort's programme survey dates and
	// reference figures, and returns the cohort as stored.
	SetProgrammeSurvey(ctx context.Context, cohortID string, set serverstore.ProgrammeSurveySettings) (app.Cohort, error)

	// ImportRoster writes a company's import, all or nothing.
	ImportRoster(ctx context.Context, companyID string, entries []app.RosterEntry, newID func() string, now time.Time) (app.ImportResult, error)

	// Accounts loads the company and role of people; unknown ids are
	// missing from the answer.
	Accounts(ctx context.Context, ids []string) (map[string]serverstore.Account, error)
	// DeviceAccount is the account a device belongs to.
	DeviceAccount(ctx context.Context, deviceID string) (serverstore.Account, error)
	Invitations(ctx context.Context, companyID string) ([]app.Invitation, error)
	InvitationsOf(ctx context.Context, ids []string) ([]app.Invitation, error)
	// ReplaceInvites records new codes and revokes each person's older
	// unused ones, in one transaction.
	ReplaceInvites(ctx context.Context, invites []serverstore.NewInvite, now, expires time.Time) error
	RevokeInvites(ctx context.Context, participantID string, now time.Time) (int, error)

	Dashboard(ctx context.Context, scope app.Scope, now time.Time) (app.Dashboard, error)
	Activity(ctx context.Context, scope app.Scope) ([]app.Activity, error)
}

var _ AdminStore = (*serverstore.Store)(nil)

// Invite code lifetimes an admin may ask for.
const (
	MinInviteTTL = time.Hour
	MaxInviteTTL = 90 * 24 * time.Hour
)

// adminFunc is an admin endpoint, for a signed-in HR or secretariat
// account.
type adminFunc func(w http.ResponseWriter, r *http.Request, a app.Actor) error

// adminRoutes registers the admin endpoints on mux.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	for _, e := range []struct {
		method, path string
		h            adminFunc
	}{
		{http.MethodGet, wire.PathAdminCompanies, s.adminCompanies},
		{http.MethodPost, wire.PathAdminSaveCompany, s.adminSaveCompany},
		{http.MethodGet, wire.PathAdminCohorts, s.adminCohorts},
		{http.MethodPost, wire.PathAdminSaveCohort, s.adminSaveCohort},
		{http.MethodPost, wire.PathAdminCohortState, s.adminCohortState},
		{http.MethodPost, wire.PathAdminMembers, s.adminMembers},
		{http.MethodPost, wire.PathAdminSurvey, s.adminProgrammeSurvey},
		{http.MethodPost, wire.PathAdminImport, s.adminImport},
		{http.MethodPost, wire.PathAdminInvitations, s.adminInvitations},
		{http.MethodPost, wire.PathAdminInvite, s.adminInvite},
		{http.MethodPost, wire.PathAdminRevokeInvite, s.adminRevokeInvite},
		{http.MethodPost, wire.PathAdminRevokeDevice, s.adminRevokeDevice},
		{http.MethodPost, wire.PathAdminDashboard, s.adminDashboard},
		{http.MethodPost, wire.PathAdminActivity, s.adminActivity},
		{http.MethodPost, wire.PathAdminIntroduce, s.adminIntroduce},
		{http.MethodPost, wire.PathAdminIntroductions, s.adminIntroductions},
	} {
		mux.Handle(e.path, s.endpoint(e.method, s.authed(s.adminOnly(e.h))))
	}
}

// adminOnly runs h for a device of an HR or secretariat account; a
// participant is refused with CodeNotAllowed. A rejection, from here or
// from h, is answered as a wire.AdminError: 403 for CodeNotAllowed, 422
// otherwise. Its detail goes to the log only.
func (s *Server) adminOnly(h adminFunc) deviceFunc {
	return func(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
		if s.admin == nil {
			return errNotFound.with(errors.New("the store has no administration"))
		}
		a := dev.Actor()
		note(r.Context(), slog.String("actor", a.ParticipantID), slog.String("role", string(a.Role)))
		var err error
		if a.Role != app.RoleHR && a.Role != app.RoleSecretariat {
			err = app.Reject(app.CodeNotAllowed, "role %q has no administration", a.Role)
		} else if a.Role == app.RoleHR && a.CompanyID == "" {
			err = app.Reject(app.CodeNotAllowed, "hr account without a company")
		} else {
			err = h(w, r, a)
		}
		var rej *app.Rejection
		if !errors.As(err, &rej) {
			return err
		}
		if info := infoOf(r.Context()); info != nil {
			info.err = err
		}
		status := http.StatusUnprocessableEntity
		if rej.Code == app.CodeNotAllowed {
			status = http.StatusForbidden
		}
		writeJSON(w, status, wire.AdminError{Code: wire.ErrRejected, Message: "refused", Reason: rej.Code})
		return nil
	}
}

// storeErr passes a rejection on and makes any other store failure a 503.
func storeErr(err error) error {
	if err == nil || app.IsRejection(err) {
		return err
	}
	return errUnavailable.with(err)
}

// decodeAdmin reads an admin request's body, at most limit bytes, into v
// strictly: UTF-8, one JSON value, no unknown fields, nothing after it.
func decodeAdmin(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	if r.ContentLength > limit {
		return errTooLarge.with(fmt.Errorf("content length %d", r.ContentLength))
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return errTooLarge.with(err)
		}
		return errBadJSON.with(fmt.Errorf("read body: %w", err))
	}
	if !utf8.Valid(b) {
		return errBadJSON.with(errors.New("body is not UTF-8"))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errBadJSON.with(fmt.Errorf("decode %T: %w", v, err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errBadJSON.with(fmt.Errorf("decode %T: data after the value", v))
	}
	return nil
}

// adminLog records what an admin call did in the request's log record:
// the operation and counts, never names, numbers or codes.
func adminLog(r *http.Request, op string, attrs ...slog.Attr) {
	note(r.Context(), append([]slog.Attr{slog.String("admin", op)}, attrs...)...)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
