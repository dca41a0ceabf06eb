-- 0003: programme templates, runs, tandems, onboarding plans, case handovers.
-- Nothing here is deleted by a cancellation: tandems and plans keep status
-- and reason, and their items, sessions and notes stay readable.

CREATE TABLE templates (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('onboarding', 'leadership_mentoring', 'certificate_course', 'learning_path', 'secondment')),
    name               TEXT NOT NULL CHECK (name <> ''),
    name_key           TEXT NOT NULL UNIQUE,      -- folded name: two templates never share a name
    description        TEXT NOT NULL DEFAULT '',
    duration_weeks     INTEGER NOT NULL CHECK (duration_weeks BETWEEN 1 AND 520),
    probation_weeks    INTEGER NOT NULL DEFAULT 0 CHECK (probation_weeks BETWEEN 0 AND 520),
    attendance_percent INTEGER NOT NULL DEFAULT 0 CHECK (attendance_percent BETWEEN 0 AND 100),
    feedback_prompts   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(feedback_prompts)),
    builtin_key        TEXT UNIQUE,               -- shipped template it was seeded from, NULL for own ones
    archived_at        TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE TABLE template_phases (
    template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    name        TEXT NOT NULL CHECK (name <> ''),
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (template_id, position)
) WITHOUT ROWID;

CREATE TABLE template_topics (
    template_id      INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    phase            INTEGER NOT NULL DEFAULT -1 CHECK (phase >= -1),
    title            TEXT NOT NULL CHECK (title <> ''),
    description      TEXT NOT NULL DEFAULT '',
    legal_reference  TEXT NOT NULL DEFAULT '',
    start_week       INTEGER NOT NULL CHECK (start_week >= 0),
    end_week         INTEGER NOT NULL,
    responsible_role TEXT NOT NULL DEFAULT '' CHECK (responsible_role IN ('', 'mentor', 'mentee', 'team_lead', 'head_of_office', 'speaker', 'steering_group')),
    checklist        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(checklist)),
    speaker          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (template_id, position),
    CHECK (end_week >= start_week)
) WITHOUT ROWID;

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE RESTRICT,
    name        TEXT NOT NULL CHECK (name <> ''),
    start_date  TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date    TEXT NOT NULL CHECK (date(end_date) = end_date),
    note        TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX runs_template ON runs (template_id);

CREATE TABLE tandems (
    id                     INTEGER PRIMARY KEY,
    run_id                 INTEGER NOT NULL REFERENCES runs (id) ON DELETE RESTRICT,
    mentee_id              INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    status                 TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
    start_date             TEXT NOT NULL CHECK (date(start_date) = start_date),
    end_date               TEXT NOT NULL CHECK (date(end_date) = end_date),
    without_recommendation INTEGER NOT NULL DEFAULT 0 CHECK (without_recommendation IN (0, 1)),
    warnings               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)), -- accepted rule warnings
    override_reason        TEXT NOT NULL DEFAULT '',
    cancel_reason          TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK (end_date >= start_date),
    CHECK (status <> 'cancelled' OR cancel_reason <> ''),
    CHECK (warnings = '[]' OR override_reason <> '')
);
CREATE INDEX tandems_run ON tandems (run_id);
CREATE INDEX tandems_mentee ON tandems (mentee_id);
CREATE INDEX tandems_status ON tandems (status, end_date);

CREATE TABLE tandem_mentors (
    tandem_id INTEGER NOT NULL REFERENCES tandems (id) ON DELETE CASCADE,
    mentor_id INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL CHECK (position IN (0, 1)),
    PRIMARY KEY (tandem_id, mentor_id),
    UNIQUE (tandem_id, position)
) WITHOUT ROWID;
CREATE INDEX tandem_mentors_mentor ON tandem_mentors (mentor_id);

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    newcomer_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    template_id   INTEGER NOT NULL REFERENCES templates (id) ON DELETE RESTRICT,
    tandem_id     INTEGER REFERENCES tandems (id) ON DELETE RESTRICT,
    start_date    TEXT NOT NULL CHECK (date(start_date) = start_date),
    probation_end TEXT CHECK (probation_end IS NULL OR date(probation_end) = probation_end),
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    phases        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phases)), -- copied from the template: [{name, description}]
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (status <> 'cancelled' OR cancel_reason <> '')
);
CREATE INDEX plans_newcomer ON plans (newcomer_id);
CREATE INDEX plans_tandem ON plans (tandem_id);
CREATE INDEX plans_probation ON plans (status, probation_end);

CREATE TABLE plan_items (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    phase            INTEGER NOT NULL DEFAULT -1 CHECK (phase >= -1),
    title            TEXT NOT NULL CHECK (title <> ''),
    description      TEXT NOT NULL DEFAULT '',
    legal_reference  TEXT NOT NULL DEFAULT '',
    checklist        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(checklist)),
    start_date       TEXT NOT NULL CHECK (date(start_date) = start_date),
    due_date         TEXT NOT NULL CHECK (date(due_date) = due_date),
    responsible_id   INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    prior_knowledge  TEXT NOT NULL DEFAULT 'none' CHECK (prior_knowledge IN ('none', 'basic', 'confident')),
    adjustment_note  TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (due_date >= start_date)
);
CREATE INDEX plan_items_plan ON plan_items (plan_id, position);
CREATE INDEX plan_items_due ON plan_items (status, due_date);
CREATE INDEX plan_items_responsible ON plan_items (responsible_id);

CREATE TABLE handovers (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    date       TEXT NOT NULL CHECK (date(date) = date),
    case_count INTEGER NOT NULL CHECK (case_count BETWEEN 1 AND 1000),
    from_id    INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    from_name  TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX handovers_plan ON handovers (plan_id, date);
CREATE INDEX handovers_from ON handovers (from_id);
