-- Two facts of offers that a device cannot tell from the offers it holds
-- (issue 19): a replica holds only its own person's offers and talks, so
-- 「まだオファーを受けていない人」 and the suggestions' reasons need the
-- server's word. Booleans only, never counts or who.
--
-- participants.offers_received: the person has received at least one
-- offer, of any programme and in any state, ever.
-- cohort_members.at_cap: the member holds as many pending offers received
-- in that programme as its rules allow (max_pending_received), so an
-- offer to them there is refused (recipient_busy). Per programme, as the
-- cap is counted: a person in two programmes may be full in one only.
--
-- The server keeps both in the transaction of every offer write (and of a
-- change of a programme's cap, data.Tx.RefreshOfferFlags); a flag that
-- flips raises the row's version (a membership's raises its person's
-- too), and only then. A pending offer past its expiry counts until the
-- sweeper expires it (each minute). A replica stores what it pulls.
ALTER TABLE participants ADD COLUMN offers_received INTEGER NOT NULL DEFAULT 0 CHECK (offers_received IN (0, 1));
ALTER TABLE cohort_members ADD COLUMN at_cap INTEGER NOT NULL DEFAULT 0 CHECK (at_cap IN (0, 1));
-- The members at a cap, which an expiry may free (RefreshFull).
CREATE INDEX cohort_members_at_cap ON cohort_members (cohort_id) WHERE at_cap;

UPDATE participants SET offers_received = 1
	WHERE EXISTS (SELECT 1 FROM offers o WHERE o.to_id = participants.id);
UPDATE cohort_members SET at_cap = 1
	WHERE (SELECT count(*) FROM offers o WHERE o.to_id = cohort_members.participant_id
			AND o.cohort_id = cohort_members.cohort_id AND o.state = 'pending')
		>= (SELECT c.max_pending_received FROM cohorts c WHERE c.id = cohort_members.cohort_id);

-- The devices hold these rows with both flags 0, the default: the rows
-- with a flag set are raised to a new version, so that every device pulls
-- them again at its next sync, and only them. (On a replica the flags
-- come from the offers it holds, true as far as they go, until its pull.)
UPDATE meta SET value = value + 1 WHERE key = 'version'
	AND (EXISTS (SELECT 1 FROM participants WHERE offers_received) OR EXISTS (SELECT 1 FROM cohort_members WHERE at_cap));
UPDATE cohort_members SET version = (SELECT value FROM meta WHERE key = 'version') WHERE at_cap;
UPDATE participants SET version = (SELECT value FROM meta WHERE key = 'version')
	WHERE offers_received OR id IN (SELECT participant_id FROM cohort_members WHERE at_cap);
