package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"tandem/internal/domain"
)

// Queries of the status report. They read counts, dates and ids only:
// no names, notes or other content leave the database for a report.
const (
	// plans running in the period: started by its end, last item due at
	// its beginning or later (a plan without items: started in it).
	reportPlansQuery = `
		SELECT pl.newcomer_id, pl.status,
			count(i.id) FILTER (WHERE i.status <> 'dropped'),
			count(i.id) FILTER (WHERE i.status = 'done')
		FROM plans pl LEFT JOIN plan_items i ON i.plan_id = pl.id
		WHERE pl.status <> 'cancelled' AND pl.start_date <= ?2
		GROUP BY pl.id
		HAVING coalesce(max(i.due_date), pl.start_date) >= ?1`

	reportHandoversQuery = `
		SELECT count(*), coalesce(sum(h.case_count), 0), count(DISTINCT pl.newcomer_id)
		FROM handovers h JOIN plans pl ON pl.id = h.plan_id
		WHERE h.date BETWEEN ?1 AND ?2`

	reportTandemsQuery = `
		SELECT status, count(*), count(DISTINCT mentee_id) FROM tandems
		WHERE start_date <= ?2 AND end_date >= ?1 AND status IN ('active', 'completed', 'cancelled')
		GROUP BY status`

	// a session is about its tandem's mentee and mentors
	reportSessionsQuery = `
		SELECT s.date, t.mentee_id, coalesce((SELECT group_concat(mentor_id) FROM tandem_mentors WHERE tandem_id = t.id), '')
		FROM sessions s JOIN tandems t ON t.id = s.tandem_id
		WHERE s.kind = 'tandem' AND s.date BETWEEN ?1 AND ?2`
)

// StatusReport computes the figures of the Sachstandsbericht for the
// period from–to (ISO, validated with domain.CheckReportPeriod) in one read
// transaction; today bounds "sessions held" and the 12-month retention.
func (db *DB) StatusReport(ctx context.Context, from, to string, today time.Time) (domain.StatusReport, error) {
	r := domain.StatusReport{From: from, To: to, Today: domain.FormatDate(domain.Today(today))}
	if err := domain.CheckReportPeriod(from, to); err != nil {
		return r, err
	}
	queries := []string{reportNewcomersSimple, reportPlansQuery, reportHandoversQuery, reportTandemsQuery, reportSessionsQuery}
	stmts := make([]*sql.Stmt, len(queries))
	for i, q := range queries {
		var err error
		if stmts[i], err = db.readStmt(ctx, q); err != nil {
			return r, wrapf(err, "prepare status report")
		}
	}
	var newcomers, sessions []domain.ReportEvent
	heldUntil := min(to, r.Today)

	err := db.view(ctx, func(tx *sql.Tx) error {
		// newcomers and retention
		rows, err := tx.StmtContext(ctx, stmts[0]).QueryContext(ctx, from, to)
		if err != nil {
			return err
		}
		var base, kept int
		for rows.Next() {
			var id int64
			var start string
			var exit sql.NullString
			if err := rows.Scan(&id, &start, &exit); err != nil {
				rows.Close()
				return err
			}
			r.Newcomers.Value++
			newcomers = append(newcomers, domain.ReportEvent{Date: start, People: []int64{id}})
			st, ok := domain.ParseDate(start)
			if !ok {
				continue
			}
			year := domain.FormatDate(domain.AddMonths(st, 12))
			if year > r.Today {
				continue
			}
			base++
			if !exit.Valid || exit.String >= year {
				kept++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		r.Newcomers.People = r.Newcomers.Value
		r.RetentionBase = domain.PeopleFigure(base)
		r.Retained = domain.PeopleFigure(kept)
		r.RetainedShare = domain.Share{Part: kept, Base: base, People: base}

		// plans and their progress
		rows, err = tx.StmtContext(ctx, stmts[1]).QueryContext(ctx, from, to)
		if err != nil {
			return err
		}
		people, done := map[int64]bool{}, map[int64]bool{}
		var items, itemsDone int
		var buckets [4]map[int64]bool
		for i := range buckets {
			buckets[i] = map[int64]bool{}
		}
		var nPlans, nDone int
		var bucketPlans [4]int
		for rows.Next() {
			var newcomer int64
			var status string
			var total, finished int
			if err := rows.Scan(&newcomer, &status, &total, &finished); err != nil {
				rows.Close()
				return err
			}
			nPlans++
			people[newcomer] = true
			if status == string(domain.PlanCompleted) {
				nDone++
				done[newcomer] = true
			}
			items += total
			itemsDone += finished
			pct := 0
			if total > 0 {
				pct = finished * 100 / total
			}
			b := min(pct/25, 3)
			bucketPlans[b]++
			buckets[b][newcomer] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		r.Plans = domain.Figure{Value: nPlans, People: len(people)}
		r.PlansCompleted = domain.Figure{Value: nDone, People: len(done)}
		r.ItemProgress = domain.Share{Part: itemsDone, Base: items, People: len(people)}
		for i, l := range []string{"0–24 %", "25–49 %", "50–74 %", "75–100 %"} {
			r.ProgressBuckets = append(r.ProgressBuckets, domain.Bucket{Label: l,
				Figure: domain.Figure{Value: bucketPlans[i], People: len(buckets[i])}})
		}

		// handovers
		var handovers, cases, takers int
		if err := tx.StmtContext(ctx, stmts[2]).QueryRowContext(ctx, from, to).Scan(&handovers, &cases, &takers); err != nil {
			return err
		}
		r.Cases = domain.Figure{Value: cases, People: takers}
		r.Handovers = domain.Figure{Value: handovers, People: takers}

		// tandems by status
		rows, err = tx.StmtContext(ctx, stmts[3]).QueryContext(ctx, from, to)
		if err != nil {
			return err
		}
		for rows.Next() {
			var status string
			var n, mentees int
			if err := rows.Scan(&status, &n, &mentees); err != nil {
				rows.Close()
				return err
			}
			f := domain.Figure{Value: n, People: mentees}
			switch domain.TandemStatus(status) {
			case domain.TandemActive:
				r.TandemsActive = f
			case domain.TandemCompleted:
				r.TandemsCompleted = f
			case domain.TandemCancelled:
				r.TandemsCancelled = f
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}

		// sessions held
		if heldUntil < from {
			return nil
		}
		rows, err = tx.StmtContext(ctx, stmts[4]).QueryContext(ctx, from, heldUntil)
		if err != nil {
			return err
		}
		defer rows.Close()
		met := map[int64]bool{} // everyone of the tandems that met
		for rows.Next() {
			var date, mentors string
			var mentee int64
			if err := rows.Scan(&date, &mentee, &mentors); err != nil {
				return err
			}
			e := domain.ReportEvent{Date: date, People: []int64{mentee}}
			for _, m := range strings.Split(mentors, ",") {
				if id, err := strconv.ParseInt(m, 10, 64); err == nil {
					e.People = append(e.People, id)
				}
			}
			for _, p := range e.People {
				met[p] = true
			}
			r.Sessions.Value++
			sessions = append(sessions, e)
		}
		r.Sessions.People = len(met)
		return rows.Err()
	})
	if err != nil {
		return r, wrapf(err, "status report")
	}
	r.NewcomersByPeriod, r.NewcomersGrain = domain.ChartBuckets(from, to, newcomers)
	r.SessionsByPeriod, r.SessionsGrain = domain.ChartBuckets(from, to, sessions)
	return r, nil
}

// reportNewcomersSimple: start and exit date of every newcomer whose start
// falls in the period.
const reportNewcomersSimple = `
	SELECT p.id, COALESCE(p.start_date, n.first_plan) AS start, p.exit_date
	FROM (SELECT newcomer_id AS id, min(start_date) AS first_plan FROM plans GROUP BY newcomer_id) n
	JOIN people p ON p.id = n.id
	WHERE COALESCE(p.start_date, n.first_plan) BETWEEN ?1 AND ?2`
