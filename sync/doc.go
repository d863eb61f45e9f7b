// Package sync is the home of CrossTalk's synchronisation: sync/wire holds
// the protocol's types, sync/client the desktop side (a durable outbox
// and the push/pull/poke loop), and sync/server the central endpoint,
// whose binary is sync/server/crosstalk-server.
//
// The protocol is intent-based and server-authoritative: clients push
// named mutations (app.Lookup), which the server runs exactly once in
// device order, and pull rows per bucket above a cursor. See DESIGN.md
// section 4.
package sync
