package wire

import (
	"time"

	"crosstalk/app"
)

// The administration's endpoints (issue 5), for HR staff and the
// secretariat. Each is authenticated with the device token like push and
// pull, and the server checks the signed-in person's role on every call:
// a participant is refused every one of them.
const (
	PathAdminCompanies    = "/v1/admin/companies"          // GET: CompaniesResponse
	PathAdminSaveCompany  = "/v1/admin/companies/save"     // POST app.Company: app.Company
	PathAdminCohorts      = "/v1/admin/cohorts"            // GET: CohortsResponse
	PathAdminSaveCohort   = "/v1/admin/cohorts/save"       // POST app.Cohort: app.Cohort
	PathAdminCohortState  = "/v1/admin/cohorts/state"      // POST CohortStateRequest: CohortStateResponse
	PathAdminMembers      = "/v1/admin/cohorts/members"    // POST MembersRequest: MembersResponse
	PathAdminSurvey       = "/v1/admin/cohorts/survey"     // POST ProgrammeSurveyRequest: app.Cohort
	PathAdminImport       = "/v1/admin/import"             // POST ImportRequest: app.ImportResult
	PathAdminInvitations  = "/v1/admin/invitations"        // POST InvitationsRequest: InvitationsResponse
	PathAdminInvite       = "/v1/admin/invitations/new"    // POST InviteRequest: InvitationsResponse, with codes
	PathAdminRevokeInvite = "/v1/admin/invitations/revoke" // POST RevokeInviteRequest: RevokedResponse
	PathAdminRevokeDevice = "/v1/admin/devices/revoke"     // POST RevokeDeviceRequest: RevokedResponse
	PathAdminDashboard    = "/v1/admin/dashboard"          // POST app.Scope: app.Dashboard
	PathAdminActivity     = "/v1/admin/activity"           // POST app.Scope: ActivityResponse
)

// Limits of the administration's requests.
const (
	// MaxImportBytes bounds an import's body: 10,000 entries of a few
	// hundred bytes. Every other admin request is bounded by MaxBodyBytes.
	MaxImportBytes = 8 << 20
	// MaxInviteBatch is the most people one invite or membership request
	// names.
	MaxInviteBatch = 10000
)

// CompaniesResponse lists companies: every one for the secretariat, HR's
// own for HR.
type CompaniesResponse struct {
	Companies []app.Company `json:"companies"`
}

// CohortsResponse lists every cohort.
type CohortsResponse struct {
	Cohorts []app.Cohort `json:"cohorts"`
}

// CohortStateRequest opens or closes a cohort.
type CohortStateRequest struct {
	CohortID string          `json:"cohortId"`
	State    app.CohortState `json:"state"`
}

// CohortStateResponse says how many pending offers closing expired.
type CohortStateResponse struct {
	Expired int `json:"expired"`
}

// ProgrammeSurveyRequest sets a cohort's programme survey (issue 18), for
// the secretariat only: its first and last days, whole days in Tokyo (nil
// for the defaults of app.Cohort.SurveyWindow), and the reference figures
// its dashboard shows beside the cohort's (nil for the first pilot's,
// app.PilotFigures). Each call sets all three; the answer is the cohort as
// stored.
type ProgrammeSurveyRequest struct {
	CohortID  string                `json:"cohortId"`
	OpensOn   *time.Time            `json:"opensOn,omitempty"`
	ClosesOn  *time.Time            `json:"closesOn,omitempty"`
	Reference *app.ProgrammeFigures `json:"reference,omitempty"`
}

// MembersRequest adds (In) or removes people of a cohort.
type MembersRequest struct {
	CohortID       string   `json:"cohortId"`
	ParticipantIDs []string `json:"participantIds"`
	In             bool     `json:"in"`
}

// MembersResponse counts the memberships that changed.
type MembersResponse struct {
	Changed int `json:"changed"`
}

// ImportRequest is a participant import for one company.
type ImportRequest struct {
	CompanyID string            `json:"companyId"`
	Entries   []app.RosterEntry `json:"entries"`
}

// InvitationsRequest asks for a company's people and their invitations.
type InvitationsRequest struct {
	CompanyID string `json:"companyId"`
}

// InvitationsResponse lists people and their invitations.
type InvitationsResponse struct {
	Invitations []app.Invitation `json:"invitations"`
}

// InviteRequest asks for a new code for each person, valid for
// TTLSeconds; each person's older unused codes stop working.
type InviteRequest struct {
	ParticipantIDs []string `json:"participantIds"`
	TTLSeconds     int64    `json:"ttlSeconds"`
}

// RevokeInviteRequest revokes a person's unused codes.
type RevokeInviteRequest struct {
	ParticipantID string `json:"participantId"`
}

// RevokeDeviceRequest revokes a device's token.
type RevokeDeviceRequest struct {
	DeviceID string `json:"deviceId"`
}

// RevokedResponse counts what was revoked.
type RevokedResponse struct {
	Revoked int `json:"revoked"`
}

// ActivityResponse is the participation of each person of a scope.
type ActivityResponse struct {
	Activity []app.Activity `json:"activity"`
}

// ErrRejected is the Error code of an admin call the server refused for
// a business reason: the role may not do it (403), or the input or the
// current state does not allow it (422). AdminError.Reason says which.
const ErrRejected = "rejected"

// AdminError is the body of a refused admin call: an Error with the
// rejection's code.
type AdminError struct {
	Code    string   `json:"code"`
	Message string   `json:"message,omitempty"`
	Reason  app.Code `json:"reason,omitempty"`
}
