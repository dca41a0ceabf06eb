-- Audit lines for self-assessments and practice projects (issue 6): both
-- hold personal data (a mentee's competency ratings, a course member's
-- project) and are written without touching an audited table. Like 0013:
-- who, when, what, on which record, never content. A self-assessment's
-- levels are part of it (saving one rewrites them and upserts the row,
-- which logs once). A practice project has no id of its own (one per
-- member of a course group): its line names the member's person id.
CREATE TRIGGER audit_self_assessments_insert AFTER INSERT ON self_assessments BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'self_assessment', NEW.id);
END;
CREATE TRIGGER audit_self_assessments_update AFTER UPDATE ON self_assessments BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'self_assessment', NEW.id);
END;
CREATE TRIGGER audit_self_assessments_delete AFTER DELETE ON self_assessments BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'self_assessment', OLD.id);
END;

CREATE TRIGGER audit_practice_projects_insert AFTER INSERT ON practice_projects BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'create', 'practice_project', NEW.person_id);
END;
CREATE TRIGGER audit_practice_projects_update AFTER UPDATE ON practice_projects BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'change', 'practice_project', NEW.person_id);
END;
CREATE TRIGGER audit_practice_projects_delete AFTER DELETE ON practice_projects BEGIN
    INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), tandem_os_user(), 'delete', 'practice_project', OLD.person_id);
END;
