-- Erasure list and audit log (issue 6).

-- People erased for good. After a restore from an older backup every listed
-- person that is there again (same id and same created_at, so a newer
-- person who reuses the id is never touched) is erased again.
CREATE TABLE erased_people (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT '',
    erased_at  TEXT NOT NULL
);

-- Who did what to which record, never content. Append-only.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,             -- RFC 3339, UTC
    os_user     TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'change', 'delete', 'erase', 'export', 'print', 'restore')),
    record_kind TEXT NOT NULL CHECK (record_kind <> ''),
    record_id   INTEGER
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- create/change/delete are written by triggers inside the writing
-- transaction, whatever code path changed the row; tandem_os_user() is a
-- Go function (like tandem_fold). export, print, restore and erase are
-- written by the Go side (DB.Audit / tx.audit).
CREATE TRIGGER audit_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'person', NEW.id);
END;
CREATE TRIGGER audit_people_update AFTER UPDATE ON people BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'person', NEW.id);
END;
CREATE TRIGGER audit_people_delete AFTER DELETE ON people BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'person', OLD.id);
END;

CREATE TRIGGER audit_tandems_insert AFTER INSERT ON tandems BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'tandem', NEW.id);
END;
CREATE TRIGGER audit_tandems_update AFTER UPDATE ON tandems BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'tandem', NEW.id);
END;
CREATE TRIGGER audit_tandems_delete AFTER DELETE ON tandems BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'tandem', OLD.id);
END;

CREATE TRIGGER audit_sessions_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'session', NEW.id);
END;
CREATE TRIGGER audit_sessions_update AFTER UPDATE ON sessions BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'session', NEW.id);
END;
CREATE TRIGGER audit_sessions_delete AFTER DELETE ON sessions BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'session', OLD.id);
END;

CREATE TRIGGER audit_notes_insert AFTER INSERT ON notes BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'note', NEW.id);
END;
CREATE TRIGGER audit_notes_update AFTER UPDATE ON notes BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'note', NEW.id);
END;
CREATE TRIGGER audit_notes_delete AFTER DELETE ON notes BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'note', OLD.id);
END;

CREATE TRIGGER audit_agreements_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'agreement', NEW.id);
END;
CREATE TRIGGER audit_agreements_update AFTER UPDATE ON agreements BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'agreement', NEW.id);
END;
CREATE TRIGGER audit_agreements_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'agreement', OLD.id);
END;

CREATE TRIGGER audit_feedback_insert AFTER INSERT ON feedback_talks BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'feedback_talk', NEW.id);
END;
CREATE TRIGGER audit_feedback_update AFTER UPDATE ON feedback_talks BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'feedback_talk', NEW.id);
END;
CREATE TRIGGER audit_feedback_delete AFTER DELETE ON feedback_talks BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'feedback_talk', OLD.id);
END;

CREATE TRIGGER audit_plans_insert AFTER INSERT ON plans BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'plan', NEW.id);
END;
CREATE TRIGGER audit_plans_update AFTER UPDATE ON plans BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'plan', NEW.id);
END;
CREATE TRIGGER audit_plans_delete AFTER DELETE ON plans BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'plan', OLD.id);
END;

CREATE TRIGGER audit_groups_insert AFTER INSERT ON groups BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'group', NEW.id);
END;
CREATE TRIGGER audit_groups_update AFTER UPDATE ON groups BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'group', NEW.id);
END;
CREATE TRIGGER audit_groups_delete AFTER DELETE ON groups BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'group', OLD.id);
END;

-- An issued document (its register entry) counts as created; revoking or
-- superseding it as changed.
CREATE TRIGGER audit_register_insert AFTER INSERT ON document_register BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'document', NEW.id);
END;
CREATE TRIGGER audit_register_update AFTER UPDATE OF status ON document_register BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'document', NEW.id);
END;
