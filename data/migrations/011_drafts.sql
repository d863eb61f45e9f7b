-- Client: what a person has typed into a form and not yet sent (issue 15,
-- "nothing typed is lost"): a message of an offer, a note, a comment, an
-- unsaved edit of their profile. One row per form and target, under a key
-- such as 'offer:<recipient>' or 'profile'; value is the form's fields as
-- JSON. A draft never leaves the device: no bucket, mutation or pull
-- names this table, and the server leaves it empty (as in migration 002,
-- each side leaves the other's tables empty). Switching the replica to
-- another person empties it.
CREATE TABLE drafts (
	key        TEXT PRIMARY KEY CHECK (key <> ''),
	value      TEXT NOT NULL CHECK (json_valid(value)),
	updated_at INTEGER NOT NULL
) STRICT;
