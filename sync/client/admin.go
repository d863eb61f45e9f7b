package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// Admin is app.Admin over the server's /v1/admin endpoints, with the
// client's connection and device token. Every call goes to the server,
// which checks the signed-in person's role: a refusal is an
// *app.Rejection with its code (CodeNotAllowed for what the role may not
// do), a server that cannot be reached gives an error wrapping
// app.ErrOffline (and ErrUnreachable), a token the server no longer
// accepts ErrUnauthorized, and a connection never made ErrNotConnected.
type Admin struct{ c *Client }

var _ app.Admin = (*Admin)(nil)

// Admin returns the administration's calls over c.
func (c *Client) Admin() *Admin { return &Admin{c: c} }

// importTimeout is the least time an import may take: 10,000 entries in
// one transaction.
const importTimeout = 2 * time.Minute

// do sends one admin request (GET when body is nil) and decodes the
// answer into out.
func (a *Admin) do(ctx context.Context, op, path string, body, out any) error {
	s, err := a.c.session(ctx)
	if err != nil {
		return fmt.Errorf("admin %s: %w", op, err)
	}
	req := request{op: "admin " + op, method: http.MethodPost, path: path, body: body, timeout: a.c.opts.RequestTimeout}
	if body == nil {
		req.method = http.MethodGet
	}
	if path == wire.PathAdminImport {
		req.limit, req.timeout = wire.MaxImportBytes, max(req.timeout, importTimeout)
	}
	return adminErr(a.c.call(ctx, s, req, out))
}

// adminErr maps a call's failure to what app.Admin promises.
func adminErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrUnreachable) {
		return fmt.Errorf("%w: %w", app.ErrOffline, err)
	}
	var he *HTTPError
	if !errors.As(err, &he) {
		return err
	}
	switch {
	case he.Status == http.StatusUnauthorized:
		return err
	case he.Code == wire.ErrRejected && he.Reason != "":
		return &app.Rejection{Code: he.Reason, Detail: he.Op}
	case he.Status == http.StatusRequestEntityTooLarge:
		return &app.Rejection{Code: app.CodeTooLarge, Detail: he.Op}
	case he.Status == http.StatusBadRequest:
		return &app.Rejection{Code: app.CodeBadArgs, Detail: he.Op}
	}
	return err
}

// Companies lists the companies the signed-in person may manage.
func (a *Admin) Companies(ctx context.Context) ([]app.Company, error) {
	var r wire.CompaniesResponse
	err := a.do(ctx, "companies", wire.PathAdminCompanies, nil, &r)
	return r.Companies, err
}

// SaveCompany creates (empty ID) or updates a company.
func (a *Admin) SaveCompany(ctx context.Context, c app.Company) (app.Company, error) {
	var out app.Company
	err := a.do(ctx, "save company", wire.PathAdminSaveCompany, c, &out)
	return out, err
}

// Cohorts lists every cohort.
func (a *Admin) Cohorts(ctx context.Context) ([]app.Cohort, error) {
	var r wire.CohortsResponse
	err := a.do(ctx, "cohorts", wire.PathAdminCohorts, nil, &r)
	return r.Cohorts, err
}

// SaveCohort creates (empty ID, as a draft) or updates a cohort.
func (a *Admin) SaveCohort(ctx context.Context, c app.Cohort) (app.Cohort, error) {
	var out app.Cohort
	err := a.do(ctx, "save cohort", wire.PathAdminSaveCohort, c, &out)
	return out, err
}

// SetCohortState opens or closes a cohort.
func (a *Admin) SetCohortState(ctx context.Context, cohortID string, state app.CohortState) error {
	return a.do(ctx, "cohort state", wire.PathAdminCohortState, wire.CohortStateRequest{CohortID: cohortID, State: state},
		&wire.CohortStateResponse{})
}

// SetMembers adds or removes people of a cohort.
func (a *Admin) SetMembers(ctx context.Context, cohortID string, participantIDs []string, in bool) error {
	return a.do(ctx, "members", wire.PathAdminMembers,
		wire.MembersRequest{CohortID: cohortID, ParticipantIDs: participantIDs, In: in}, &wire.MembersResponse{})
}

// Import writes a company's participant import, all or nothing.
func (a *Admin) Import(ctx context.Context, companyID string, entries []app.RosterEntry) (app.ImportResult, error) {
	var out app.ImportResult
	err := a.do(ctx, "import", wire.PathAdminImport, wire.ImportRequest{CompanyID: companyID, Entries: entries}, &out)
	return out, err
}

// Invitations lists a company's people and their invitations.
func (a *Admin) Invitations(ctx context.Context, companyID string) ([]app.Invitation, error) {
	var r wire.InvitationsResponse
	err := a.do(ctx, "invitations", wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: companyID}, &r)
	return r.Invitations, err
}

// Invite makes a new code for each person, valid for ttl (whole seconds).
func (a *Admin) Invite(ctx context.Context, participantIDs []string, ttl time.Duration) ([]app.Invitation, error) {
	var r wire.InvitationsResponse
	err := a.do(ctx, "invite", wire.PathAdminInvite,
		wire.InviteRequest{ParticipantIDs: participantIDs, TTLSeconds: int64(ttl / time.Second)}, &r)
	return r.Invitations, err
}

// RevokeInvite revokes a person's unused codes.
func (a *Admin) RevokeInvite(ctx context.Context, participantID string) error {
	return a.do(ctx, "revoke invite", wire.PathAdminRevokeInvite, wire.RevokeInviteRequest{ParticipantID: participantID},
		&wire.RevokedResponse{})
}

// RevokeDevice stops a device's token.
func (a *Admin) RevokeDevice(ctx context.Context, deviceID string) error {
	return a.do(ctx, "revoke device", wire.PathAdminRevokeDevice, wire.RevokeDeviceRequest{DeviceID: deviceID},
		&wire.RevokedResponse{})
}

// Dashboard reads the figures of a scope.
func (a *Admin) Dashboard(ctx context.Context, scope app.Scope) (app.Dashboard, error) {
	var out app.Dashboard
	err := a.do(ctx, "dashboard", wire.PathAdminDashboard, scope, &out)
	return out, err
}

// Activity reads the participation of each person of a scope.
func (a *Admin) Activity(ctx context.Context, scope app.Scope) ([]app.Activity, error) {
	var r wire.ActivityResponse
	err := a.do(ctx, "activity", wire.PathAdminActivity, scope, &r)
	return r.Activity, err
}

// SetProgrammeSurvey sets a cohort's programme survey: its days (nil for
// the defaults) and its reference figures (nil for the first pilot's).
func (a *Admin) SetProgrammeSurvey(ctx context.Context, cohortID string, opensOn, closesOn *time.Time, reference *app.ProgrammeFigures) (app.Cohort, error) {
	var out app.Cohort
	err := a.do(ctx, "programme survey", wire.PathAdminSurvey,
		wire.ProgrammeSurveyRequest{CohortID: cohortID, OpensOn: opensOn, ClosesOn: closesOn, Reference: reference}, &out)
	return out, err
}

// Introduce introduces two participants of a cohort to each other with a
// short note (issue 19), for the secretariat only.
func (a *Admin) Introduce(ctx context.Context, cohortID, aID, bID, note string) (app.Introduction, error) {
	var out app.Introduction
	err := a.do(ctx, "introduce", wire.PathAdminIntroduce,
		wire.IntroduceRequest{CohortID: cohortID, AID: aID, BID: bID, Note: note}, &out)
	return out, err
}

// Introductions lists a cohort's introductions, newest first, for the
// secretariat only.
func (a *Admin) Introductions(ctx context.Context, cohortID string) ([]app.Introduction, error) {
	var r wire.IntroductionsResponse
	err := a.do(ctx, "introductions", wire.PathAdminIntroductions, wire.IntroductionsRequest{CohortID: cohortID}, &r)
	return r.Introductions, err
}
