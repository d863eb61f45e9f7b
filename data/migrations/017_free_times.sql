-- Usual free times as a weekly pattern (issue 19): app.FreeWeek as JSON,
-- a list of names such as "mon-afternoon". The free text free_times stays
-- as a note beside it. Rows of before have no pattern: '[]'.
ALTER TABLE participants ADD COLUMN free_week TEXT NOT NULL DEFAULT '[]';
