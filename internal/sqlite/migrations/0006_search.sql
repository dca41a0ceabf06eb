-- 0006: full-text search over people, tandems, notes, agreements and
-- feedback talks (issue 4). search_index is a contentless FTS5 table: it
-- keeps only the index of the folded words, never a copy of the text, and
-- secure-delete makes a deleted or changed text leave no trace in it.
-- Its rowid says what a row indexes: kind * 2^40 + the record's id, with
-- kind 1 person, 2 tandem, 3 note, 4 agreement, 5 feedback talk, so one
-- kind is a rowid range and a search reads each kind newest first.
-- tandem_fold() is a Go function the program registers with the SQLite
-- driver (internal/sqlite/search.go): lower case, ß as ss, diacritics
-- removed, plus the transcribed spelling (ü as ue) of words with umlauts.
-- The triggers keep the index in the same transaction as every write.

CREATE VIRTUAL TABLE search_index USING fts5 (
    folded,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

-- The text each kind is found by; search.go reads it back to highlight matches.
CREATE VIEW search_person_text (id, body) AS
    SELECT id, first_name || ' ' || last_name || CASE WHEN email <> '' THEN ' ' || email ELSE '' END
    FROM people;
CREATE VIEW search_tandem_text (id, body) AS
    SELECT t.id,
        (SELECT p.first_name || ' ' || p.last_name FROM people p WHERE p.id = t.mentee_id)
        || coalesce((SELECT ' ' || group_concat(p.first_name || ' ' || p.last_name, ' ')
                     FROM (SELECT mentor_id FROM tandem_mentors WHERE tandem_id = t.id ORDER BY position) m
                     JOIN people p ON p.id = m.mentor_id), '')
        || ' ' || (SELECT r.name FROM runs r WHERE r.id = t.run_id)
    FROM tandems t;
CREATE VIEW search_note_text (id, body) AS SELECT id, text FROM notes;
CREATE VIEW search_agreement_text (id, body) AS SELECT id, text FROM agreements;
CREATE VIEW search_feedback_text (id, body) AS
    SELECT f.id, trim(coalesce((SELECT group_concat(v, ' ') FROM (
            SELECT trim(coalesce(j.value ->> 'menteeView', '') || ' ' || coalesce(j.value ->> 'mentorView', '')) AS v
            FROM json_each(f.answers) j ORDER BY j.key) WHERE v <> ''), '')
        || ' ' || f.next_steps)
    FROM feedback_talks f;

-- people
CREATE TRIGGER search_people_ai AFTER INSERT ON people BEGIN
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 1 + id, tandem_fold(body) FROM search_person_text WHERE id = NEW.id;
END;
CREATE TRIGGER search_people_au AFTER UPDATE OF first_name, last_name, email ON people BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 1 + OLD.id;
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 1 + id, tandem_fold(body) FROM search_person_text WHERE id = NEW.id;
    DELETE FROM search_index WHERE rowid IN (
        SELECT 1099511627776 * 2 + id FROM tandems WHERE mentee_id = NEW.id
        UNION SELECT 1099511627776 * 2 + tandem_id FROM tandem_mentors WHERE mentor_id = NEW.id);
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text WHERE id IN (
            SELECT id FROM tandems WHERE mentee_id = NEW.id
            UNION SELECT tandem_id FROM tandem_mentors WHERE mentor_id = NEW.id);
END;
CREATE TRIGGER search_people_ad AFTER DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 1 + OLD.id;
END;

-- tandems: mentee, mentors and run name
CREATE TRIGGER search_tandems_ai AFTER INSERT ON tandems BEGIN
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text WHERE id = NEW.id;
END;
CREATE TRIGGER search_tandems_au AFTER UPDATE OF mentee_id, run_id ON tandems BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 2 + OLD.id;
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text WHERE id = NEW.id;
END;
CREATE TRIGGER search_tandems_ad AFTER DELETE ON tandems BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 2 + OLD.id;
END;
CREATE TRIGGER search_tandem_mentors_ai AFTER INSERT ON tandem_mentors BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 2 + NEW.tandem_id;
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text WHERE id = NEW.tandem_id;
END;
CREATE TRIGGER search_tandem_mentors_ad AFTER DELETE ON tandem_mentors BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 2 + OLD.tandem_id;
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text WHERE id = OLD.tandem_id;
END;
CREATE TRIGGER search_runs_au AFTER UPDATE OF name ON runs BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT 1099511627776 * 2 + id FROM tandems WHERE run_id = NEW.id);
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text
        WHERE id IN (SELECT id FROM tandems WHERE run_id = NEW.id);
END;

-- notes
CREATE TRIGGER search_notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO search_index (rowid, folded) VALUES (1099511627776 * 3 + NEW.id, tandem_fold(NEW.text));
END;
CREATE TRIGGER search_notes_au AFTER UPDATE OF text ON notes BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 3 + OLD.id;
    INSERT INTO search_index (rowid, folded) VALUES (1099511627776 * 3 + NEW.id, tandem_fold(NEW.text));
END;
CREATE TRIGGER search_notes_ad AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 3 + OLD.id;
END;

-- agreements
CREATE TRIGGER search_agreements_ai AFTER INSERT ON agreements BEGIN
    INSERT INTO search_index (rowid, folded) VALUES (1099511627776 * 4 + NEW.id, tandem_fold(NEW.text));
END;
CREATE TRIGGER search_agreements_au AFTER UPDATE OF text ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 4 + OLD.id;
    INSERT INTO search_index (rowid, folded) VALUES (1099511627776 * 4 + NEW.id, tandem_fold(NEW.text));
END;
CREATE TRIGGER search_agreements_ad AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 4 + OLD.id;
END;

-- feedback talks: answers from both perspectives and next steps (not the prompts)
CREATE TRIGGER search_feedback_ai AFTER INSERT ON feedback_talks BEGIN
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 5 + id, tandem_fold(body) FROM search_feedback_text WHERE id = NEW.id;
END;
CREATE TRIGGER search_feedback_au AFTER UPDATE OF answers, next_steps ON feedback_talks BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 5 + OLD.id;
    INSERT INTO search_index (rowid, folded)
        SELECT 1099511627776 * 5 + id, tandem_fold(body) FROM search_feedback_text WHERE id = NEW.id;
END;
CREATE TRIGGER search_feedback_ad AFTER DELETE ON feedback_talks BEGIN
    DELETE FROM search_index WHERE rowid = 1099511627776 * 5 + OLD.id;
END;

-- What is there already.
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 1 + id, tandem_fold(body) FROM search_person_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 3 + id, tandem_fold(body) FROM search_note_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 4 + id, tandem_fold(body) FROM search_agreement_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 5 + id, tandem_fold(body) FROM search_feedback_text;
