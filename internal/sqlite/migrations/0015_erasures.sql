-- The erasure list, second form (issue 6). One list for erased people and
-- for the tandems and plans erased when their retention period ran out,
-- keyed by kind, id and created_at: an id that a newer record uses again
-- never overwrites an earlier erasure, and after a restore from an older
-- backup every listed record that is there again (same kind, id and
-- created_at) is erased again before anything is shown. Never names.
CREATE TABLE erasures (
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'tandem', 'plan')),
    id         INTEGER NOT NULL CHECK (id > 0),
    created_at TEXT NOT NULL DEFAULT '',
    erased_at  TEXT NOT NULL,
    PRIMARY KEY (kind, id, created_at)
) WITHOUT ROWID;

INSERT INTO erasures (kind, id, created_at, erased_at)
SELECT 'person', id, created_at, erased_at FROM erased_people;

DROP TABLE erased_people;
