-- Who a cohort bucket lists (issue 14). A cohort's readers used to get
-- every member, hidden profiles with their name, reading, age band and
-- company: so did a participant HR made and signed in itself. A cohort
-- bucket now holds only its listed members: visible participants (not
-- HR, not the secretariat) who have joined, i.e. signed in on a device
-- once (a device row, revoked since or not, as app.Participation counts
-- them). Anyone else reaches a device only through its user bucket, when
-- they have an offer or talk with its person.
--
-- participants.listed is the server's record of that, kept by every
-- writer of participants.visible, participants.role and devices in the
-- writing transaction (data.Tx.ListingsChanged), which also makes the
-- change reach the readers: a person who becomes listed has their
-- memberships, their row and their company raised to the transaction's
-- version, and one who stops being listed leaves a tombstone
-- ('listings', '<cohort>/<participant>') in each of their cohorts. A
-- replica keeps the column at 0: it lists by what it holds.

ALTER TABLE participants ADD COLUMN listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1));

UPDATE participants SET listed = 1
	WHERE visible = 1 AND role = 'participant'
		AND EXISTS (SELECT 1 FROM devices d WHERE d.participant_id = participants.id);

-- Every device pulled the members the cohort buckets used to send,
-- hidden and not yet joined ones too. A new epoch makes each pull afresh
-- at its next sync (as after a restore), so that none keeps them.
UPDATE meta SET value = (value + 1 + abs(random()) % 1000000) % 1000000000000 WHERE key = 'epoch';
