-- Pull sources that an index serves.
--
-- A cohort bucket holds its members' profiles and companies. Their
-- version within the bucket used to be max(p.version, m.version) and
-- max(c.version, newest membership), which no index serves: every page
-- scanned and sorted the whole bucket. Instead the bucket reads
-- participants and companies by their own version, which the triggers
-- below keep high enough, in the writing transaction, for every writer:
--
--   * a membership written (inserted, or its version or participant
--     changed) raises its participant's version to the membership's: a
--     participant's version is never below any of their memberships';
--   * the first member of a company in a cohort raises the company's
--     version to the membership's, so that the cohort's readers get the
--     company with (or before) its first member, and not again for every
--     further member;
--   * a participant who moves to another company while a member of a
--     cohort raises the new company's version to the participant's.
--
-- A writer still bumps the version of every row it writes itself (to the
-- transaction's version, Tx.Version); the triggers only carry that
-- version from a membership to the rows a cohort bucket reads through it.

CREATE INDEX participants_version ON participants (version);
CREATE INDEX cohort_members_cohort_version ON cohort_members (cohort_id, version);

UPDATE participants SET version = m.v
	FROM (SELECT participant_id, max(version) AS v FROM cohort_members GROUP BY participant_id) AS m
	WHERE m.participant_id = participants.id AND m.v > participants.version;
UPDATE companies SET version = x.v
	FROM (SELECT p.company_id, max(m.version) AS v FROM cohort_members m
		JOIN participants p ON p.id = m.participant_id GROUP BY p.company_id) AS x
	WHERE x.company_id = companies.id AND x.v > companies.version;

CREATE TRIGGER cohort_members_bump_insert AFTER INSERT ON cohort_members BEGIN
	UPDATE participants SET version = NEW.version WHERE id = NEW.participant_id AND version < NEW.version;
	UPDATE companies SET version = NEW.version
		WHERE id = (SELECT company_id FROM participants WHERE id = NEW.participant_id) AND version < NEW.version
		AND NOT EXISTS (SELECT 1 FROM participants p JOIN cohort_members m
			ON m.cohort_id = NEW.cohort_id AND m.participant_id = p.id
			WHERE p.company_id = companies.id AND p.id <> NEW.participant_id);
END;

CREATE TRIGGER cohort_members_bump_update AFTER UPDATE OF version, cohort_id, participant_id ON cohort_members BEGIN
	UPDATE participants SET version = NEW.version WHERE id = NEW.participant_id AND version < NEW.version;
	UPDATE companies SET version = NEW.version
		WHERE id = (SELECT company_id FROM participants WHERE id = NEW.participant_id) AND version < NEW.version
		AND NOT EXISTS (SELECT 1 FROM participants p JOIN cohort_members m
			ON m.cohort_id = NEW.cohort_id AND m.participant_id = p.id
			WHERE p.company_id = companies.id AND p.id <> NEW.participant_id);
END;

-- The old row is still there before an insert that replaces it.
CREATE TRIGGER participants_bump_company_insert BEFORE INSERT ON participants
	WHEN EXISTS (SELECT 1 FROM cohort_members WHERE participant_id = NEW.id)
	AND NOT EXISTS (SELECT 1 FROM participants WHERE id = NEW.id AND company_id = NEW.company_id) BEGIN
	UPDATE companies SET version = NEW.version WHERE id = NEW.company_id AND version < NEW.version;
END;

CREATE TRIGGER participants_bump_company_update AFTER UPDATE OF company_id ON participants
	WHEN NEW.company_id IS NOT OLD.company_id BEGIN
	UPDATE companies SET version = NEW.version WHERE id = NEW.company_id AND version < NEW.version;
END;
