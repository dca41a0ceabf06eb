package sqlite

import (
	"context"
	"database/sql"
	"sort"
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

// retentionCandidatesQuery lists every finished record that retention can
// apply to: kind, id, label, a plain date (YYYY-MM-DD, the end date or the
// last due date; empty for people) and a UTC timestamp (the time a tandem
// or plan was cancelled, a person archived; else empty). Which are due is
// decided in Go (retentionDue), per record and in local time.
const retentionCandidatesQuery = `
SELECT 'tandem', t.id, p.first_name || ' ' || p.last_name || ' – ' || r.name, t.end_date,
       CASE WHEN t.status = 'cancelled' THEN t.updated_at ELSE '' END
FROM tandems t JOIN people p ON p.id = t.mentee_id JOIN runs r ON r.id = t.run_id
WHERE t.status IN ('completed', 'cancelled')
UNION ALL
SELECT 'plan', pl.id, p.first_name || ' ' || p.last_name,
       coalesce((SELECT max(due_date) FROM plan_items WHERE plan_id = pl.id), pl.start_date),
       CASE WHEN pl.status = 'cancelled' THEN pl.updated_at ELSE '' END
FROM plans pl JOIN people p ON p.id = pl.newcomer_id
WHERE pl.status IN ('completed', 'cancelled')
UNION ALL
SELECT 'person', p.id, p.first_name || ' ' || p.last_name, '', p.archived_at
FROM people p
WHERE p.archived_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM tandems WHERE mentee_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM tandem_mentors WHERE mentor_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM plans WHERE newcomer_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM group_members WHERE person_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM session_attendance WHERE person_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM people o WHERE o.line_manager_id = p.id AND o.archived_at IS NULL)
  AND NOT EXISTS (SELECT 1 FROM plan_items WHERE responsible_id = p.id)`

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

// retentionDue computes for each candidate its end (local date) and the day
// its period ends: the same day months later, or that month's last day
// (domain.AddMonths). It is due when that day is today or earlier, today
// being the local date of db.Now().
func (db *DB) retentionDue(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]domain.RetentionDue, error) {
	periods, err := retentionPeriods(ctx, q)
	if err != nil {
		return nil, err
	}
	now := db.Now()
	today := now.Format(time.DateOnly)
	months := map[string]int{}
	for _, p := range periods {
		months[p.Kind] = p.Months
	}
	rows, err := q.QueryContext(ctx, retentionCandidatesQuery)
	if err != nil {
		return nil, wrapf(err, "list retention due")
	}
	defer rows.Close()
	list := []domain.RetentionDue{}
	for rows.Next() {
		var d domain.RetentionDue
		var date, stamp sql.NullString
		if err := rows.Scan(&d.Kind, &d.ID, &d.Label, &date, &stamp); err != nil {
			return nil, wrapf(err, "list retention due")
		}
		d.Ended = date.String
		if local := localDate(stamp.String, now.Location()); local != "" && (d.Ended == "" || local < d.Ended) {
			d.Ended = local
		}
		ended, err := time.Parse(time.DateOnly, d.Ended)
		if err != nil {
			continue // no valid date: never due by mistake
		}
		d.DueOn = domain.AddMonths(ended, months[d.Kind]).Format(time.DateOnly)
		if d.DueOn <= today {
			list = append(list, d)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapf(err, "list retention due")
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Ended != b.Ended {
			return a.Ended < b.Ended
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.ID < b.ID
	})
	return list, nil
}

// localDate is the date (YYYY-MM-DD) in loc of a stored UTC timestamp
// (RFC 3339); "" if there is none. A timestamp in another form counts by
// its own date.
func localDate(stamp string, loc *time.Location) string {
	if stamp == "" {
		return ""
	}
	if t, err := time.Parse(time.RFC3339, stamp); err == nil {
		return t.In(loc).Format(time.DateOnly)
	}
	if len(stamp) >= 10 {
		if _, err := time.Parse(time.DateOnly, stamp[:10]); err == nil {
			return stamp[:10]
		}
	}
	return ""
}

// maxEraseDue bounds one EraseDue call.
const maxEraseDue = 100000

// EraseDue erases the given records, each only if it is still due (checked
// again inside the one transaction), and returns how many were erased.
func (db *DB) EraseDue(ctx context.Context, items []domain.RetentionDue) (int, error) {
	if len(items) == 0 {
		return 0, domain.Invalid("items", "retention.nothing_selected")
	}
	if len(items) > maxEraseDue {
		return 0, domain.Invalid("items", "retention.too_many", "max", maxEraseDue)
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
				err = erasePlan(ctx, tx, it.ID)
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
		db.afterErasure(ctx)
	}
	return n, err
}
