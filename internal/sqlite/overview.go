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

// Reminders (issue 4): how far ahead sessions and final talks are listed,
// after how many days without a session a tandem counts as quiet, and how
// many entries each reminder list holds at most.
const (
	ReminderDays     = 14
	QuietDays        = 42
	MaxReminderItems = 50
)

// upcomingQuery lists the sessions from today to ?2, soonest first, at most
// ?3: of every kind, named by the tandem's mentee or the group (hence the
// LEFT JOINs), but none of a cancelled or completed tandem or an archived
// group. It walks sessions_date.
const upcomingQuery = `SELECT coalesce(group_concat(json_array(id, kind, tandem_id, name, date, start_time, place), char(10)
		ORDER BY date, start_time, id), '')
	FROM (SELECT s.id, s.kind, coalesce(s.tandem_id, 0) AS tandem_id,
			coalesce(n.first_name || ' ' || n.last_name, g.name, '') AS name, s.date, s.start_time, s.place
		FROM sessions s LEFT JOIN tandems t ON t.id = s.tandem_id LEFT JOIN people n ON n.id = t.mentee_id
			LEFT JOIN groups g ON g.id = s.group_id
		WHERE s.date BETWEEN ?1 AND ?2 AND (t.id IS NULL OR t.status IN ('planned', 'active')) AND (g.id IS NULL OR g.archived_at IS NULL)
		ORDER BY s.date, s.start_time, s.id LIMIT ?3)`

// overdueAgreementsQuery lists the open agreements due before today, most
// overdue first, at most ?2, none of a cancelled or completed tandem. It
// walks agreements_due (done, due_date). The text is cut to 300 characters.
const overdueAgreementsQuery = `SELECT coalesce(group_concat(json_array(id, session_id, tandem_id, name, text, owner, due_date), char(10)
		ORDER BY due_date, id), '')
	FROM (SELECT a.id, a.session_id, coalesce(s.tandem_id, 0) AS tandem_id,
			coalesce(n.first_name || ' ' || n.last_name, g.name, '') AS name, substr(a.text, 1, 300) AS text,
			coalesce(o.first_name || ' ' || o.last_name, a.owner_name) AS owner, a.due_date
		FROM agreements a JOIN sessions s ON s.id = a.session_id LEFT JOIN tandems t ON t.id = s.tandem_id
		LEFT JOIN people n ON n.id = t.mentee_id LEFT JOIN people o ON o.id = a.owner_id
		LEFT JOIN groups g ON g.id = s.group_id
		WHERE a.done = 0 AND a.due_date < ?1 AND (t.id IS NULL OR t.status IN ('planned', 'active'))
		ORDER BY a.due_date, a.id LIMIT ?2)`

// quietQuery lists the active tandems whose last session up to today (?1)
// – or, without one, their start date – lies before ?2 (today − 42 days),
// quiet longest first, at most ?3. Each last session is one step down
// sessions_tandem (tandem_id, date).
const quietQuery = `SELECT coalesce(group_concat(json_array(id, name, coalesce(last, ''), coalesce(last, start_date)), char(10)
		ORDER BY coalesce(last, start_date), id), '')
	FROM (SELECT * FROM (SELECT t.id, n.first_name || ' ' || n.last_name AS name, t.start_date,
			(SELECT max(s.date) FROM sessions s WHERE s.tandem_id = t.id AND s.date <= ?1) AS last
			FROM tandems t JOIN people n ON n.id = t.mentee_id WHERE t.status = 'active')
		WHERE coalesce(last, start_date) < ?2 ORDER BY coalesce(last, start_date), id LIMIT ?3)`

// finalTalksQuery lists the active tandems without final talk that end by
// ?1 (today + 14 days) – including those past their end – soonest first,
// at most ?2. It walks tandems_status (status, end_date).
const finalTalksQuery = `SELECT coalesce(group_concat(json_array(id, name, end_date), char(10) ORDER BY end_date, id), '')
	FROM (SELECT t.id, n.first_name || ' ' || n.last_name AS name, t.end_date
		FROM tandems t JOIN people n ON n.id = t.mentee_id
		WHERE t.status = 'active' AND t.end_date <= ?1
			AND NOT EXISTS (SELECT 1 FROM feedback_talks f WHERE f.tandem_id = t.id AND f.kind = 'final')
		ORDER BY t.end_date, t.id LIMIT ?2)`

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
//     it, which are still open and must be ended – soonest first;
//
// and the reminders, each list at most MaxReminderItems long:
//
//   - the sessions from today to 14 days ahead (all kinds; none of a
//     cancelled or completed tandem), soonest first;
//   - the open agreements due before today, most overdue first;
//   - the quiet tandems: active ones whose last session up to today – or,
//     without any, their start date – is more than 42 days back (a session
//     planned later does not count), quiet longest first;
//   - the final talks due: active tandems without final talk whose end
//     date is at most 14 days ahead or already past, soonest first.
func (db *DB) Overview(ctx context.Context, today time.Time) (domain.Overview, error) {
	day := domain.Today(today)
	todayISO := domain.FormatDate(day)
	horizon := day.AddDate(0, 0, OverviewDays)
	horizonISO := domain.FormatDate(horizon)

	o := domain.Overview{ActiveTandems: []domain.Tandem{}, OverdueItems: []domain.OverdueItem{},
		ProbationEnds: []domain.ProbationEnd{}, SecondmentsNearEnd: []domain.SecondmentLimit{},
		UpcomingSessions: []domain.UpcomingSession{}, OverdueAgreements: []domain.OverdueAgreement{},
		QuietTandems: []domain.QuietTandem{}, FinalTalksDue: []domain.FinalTalkDue{}}
	reminderISO := domain.FormatDate(day.AddDate(0, 0, ReminderDays))
	quietISO := domain.FormatDate(day.AddDate(0, 0, -QuietDays))
	queries := []string{
		tandemList(` WHERE t.status = 'active'`, `t.end_date, t.id`),
		overdueQuery,
		probationQuery,
		// A secondment is due by the horizon when it ends by then or its
		// six-month limit falls by then, which needs a start at most six
		// months before the day after it (and, for month ends, three days
		// more). The exact test is SecondmentDue's, below.
		tandemList(` WHERE tp.kind = 'secondment' AND t.status IN ('planned', 'active')
			AND (t.end_date <= ?1 OR t.start_date <= ?2)`, `t.end_date, t.id`),
		upcomingQuery,
		overdueAgreementsQuery,
		quietQuery,
		finalTalksQuery,
	}
	stmts := make([]*sql.Stmt, len(queries))
	for i, q := range queries {
		var err error
		if stmts[i], err = db.readStmt(ctx, q); err != nil {
			return o, wrapf(err, "prepare overview")
		}
	}
	latestStart := domain.FormatDate(domain.AddMonths(horizon.AddDate(0, 0, 1), -domain.SecondmentMonths).AddDate(0, 0, 3))
	args := [][]any{nil, {todayISO, MaxOverdueItems}, {todayISO, horizonISO}, {horizonISO, latestStart},
		{todayISO, reminderISO, MaxReminderItems}, {todayISO, MaxReminderItems},
		{todayISO, quietISO, MaxReminderItems}, {reminderISO, MaxReminderItems}}

	var packed [8]string
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
	if err := readReminders(&o, packed[4:], day); err != nil {
		return o, err
	}
	return o, nil
}

// daysFrom counts the days from a to the ISO date b (negative when b is
// earlier); 0 for a broken date.
func daysFrom(a time.Time, b string) int {
	if d, ok := domain.ParseDate(b); ok {
		return domain.DaysBetween(a, d)
	}
	return 0
}

// readReminders unpacks the four reminder lists into o.
func readReminders(o *domain.Overview, packed []string, day time.Time) error {
	var err error
	if o.UpcomingSessions, err = readLines(packed[0], func(r *jsonRow) domain.UpcomingSession {
		s := domain.UpcomingSession{SessionID: r.int(), Kind: r.str(), TandemID: r.int(), Title: r.str(),
			Date: r.str(), StartTime: r.str(), Place: r.str()}
		s.DaysLeft = daysFrom(day, s.Date)
		return s
	}); err != nil {
		return wrapf(err, "read upcoming sessions")
	}
	if o.OverdueAgreements, err = readLines(packed[1], func(r *jsonRow) domain.OverdueAgreement {
		a := domain.OverdueAgreement{AgreementID: r.int(), SessionID: r.int(), TandemID: r.int(), Title: r.str(),
			Text: r.str(), OwnerName: r.str(), DueDate: r.str()}
		a.DaysOverdue = -daysFrom(day, a.DueDate)
		return a
	}); err != nil {
		return wrapf(err, "read overdue agreements")
	}
	if o.QuietTandems, err = readLines(packed[2], func(r *jsonRow) domain.QuietTandem {
		q := domain.QuietTandem{TandemID: r.int(), MenteeName: r.str(), LastSession: r.str(), Since: r.str()}
		q.DaysSince = -daysFrom(day, q.Since)
		return q
	}); err != nil {
		return wrapf(err, "read quiet tandems")
	}
	if o.FinalTalksDue, err = readLines(packed[3], func(r *jsonRow) domain.FinalTalkDue {
		f := domain.FinalTalkDue{TandemID: r.int(), MenteeName: r.str(), EndDate: r.str()}
		f.DaysLeft = daysFrom(day, f.EndDate)
		return f
	}); err != nil {
		return wrapf(err, "read final talks due")
	}
	return nil
}
