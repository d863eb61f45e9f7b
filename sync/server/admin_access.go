package server

import (
	"context"
	"fmt"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

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
