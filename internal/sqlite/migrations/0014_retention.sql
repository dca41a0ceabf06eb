-- Retention periods per record kind, in months (issue 6).
--   tandem: a completed or cancelled tandem with its sessions, notes,
--           agreements, feedback talks and self-assessments, counted from its end date;
--   plan:   a completed or cancelled onboarding plan, counted from its last due date;
--   person: an archived person with no remaining records, counted from archiving.
CREATE TABLE retention_periods (
    kind   TEXT PRIMARY KEY CHECK (kind IN ('tandem', 'plan', 'person')),
    months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 600)
) WITHOUT ROWID;

INSERT INTO retention_periods (kind, months) VALUES ('tandem', 24), ('plan', 24), ('person', 24);
