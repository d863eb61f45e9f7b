-- Changes to a talk (issue 15). A change of time is a proposal the other
-- side accepts or declines; the talk keeps its time until then. The
-- proposal and the talk's history (who did what, and when) ride in the
-- talks row as JSON, so they reach exactly the talk's two people through
-- the sync that already carries the row. sequence counts the agreed
-- changes of time and the cancellation.
ALTER TABLE talks ADD COLUMN proposal TEXT NOT NULL DEFAULT '';
ALTER TABLE talks ADD COLUMN history TEXT NOT NULL DEFAULT '[]';
ALTER TABLE talks ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

-- Device only (the server never writes it): the changes the other person
-- made to a talk that this device's user has seen, up to seen_at (Unix
-- milliseconds of the newest event seen). A talk changed later is shown
-- at the top of the inbox again.
CREATE TABLE talk_seen (
	talk_id TEXT PRIMARY KEY,
	seen_at INTEGER NOT NULL
) STRICT;
