-- 0012: the organisation's document texts (issue 5): the welcome text of
-- the Einarbeitungshandbuch and the wording of the completion confirmation
-- with {{placeholders}}. "" means the German default of internal/documents.

CREATE TABLE document_texts (
    singleton            INTEGER PRIMARY KEY CHECK (singleton = 1),
    welcome_text         TEXT NOT NULL DEFAULT '',
    confirmation_wording TEXT NOT NULL DEFAULT '',
    updated_at           TEXT
);
INSERT INTO document_texts (singleton) VALUES (1);
