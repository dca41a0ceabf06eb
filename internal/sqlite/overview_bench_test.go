package sqlite_test

import (
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// seedProgrammes fills db, in one transaction of plain SQL, with 3,100
// people (100 of them mentors), ten runs (eight onboarding, one leadership
// mentoring, one secondment), 3,000 tandems (half of them active) with one
// or two mentors, and one plan of 20 items per tandem: 60,000 items, of
// which thousands are overdue on 01.10.2026.
func seedProgrammes(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	onboarding := progTemplate(tb, db, hildenTemplate())
	leadership := progKindTemplate(tb, db, domain.KindLeadershipMentoring)
	secondment := progKindTemplate(tb, db, domain.KindSecondment)
	w := progWriter(tb, db)
	tx, err := w.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	const now = "2026-01-01T00:00:00Z"
	for _, q := range []string{
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3100)
		INSERT INTO people (id, first_name, last_name, sort_key, search_key, created_at, updated_at)
		SELECT i, 'Vorname' || i, 'Nachname' || i, printf('nachname%05d vorname%d', i, i), 'nachname' || i, ?1, ?1 FROM n`,
		`INSERT INTO person_roles (person_id, role) SELECT id, 'mentor' FROM people WHERE id > 3000`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
		INSERT INTO runs (id, template_id, name, start_date, end_date, created_at, updated_at)
		SELECT i, CASE i WHEN 9 THEN ?3 WHEN 10 THEN ?4 ELSE ?2 END, 'Durchgang ' || i, '2026-01-01', '2027-12-31', ?1, ?1 FROM n`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
		INSERT INTO tandems (id, run_id, mentee_id, status, start_date, end_date, cancel_reason, created_at, updated_at)
		SELECT i, 1 + (i / 10) % 10, i,
			CASE WHEN i % 10 < 5 THEN 'active' WHEN i % 10 < 7 THEN 'planned' WHEN i % 10 < 9 THEN 'completed' ELSE 'cancelled' END,
			date('2026-01-01', '+' || (i % 300) || ' days'), date('2026-01-01', '+' || (i % 300 + 180) || ' days'),
			CASE WHEN i % 10 = 9 THEN 'abgebrochen' ELSE '' END, ?1, ?1 FROM n`,
		`INSERT INTO tandem_mentors (tandem_id, mentor_id, position) SELECT id, 3001 + id % 100, 0 FROM tandems`,
		`INSERT INTO tandem_mentors (tandem_id, mentor_id, position) SELECT id, 3001 + (id + 50) % 100, 1 FROM tandems WHERE id % 3 = 0`,
		`INSERT INTO plans (id, newcomer_id, template_id, tandem_id, start_date, probation_end, status, cancel_reason, created_at, updated_at)
		SELECT id, mentee_id, ?2, id, start_date, date(start_date, '+6 months', '-1 day'),
			CASE WHEN id % 10 = 9 THEN 'cancelled' ELSE 'active' END, CASE WHEN id % 10 = 9 THEN 'abgebrochen' ELSE '' END, ?1, ?1
		FROM tandems`,
		`WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 19)
		INSERT INTO plan_items (plan_id, position, phase, title, description, start_date, due_date, status, created_at, updated_at)
		SELECT p.id, k.j, k.j % 3, 'Thema ' || k.j, 'Beschreibung des Themas ' || k.j,
			date(p.start_date, '+' || (7 * k.j) || ' days'), date(p.start_date, '+' || (7 * k.j + 13) || ' days'),
			CASE WHEN (p.id + k.j) % 20 < 8 THEN 'done' WHEN (p.id + k.j) % 20 = 8 THEN 'dropped'
				WHEN (p.id + k.j) % 20 < 11 THEN 'in_progress' ELSE 'open' END, ?1, ?1
		FROM plans p CROSS JOIN k ORDER BY p.id, k.j`,
		`INSERT INTO handovers (plan_id, date, case_count, from_name, created_at)
		SELECT id, date(start_date, '+60 days'), 1 + id % 5, 'Team', ?1 FROM plans WHERE id % 4 = 0`,
		`ANALYZE`,
	} {
		if _, err := tx.Exec(q, now, onboarding, leadership, secondment); err != nil {
			tb.Fatalf("seed: %v\n%s", err, q)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkOverview measures the overview on 3,000 tandems and 60,000
// plan items. Goal: ≤ 30 ms per overview, reported as ms/op.
func BenchmarkOverview(b *testing.B) {
	db := progOpen(b)
	seedProgrammes(b, db)
	today := time.Date(2026, 10, 1, 9, 0, 0, 0, time.Local)
	b.ResetTimer()
	var o domain.Overview
	for i := 0; i < b.N; i++ {
		var err error
		if o, err = db.Overview(ctx, today); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(o.ActiveTandems) != 1500 || len(o.OverdueItems) != 50 || len(o.ProbationEnds) == 0 || len(o.SecondmentsNearEnd) == 0 ||
		o.ActiveTandems[0].Progress.Total == 0 {
		b.Fatalf("overview: %d active, %d overdue, %d probation, %d secondments",
			len(o.ActiveTandems), len(o.OverdueItems), len(o.ProbationEnds), len(o.SecondmentsNearEnd))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
	b.ReportMetric(float64(len(o.ActiveTandems)), "tandems/op")
}
