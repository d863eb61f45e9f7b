package replica_test

import (
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/replica"
	"crosstalk/data/serverstore"
)

// open makes a replica filled with d, as if a device had pulled it.
func open(t testing.TB, d app.Dataset) *replica.Store { return fixture.Open(t, replica.Open, d) }

// openServer makes a server's store filled with d, where every person of
// d has joined (signed in on a device once): the cohort buckets list the
// visible participants among them (migration 009).
func openServer(t testing.TB, d app.Dataset) *serverstore.Store {
	srv := fixture.Open(t, serverstore.Open, d)
	fixture.JoinedAll(t, srv, d)
	return srv
}
