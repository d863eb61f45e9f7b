-- A participant's e-mail address for notifications (issue 13): HR's list
-- gives it, the server keeps it. It is never part of a synced row (see
-- serverstore.participantJSON): only the person and their company's HR may
-- know it, so no bucket carries it, and a replica leaves it empty.
ALTER TABLE participants ADD COLUMN email TEXT NOT NULL DEFAULT '';
