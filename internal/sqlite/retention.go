package sqlite

import (
	"context"
	"database/sql"
	"time"

	"tandem/internal/domain"
)

// Retention (issue 6, migration 0014): how long finished records are kept,
// which are due, and erasing them on confirmation.

// RetentionPeriods returns the configured periods in display order.
func (db *DB) RetentionPeriods(ctx context.Context) ([]domain.RetentionPeriod, error) {
	list := []domain.RetentionPeriod{}
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = retentionPeriods(ctx, tx)
		return err
	})
	return list, err
}

func retentionPeriods(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]domain.RetentionPeriod, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, months FROM retention_periods`)
	if err != nil {
		return nil, wrapf(err, "read retention periods")
	}
	defer rows.Close()
	months := map[string]int{}
	for rows.Next() {
		var k string
		var m int
		if err := rows.Scan(&k, &m); err != nil {
			return nil, wrapf(err, "read retention periods")
		}
		months[k] = m
	}
	list := []domain.RetentionPeriod{}
	for _, k := range domain.RetentionKinds {
		m := months[k]
		if m == 0 {
			m = 24
		}
		list = append(list, domain.RetentionPeriod{Kind: k, Months: m})
	}
	return list, wrapf(rows.Err(), "read retention periods")
}

// SetRetentionPeriods stores the periods (all valid or nothing changes).
func (db *DB) SetRetentionPeriods(ctx context.Context, in []domain.RetentionPeriod) ([]domain.RetentionPeriod, error) {
	if len(in) == 0 || len(in) > len(domain.RetentionKinds) {
		return nil, domain.Invalid("kind", "retention.kind.invalid")
	}
	for _, p := range in {
		if err := domain.ValidRetention(p); err != nil {
			return nil, err
		}
	}
	var out []domain.RetentionPeriod
	err := db.update(ctx, func(tx *Tx) error {
		for _, p := range in {
			if _, err := tx.ExecContext(ctx, `INSERT INTO retention_periods (kind, months) VALUES (?, ?)
				ON CONFLICT (kind) DO UPDATE SET months = excluded.months`, p.Kind, p.Months); err != nil {
				return wrapf(err, "save retention period")
			}
		}
		if err := tx.audit(ctx, domain.AuditChange, "retention", 0); err != nil {
			return err
		}
		var err error
		out, err = retentionPeriods(ctx, tx)
		return err
	})
	return out, err
}

// retentionDueQuery lists due records; ?1, ?2, ?3 are the cutoff dates for
// tandems, plans and people (YYYY-MM-DD: ended on or before it).
const retentionDueQuery = `
SELECT 'tandem', id, label, ended FROM (
    SELECT t.id, p.first_name || ' ' || p.last_name || ' – ' || r.name AS label,
           CASE WHEN t.status = 'cancelled' THEN min(t.end_date, substr(t.updated_at, 1, 10)) ELSE t.end_date END AS ended
    FROM tandems t JOIN people p ON p.id = t.mentee_id JOIN runs r ON r.id = t.run_id
    WHERE t.status IN ('completed', 'cancelled'))
WHERE ended <= ?1
UNION ALL
SELECT 'plan', id, label, ended FROM (
    SELECT pl.id, p.first_name || ' ' || p.last_name AS label,
           CASE WHEN pl.status = 'cancelled' THEN min(x.last, substr(pl.updated_at, 1, 10)) ELSE x.last END AS ended
    FROM plans pl JOIN people p ON p.id = pl.newcomer_id
    JOIN (SELECT pl2.id, coalesce((SELECT max(due_date) FROM plan_items WHERE plan_id = pl2.id), pl2.start_date) AS last
          FROM plans pl2) x ON x.id = pl.id
    WHERE pl.status IN ('completed', 'cancelled'))
WHERE ended <= ?2
UNION ALL
SELECT 'person', p.id, p.first_name || ' ' || p.last_name, substr(p.archived_at, 1, 10)
FROM people p
WHERE p.archived_at IS NOT NULL AND substr(p.archived_at, 1, 10) <= ?3
  AND NOT EXISTS (SELECT 1 FROM tandems WHERE mentee_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM tandem_mentors WHERE mentor_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM plans WHERE newcomer_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM group_members WHERE person_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM session_attendance WHERE person_id = p.id)
ORDER BY 4, 1, 2`

// RetentionDue lists what has outlived its retention period, oldest first.
func (db *DB) RetentionDue(ctx context.Context) ([]domain.RetentionDue, error) {
	var list []domain.RetentionDue
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = db.retentionDue(ctx, tx)
		return err
	})
	return list, err
}

func (db *DB) retentionDue(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]domain.RetentionDue, error) {
	periods, err := retentionPeriods(ctx, q)
	if err != nil {
		return nil, err
	}
	now := db.Now()
	months := map[string]int{}
	for _, p := range periods {
		months[p.Kind] = p.Months
	}
	cutoff := func(k string) string { return now.AddDate(0, -months[k], 0).Format("2006-01-02") }
	rows, err := q.QueryContext(ctx, retentionDueQuery, cutoff("tandem"), cutoff("plan"), cutoff("person"))
	if err != nil {
		return nil, wrapf(err, "list retention due")
	}
	defer rows.Close()
	list := []domain.RetentionDue{}
	for rows.Next() {
		var d domain.RetentionDue
		if err := rows.Scan(&d.Kind, &d.ID, &d.Label, &d.Ended); err != nil {
			return nil, wrapf(err, "list retention due")
		}
		if t, err := time.Parse("2006-01-02", d.Ended); err == nil {
			d.DueOn = t.AddDate(0, months[d.Kind], 0).Format("2006-01-02")
		}
		list = append(list, d)
	}
	return list, wrapf(rows.Err(), "list retention due")
}

// EraseDue erases the given records, each only if it is still due (checked
// again inside the one transaction), and returns how many were erased.
func (db *DB) EraseDue(ctx context.Context, items []domain.RetentionDue) (int, error) {
	if len(items) == 0 || len(items) > 100000 {
		return 0, domain.Invalid("items", "retention.nothing_selected")
	}
	for _, it := range items {
		if err := domain.ValidRetention(domain.RetentionPeriod{Kind: it.Kind, Months: 1}); err != nil {
			return 0, err
		}
		if err := domain.ValidID(it.ID); err != nil {
			return 0, err
		}
	}
	n := 0
	err := db.update(ctx, func(tx *Tx) error {
		n = 0
		due, err := db.retentionDue(ctx, tx)
		if err != nil {
			return err
		}
		isDue := map[domain.RetentionDue]bool{}
		for _, d := range due {
			isDue[domain.RetentionDue{Kind: d.Kind, ID: d.ID}] = true
		}
		for _, it := range items {
			key := domain.RetentionDue{Kind: it.Kind, ID: it.ID}
			if !isDue[key] {
				continue
			}
			delete(isDue, key) // twice in the list: once
			switch it.Kind {
			case "tandem":
				err = eraseTandem(ctx, tx, it.ID)
			case "plan":
				_, err = tx.ExecContext(ctx, `DELETE FROM plans WHERE id = ?`, it.ID)
				err = wrapf(err, "erase plan %d", it.ID)
			case "person":
				err = erasePerson(ctx, tx, it.ID)
			}
			if err != nil {
				return err
			}
			if it.Kind != "person" { // erasePerson logs itself
				if err := tx.audit(ctx, domain.AuditErase, it.Kind, it.ID); err != nil {
					return err
				}
			}
			n++
		}
		if n == 0 {
			return nil
		}
		return purgeSearchIndex(ctx, tx)
	})
	if err == nil && n > 0 {
		db.checkpoint(ctx)
	}
	return n, err
}
