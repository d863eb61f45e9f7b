package server

import (
	"net/http"
	"slices"

	"crosstalk/data"
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
