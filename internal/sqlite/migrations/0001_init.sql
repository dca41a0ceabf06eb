-- 0001: organisation profile, departments, people and their roles.
-- Dates are ISO 'YYYY-MM-DD' text; timestamps RFC 3339 UTC text.

CREATE TABLE organisation (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    municipality       TEXT NOT NULL DEFAULT '',
    office_name        TEXT NOT NULL DEFAULT '',
    street             TEXT NOT NULL DEFAULT '',
    postal_code        TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    signatory_name     TEXT NOT NULL DEFAULT '',
    signatory_function TEXT NOT NULL DEFAULT '',
    logo               BLOB,
    logo_mime          TEXT CHECK (logo_mime IN ('image/png', 'image/jpeg')),
    updated_at         TEXT NOT NULL DEFAULT ''
);
INSERT INTO organisation (id) VALUES (1);

CREATE TABLE departments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    name_key    TEXT NOT NULL UNIQUE,  -- folded name, for uniqueness regardless of case and umlauts
    short_name  TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    salutation      TEXT NOT NULL DEFAULT '' CHECK (salutation IN ('', 'Frau', 'Herr')),
    first_name      TEXT NOT NULL CHECK (first_name <> ''),
    last_name       TEXT NOT NULL CHECK (last_name <> ''),
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    department_id   INTEGER REFERENCES departments (id) ON DELETE RESTRICT,
    start_date      TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    exit_date       TEXT CHECK (exit_date IS NULL OR date(exit_date) = exit_date),
    line_manager_id INTEGER REFERENCES people (id) ON DELETE RESTRICT CHECK (line_manager_id <> id),
    note            TEXT NOT NULL DEFAULT '',
    sort_key        TEXT NOT NULL,  -- folded "last first", for German ordering
    search_key      TEXT NOT NULL,  -- folded names, e-mail, phone: what search-as-you-type matches
    archived_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (exit_date IS NULL OR start_date IS NULL OR exit_date >= start_date)
);
CREATE INDEX people_sort ON people (sort_key);
CREATE INDEX people_department ON people (department_id);
CREATE INDEX people_line_manager ON people (line_manager_id);

CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('mentor', 'mentee', 'team_lead', 'head_of_office', 'speaker', 'steering_group')),
    PRIMARY KEY (person_id, role)
) WITHOUT ROWID;
CREATE INDEX person_roles_role ON person_roles (role, person_id);
