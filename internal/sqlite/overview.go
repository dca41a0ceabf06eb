package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"tandem/internal/domain"
)

// OverviewDays is how far ahead the overview looks for probation ends and
// secondment limits.
const OverviewDays = 30

// MaxOverdueItems bounds the overdue items the overview lists.
const MaxOverdueItems = 50

// overdueQuery lists the overdue items of active plans, most overdue first.
// Each status walks the index plan_items_due (status, due_date, id) in
// order and stops after MaxOverdueItems matches; the two short lists are
// merged. (One query over both statuses would have to sort every overdue
// item of every plan.)
var overdueQuery = func() string {
	one := func(status string) string {
		return `SELECT * FROM (SELECT i.plan_id, i.id AS item_id, n.first_name || ' ' || n.last_name AS name,
				i.title, i.due_date
			FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN people n ON n.id = p.newcomer_id
			WHERE i.status = '` + status + `' AND i.due_date < ?1 AND p.status = 'active'
			ORDER BY i.due_date, i.id LIMIT ?2)`
	}
	return `SELECT coalesce(group_concat(json_array(plan_id, item_id, name, title, due_date), char(10)
			ORDER BY due_date, item_id), '')
		FROM (SELECT * FROM (` + one("open") + ` UNION ALL ` + one("in_progress") + `)
			ORDER BY due_date, item_id LIMIT ?2)`
}()

const probationQuery = `SELECT coalesce(group_concat(json_array(p.id, n.first_name || ' ' || n.last_name, p.probation_end),
		char(10) ORDER BY p.probation_end, p.id), '')
	FROM plans p JOIN people n ON n.id = p.newcomer_id
	WHERE p.status = 'active' AND p.probation_end BETWEEN ?1 AND ?2`

// Overview returns what the Übersicht shows on today (its calendar date in
// its own location), read in one transaction:
//
//   - the active tandems with the progress of their plans, ending soonest first;
//   - the overdue items (open or in progress, due before today) of active
//     plans, most overdue first, at most MaxOverdueItems;
//   - the probation ends of active plans from today to 30 days ahead, soonest first;
//   - the planned and active secondments whose six-month limit or end date
//     (the earlier) is at most 30 days ahead – including those already past
//     it, which are still open and must be ended – soonest first.
func (db *DB) Overview(ctx context.Context, today time.Time) (domain.Overview, error) {
	day := domain.Today(today)
	todayISO := domain.FormatDate(day)
	horizon := day.AddDate(0, 0, OverviewDays)
	horizonISO := domain.FormatDate(horizon)

	o := domain.Overview{ActiveTandems: []domain.Tandem{}, OverdueItems: []domain.OverdueItem{},
		ProbationEnds: []domain.ProbationEnd{}, SecondmentsNearEnd: []domain.SecondmentLimit{}}
	queries := []string{
		tandemList(` WHERE t.status = 'active'`, `t.end_date, t.id`),
		overdueQuery,
		probationQuery,
		// A secondment is due by the horizon when it ends by then or its
		// six-month limit falls by then, which needs a start at most six
		// months (and, for month ends, three days) before it. The exact
		// test is SecondmentDue's, below.
		tandemList(` WHERE tp.kind = 'secondment' AND t.status IN ('planned', 'active')
			AND (t.end_date <= ?1 OR t.start_date <= ?2)`, `t.end_date, t.id`),
	}
	stmts := make([]*sql.Stmt, len(queries))
	for i, q := range queries {
		var err error
		if stmts[i], err = db.readStmt(ctx, q); err != nil {
			return o, wrapf(err, "prepare overview")
		}
	}
	latestStart := domain.FormatDate(domain.AddMonths(horizon, -domain.SecondmentMonths).AddDate(0, 0, 3))
	args := [][]any{nil, {todayISO, MaxOverdueItems}, {todayISO, horizonISO}, {horizonISO, latestStart}}

	var packed [4]string
	err := db.view(ctx, func(tx *sql.Tx) error {
		for i, s := range stmts {
			if err := tx.StmtContext(ctx, s).QueryRowContext(ctx, args[i]...).Scan(&packed[i]); err != nil {
				return wrapf(err, "overview query %d", i+1)
			}
		}
		return nil
	})
	if err != nil {
		return o, err
	}

	if o.ActiveTandems, err = readTandems(packed[0]); err != nil {
		return o, wrapf(err, "read active tandems")
	}
	if o.OverdueItems, err = readLines(packed[1], func(r *jsonRow) domain.OverdueItem {
		it := domain.OverdueItem{PlanID: r.int(), ItemID: r.int(), NewcomerName: r.str(), Title: r.str(), DueDate: r.str()}
		if due, ok := domain.ParseDate(it.DueDate); ok {
			it.DaysOverdue = domain.DaysBetween(due, day)
		}
		return it
	}); err != nil {
		return o, wrapf(err, "read overdue items")
	}
	if o.ProbationEnds, err = readLines(packed[2], func(r *jsonRow) domain.ProbationEnd {
		p := domain.ProbationEnd{PlanID: r.int(), NewcomerName: r.str(), Date: r.str()}
		if end, ok := domain.ParseDate(p.Date); ok {
			p.DaysLeft = domain.DaysBetween(day, end)
		}
		return p
	}); err != nil {
		return o, wrapf(err, "read probation ends")
	}
	secondments, err := readTandems(packed[3])
	if err != nil {
		return o, wrapf(err, "read secondments")
	}
	for _, t := range secondments {
		start, ok1 := domain.ParseDate(t.StartDate)
		end, ok2 := domain.ParseDate(t.EndDate)
		if !ok1 || !ok2 {
			continue
		}
		due := domain.SecondmentDue(start, end)
		if due.After(horizon) {
			continue
		}
		o.SecondmentsNearEnd = append(o.SecondmentsNearEnd, domain.SecondmentLimit{
			TandemID: t.ID, PersonName: strings.Join(t.MentorNames, ", "), StartDate: t.StartDate,
			LimitDate: domain.FormatDate(domain.SecondmentLimitDate(start)), EndDate: t.EndDate,
			DaysLeft: domain.DaysBetween(day, due), RunName: t.RunName, MenteeName: t.MenteeName,
			MentorNames: t.MentorNames, Status: t.Status,
		})
	}
	slices.SortStableFunc(o.SecondmentsNearEnd, func(a, b domain.SecondmentLimit) int { return a.DaysLeft - b.DaysLeft })
	return o, nil
}
