// Package e2e holds end-to-end tests of CrossTalk's sync: the real
// server (crosstalk/sync/server) over a real store on a temporary file,
// behind httptest on loopback, and real clients (crosstalk/sync/client)
// with their own replicas, whose requests pass through a transport that
// loses, delays and refuses them the way networks do.
//
// The package has no code of its own beyond this comment; its tests and
// benchmarks run with go test.
package e2e
