-- tandem:foreign-keys-off
-- 0007: peer groups (of mentees or of mentors), the steering group and
-- certificate courses (issue 4): members, course modules copied from the
-- run's template, practice projects; sessions of groups and course modules.
-- The first line makes migrate.go run this script with foreign keys off
-- (then checked with foreign_key_check before commit): widening the CHECKs
-- of sessions needs SQLite's table rebuild, and with foreign keys on the
-- DROP TABLE would cascade to attendance, topics and agreements.

CREATE TABLE groups (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('peer_mentees', 'peer_mentors', 'steering', 'course')),
    name               TEXT NOT NULL CHECK (name <> ''),
    name_key           TEXT NOT NULL,             -- folded name, for sorting
    description        TEXT NOT NULL DEFAULT '',
    run_id             INTEGER REFERENCES runs (id) ON DELETE RESTRICT,
    attendance_percent INTEGER NOT NULL DEFAULT 0 CHECK (attendance_percent BETWEEN 0 AND 100), -- course: copied from the template
    archived_at        TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (kind <> 'course' OR run_id IS NOT NULL)
);
CREATE INDEX groups_list ON groups (kind, name_key);
CREATE INDEX groups_run ON groups (run_id);

CREATE TABLE group_members (
    group_id  INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    PRIMARY KEY (group_id, person_id)
) WITHOUT ROWID;
CREATE INDEX group_members_person ON group_members (person_id);

CREATE TABLE course_modules (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    title    TEXT NOT NULL CHECK (title <> ''),
    speaker  TEXT NOT NULL DEFAULT '',
    date     TEXT CHECK (date IS NULL OR date(date) = date),
    UNIQUE (group_id, position),
    UNIQUE (group_id, id) -- parent key of sessions (group_id, module_id)
);

-- A member's practice project; removing the member is refused while it exists.
CREATE TABLE practice_projects (
    group_id      INTEGER NOT NULL,
    person_id     INTEGER NOT NULL,
    title         TEXT NOT NULL CHECK (title <> ''),
    description   TEXT NOT NULL DEFAULT '',
    head_supports INTEGER NOT NULL DEFAULT 0 CHECK (head_supports IN (0, 1)),
    status        TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'abandoned')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (group_id, person_id),
    FOREIGN KEY (group_id, person_id) REFERENCES group_members (group_id, person_id) ON DELETE RESTRICT
) WITHOUT ROWID;

-- sessions, rebuilt: a session belongs to a tandem or to a group, a course
-- session also to a module of that very group.
CREATE TABLE sessions_new (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL DEFAULT 'tandem' CHECK (kind IN ('tandem', 'peer_group', 'steering', 'course_module')),
    tandem_id        INTEGER REFERENCES tandems (id) ON DELETE RESTRICT,
    group_id         INTEGER REFERENCES groups (id) ON DELETE RESTRICT,
    module_id        INTEGER REFERENCES course_modules (id) ON DELETE RESTRICT,
    date             TEXT NOT NULL CHECK (date(date) = date),
    start_time       TEXT NOT NULL CHECK (length(start_time) = 5 AND time(start_time) = start_time || ':00'),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
    place            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((kind = 'tandem') = (tandem_id IS NOT NULL)),
    CHECK ((kind = 'tandem') = (group_id IS NULL)),
    CHECK ((kind = 'course_module') = (module_id IS NOT NULL)),
    FOREIGN KEY (group_id, module_id) REFERENCES course_modules (group_id, id) ON DELETE RESTRICT
);
INSERT INTO sessions_new (id, kind, tandem_id, date, start_time, duration_minutes, place, created_at, updated_at)
    SELECT id, kind, tandem_id, date, start_time, duration_minutes, place, created_at, updated_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
-- A tandem's sessions by date: the session list, the overlap check, the timeline.
CREATE INDEX sessions_tandem ON sessions (tandem_id, date, start_time);
-- Upcoming sessions of all tandems and groups (reminders).
CREATE INDEX sessions_date ON sessions (date);
-- A group's sessions by date: the list and the overlap check.
CREATE INDEX sessions_group ON sessions (group_id, date, start_time);
CREATE INDEX sessions_module ON sessions (module_id);
