-- The programme survey and the career self-assessment (issue 18). Both
-- sides hold these: the server the answers of everyone, a replica only
-- what its own user bucket brings it — its person's own answers.

-- The secretariat's dates of a cohort's programme survey ('YYYY-MM-DD',
-- Tokyo; '' for the default: from six days before ends_on to fourteen
-- days after it, app.Cohort.SurveyWindow), and the reference figures
-- its dashboard shows beside the cohort's own (NULL for the first
-- pilot's 6.3, 6.2 and 8.3, app.PilotFigures; all three or none).
ALTER TABLE cohorts ADD COLUMN survey_opens_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cohorts ADD COLUMN survey_closes_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cohorts ADD COLUMN ref_satisfaction REAL CHECK (ref_satisfaction BETWEEN 1 AND 7);
ALTER TABLE cohorts ADD COLUMN ref_next_round REAL CHECK (ref_next_round BETWEEN 1 AND 7);
ALTER TABLE cohorts ADD COLUMN ref_recommend REAL CHECK (ref_recommend BETWEEN 0 AND 10);

-- One participant's answer to the programme survey of a cohort
-- (programme.survey.v1): at most one per person and cohort. (cohort_id
-- names no foreign key: a replica drops a cohort its person has left,
-- and keeps their answers in it.) Private like
-- surveys: only its author's user bucket carries it.
CREATE TABLE programme_surveys (
	cohort_id    TEXT NOT NULL,
	author_id    TEXT NOT NULL REFERENCES participants (id),
	satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 7),
	next_round   INTEGER NOT NULL CHECK (next_round BETWEEN 1 AND 7),
	recommend    INTEGER NOT NULL CHECK (recommend BETWEEN 0 AND 10),
	insight      TEXT NOT NULL DEFAULT '',
	next_step    TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	version      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (cohort_id, author_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX programme_surveys_author ON programme_surveys (author_id, version);

-- One participant's self-assessment in a cohort: 'before' at joining
-- (selfassessment.submit.v1), 'after' with the programme survey. answers
-- is a JSON object of statement id (app.SelfAssessmentStatements) to
-- 1–5. Private like surveys.
CREATE TABLE self_assessments (
	cohort_id  TEXT NOT NULL,
	author_id  TEXT NOT NULL REFERENCES participants (id),
	phase      TEXT NOT NULL CHECK (phase IN ('before', 'after')),
	answers    TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
	created_at INTEGER NOT NULL,
	version    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (cohort_id, author_id, phase)
) STRICT, WITHOUT ROWID;
CREATE INDEX self_assessments_author ON self_assessments (author_id, version);
