-- 0004: indexes for the programme lists and the overview.
-- plan_items_progress lets the progress of a plan (done of all items that
-- are not dropped) be counted from the index alone, for every tandem of a
-- list or of the overview, without reading the items' rows.
CREATE INDEX plan_items_progress ON plan_items (plan_id, status);
-- plans_tandem with the status finds a tandem's current (not cancelled)
-- plan from the index alone.
DROP INDEX plans_tandem;
CREATE INDEX plans_tandem ON plans (tandem_id, status);
