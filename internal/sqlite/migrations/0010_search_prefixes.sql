-- 0010: the search index gets prefix indexes for every word start of one to
-- twenty letters (0006 had two and three). FTS5 answers a prefix query from
-- a prefix index by reading that one entry newest first and stopping after
-- a few hits; without one it first merges the lists of every word with that
-- start, which took up to 200 ms for a common word start in 400,000 texts.
-- Query words longer than twenty letters are looked up by their first twenty
-- and checked against the text in Go (internal/sqlite/search.go). The index
-- grows about twofold (benchmark: 48 → 101 MB for 400,000 texts).
-- The index is rebuilt from the texts; the triggers of 0006 refer to it by
-- name and stay as they are.

DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5 (
    folded,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20'
);
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 1 + id, tandem_fold(body) FROM search_person_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 3 + id, tandem_fold(body) FROM search_note_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 4 + id, tandem_fold(body) FROM search_agreement_text;
INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 5 + id, tandem_fold(body) FROM search_feedback_text;
