-- A message thread per offer and talk (issue 19). One thread per offer,
-- which goes on on the offer's talk: thread_id is the offer's id. Both
-- sides hold these: the server every thread, a replica the threads of its
-- person. Only the two people of the offer ever receive a thread's rows:
-- no cohort or company bucket carries them, so neither HR nor the
-- secretariat see them.

-- One message (message.send.v1). to_id is the other side of the offer,
-- kept in the row so that the user buckets of the two people find it.
-- seq numbers the thread's messages 1, 2, 3… in the order the server (or,
-- before it confirms them, the device) applied them: the thread shows them
-- in this order. text is kept as it was sent, line breaks and all.
CREATE TABLE messages (
	id         TEXT PRIMARY KEY CHECK (id <> ''),
	thread_id  TEXT NOT NULL,
	author_id  TEXT NOT NULL REFERENCES participants (id),
	to_id      TEXT NOT NULL REFERENCES participants (id),
	seq        INTEGER NOT NULL CHECK (seq > 0),
	text       TEXT NOT NULL CHECK (text <> ''),
	created_at INTEGER NOT NULL,
	version    INTEGER NOT NULL DEFAULT 0,
	UNIQUE (thread_id, seq)
) STRICT;
CREATE INDEX messages_author ON messages (author_id, version);
CREATE INDEX messages_to ON messages (to_id, version);

-- How far one side has read a thread (message.read.v1): up to its message
-- up_to_seq (up_to_id). other_id is the thread's other side, who sees the
-- mark as 既読 on their messages.
CREATE TABLE message_reads (
	thread_id  TEXT NOT NULL,
	reader_id  TEXT NOT NULL REFERENCES participants (id),
	other_id   TEXT NOT NULL REFERENCES participants (id),
	up_to_id   TEXT NOT NULL,
	up_to_seq  INTEGER NOT NULL CHECK (up_to_seq > 0),
	read_at    INTEGER NOT NULL,
	version    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (thread_id, reader_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX message_reads_reader ON message_reads (reader_id, version);
CREATE INDEX message_reads_other ON message_reads (other_id, version);

-- Client: a replica that pulled its user bucket before this migration
-- pulls it again from the start: its app skipped the rows of these
-- tables, and its cursor may have passed them (as in migration 008).
DELETE FROM cursors WHERE bucket LIKE 'user:%';
