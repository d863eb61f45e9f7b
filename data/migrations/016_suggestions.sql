-- Suggested partners and introductions (issue 19).

-- A suggestion a participant dismissed (suggestion.dismiss.v1,
-- 「今回は見送る」): participant_id is not suggested to owner_id again in
-- cohort_id. Private: only the owner's user bucket carries it, to the
-- owner's devices. A dismissal is never taken back, so it leaves no
-- tombstone.
CREATE TABLE suggestion_dismissals (
	owner_id       TEXT NOT NULL REFERENCES participants (id),
	cohort_id      TEXT NOT NULL,
	participant_id TEXT NOT NULL,
	created_at     INTEGER NOT NULL,
	version        INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (owner_id, cohort_id, participant_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX suggestion_dismissals_owner ON suggestion_dismissals (owner_id, version);

-- The secretariat's introduction (「紹介」) of two participants of a
-- cohort, of different companies, with a short note. Only the user
-- buckets of a_id and b_id carry it; the secretariat reads it over its
-- endpoint. No cohort or company bucket holds it, so HR never sees it.
CREATE TABLE introductions (
	id         TEXT PRIMARY KEY CHECK (id <> ''),
	cohort_id  TEXT NOT NULL,
	a_id       TEXT NOT NULL REFERENCES participants (id),
	b_id       TEXT NOT NULL REFERENCES participants (id),
	note       TEXT NOT NULL CHECK (note <> ''),
	created_at INTEGER NOT NULL,
	version    INTEGER NOT NULL DEFAULT 0,
	CHECK (a_id <> b_id)
) STRICT;
CREATE INDEX introductions_a ON introductions (a_id, version);
CREATE INDEX introductions_b ON introductions (b_id, version);
CREATE INDEX introductions_cohort ON introductions (cohort_id, created_at);

-- Client: a replica that pulled its user bucket before this migration
-- pulls it again from the start (as in migrations 008 and 015).
DELETE FROM cursors WHERE bucket LIKE 'user:%';
