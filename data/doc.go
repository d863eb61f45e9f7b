// Package data keeps CrossTalk's rows in SQLite, what the server's store
// and a device's replica share: opening a file (one writer, a pool of
// readers, WAL), the schema as embedded numbered migrations, the write
// transaction the mutators run in (Tx, which implements app.Tx), the
// import of a whole dataset with the search texts, the pull's page types,
// and a dump for tests. The server's own storage (exactly-once
// processing, bucket pages, devices, administration) is in
// data/serverstore; the device's (outbox, undo log, applying pages, the
// directory and the views' queries) in data/replica. Both use the column
// codec of data/internal/codec.
//
// It imports nothing of CrossTalk's but app; in particular not sync nor
// ui, nor its own subpackages.
package data
