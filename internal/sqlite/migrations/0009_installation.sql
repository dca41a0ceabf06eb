-- 0009: a stable random identifier of this installation (this database
-- file), created once. Calendar exports use it in their UIDs
-- ("tandem-session-42@<id>"), so that re-importing an export updates the
-- events instead of duplicating them and two installations never produce
-- the same UID for different sessions.

CREATE TABLE installation (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id        TEXT NOT NULL CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*')
);
INSERT INTO installation (singleton, id) VALUES (1, lower(hex(randomblob(16))));
