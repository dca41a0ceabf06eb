-- 0008: competency self-assessments (Kompetenzprofil) of tandems at their
-- start and end, and the competency list of a template (JSON array of
-- names; empty: the default list of the app).
-- Competency names are stored as text with each level, so editing the
-- template later does not change old assessments.

ALTER TABLE templates ADD COLUMN competencies TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(competencies));

CREATE TABLE self_assessments (
    id          INTEGER PRIMARY KEY,
    tandem_id   INTEGER NOT NULL REFERENCES tandems (id) ON DELETE RESTRICT,
    stage       TEXT NOT NULL CHECK (stage IN ('start', 'end')),
    assessed_on TEXT NOT NULL CHECK (date(assessed_on) = assessed_on),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
-- One start and one end assessment per tandem.
CREATE UNIQUE INDEX self_assessments_tandem ON self_assessments (tandem_id, stage);

CREATE TABLE self_assessment_levels (
    assessment_id INTEGER NOT NULL REFERENCES self_assessments (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    competency    TEXT NOT NULL CHECK (competency <> ''),
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    PRIMARY KEY (assessment_id, position)
) WITHOUT ROWID;
