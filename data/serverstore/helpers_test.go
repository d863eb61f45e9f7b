package serverstore_test

import (
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// open makes a server's store filled with d.
func open(t testing.TB, d app.Dataset) *serverstore.Store {
	return fixture.Open(t, serverstore.Open, d)
}
