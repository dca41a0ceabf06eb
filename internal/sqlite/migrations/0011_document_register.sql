-- 0011: the register of issued documents (issue 5). Every completion
-- confirmation and course certificate gets a number JA-<year>-<seq>
-- (sequential per year of issue) and the SHA-256 of the exact PDF bytes, so
-- a file can later be checked: unaltered and issued by us, revoked,
-- superseded, or unknown. Entries are never deleted; revoking and
-- superseding only change the status. The person is referenced, never
-- copied: when the person is deleted the entry stays, anonymous
-- (person_id NULL, shown as "gelöscht").

CREATE TABLE document_register (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE CHECK (number = 'JA-' || year || '-' || printf('%04d', seq)),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    seq           INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999999),
    kind          TEXT NOT NULL CHECK (kind IN ('confirmation', 'certificate')),
    person_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,
    tandem_id     INTEGER REFERENCES tandems (id) ON DELETE SET NULL,
    group_id      INTEGER REFERENCES groups (id) ON DELETE SET NULL,
    issued_at     TEXT NOT NULL,              -- RFC 3339, UTC
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    status        TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked', 'superseded')),
    revoked_at    TEXT,
    revoke_reason TEXT NOT NULL DEFAULT '',
    superseded_by TEXT REFERENCES document_register (number),
    UNIQUE (year, seq),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
    CHECK (status <> 'revoked' OR revoke_reason <> ''),
    CHECK ((status = 'superseded') = (superseded_by IS NOT NULL))
);
CREATE INDEX document_register_sha256 ON document_register (sha256);
CREATE INDEX document_register_person ON document_register (person_id);
CREATE INDEX document_register_tandem ON document_register (tandem_id);
CREATE INDEX document_register_group ON document_register (group_id);
CREATE INDEX document_register_issued ON document_register (issued_at);
CREATE INDEX document_register_superseded_by ON document_register (superseded_by);

-- Never deleted.
CREATE TRIGGER document_register_no_delete BEFORE DELETE ON document_register
BEGIN
    SELECT RAISE(ABORT, 'document register entries are never deleted');
END;

-- What identifies an issued document never changes.
CREATE TRIGGER document_register_fixed BEFORE UPDATE OF number, year, seq, kind, issued_at, sha256 ON document_register
BEGIN
    SELECT RAISE(ABORT, 'document register entries are fixed');
END;

-- Only a valid entry may be revoked or superseded; a status never returns to valid.
CREATE TRIGGER document_register_status BEFORE UPDATE OF status ON document_register
WHEN OLD.status <> NEW.status AND OLD.status <> 'valid'
BEGIN
    SELECT RAISE(ABORT, 'only a valid document can be revoked or superseded');
END;
