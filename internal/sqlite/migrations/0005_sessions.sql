-- 0005: sessions of tandems with attendance, covered plan topics, notes and
-- agreements; feedback talks. Only tandem sessions exist so far; the kind
-- column lets peer groups, course modules and the steering group follow.
-- Nothing here is lost silently: a session with notes cannot be deleted
-- (notes restrict), tandems and people restrict their sessions and talks.

CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL DEFAULT 'tandem' CHECK (kind IN ('tandem')),
    tandem_id        INTEGER REFERENCES tandems (id) ON DELETE RESTRICT,
    date             TEXT NOT NULL CHECK (date(date) = date),
    start_time       TEXT NOT NULL CHECK (length(start_time) = 5 AND time(start_time) = start_time || ':00'),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
    place            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (kind <> 'tandem' OR tandem_id IS NOT NULL)
);
-- A tandem's sessions by date: the session list, the overlap check, the timeline.
CREATE INDEX sessions_tandem ON sessions (tandem_id, date, start_time);
-- Upcoming sessions of all tandems (reminders).
CREATE INDEX sessions_date ON sessions (date);

CREATE TABLE session_attendance (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    present    INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
    PRIMARY KEY (session_id, person_id)
) WITHOUT ROWID;
CREATE INDEX session_attendance_person ON session_attendance (person_id);

CREATE TABLE session_topics (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    item_id    INTEGER NOT NULL REFERENCES plan_items (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, item_id)
) WITHOUT ROWID;
CREATE INDEX session_topics_item ON session_topics (item_id);

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE RESTRICT,
    text         TEXT NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
-- With confidential: whether a session has confidential notes is read from the index alone.
CREATE INDEX notes_session ON notes (session_id, confidential);

CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (text <> ''),
    owner_id   INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    owner_name TEXT NOT NULL DEFAULT '',
    due_date   TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agreements_session ON agreements (session_id);
-- Overdue agreements (reminders): open ones by due date.
CREATE INDEX agreements_due ON agreements (done, due_date);
CREATE INDEX agreements_owner ON agreements (owner_id);

CREATE TABLE feedback_talks (
    id         INTEGER PRIMARY KEY,
    tandem_id  INTEGER NOT NULL REFERENCES tandems (id) ON DELETE RESTRICT,
    kind       TEXT NOT NULL CHECK (kind IN ('mid_term', 'final')),
    date       TEXT NOT NULL CHECK (date(date) = date),
    answers    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(answers)), -- [{prompt, menteeView, mentorView}]; no grades
    next_steps TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX feedback_talks_tandem ON feedback_talks (tandem_id, date);
-- One final talk per tandem.
CREATE UNIQUE INDEX feedback_talks_final ON feedback_talks (tandem_id) WHERE kind = 'final';
