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

	"github.com/google/uuid"

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
//	invitations/new,
//	invitations/revoke,
//	devices/revoke         HR: people of its own company but the secretariat's accounts; secretariat: anyone
//	dashboard, activity    HR: scope of its own company only; secretariat: any scope
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
		{http.MethodPost, wire.PathAdminImport, s.adminImport},
		{http.MethodPost, wire.PathAdminInvitations, s.adminInvitations},
		{http.MethodPost, wire.PathAdminInvite, s.adminInvite},
		{http.MethodPost, wire.PathAdminRevokeInvite, s.adminRevokeInvite},
		{http.MethodPost, wire.PathAdminRevokeDevice, s.adminRevokeDevice},
		{http.MethodPost, wire.PathAdminDashboard, s.adminDashboard},
		{http.MethodPost, wire.PathAdminActivity, s.adminActivity},
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

var errNotAllowed = app.Reject(app.CodeNotAllowed, "not for this role")

// secretariatOnly refuses every role but the secretariat.
func secretariatOnly(a app.Actor) error {
	if a.Role != app.RoleSecretariat {
		return errNotAllowed
	}
	return nil
}

// ownCompany checks that a may act on companyID: the secretariat on any,
// HR on its own only.
func ownCompany(a app.Actor, companyID string) error {
	if companyID == "" {
		return app.Reject(app.CodeBadArgs, "no company")
	}
	if reads(a, companyID) {
		return nil
	}
	return app.Reject(app.CodeNotAllowed, "another company")
}

// reads reports whether a may see what belongs to companyID: the
// secretariat everything, HR its own company's.
func reads(a app.Actor, companyID string) bool {
	return a.Role == app.RoleSecretariat || companyID == a.CompanyID
}

// readable keeps of all the items of a company that a reads (reads), by
// company their company's id; never nil.
func readable[T any](a app.Actor, all []T, company func(T) string) []T {
	out := []T{}
	for _, x := range all {
		if reads(a, company(x)) {
			out = append(out, x)
		}
	}
	return out
}

// mayManage checks that a may act on every person of ids: the
// secretariat on anyone who exists, HR on the people of its own company
// but the secretariat's accounts. HR gets CodeNotAllowed for an id that
// names no one too, so that it cannot probe other companies' ids.
func (s *Server) mayManage(ctx context.Context, a app.Actor, ids []string) error {
	accounts, err := s.admin.Accounts(ctx, ids)
	if err != nil {
		return storeErr(err)
	}
	for i, id := range ids {
		acc, ok := accounts[id]
		if err := mayManageAccount(a, acc, ok); err != nil {
			return &app.Rejection{Code: app.CodeOf(err), Detail: fmt.Sprintf("person %d: %v", i, err)}
		}
	}
	return nil
}

func mayManageAccount(a app.Actor, acc serverstore.Account, exists bool) error {
	if a.Role == app.RoleSecretariat {
		if !exists {
			return app.Reject(app.CodeNotFound, "no such person")
		}
		return nil
	}
	if !exists || acc.CompanyID != a.CompanyID || acc.Role == app.RoleSecretariat {
		return app.Reject(app.CodeNotAllowed, "not a person of the company")
	}
	return nil
}

// scopeFor checks the scope of a dashboard or activity list: the
// secretariat may read any, HR only its own company's (never the whole
// cohort's, nor another company's).
func scopeFor(a app.Actor, sc app.Scope) error {
	if sc.CohortID == "" || len(sc.CohortID) > 64 || len(sc.CompanyID) > 64 {
		return app.Reject(app.CodeBadArgs, "scope needs a cohort")
	}
	if a.Role == app.RoleSecretariat {
		return nil
	}
	if sc.CompanyID != a.CompanyID {
		return app.Reject(app.CodeNotAllowed, "hr reads its own company only")
	}
	return nil
}

// checkIDs checks a list of ids: 1 to wire.MaxInviteBatch, none empty or
// overlong, none repeated.
func checkIDs(ids []string) error {
	if len(ids) == 0 || len(ids) > wire.MaxInviteBatch {
		return app.Reject(app.CodeBadArgs, "%d ids, want 1 to %d", len(ids), wire.MaxInviteBatch)
	}
	seen := make(map[string]bool, len(ids))
	for i, id := range ids {
		if id == "" || len(id) > 64 {
			return app.Reject(app.CodeBadArgs, "id %d is empty or overlong", i)
		}
		if seen[id] {
			return app.Reject(app.CodeBadArgs, "id %d repeats", i)
		}
		seen[id] = true
	}
	return nil
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

func (s *Server) adminImport(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.ImportRequest
	if err := decodeAdmin(w, r, &req, wire.MaxImportBytes); err != nil {
		return err
	}
	if err := ownCompany(a, req.CompanyID); err != nil {
		return err
	}
	res, err := s.admin.ImportRoster(r.Context(), req.CompanyID, req.Entries, uuid.NewString, s.clock())
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "import", slog.Int("entries", len(req.Entries)),
		slog.Int("added", res.Added), slog.Int("updated", res.Updated), slog.Int("unchanged", res.Unchanged))
	if res.Added+res.Updated > 0 {
		s.Notify()
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) adminInvitations(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.InvitationsRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := ownCompany(a, req.CompanyID); err != nil {
		return err
	}
	invs, err := s.admin.Invitations(r.Context(), req.CompanyID)
	if err != nil {
		return storeErr(err)
	}
	if a.Role != app.RoleSecretariat {
		// HR does not manage the secretariat's accounts, even in its
		// own company: it does not see their devices either.
		if invs, err = s.withoutSecretariat(r.Context(), invs); err != nil {
			return err
		}
	}
	adminLog(r, "invitations", slog.Int("people", len(invs)))
	writeJSON(w, http.StatusOK, wire.InvitationsResponse{Invitations: nonNil(invs)})
	return nil
}

// withoutSecretariat drops the secretariat's accounts from invs.
func (s *Server) withoutSecretariat(ctx context.Context, invs []app.Invitation) ([]app.Invitation, error) {
	ids := make([]string, len(invs))
	for i, inv := range invs {
		ids[i] = inv.ParticipantID
	}
	accounts, err := s.admin.Accounts(ctx, ids)
	if err != nil {
		return nil, storeErr(err)
	}
	out := invs[:0]
	for _, inv := range invs {
		if accounts[inv.ParticipantID].Role != app.RoleSecretariat {
			out = append(out, inv)
		}
	}
	return out, nil
}

func (s *Server) adminInvite(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.InviteRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := checkIDs(req.ParticipantIDs); err != nil {
		return err
	}
	ttl := time.Duration(req.TTLSeconds) * time.Second
	if req.TTLSeconds <= 0 || ttl < MinInviteTTL || ttl > MaxInviteTTL {
		return app.Reject(app.CodeOutOfRange, "ttl %ds not in %v–%v", req.TTLSeconds, MinInviteTTL, MaxInviteTTL)
	}
	if err := s.mayManage(r.Context(), a, req.ParticipantIDs); err != nil {
		return err
	}
	codes := make(map[string]string, len(req.ParticipantIDs))
	invites := make([]serverstore.NewInvite, len(req.ParticipantIDs))
	for i, id := range req.ParticipantIDs {
		code, hash := NewInviteCode()
		codes[id] = code
		invites[i] = serverstore.NewInvite{ParticipantID: id, CodeHash: hash}
	}
	now := s.clock()
	if err := s.admin.ReplaceInvites(r.Context(), invites, now, now.Add(ttl)); err != nil {
		return storeErr(err)
	}
	invs, err := s.admin.InvitationsOf(r.Context(), req.ParticipantIDs)
	if err != nil {
		return storeErr(err)
	}
	for i := range invs {
		invs[i].Code = codes[invs[i].ParticipantID]
	}
	adminLog(r, "invite", slog.Int("people", len(invs)), slog.Duration("ttl", ttl))
	writeJSON(w, http.StatusOK, wire.InvitationsResponse{Invitations: nonNil(invs)})
	return nil
}

func (s *Server) adminRevokeInvite(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.RevokeInviteRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if err := checkIDs([]string{req.ParticipantID}); err != nil {
		return err
	}
	if err := s.mayManage(r.Context(), a, []string{req.ParticipantID}); err != nil {
		return err
	}
	n, err := s.admin.RevokeInvites(r.Context(), req.ParticipantID, s.clock())
	if err != nil {
		return storeErr(err)
	}
	adminLog(r, "invite.revoke", slog.Int("revoked", n))
	writeJSON(w, http.StatusOK, wire.RevokedResponse{Revoked: n})
	return nil
}

func (s *Server) adminRevokeDevice(w http.ResponseWriter, r *http.Request, a app.Actor) error {
	var req wire.RevokeDeviceRequest
	if err := decodeAdmin(w, r, &req, wire.MaxBodyBytes); err != nil {
		return err
	}
	if req.DeviceID == "" || len(req.DeviceID) > 64 {
		return app.Reject(app.CodeBadArgs, "no device")
	}
	acc, err := s.admin.DeviceAccount(r.Context(), req.DeviceID)
	exists := err == nil
	if err != nil && !errors.Is(err, app.ErrNotFound) {
		return storeErr(err)
	}
	if err := mayManageAccount(a, acc, exists); err != nil {
		return err
	}
	if err := s.store.RevokeDevice(r.Context(), req.DeviceID, s.clock()); err != nil {
		if errors.Is(err, app.ErrNotFound) {
			return app.Reject(app.CodeNotFound, "no such device")
		}
		return storeErr(err)
	}
	adminLog(r, "device.revoke", slog.String("target", req.DeviceID))
	writeJSON(w, http.StatusOK, wire.RevokedResponse{Revoked: 1})
	return nil
}

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
// holds whatever store answers), comments for the secretariat only, and
// for HR no person of another company in the lists.
func privateDashboard(a app.Actor, d app.Dashboard) app.Dashboard {
	if !d.Survey.Shown || d.Survey.Answers < app.MinGroup {
		d.Survey, d.Comments = app.SurveyFigures{}, nil
	}
	if a.Role != app.RoleSecretariat {
		d.Comments = nil
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

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
