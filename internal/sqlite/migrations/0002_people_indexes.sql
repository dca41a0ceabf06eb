-- 0002: an index the people list can filter and count from.
-- people_list holds, in list order (sort_key, then id), every column the list
-- filters on, so SQLite matches and counts people from the index alone and
-- reads the row only for those on the page it returns. It starts with
-- sort_key, so it also does everything people_sort did.
CREATE INDEX people_list ON people (sort_key, id, search_key, department_id, archived_at);
DROP INDEX people_sort;
