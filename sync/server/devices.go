package server

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// A person's devices (issue 14): the list reaches each of their devices
// in their user bucket (serverstore's srcDevicesUser), for a pull that
// asks for it (wire.WithDevices).

// asksDevices reports whether a pull asks for the person's devices.
func asksDevices(r *http.Request) bool {
	return slices.Contains(r.URL.Query()[wire.PullWith], wire.WithDevices)
}

// withoutDevices drops the rows of devices from a page, for an app that
// does not read them: an older one would refuse the whole answer.
func withoutDevices(rows []data.Change) []data.Change {
	if !slices.ContainsFunc(rows, func(c data.Change) bool { return c.Table == "devices" }) {
		return rows
	}
	return slices.DeleteFunc(slices.Clone(rows), func(c data.Change) bool { return c.Table == "devices" })
}

// revokeOwnDevice answers wire.PathDeviceRevoke: the caller stops one of
// their own other devices. Another person's device is refused as an
// unknown one is, so that no one learns whose an id is.
func (s *Server) revokeOwnDevice(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	var req wire.RevokeDeviceRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	err := func() error {
		switch {
		case req.DeviceID == "" || len(req.DeviceID) > 64:
			return app.Reject(app.CodeBadArgs, "no device")
		case req.DeviceID == dev.ID:
			return app.Reject(app.CodeSelf, "the device itself: sign out instead")
		}
		err := s.store.RevokeOwnDevice(r.Context(), dev.Participant.ID, req.DeviceID, s.clock())
		if errors.Is(err, app.ErrNotFound) {
			return app.Reject(app.CodeNotAllowed, "not a device of the person")
		}
		return storeErr(err)
	}()
	if app.IsRejection(err) {
		refuse(w, r, err)
		return nil
	}
	if err != nil {
		return err
	}
	note(r.Context(), slog.String("device.revoke", "own"))
	s.Notify() // the person's devices show it stopped
	writeJSON(w, http.StatusOK, wire.RevokedResponse{Revoked: 1})
	return nil
}

// refuse answers a rejection as the administration does (adminOnly): a
// wire.AdminError with its code, 403 for CodeNotAllowed and 422
// otherwise. Its detail goes to the log only.
func refuse(w http.ResponseWriter, r *http.Request, err error) {
	if info := infoOf(r.Context()); info != nil {
		info.err = err
	}
	code := app.CodeOf(err)
	status := http.StatusUnprocessableEntity
	if code == app.CodeNotAllowed {
		status = http.StatusForbidden
	}
	writeJSON(w, status, wire.AdminError{Code: wire.ErrRejected, Message: "refused", Reason: code})
}
