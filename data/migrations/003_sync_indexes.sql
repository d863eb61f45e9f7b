-- Pull sources that an index serves.
--
-- A cohort bucket holds its members' profiles and companies. Their
-- version within the bucket used to be max(p.version, m.version) and
-- max(c.version, newest membership), which no index serves: every page
-- scanned and sorted the whole bucket. Instead the bucket reads
-- participants and companies by their own version, which every writer
-- keeps high enough, in the writing transaction (see Tx.membersWritten
-- and Tx.companiesChanged in data/import.go):
--
--   * a membership written raises its participant's version to the
--     membership's: a participant's version is never below any of their
--     memberships';
--   * the first member of a company in a cohort raises the company's
--     version to the membership's, so that the cohort's readers get the
--     company with (or before) that member, and not again for every
--     further member;
--   * a member who moves to another company raises the new company's
--     version.
--
-- (Triggers would do this by themselves, but a trigger costs a
-- sub-program per row written, a third of the time of an import into a
-- replica, which needs none of it.)
--
-- Below, the versions of a file made before this migration are raised so
-- that the rule holds.

CREATE INDEX participants_version ON participants (version);
CREATE INDEX cohort_members_cohort_version ON cohort_members (cohort_id, version);

UPDATE participants SET version = m.v
	FROM (SELECT participant_id, max(version) AS v FROM cohort_members GROUP BY participant_id) AS m
	WHERE m.participant_id = participants.id AND m.v > participants.version;
UPDATE companies SET version = x.v
	FROM (SELECT p.company_id, max(m.version) AS v FROM cohort_members m
		JOIN participants p ON p.id = m.participant_id GROUP BY p.company_id) AS x
	WHERE x.company_id = companies.id AND x.v > companies.version;
