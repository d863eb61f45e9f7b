-- The first schema: the domain of DESIGN.md section 3.
-- Times are Unix milliseconds (UTC); cohort dates are 'YYYY-MM-DD' in Tokyo.
-- Every synced row carries the version of the transaction that last wrote it.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('version', 0);

CREATE TABLE companies (
	id       TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	industry TEXT NOT NULL,
	version  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE cohorts (
	id                   TEXT PRIMARY KEY,
	name                 TEXT NOT NULL,
	starts_on            TEXT NOT NULL,
	ends_on              TEXT NOT NULL,
	state                TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
	offer_expiry_days    INTEGER NOT NULL CHECK (offer_expiry_days > 0),
	max_pending_sent     INTEGER NOT NULL CHECK (max_pending_sent > 0),
	max_pending_received INTEGER NOT NULL CHECK (max_pending_received > 0),
	talk_minutes         INTEGER NOT NULL CHECK (talk_minutes > 0),
	version              INTEGER NOT NULL DEFAULT 0,
	CHECK (starts_on <= ends_on)
) STRICT;

CREATE TABLE participants (
	id         TEXT PRIMARY KEY,
	company_id TEXT NOT NULL REFERENCES companies (id),
	name       TEXT NOT NULL,
	kana       TEXT NOT NULL,
	age_band   TEXT NOT NULL,
	job_role   TEXT NOT NULL DEFAULT '',
	themes     TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	interests  TEXT NOT NULL DEFAULT '',
	intro      TEXT NOT NULL DEFAULT '',
	modes      TEXT NOT NULL DEFAULT '[]', -- JSON array of modes
	free_times TEXT NOT NULL DEFAULT '',
	visible    INTEGER NOT NULL DEFAULT 0 CHECK (visible IN (0, 1)),
	role       TEXT NOT NULL CHECK (role IN ('participant', 'hr', 'secretariat')),
	sort_key   TEXT NOT NULL, -- folded kana, for ordering
	version    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX participants_company ON participants (company_id);
CREATE INDEX participants_sort ON participants (sort_key);

-- The folded text the directory searches, apart from the wide profile
-- rows so that a scan reads only this.
CREATE TABLE participant_search (
	participant_id TEXT PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
	text           TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE cohort_members (
	cohort_id      TEXT NOT NULL REFERENCES cohorts (id),
	participant_id TEXT NOT NULL REFERENCES participants (id),
	version        INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (cohort_id, participant_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX cohort_members_participant ON cohort_members (participant_id, cohort_id);

CREATE TABLE offers (
	id           TEXT PRIMARY KEY,
	cohort_id    TEXT NOT NULL REFERENCES cohorts (id),
	from_id      TEXT NOT NULL REFERENCES participants (id),
	to_id        TEXT NOT NULL REFERENCES participants (id),
	message      TEXT NOT NULL,
	slots        TEXT NOT NULL, -- JSON array of {start, end}
	mode         TEXT NOT NULL CHECK (mode IN ('online', 'phone', 'in_person')),
	state        TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
	turn         TEXT NOT NULL DEFAULT '',
	rounds       INTEGER NOT NULL DEFAULT 0,
	reason       TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	talk_id      TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL,
	answered_at  INTEGER,
	chosen_start INTEGER,
	version      INTEGER NOT NULL DEFAULT 0,
	CHECK (from_id <> to_id)
) STRICT;
CREATE INDEX offers_from ON offers (from_id, state);
CREATE INDEX offers_to ON offers (to_id, state);
CREATE INDEX offers_pending ON offers (cohort_id, expires_at) WHERE state = 'pending';

CREATE TABLE talks (
	id         TEXT PRIMARY KEY,
	offer_id   TEXT NOT NULL REFERENCES offers (id),
	cohort_id  TEXT NOT NULL REFERENCES cohorts (id),
	a_id       TEXT NOT NULL REFERENCES participants (id),
	b_id       TEXT NOT NULL REFERENCES participants (id),
	start_at   INTEGER NOT NULL,
	end_at     INTEGER NOT NULL,
	mode       TEXT NOT NULL CHECK (mode IN ('online', 'phone', 'in_person')),
	place      TEXT NOT NULL DEFAULT '',
	state      TEXT NOT NULL CHECK (state IN ('scheduled', 'held', 'cancelled', 'no_show')),
	reason     TEXT NOT NULL DEFAULT '',
	replaces   TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	version    INTEGER NOT NULL DEFAULT 0,
	CHECK (start_at < end_at)
) STRICT;
CREATE INDEX talks_a ON talks (a_id, start_at);
CREATE INDEX talks_b ON talks (b_id, start_at);

CREATE TABLE surveys (
	talk_id      TEXT NOT NULL REFERENCES talks (id),
	author_id    TEXT NOT NULL REFERENCES participants (id),
	satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 7),
	recommend    INTEGER NOT NULL CHECK (recommend BETWEEN 0 AND 10),
	comment      TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	version      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (talk_id, author_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX surveys_author ON surveys (author_id);

CREATE TABLE bookmarks (
	owner_id   TEXT NOT NULL REFERENCES participants (id),
	target_id  TEXT NOT NULL REFERENCES participants (id),
	created_at INTEGER NOT NULL,
	version    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (owner_id, target_id)
) STRICT, WITHOUT ROWID;

-- Deleted rows, so that a replica learns of the deletion.
CREATE TABLE tombstones (
	tbl        TEXT NOT NULL,
	row_key    TEXT NOT NULL,
	version    INTEGER NOT NULL,
	deleted_at INTEGER NOT NULL, -- Unix ms, for pruning
	PRIMARY KEY (tbl, row_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX tombstones_version ON tombstones (version);
