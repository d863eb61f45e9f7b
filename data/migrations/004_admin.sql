-- The administration (issue 5): a company's own number for each person,
-- by which a participant import finds the person again. Unique within a
-- company where set; people made before imports have none.
ALTER TABLE participants ADD COLUMN employee_no TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX participants_employee_no ON participants (company_id, employee_no) WHERE employee_no <> '';
