// Package replica is a device's local copy of what it may read, in one
// SQLite file: the rows the server sent for the device's buckets, and the
// device's own mutations, applied at once (optimistically) and queued in
// a durable outbox until the server confirms them. Each optimistic write
// is first copied into an undo log, replayed backwards before a pulled
// page is applied (ApplyPull), after which the mutations still queued are
// applied again on top. It also answers the questions the views ask
// (app.Reader): the directory, searched in memory through an index of
// folded texts, the inbox, the calendar and the surveys due.
//
// It imports data and app only: never the server's store, sync or ui.
package replica
