-- Sync: the server's devices, invites and processed mutations, and the
-- client's outbox, cursors and undo log. Each side leaves the other's
-- tables empty.

-- The server's history: a restored backup gets a new epoch, so that
-- clients reset rather than diverge. Tombstones below the horizon have
-- been pruned.
INSERT INTO meta (key, value) VALUES ('epoch', abs(random()) % 1000000000000), ('tombstone_horizon', 0);

CREATE TABLE devices (
	id               TEXT PRIMARY KEY,
	participant_id   TEXT NOT NULL REFERENCES participants (id),
	token_hash       TEXT NOT NULL UNIQUE,
	name             TEXT NOT NULL DEFAULT '',
	created_at       INTEGER NOT NULL,
	revoked_at       INTEGER,
	last_mutation_id INTEGER NOT NULL DEFAULT 0,
	last_seen_at     INTEGER
) STRICT;
CREATE INDEX devices_participant ON devices (participant_id);

CREATE TABLE invites (
	code_hash      TEXT PRIMARY KEY,
	participant_id TEXT NOT NULL REFERENCES participants (id),
	created_at     INTEGER NOT NULL,
	expires_at     INTEGER NOT NULL,
	used_at        INTEGER,
	device_id      TEXT,
	revoked_at     INTEGER
) STRICT;
CREATE INDEX invites_participant ON invites (participant_id);

-- What each processed mutation came to ('' for applied), so that a retry
-- gets the same answer.
CREATE TABLE mutation_results (
	device_id    TEXT NOT NULL,
	mutation_id  INTEGER NOT NULL,
	code         TEXT NOT NULL DEFAULT '',
	processed_at INTEGER NOT NULL,
	PRIMARY KEY (device_id, mutation_id)
) STRICT, WITHOUT ROWID;

-- Client: mutations not yet confirmed by the server, in order.
CREATE TABLE outbox (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	args        TEXT NOT NULL,
	actor       TEXT NOT NULL, -- JSON app.Actor
	client_time INTEGER NOT NULL
) STRICT;

-- Client: settings of the connection (server, device, token…).
CREATE TABLE sync_state (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Client: how far each bucket has been pulled.
CREATE TABLE cursors (
	bucket  TEXT PRIMARY KEY,
	version INTEGER NOT NULL
) STRICT;

-- Client: the rows as they were before the optimistic mutations wrote
-- them, so that a pulled page applies on the server's state.
CREATE TABLE undo_log (
	seq INTEGER PRIMARY KEY,
	tbl TEXT NOT NULL,
	pk  TEXT NOT NULL, -- JSON array of the key's values
	row TEXT           -- JSON array of every column, NULL when there was no row
) STRICT;

-- Client: mutations the server refused, for the user to read.
CREATE TABLE rejections (
	mutation_id INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	args        TEXT NOT NULL,
	code        TEXT NOT NULL,
	at          INTEGER NOT NULL,
	seen        INTEGER NOT NULL DEFAULT 0
) STRICT;
