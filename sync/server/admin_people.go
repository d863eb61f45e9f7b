package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

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
		code, hash := s.NewInviteCode()
		codes[id] = code
		// A new code for someone who has joined would let HR sign in as
		// them: only the secretariat makes one (issue 14).
		invites[i] = serverstore.NewInvite{ParticipantID: id, CodeHash: hash, FirstDevice: a.Role != app.RoleSecretariat}
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
