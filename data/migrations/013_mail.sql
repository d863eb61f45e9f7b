-- E-mail from the server (issue 17). Server only: a replica leaves these
-- tables and columns empty (as in migration 002, each side leaves the
-- other's tables empty), but for what its own user bucket brings it.

-- A person's choices for mail, which sync to their own devices like any
-- other setting: single mails (the default), a daily digest, or none; the
-- language of the mails; and, for HR and the secretariat, a weekly summary
-- of their scope. email_failed_at is when a permanent SMTP failure was
-- last seen for participants.email (Unix milliseconds, 0 if none), and
-- email_error the relay's reply: no mail goes to a failing address, and
-- the person is told 「メールが届きません」. A new address clears both.
ALTER TABLE participants ADD COLUMN mail_mode TEXT NOT NULL DEFAULT 'single'
	CHECK (mail_mode IN ('single', 'digest', 'none'));
ALTER TABLE participants ADD COLUMN mail_language TEXT NOT NULL DEFAULT 'ja'
	CHECK (mail_language IN ('ja', 'en'));
ALTER TABLE participants ADD COLUMN mail_weekly INTEGER NOT NULL DEFAULT 0
	CHECK (mail_weekly IN (0, 1));
ALTER TABLE participants ADD COLUMN email_failed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN email_error TEXT NOT NULL DEFAULT '';

-- An address a person entered in their profile, waiting for the code that
-- was mailed to it: participants.email changes only once the code is
-- given back. code_hash is the code's keyed hash, never the code.
CREATE TABLE email_confirmations (
	participant_id TEXT PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
	address        TEXT NOT NULL CHECK (address <> ''),
	code_hash      BLOB NOT NULL,
	created_at     INTEGER NOT NULL,
	expires_at     INTEGER NOT NULL,
	attempts       INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The mail outbox (not the client's outbox of mutations): every mail to
-- send, written in the same transaction as the change that causes it, so
-- that a mail is never lost, nor sent for a change that did not commit. message is the whole RFC 5322 message as
-- it goes out, with its Message-ID (message_id). dedupe_key names what
-- the mail is about (a reminder of a talk, say) so that it is queued at
-- most once; NULL for none.
--
-- state: queued (waiting for next_attempt_at), sending (a sender took it
-- and has not yet ended the SMTP DATA), committing (the sender is ending
-- DATA: the relay may have it), sent, failed (a permanent failure or too
-- many attempts), uncertain (a sender stopped while committing: not sent
-- again, so that no one gets a mail twice). A sender that starts takes
-- back rows left in sending, which the relay cannot have accepted.
CREATE TABLE mail_outbox (
	id              INTEGER PRIMARY KEY,
	participant_id  TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	address         TEXT NOT NULL CHECK (address <> ''),
	kind            TEXT NOT NULL CHECK (kind <> ''),
	dedupe_key      TEXT UNIQUE,
	message         BLOB NOT NULL,
	message_id      TEXT NOT NULL UNIQUE,
	state           TEXT NOT NULL DEFAULT 'queued'
		CHECK (state IN ('queued', 'sending', 'committing', 'sent', 'failed', 'uncertain')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	sent_at         INTEGER
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'queued';

-- Each attempt to deliver a mail of mail_outbox, and how it ended.
CREATE TABLE mail_attempts (
	outbox_id  INTEGER NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
	started_at INTEGER NOT NULL,
	ended_at   INTEGER,
	outcome    TEXT NOT NULL DEFAULT 'started'
		CHECK (outcome IN ('started', 'sent', 'retry', 'failed', 'uncertain')),
	detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX mail_attempts_outbox ON mail_attempts (outbox_id);

-- What a person who chose the daily digest is to be told, kept until
-- their digest is queued (in the same transaction that deletes them).
-- kind and data (JSON) are what a single mail would have said.
CREATE TABLE mail_digest (
	id             INTEGER PRIMARY KEY,
	participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	kind           TEXT NOT NULL CHECK (kind <> ''),
	data           TEXT NOT NULL CHECK (json_valid(data)),
	created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX mail_digest_participant ON mail_digest (participant_id, created_at);

-- What the mail scheduler has done (reminders, expiring offers, digests,
-- weekly summaries), by key, such as "remind-day:<talk id>:<start>": a
-- key is queued once, so a sweep run twice queues nothing twice, a talk
-- moved to another time gets a new reminder, and nothing is composed
-- again for a key done. Old keys are pruned; they name past times.
CREATE TABLE mail_scheduled (
	key        TEXT PRIMARY KEY,
	created_at INTEGER NOT NULL
) STRICT;
-- The scheduler looks for the talks that start soon.
CREATE INDEX talks_scheduled_start ON talks (start_at) WHERE state = 'scheduled';

-- The events of committed changes whose mails are still to be composed
-- (serverstore's renderer): a mutation keeps its event here, in its own
-- transaction, and the renderer composes it from a later snapshot and
-- queues its mails in the transaction that deletes it. event is the
-- serverstore.MailEvent as JSON.
CREATE TABLE mail_events (
	id         INTEGER PRIMARY KEY,
	event      BLOB NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;

-- An address the person confirmed themselves, with the code mailed to it
-- (serverstore's ConfirmEmail): 1 makes participants.email theirs, which
-- HR's import never overwrites; 0 for an address from HR's list (or
-- none), which the next import may change, with a notice to the old one.
ALTER TABLE participants ADD COLUMN email_own INTEGER NOT NULL DEFAULT 0
	CHECK (email_own IN (0, 1));

-- The mails of a person, by kind and time: the hourly limit of codes
-- (email_confirm.go) counts them, and a person deleted takes theirs
-- (ON DELETE CASCADE), without reading the whole outbox.
CREATE INDEX mail_outbox_participant ON mail_outbox (participant_id, kind, created_at);
